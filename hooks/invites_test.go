package hooks_test

import (
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
	"hearth/hooks"
	tk "hearth/testkit"
)

// inviteNow is the pinned clock of the invite tests: 10:30 on Monday
// 23 November 2026 in Cedar House (Los Angeles).
var inviteNow = time.Date(2026, 11, 23, 18, 30, 0, 0, time.UTC)

const (
	redeemURL = "/api/hearth/invites/redeem"
	lookupURL = "/api/hearth/invites/lookup"
)

// putInvite stores an invite of house A with a known code, as the create
// route would, with the fields given on top.
func putInvite(code string, fields map[string]any) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		canon, ok := domain.NormalizeInviteCode(code)
		if !ok {
			t.Fatalf("bad test code %q", code)
		}
		data := map[string]any{
			"house": tk.Seeded(t).HouseA, "code_hash": domain.InviteCodeHash(canon),
			"role": hooks.RoleResident, "room": "7", "bed": "A", "expires": inviteNow.Add(domain.InviteLifetime),
		}
		for k, v := range fields {
			data[k] = v
		}
		saveOrFail(t, app, "invites", data)
	}
}

// inviteByCode loads the stored invite of a code.
func inviteByCode(t testing.TB, app core.App, code string) *core.Record {
	t.Helper()
	canon, _ := domain.NormalizeInviteCode(code)
	r, err := app.FindFirstRecordByData("invites", "code_hash", domain.InviteCodeHash(canon))
	if err != nil {
		t.Fatalf("no invite for %s: %v", code, err)
	}
	return r
}

// joinedAs checks that the email's account now holds a membership of
// house A with the status and role, moved in on the house-local date of
// inviteNow, and that the invite is marked used by them.
func joinedAs(email, code, role string) func(t testing.TB, app core.App, body []byte) {
	return func(t testing.TB, app core.App, body []byte) {
		user, err := app.FindAuthRecordByEmail("users", email)
		if err != nil {
			t.Fatalf("no account for %s: %v", email, err)
		}
		m := membershipOf(t, app, tk.Seeded(t).HouseA, user.Id)
		if m.GetString("status") != hooks.StatusActive || m.GetString("role") != role {
			t.Errorf("membership = %v, want active %s", fieldsOf(m), role)
		}
		if got := m.GetDateTime("move_in").Time().Format(time.DateOnly); got != "2026-11-23" {
			t.Errorf("move_in = %s, want the house-local day 2026-11-23", got)
		}
		inv := inviteByCode(t, app, code)
		if inv.GetString("used_by") != user.Id || !inv.GetDateTime("used_at").Time().Equal(inviteNow) {
			t.Errorf("invite used_by=%q used_at=%v, want %s at %v", inv.GetString("used_by"), inv.GetDateTime("used_at"), user.Id, inviteNow)
		}
		var res struct {
			Token  string         `json:"token"`
			Record map[string]any `json:"record"`
		}
		if err := json.Unmarshal(body, &res); err != nil || res.Token == "" || res.Record["id"] != user.Id {
			t.Errorf("not an auth response for %s: %s", email, body)
		}
	}
}

func newcomerBody(code string) map[string]any {
	return map[string]any{"code": code, "name": "Nia New", "email": "nia@example.com",
		"password": "a-long-password", "passwordConfirm": "a-long-password"}
}

// attempts checks the wrong-password count of the code's invite.
func attempts(code string, n int, revoked bool) func(t testing.TB, app core.App, _ []byte) {
	return func(t testing.TB, app core.App, _ []byte) {
		inv := inviteByCode(t, app, code)
		if inv.GetInt("failed_attempts") != n || inv.GetBool("revoked") != revoked || inv.GetString("used_by") != "" {
			t.Errorf("invite = %v, want %d wrong passwords, revoked %v, unused", inv.FieldsData(), n, revoked)
		}
	}
}

