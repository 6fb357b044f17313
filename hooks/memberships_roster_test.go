package hooks_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// setFields changes one membership in Go before the request.
func setFields(id string, fields map[string]any) func(t testing.TB, app core.App) {
	return setRecord("memberships", id, fields)
}

// stored checks fields of one membership after the request ("" = empty).
func stored(id string, want map[string]string) func(t testing.TB, app core.App, _ []byte) {
	return func(t testing.TB, app core.App, _ []byte) {
		m := findOrFail(t, app, "memberships", id)
		for field, v := range want {
			got := m.GetString(field)
			if dt := m.GetDateTime(field); !dt.IsZero() && len(v) == len(time.DateOnly) {
				got = dt.Time().Format(time.DateOnly)
			}
			if got != v {
				t.Errorf("%s = %q, want %q", field, got, v)
			}
		}
	}
}

// TestRosterTransitions is the roster's state machine as each writer sees
// it: active and away go back and forth, both move out as alumni or
// discharged, a manager may correct which of the two, and coming back
// from either goes through an invite (an admin may do it directly).
func TestRosterTransitions(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2 := w.People[tk.ResidentA1].Membership, w.People[tk.ResidentA2].Membership
	away, alum, disch := w.People[tk.AwayA].Membership, w.People[tk.AlumnusA].Membership, w.People[tk.DischargedA].Membership
	url := func(id string) string { return membershipsURL + "/" + id }
	partners := setFields(a1, map[string]any{"partner": w.People[tk.ResidentA2].ID})
	both := func(t testing.TB, app core.App) {
		partners(t, app)
		setFields(a2, map[string]any{"partner": w.People[tk.ResidentA1].ID})(t, app)
		setFields(away, map[string]any{"partner": w.People[tk.ResidentA2].ID})(t, app)
	}
	refused := []string{"memberships"}
	cases := []pinnedCase{
		{name: "active to away with a return date", actor: tk.ManagerA, method: "PATCH", url: url(a2),
			body: map[string]any{"status": "away", "away_until": "2026-11-30"}, status: 200,
			check: stored(a2, map[string]string{"status": "away", "away_until": "2026-11-30"})},
		{name: "back from a pass clears the return date", actor: tk.ManagerA, method: "PATCH", url: url(away),
			prepare: setFields(away, map[string]any{"away_until": "2026-11-25"}),
			body:    map[string]any{"status": "active"}, status: 200,
			check: stored(away, map[string]string{"status": "active", "away_until": ""})},
		{name: "moving out as an alumnus today, house-local", actor: tk.ManagerA, method: "PATCH", url: url(a1),
			at:   time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC), // 21:00 on the 23rd in Los Angeles
			body: map[string]any{"status": "alumni", "exit_reason": "Finished the program"}, status: 200,
			content: []string{`"exit_reason":"Finished the program"`},
			check:   stored(a1, map[string]string{"status": "alumni", "move_out": "2026-11-23", "exit_reason": "Finished the program"})},
		{name: "discharged on a given date", actor: tk.ManagerA, method: "PATCH", url: url(a2),
			body:   map[string]any{"status": "discharged", "move_out": "2026-11-20", "exit_reason": "Used on the premises"},
			status: 200, check: stored(a2, map[string]string{"status": "discharged", "move_out": "2026-11-20"})},
		{name: "moving out ends every partnership with them", actor: tk.ManagerA, method: "PATCH", url: url(a2),
			prepare: both, body: map[string]any{"status": "alumni"}, status: 200,
			check: func(t testing.TB, app core.App, b []byte) {
				for _, id := range []string{a1, a2, away} {
					stored(id, map[string]string{"partner": ""})(t, app, b)
				}
			}},
		{name: "away moves out and is no longer expected back", actor: tk.ManagerA, method: "PATCH", url: url(away),
			prepare: setFields(away, map[string]any{"away_until": "2026-11-25"}),
			body:    map[string]any{"status": "alumni", "move_out": "2026-11-22"}, status: 200,
			check: stored(away, map[string]string{"status": "alumni", "away_until": "", "move_out": "2026-11-22"})},
		{name: "alumnus corrected to discharged", actor: tk.ManagerA, method: "PATCH", url: url(alum),
			body: map[string]any{"status": "discharged"}, status: 200,
			check: stored(alum, map[string]string{"status": "discharged", "move_out": "2026-10-01"})},
		{name: "alumnus back to active by a manager", actor: tk.ManagerA, method: "PATCH", url: url(alum),
			body: map[string]any{"status": "active"}, status: 400,
			content:   []string{fieldErrJSON("status", "validation_use_invite") + "Someone who has moved out comes back with a new invite"},
			unchanged: refused},
		{name: "discharged back to away by a manager", actor: tk.ManagerA, method: "PATCH", url: url(disch),
			body: map[string]any{"status": "away"}, status: 400,
			content: []string{fieldErrJSON("status", "validation_use_invite")}, unchanged: refused},
		{name: "an admin readmits an alumnus directly", actor: tk.Superuser, method: "PATCH", url: url(alum),
			body: map[string]any{"status": "active"}, status: 200, check: stored(alum, map[string]string{"status": "active"})},
		{name: "an admin readmits, later a second move-out is dated that day", actor: tk.ManagerA, method: "PATCH", url: url(alum),
			prepare: func(t testing.TB, app core.App) {
				setFields(alum, map[string]any{"status": hooks.StatusActive})(t, app)
				stored(alum, map[string]string{"move_out": "", "exit_reason": ""})(t, app, nil)
			},
			body: map[string]any{"status": "alumni"}, status: 200,
			check: stored(alum, map[string]string{"status": "alumni", "move_out": "2026-11-23", "exit_reason": ""})},
		{name: "a superuser deleting a place ends every partnership with them", actor: tk.Superuser, method: "DELETE", url: url(a2),
			prepare: both, status: 204, content: []string{}, hidden: []string{"x-no-body"},
			check: func(t testing.TB, app core.App, b []byte) {
				for _, id := range []string{a1, away} {
					stored(id, map[string]string{"partner": ""})(t, app, b)
				}
			}},
		{name: "moving out before moving in", actor: tk.ManagerA, method: "PATCH", url: url(a2),
			prepare: setFields(a2, map[string]any{"move_in": "2026-11-10"}),
			body:    map[string]any{"status": "alumni", "move_out": "2026-11-01"}, status: 400,
			content: []string{fieldErrJSON("move_out", "validation_move_out_before_move_in")}, unchanged: refused},
		{name: "a resident moves themselves out", actor: tk.ResidentA1, method: "PATCH", url: url(a1),
			body: map[string]any{"status": "alumni"}, status: 403, unchanged: refused},
		{name: "a resident marks themselves away", actor: tk.ResidentA1, method: "PATCH", url: url(a1),
			body: map[string]any{"status": "away"}, status: 403, unchanged: refused},
		{name: "a resident moves a housemate out", actor: tk.ResidentA1, method: "PATCH", url: url(a2),
			body: map[string]any{"status": "discharged"}, status: 404, unchanged: refused},
		{name: "another house's manager moves a resident out", actor: tk.ManagerB, method: "PATCH", url: url(a2),
			body: map[string]any{"status": "discharged"}, status: 404, unchanged: refused},
		{name: "the discharged person marks themselves back", actor: tk.DischargedA, method: "PATCH", url: url(disch),
			body: map[string]any{"status": "active"}, status: 404, unchanged: refused},
		{name: "a manager makes a resident a manager", actor: tk.ManagerA, method: "PATCH", url: url(a2),
			body: map[string]any{"role": "manager"}, status: 404, unchanged: refused},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestRosterCapacity: a resident away on a pass keeps their bed; one who
// moves out frees it at once.
func TestRosterCapacity(t *testing.T) {
	w := tk.Seeded(t)
	newResident := map[string]any{"house": w.HouseA, "user": w.People[tk.Newcomer].ID, "role": "resident", "status": "active"}
	full := fillHouse(w.HouseA, 2) // 3 + 2 = the 5 beds of Cedar House, the away resident's included
	cases := []pinnedCase{
		{name: "away residents hold their beds", actor: tk.Superuser, method: "POST", url: membershipsURL, body: newResident,
			prepare: full, status: 400, content: []string{fieldErrJSON("status", "validation_house_full")},
			unchanged: []string{"memberships"}},
		{name: "a move-out frees the bed", actor: tk.Superuser, method: "POST", url: membershipsURL, body: newResident,
			prepare: func(t testing.TB, app core.App) {
				full(t, app)
				setFields(w.People[tk.AwayA].Membership, map[string]any{"status": hooks.StatusAlumni})(t, app)
			}, status: 200, content: []string{`"status":"active"`}},
		{name: "a discharge frees the bed", actor: tk.Superuser, method: "POST", url: membershipsURL, body: newResident,
			prepare: func(t testing.TB, app core.App) {
				full(t, app)
				setFields(w.People[tk.ResidentA1].Membership, map[string]any{"status": hooks.StatusDischarged})(t, app)
			}, status: 200, content: []string{`"status":"active"`}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestDischargeCutsAccess: a resident discharged while signed in, with the
// app open, loses the house on their next request and hears nothing more
// of it through realtime; the housemate next to them still does.
func TestDischargeCutsAccess(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	topics := []string{"users", "memberships", "houses/" + w.HouseA}
	a1 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA1].Token, topics...)
	a2 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, topics...)

	do := func(actor, method, path, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", w.People[actor].Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, string(b)
	}

	if status, _ := do(tk.ResidentA1, "GET", "/api/collections/houses/records/"+w.HouseA, ""); status != 200 {
		t.Fatalf("before the discharge residentA1 sees the house: %d", status)
	}
	if status, body := do(tk.ManagerA, "PATCH", membershipsURL+"/"+w.People[tk.ResidentA1].Membership,
		`{"status":"discharged","exit_reason":"private discharge reason"}`); status != 200 {
		t.Fatalf("discharge: %d %s", status, body)
	}
	a1.Drain(300 * time.Millisecond) // their own membership's change may reach them; nothing after it
	a2.Drain(300 * time.Millisecond)

	for _, path := range []string{
		"/api/collections/houses/records/" + w.HouseA,
		"/api/collections/users/records/" + w.People[tk.ResidentA2].ID,
		membershipsURL + "/" + w.People[tk.ResidentA2].Membership,
	} {
		if status, body := do(tk.ResidentA1, "GET", path, ""); status != 404 {
			t.Errorf("after the discharge GET %s = %d %s, want 404", path, status, body)
		}
	}
	status, body := do(tk.ResidentA1, "GET", membershipsURL+"?skipTotal=1&filter="+
		"house%3D%27"+w.HouseA+"%27", "")
	if status != 200 || strings.Contains(body, w.People[tk.ResidentA2].Membership) || !strings.Contains(body, w.People[tk.ResidentA1].Membership) {
		t.Errorf("after the discharge the roster list = %d %s, want only their own place", status, body)
	}
	if strings.Contains(body, "private discharge reason") {
		t.Errorf("the discharged person sees the reason: %s", body)
	}

	for _, c := range []struct{ method, path, body string }{
		{"PATCH", "/api/collections/houses/records/" + w.HouseA, `{"curfew":"22:30"}`},
		{"PATCH", membershipsURL + "/" + w.People[tk.ResidentA2].Membership, `{"room":"9"}`},
	} {
		if status, body := do(tk.ManagerA, c.method, c.path, c.body); status != 200 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, status, body)
		}
	}
	heardA1, heardA2 := a1.Drain(700*time.Millisecond), a2.Drain(700*time.Millisecond)
	for _, id := range []string{w.HouseA, w.People[tk.ResidentA2].Membership} {
		if heardRecord(heardA1, id) {
			t.Errorf("the discharged resident still heard %s through realtime", id)
		}
		if !heardRecord(heardA2, id) {
			t.Errorf("the housemate did not hear %s: the test proves nothing", id)
		}
	}
}

// TestStalePartnerWriteBack: a copy of a membership loaded before its
// partner moved out cannot bring the partner back when saved.
func TestStalePartnerWriteBack(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	a1 := w.People[tk.ResidentA1].Membership
	setFields(a1, map[string]any{"partner": w.People[tk.ResidentA2].ID})(t, app)
	stale := findOrFail(t, app, "memberships", a1)
	setFields(w.People[tk.ResidentA2].Membership, map[string]any{"status": hooks.StatusAlumni})(t, app)

	stale.Set("room", "12")
	if code := saveErrorCode(app.Save(stale), "partner"); code != "validation_partner_not_housemate" {
		t.Errorf("stale save: partner error %q, want validation_partner_not_housemate", code)
	}
	if got := findOrFail(t, app, "memberships", a1).GetString("partner"); got != "" {
		t.Errorf("the moved-out partner came back: %q", got)
	}
}