// TestInviteCreate: only a manager of the house (or an admin) makes an
// invite; the code is shown once and only its hash is kept.
func TestInviteCreate(t *testing.T) {
	w := tk.Seeded(t)
	houseA := "/api/hearth/houses/" + w.HouseA + "/invites"
	made := func(role string) func(t testing.TB, app core.App, body []byte) {
		return func(t testing.TB, app core.App, body []byte) {
			var res struct {
				ID, Code, URL, QR, House, Role, Room, Bed string
				Expires                                   string
			}
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatal(err)
			}
			canon, ok := domain.NormalizeInviteCode(res.Code)
			if !ok || res.Code != domain.FormatInviteCode(canon) {
				t.Fatalf("code %q is not a grouped invite code", res.Code)
			}
			if !strings.HasSuffix(res.URL, "/join#"+res.Code) {
				t.Errorf("url = %q, want .../join#%s", res.URL, res.Code)
			}
			svg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(res.QR, "data:image/svg+xml;base64,"))
			if err != nil || !strings.HasPrefix(string(svg), "<svg") {
				t.Errorf("qr is not an SVG data URL: %.60s", res.QR)
			}
			inv := findOrFail(t, app, "invites", res.ID)
			if inv.GetString("code_hash") != domain.InviteCodeHash(canon) || strings.Contains(dumpCollection(t, app, "invites"), canon) {
				t.Errorf("the invite must keep the code's hash and never the code")
			}
			want := inviteNow.Add(7 * 24 * time.Hour)
			if !inv.GetDateTime("expires").Time().Equal(want) {
				t.Errorf("expires = %v, want %v", inv.GetDateTime("expires"), want)
			}
			if inv.GetString("role") != role || inv.GetString("room") != "2" || inv.GetString("bed") != "B" {
				t.Errorf("stored invite = %v", inv.FieldsData())
			}
		}
	}
	body := map[string]any{"room": " 2 ", "bed": "B"}
	cases := []pinnedCase{
		{name: "managerA makes an invite to A", actor: tk.ManagerA, url: houseA, body: body, status: 200,
			content: []string{`"code":"`, `"url":"http://`, `"qr":"data:image/svg+xml;base64,`, `"role":"resident"`, `"room":"2"`},
			check:   made(hooks.RoleResident)},
		{name: "a link at a network name: no warning", actor: tk.ManagerA, url: houseA, body: body, status: 200,
			content: []string{`"url":"http://example.com/join#`}, hidden: []string{`"loopback"`, `"lan_urls"`}},
		{name: "a link at 127.0.0.1 warns, with the machine's network addresses", actor: tk.ManagerA, url: houseA, body: body,
			prepare: appURL("http://127.0.0.1:8090"), status: 200,
			content: []string{`"url":"http://127.0.0.1:8090/join#`, `"loopback":true`}, check: lanURLs},
		{name: "a link at a .localhost name warns", actor: tk.ManagerA, url: houseA, body: body,
			prepare: appURL("http://hearth.localhost:8090"), status: 200, content: []string{`"loopback":true`}, check: lanURLs},
		{name: "an admin makes a manager invite", actor: tk.Superuser, url: houseA,
			body: map[string]any{"role": "manager", "room": "2", "bed": "B"}, status: 200, check: made(hooks.RoleManager)},
		{name: "managerA may not invite a manager", actor: tk.ManagerA, url: houseA,
			body: map[string]any{"role": "manager"}, status: 403, unchanged: []string{"invites"}},
		{name: "anonymous", actor: tk.Anonymous, url: houseA, body: body, status: 401, unchanged: []string{"invites"}},
		{name: "a resident of A", actor: tk.ResidentA1, url: houseA, body: body, status: 404, unchanged: []string{"invites"}},
		{name: "an alumnus of A", actor: tk.AlumnusA, url: houseA, body: body, status: 404, unchanged: []string{"invites"}},
		{name: "the manager of another house", actor: tk.ManagerB, url: houseA, body: body, status: 404, unchanged: []string{"invites"}},
		{name: "an unknown house", actor: tk.ManagerA, url: "/api/hearth/houses/nosuchhouse1234/invites", body: body,
			status: 404, unchanged: []string{"invites"}},
		{name: "a role that does not exist", actor: tk.Superuser, url: houseA, body: map[string]any{"role": "owner"},
			status: 400, content: []string{`"role":{"code":`}, unchanged: []string{"invites"}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// appURL sets the Application URL invite links are made at.
func appURL(u string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		app.Settings().Meta.AppURL = u
		if err := app.Save(app.Settings()); err != nil {
			t.Fatal(err)
		}
	}
}

// lanURLs checks the addresses offered instead of a loopback link: this
// machine's own network addresses, the same port, path and code.
func lanURLs(t testing.TB, app core.App, body []byte) {
	var res struct {
		Code    string   `json:"code"`
		LANURLs []string `json:"lan_urls"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	own := map[string]bool{}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			own["http://"+n.IP.String()+":8090/join#"+res.Code] = true
		}
	}
	if len(res.LANURLs) != len(own) {
		t.Errorf("lan_urls = %q, want the machine's %d network addresses", res.LANURLs, len(own))
	}
	for _, u := range res.LANURLs {
		if !own[u] {
			t.Errorf("lan_urls holds %q, not one of this machine's addresses with the code", u)
		}
	}
}

// TestInviteRedeem: the life of a code, with the clock pinned.
func TestInviteRedeem(t *testing.T) {
	w := tk.Seeded(t)
	const code = "K7Q2-M9XA-4TRD-P3VW"
	pending := putInvite(code, nil)
	nothingWritten := []string{"users", "memberships", "invites"}
	cases := []pinnedCase{
		{name: "a newcomer redeems a pending code", actor: tk.Anonymous, body: newcomerBody(code), prepare: pending,
			status: 200, content: []string{`"token":"`, `"email":"nia@example.com"`},
			check: joinedAs("nia@example.com", code, hooks.RoleResident)},
		{name: "the code as a person types it", actor: tk.Anonymous, body: newcomerBody(" k7q2 m9xa 4trd p3vw "),
			prepare: pending, status: 200, check: joinedAs("nia@example.com", code, hooks.RoleResident)},
		{name: "an admin's manager invite makes a manager", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: putInvite(code, map[string]any{"role": hooks.RoleManager}), status: 200,
			check: joinedAs("nia@example.com", code, hooks.RoleManager)},
		{name: "a used code", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: putInvite(code, map[string]any{"used_by": w.People[tk.ResidentA2].ID, "used_at": inviteNow.Add(-time.Hour)}),
			status:  400, content: []string{fieldErrJSON("code", "validation_invite_used") + "This code has already been used."},
			unchanged: nothingWritten},
		{name: "a code one second before it expires", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: pending, at: inviteNow.Add(domain.InviteLifetime - time.Second), status: 200,
			content: []string{`"token":"`}},
		{name: "an expired code", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: pending, at: inviteNow.Add(domain.InviteLifetime), status: 400,
			content: []string{fieldErrJSON("code", "validation_invite_expired") + "This code has expired"}, unchanged: nothingWritten},
		{name: "a revoked code", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: putInvite(code, map[string]any{"revoked": true}), status: 400,
			content: []string{fieldErrJSON("code", "validation_invite_revoked")}, unchanged: nothingWritten},
		{name: "an unknown code", actor: tk.Anonymous, body: newcomerBody("ABCD-EFGH-JKMN-PQRS"), prepare: pending,
			status: 400, content: []string{fieldErrJSON("code", "validation_invite_unknown") + "We don't know this code."},
			unchanged: nothingWritten},
		{name: "something that is not a code", actor: tk.Anonymous, body: newcomerBody("'; DROP TABLE invites; --"),
			prepare: pending, status: 400, content: []string{fieldErrJSON("code", "validation_invite_unknown")},
			unchanged: nothingWritten},
		{name: "no name, passwords that differ", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "email": "nia@example.com", "password": "a-long-password", "passwordConfirm": "another-one"},
			status: 400, content: []string{fieldErrJSON("name", "validation_required"),
				fieldErrJSON("passwordConfirm", "validation_password_mismatch")},
			unchanged: nothingWritten},
		{name: "a password that is too short", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "name": "Nia", "email": "nia@example.com", "password": "short", "passwordConfirm": "short"},
			status: 400, content: []string{`"password":{"code":"validation_min_text_constraint"`}, unchanged: nothingWritten},
		{name: "an email that is not one", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "name": "Nia", "email": "nia-at-home", "password": "a-long-password", "passwordConfirm": "a-long-password"},
			status: 400, content: []string{`"email":{"code":"validation_is_email"`}, unchanged: nothingWritten},
		{name: "an existing account with its password joins a second house", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "email": w.People[tk.ResidentB].Email, "password": tk.Password},
			status: 200, check: joinedAs(w.People[tk.ResidentB].Email, code, hooks.RoleResident)},
		{name: "an existing account with the wrong password", actor: tk.Anonymous, prepare: pending,
			body: map[string]any{"code": code, "name": "Someone", "email": w.People[tk.ResidentB].Email,
				"password": "not-their-password", "passwordConfirm": "not-their-password"},
			status: 400, content: []string{fieldErrJSON("password", "validation_existing_account")},
			unchanged: []string{"users", "memberships"}, check: attempts(code, 1, false)},
		{name: "the fifth wrong password cancels the code", actor: tk.Anonymous,
			prepare: putInvite(code, map[string]any{"failed_attempts": 4}),
			body:    map[string]any{"code": code, "email": w.People[tk.ResidentB].Email, "password": "not-their-password"},
			status:  400, content: []string{fieldErrJSON("code", "validation_invite_revoked") + "A wrong password was typed too many times"},
			unchanged: []string{"users", "memberships"}, check: attempts(code, 5, true)},
		{name: "an admin's sign-in rule refuses the account: nothing is spent", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: func(t testing.TB, app core.App) {
				pending(t, app)
				users, _ := app.FindCollectionByNameOrId("users")
				users.AuthRule = types.Pointer("verified = true")
				if err := app.Save(users); err != nil {
					t.Fatal(err)
				}
			},
			status: 403, content: []string{"the code still works"}, unchanged: nothingWritten},
		{name: "a signed-in person redeems with the code alone", actor: tk.ResidentB, prepare: pending,
			body: map[string]any{"code": code}, status: 200, check: joinedAs(w.People[tk.ResidentB].Email, code, hooks.RoleResident)},
		{name: "an alumnus comes back", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "email": w.People[tk.AlumnusA].Email, "password": tk.Password},
			status: 200, check: func(t testing.TB, app core.App, body []byte) {
				joinedAs(w.People[tk.AlumnusA].Email, code, hooks.RoleResident)(t, app, body)
				m := findOrFail(t, app, "memberships", w.People[tk.AlumnusA].Membership)
				if !m.GetDateTime("move_out").IsZero() || m.GetString("exit_reason") != "" || m.GetString("room") != "7" {
					t.Errorf("the returning alumnus still carries the last stay: %v", m.FieldsData())
				}
			}},
		{name: "an alumnus with a partner and a phase comes back without them", actor: tk.Anonymous,
			prepare: func(t testing.TB, app core.App) {
				pending(t, app)
				m := findOrFail(t, app, "memberships", w.People[tk.AlumnusA].Membership)
				m.Set("partner", w.People[tk.ResidentA1].ID) // from before partners were released on move-out
				m.Set("phase", 3)
				m.Set("away_until", "2026-09-01")
				app.SaveNoValidate(m)
			},
			body:   map[string]any{"code": code, "email": w.People[tk.AlumnusA].Email, "password": tk.Password},
			status: 200, check: func(t testing.TB, app core.App, body []byte) {
				m := findOrFail(t, app, "memberships", w.People[tk.AlumnusA].Membership)
				if m.GetString("partner") != "" || m.GetInt("phase") != 0 || m.GetString("exit_reason") != "" ||
					!m.GetDateTime("away_until").IsZero() || !m.GetDateTime("move_out").IsZero() {
					t.Errorf("the returning alumnus carries the last stay: %v", m.FieldsData())
				}
			}},
		{name: "a discharged person comes back", actor: tk.Anonymous, prepare: pending,
			body:   map[string]any{"code": code, "email": w.People[tk.DischargedA].Email, "password": tk.Password},
			status: 200, check: joinedAs(w.People[tk.DischargedA].Email, code, hooks.RoleResident)},
		{name: "someone who already lives there", actor: tk.ResidentA1, prepare: pending, body: map[string]any{"code": code},
			status: 400, content: []string{fieldErrJSON("code", "validation_already_member") + "You already live in Cedar House"},
			unchanged: nothingWritten},
		{name: "away on a pass is still living there", actor: tk.AwayA, prepare: pending, body: map[string]any{"code": code},
			status: 400, content: []string{fieldErrJSON("code", "validation_already_member")}, unchanged: nothingWritten},
		{name: "a full house", actor: tk.Anonymous, body: newcomerBody(code),
			prepare: func(t testing.TB, app core.App) { pending(t, app); fillHouse(w.HouseA, 2)(t, app) },
			status:  400, content: []string{fieldErrJSON("code", "validation_house_full") + "Cedar House is full"},
			unchanged: nothingWritten},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestInviteLookup tells the person about to join which house it is, and
// the same four answers for a code that cannot be used.
func TestInviteLookup(t *testing.T) {
	const code = "K7Q2-M9XA-4TRD-P3VW"
	cases := []pinnedCase{
		{name: "a pending code", actor: tk.Anonymous, url: lookupURL, body: map[string]any{"code": "k7q2m9xa4trdp3vw"},
			prepare: putInvite(code, nil), status: 200,
			content: []string{`"house":{"id":"` + tk.Seeded(t).HouseA + `","name":"Cedar House","timezone":"America/Los_Angeles"}`, `"room":"7"`, `"bed":"A"`},
			hidden:  []string{"code_hash", "capacity", "rules"}, unchanged: []string{"invites"}},
		{name: "a used code", actor: tk.Anonymous, url: lookupURL, body: map[string]any{"code": code},
			prepare: putInvite(code, map[string]any{"used_at": inviteNow}), status: 400,
			content: []string{fieldErrJSON("code", "validation_invite_used")}, hidden: []string{"Cedar House"}},
		{name: "an expired code", actor: tk.Anonymous, url: lookupURL, body: map[string]any{"code": code},
			prepare: putInvite(code, nil), at: inviteNow.Add(8 * 24 * time.Hour), status: 400,
			content: []string{fieldErrJSON("code", "validation_invite_expired")}, hidden: []string{"Cedar House"}},
		{name: "an unknown code", actor: tk.Anonymous, url: lookupURL, body: map[string]any{"code": code}, status: 400,
			content: []string{fieldErrJSON("code", "validation_invite_unknown")}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestInviteRevoke: a manager of the house cancels a pending invite, and
// that is all anyone but an admin may change.
func TestInviteRevoke(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/collections/invites/records/" + w.InviteA
	revoked := func(want bool) func(t testing.TB, app core.App, _ []byte) {
		return func(t testing.TB, app core.App, _ []byte) {
			if got := findOrFail(t, app, "invites", w.InviteA).GetBool("revoked"); got != want {
				t.Errorf("revoked = %v, want %v", got, want)
			}
		}
	}
	usedA := func(t testing.TB, app core.App) {
		r := findOrFail(t, app, "invites", w.InviteA)
		r.Set("used_by", w.People[tk.ResidentA2].ID)
		r.Set("used_at", inviteNow)
		save(t, app, r)
	}
	revokeA := func(t testing.TB, app core.App) {
		r := findOrFail(t, app, "invites", w.InviteA)
		r.Set("revoked", true)
		save(t, app, r)
	}
	cases := []pinnedCase{
		{name: "managerA revokes", actor: tk.ManagerA, method: "PATCH", url: url, body: map[string]any{"revoked": true},
			status: 200, content: []string{`"revoked":true`}, hidden: []string{"code_hash"}, check: revoked(true)},
		{name: "managerA changes the bed", actor: tk.ManagerA, method: "PATCH", url: url, body: map[string]any{"bed": "C"},
			status: 403, unchanged: []string{"invites"}},
		{name: "managerA un-revokes", actor: tk.ManagerA, method: "PATCH", url: url, body: map[string]any{"revoked": false},
			prepare: revokeA, status: 400, unchanged: []string{"invites"}},
		{name: "managerA revokes a used invite", actor: tk.ManagerA, method: "PATCH", url: url, body: map[string]any{"revoked": true},
			prepare: usedA, status: 400, unchanged: []string{"invites"}},
		{name: "managerB", actor: tk.ManagerB, method: "PATCH", url: url, body: map[string]any{"revoked": true},
			status: 404, unchanged: []string{"invites"}},
		{name: "a resident of A", actor: tk.ResidentA1, method: "PATCH", url: url, body: map[string]any{"revoked": true},
			status: 404, unchanged: []string{"invites"}},
		{name: "the revoked code no longer works", actor: tk.Anonymous, body: newcomerBody(tk.InviteCodeA),
			prepare: revokeA, status: 400, content: []string{fieldErrJSON("code", "validation_invite_revoked")},
			unchanged: []string{"users", "memberships", "invites"}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestInviteEndToEnd: a code made through the route, with the clock
// moving, works for its seven days, once.
func TestInviteEndToEnd(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(inviteNow)
	app := tk.NewAppWithClock(t, clock)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	post := func(url, token string, body map[string]any) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+url, bodyJSON(t, body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	status, made := post("/api/hearth/houses/"+w.HouseA+"/invites", w.People[tk.ManagerA].Token, map[string]any{"room": "3"})
	if status != 200 {
		t.Fatalf("create: %d %v", status, made)
	}
	code := made["code"].(string)
	if !strings.HasPrefix(made["url"].(string), srv.URL+"/join#") {
		t.Errorf("url %v is not on this server", made["url"])
	}

	clock.Advance(domain.InviteLifetime - time.Minute)
	if status, out := post(lookupURL, "", map[string]any{"code": code}); status != 200 {
		t.Fatalf("lookup a minute before expiry: %d %v", status, out)
	}
	if status, out := post(redeemURL, "", newcomerBody(code)); status != 200 || out["token"] == "" {
		t.Fatalf("redeem: %d %v", status, out)
	}
	second := newcomerBody(code)
	second["email"] = "someone-else@example.com"
	if status, out := post(redeemURL, "", second); status != 400 || !strings.Contains(toJSON(out), "validation_invite_used") {
		t.Fatalf("second redeem: %d %v", status, out)
	}
	if _, err := app.FindAuthRecordByEmail("users", "someone-else@example.com"); err == nil {
		t.Error("a refused redeem created an account")
	}

	status, made = post("/api/hearth/houses/"+w.HouseA+"/invites", w.People[tk.ManagerA].Token, nil)
	if status != 200 {
		t.Fatalf("second invite: %d %v", status, made)
	}
	clock.Advance(domain.InviteLifetime)
	if status, out := post(redeemURL, "", second); status != 400 || !strings.Contains(toJSON(out), "validation_invite_") {
		t.Fatalf("redeem of the first code again: %d %v", status, out)
	}
	second["code"] = made["code"]
	if status, out := post(redeemURL, "", second); status != 400 || !strings.Contains(toJSON(out), "validation_invite_expired") {
		t.Fatalf("redeem after 7 days: %d %v", status, out)
	}
}

// TestInviteRedeemRace: of many people redeeming one code at the same
// moment, exactly one gets in.
func TestInviteRedeemRace(t *testing.T) {
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(inviteNow))
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	const code = "RACE-RACE-RACE-RACE"
	putInvite(code, nil)(t, app)
	srv := tk.Serve(t, app)

	const n = 8
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Go(func() {
			body := newcomerBody(code)
			body["email"] = "racer" + string(rune('a'+i)) + "@example.com"
			res, err := http.Post(srv.URL+redeemURL, "application/json", bodyJSON(t, body))
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		})
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == 200 {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("%d of %d redeems succeeded (%v), want exactly 1", ok, n, codes)
	}
	var joined int
	app.DB().NewQuery("SELECT COUNT(*) FROM users WHERE email LIKE 'racer%'").Row(&joined)
	if joined != 1 {
		t.Errorf("%d racer accounts exist, want 1 (a refused redeem must create nothing)", joined)
	}
}

// TestInviteRedeemRateLimit: guessing codes is slowed to 10 tries in 5
// minutes from one address.
func TestInviteRedeemRateLimit(t *testing.T) {
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(inviteNow))
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	for i := 1; i <= 11; i++ {
		res, err := http.Post(srv.URL+redeemURL, "application/json", bodyJSON(t, newcomerBody("ABCD-EFGH-JKMN-PQRS")))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		want := 400
		if i == 11 {
			want = 429
		}
		if res.StatusCode != want {
			t.Fatalf("try %d: status %d, want %d", i, res.StatusCode, want)
		}
	}
	var n int
	app.DB().Select("COUNT(*)").From("users").Where(dbx.HashExp{"email": "nia@example.com"}).Row(&n)
	if n != 0 {
		t.Error("a refused redeem created an account")
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestInviteStaleRevokeKeepsRedemption: a revoke loaded before the code
// was redeemed cannot erase who used it.
func TestInviteStaleRevokeKeepsRedemption(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	stale := findOrFail(t, app, "invites", w.InviteA)
	fresh := findOrFail(t, app, "invites", w.InviteA)
	fresh.Set("used_by", w.People[tk.Newcomer].ID)
	fresh.Set("used_at", inviteNow)
	save(t, app, fresh)

	stale.Set("revoked", true)
	if code := saveErrorCode(app.Save(stale), "revoked"); code != "validation_invite_used" {
		t.Errorf("stale revoke: error code %q, want validation_invite_used", code)
	}
	if got := findOrFail(t, app, "invites", w.InviteA); got.GetString("used_by") != w.People[tk.Newcomer].ID {
		t.Errorf("the redemption was erased: %v", got.FieldsData())
	}
}
