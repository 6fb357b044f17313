package hooks_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// passNow is the fake clock of the passes' tests: Wednesday 2026-12-09
// 10:00 in Los Angeles (house A).
const passNow = "2026-12-09T18:00:00Z"

func passFactory(tb testing.TB) *tests.TestApp {
	return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(utc(passNow)))
}

// passA2 is the id of the pass prepared for residentA2.
const passA2 = "passa2waiting00"

// withPass prepares residentA2's pass in house A: status, from and to
// (house-local days), decided by managerA unless it is requested.
func withPass(status, from, to string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		t.Helper()
		w := tk.Seeded(t)
		data := map[string]any{"id": passA2, "house": w.HouseA, "user": w.People[tk.ResidentA2].ID,
			"starts": from, "ends": to, "destination": "My aunt's in Oakland", "phone": "510-555-0199",
			"note": "Family dinner", "status": status}
		if status != hooks.PassRequested {
			data["decided_by"] = w.People[tk.ManagerA].ID
		}
		if status == hooks.PassDeclined {
			data["reason"] = "The house meeting is that Sunday."
		}
		saveOrFail(t, app, "passes", data)
	}
}

// passBody is a pass request of residentA2 (or as user) in house A.
func passBody(w *tk.World, user string, extra map[string]any) map[string]any {
	b := map[string]any{"house": w.HouseA, "user": user, "starts": "2026-12-12", "ends": "2026-12-14",
		"destination": "My aunt's in Oakland", "phone": "(510) 555-0199", "note": "Family dinner"}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// passCase is one request about a pass, as an actor, on the fake clock.
type passCase struct {
	name     string
	actor    string
	method   string
	url      string
	body     any
	raw      string // a raw JSON body, instead of body
	prepare  func(t testing.TB, app core.App)
	status   int
	want     []string
	notWant  []string
	after    func(t testing.TB, app *tests.TestApp)
	keepData bool // a refused write: check no pass changed
}

func (c passCase) run(t *testing.T, w *tk.World) {
	t.Helper()
	method := c.method
	if method == "" {
		method = http.MethodPost
	}
	url := c.url
	if url == "" {
		url = "/api/collections/passes/records"
	}
	s := tests.ApiScenario{
		Name: c.name, Method: method, URL: url,
		Headers:        map[string]string{"Content-Type": "application/json"},
		TestAppFactory: passFactory, ExpectedStatus: c.status,
		ExpectedContent: c.want, NotExpectedContent: c.notWant,
	}
	if len(s.ExpectedContent) == 0 {
		s.ExpectedContent = []string{"{"}
	}
	for k, v := range w.Headers(c.actor) {
		s.Headers[k] = v
	}
	switch {
	case c.raw != "":
		s.Body = strings.NewReader(c.raw)
	case c.body != nil:
		s.Body = bodyJSON(t, c.body)
	}
	if c.prepare != nil {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { c.prepare(t, app) }
	}
	if c.after != nil {
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) { c.after(t, app) }
	}
	if c.keepData {
		expectUnchanged(&s, "passes")
	}
	s.Test(t)
}

// passNotes are the notifications of a kind the person has.
func passNotes(t testing.TB, app core.App, user, kind string) []*core.Record {
	t.Helper()
	notes, err := app.FindAllRecords("notifications", dbx.HashExp{"user": user, "kind": kind})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		// Where and the phone number there never reach a notification.
		text := n.GetString("title") + n.GetString("body") + n.GetString("params")
		if strings.Contains(text, "Oakland") || strings.Contains(text, "555-0199") {
			t.Errorf("a %s notification carries where or the phone: %s", kind, text)
		}
	}
	return notes
}

func wantNotes(t testing.TB, app core.App, who, user, kind string, n int) {
	t.Helper()
	if got := len(passNotes(t, app, user, kind)); got != n {
		t.Errorf("%s has %d %s notifications, want %d", who, got, kind, n)
	}
}

func wantMembership(t testing.TB, app core.App, house, user, status, awayUntil string) {
	t.Helper()
	m := membershipOf(t, app, house, user)
	if got, until := m.GetString("status"), m.GetString("away_until"); got != status || !strings.HasPrefix(until, awayUntil) || (awayUntil == "" && until != "") {
		t.Errorf("membership is %s until %q, want %s until %q", got, until, status, awayUntil)
	}
}

// TestPassCreate: a resident asks for a pass for themselves, in plain
// words when something is off; nobody else asks, for anyone.
func TestPassCreate(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2, manager := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID
	refused := func(name, actor, user string) passCase {
		return passCase{name: name, actor: actor, body: passBody(w, user, nil), status: 400, keepData: true}
	}
	fieldRefusal := func(name string, extra map[string]any, field, code string) passCase {
		return passCase{name: name, actor: tk.ResidentA2, body: passBody(w, a2, extra), status: 400,
			want: []string{fieldErrJSON(field, code)}, keepData: true}
	}
	cases := []passCase{
		{name: "a resident asks for themselves: requested, whatever the body says of the decision", actor: tk.ResidentA2,
			body:   passBody(w, a2, map[string]any{"status": "approved", "decided_by": manager, "decided_at": "2026-12-09", "reason": "ok"}),
			status: 200,
			want: []string{`"status":"requested"`, `"decided_by":""`, `"decided_at":""`, `"reason":""`,
				`"starts":"2026-12-12 00:00:00.000Z"`, `"ends":"2026-12-14 00:00:00.000Z"`},
			after: func(t testing.TB, app *tests.TestApp) {
				wantNotes(t, app, "managerA", manager, "pass_requested", 1)
				wantNotes(t, app, "residentA2", a2, "pass_requested", 0)
				wantNotes(t, app, "managerB", w.People[tk.ManagerB].ID, "pass_requested", 0)
				wantMembership(t, app, w.HouseA, a2, hooks.StatusActive, "")
			}},
		{name: "a resident away on a pass asks for the next one", actor: tk.AwayA,
			body: passBody(w, w.People[tk.AwayA].ID, nil), status: 200, want: []string{`"status":"requested"`}},
		{name: "a pass from today is fine (house-local today)", actor: tk.ResidentA2,
			body: passBody(w, a2, map[string]any{"starts": "2026-12-09", "ends": "2026-12-09"}), status: 200},
		{name: "a day sent with a time of day is kept as the day", actor: tk.ResidentA2,
			body:   passBody(w, a2, map[string]any{"starts": "2026-12-12 17:30:00.000Z", "ends": "2026-12-14 23:00:00.000Z"}),
			status: 200, want: []string{`"starts":"2026-12-12 00:00:00.000Z"`, `"ends":"2026-12-14 00:00:00.000Z"`}},
		{name: "30 days is the longest", actor: tk.ResidentA2,
			body: passBody(w, a2, map[string]any{"starts": "2026-12-10", "ends": "2027-01-08"}), status: 200},
		{name: "the day after the other pass ends is fine", actor: tk.ResidentA2, prepare: withPass(hooks.PassApproved, "2026-12-10", "2026-12-11"),
			body: passBody(w, a2, nil), status: 200},
		{name: "a superuser records one for a resident", actor: tk.Superuser, body: passBody(w, a1, nil), status: 200},
		{name: "the status+ modifier does not approve it", actor: tk.ResidentA2,
			body: passBody(w, a2, map[string]any{"status+": "approved"}), status: 200, want: []string{`"status":"requested"`}},

		refused("for a housemate", tk.ResidentA2, a1),
		refused("a manager for a resident", tk.ManagerA, a2),
		refused("a manager for themselves", tk.ManagerA, manager),
		refused("an alumnus for themselves", tk.AlumnusA, w.People[tk.AlumnusA].ID),
		refused("someone discharged from the house", tk.DischargedA, w.People[tk.DischargedA].ID),
		refused("a resident of another house", tk.ResidentB, w.People[tk.ResidentB].ID),
		refused("another house's manager", tk.ManagerB, a2),
		refused("an account with no house", tk.Newcomer, w.People[tk.Newcomer].ID),
		refused("anonymous", tk.Anonymous, a2),
		{name: "a superuser for a manager", actor: tk.Superuser, body: passBody(w, manager, nil), status: 400,
			want: []string{fieldErrJSON("user", "validation_pass_not_resident")}, keepData: true},
		{name: "a repeated user key naming someone else last", actor: tk.ResidentA1,
			raw:    `{"house":"` + w.HouseA + `","user":"` + a1 + `","user":"` + a2 + `","starts":"2026-12-12","ends":"2026-12-14","destination":"x","phone":"555-123-4567"}`,
			status: 400, keepData: true},

		fieldRefusal("the last day before the first", map[string]any{"starts": "2026-12-14", "ends": "2026-12-12"}, "ends", "validation_pass_ends_before_starts"),
		fieldRefusal("starting yesterday", map[string]any{"starts": "2026-12-08"}, "starts", "validation_pass_starts_past"),
		fieldRefusal("31 days", map[string]any{"starts": "2026-12-10", "ends": "2027-01-09"}, "ends", "validation_pass_too_long"),
		fieldRefusal("more than a year ahead", map[string]any{"starts": "2028-01-10", "ends": "2028-01-12"}, "starts", "validation_pass_too_far"),
		fieldRefusal("no phone number", map[string]any{"phone": ""}, "phone", "validation_required"),
		fieldRefusal("words for a phone number", map[string]any{"phone": "call my aunt"}, "phone", "validation_pass_phone"),
		fieldRefusal("too few digits", map[string]any{"phone": "555-12"}, "phone", "validation_pass_phone"),
		fieldRefusal("no place", map[string]any{"destination": ""}, "destination", "validation_required"),
		fieldRefusal("a place of spaces", map[string]any{"destination": "   "}, "destination", "validation_pass_destination"),
		{name: "overlapping a pass asked for", actor: tk.ResidentA2, prepare: withPass(hooks.PassRequested, "2026-12-14", "2026-12-15"),
			body: passBody(w, a2, nil), status: 400, want: []string{fieldErrJSON("starts", "validation_pass_overlap"), "2026-12-14 to 2026-12-15"}, keepData: true},
		{name: "overlapping an approved pass", actor: tk.ResidentA2, prepare: withPass(hooks.PassApproved, "2026-12-10", "2026-12-12"),
			body: passBody(w, a2, nil), status: 400, want: []string{fieldErrJSON("starts", "validation_pass_overlap")}, keepData: true},
		{name: "a declined pass on the same days is no obstacle", actor: tk.ResidentA2, prepare: withPass(hooks.PassDeclined, "2026-12-12", "2026-12-14"),
			body: passBody(w, a2, nil), status: 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, w) })
	}
}

// TestPassCreateMultipart: a multipart form is read as a JSON body is: a
// pass for someone else is refused, one's own is requested.
func TestPassCreateMultipart(t *testing.T) {
	w := tk.Seeded(t)
	form := func(user, status string) (*bytes.Buffer, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range map[string]string{"house": w.HouseA, "user": user, "starts": "2026-12-12", "ends": "2026-12-14",
			"destination": "Oakland", "phone": "510-555-0100", "status": status} {
			_ = mw.WriteField(k, v)
		}
		_ = mw.Close()
		return &buf, mw.FormDataContentType()
	}
	for _, c := range []struct {
		name, user string
		status     int
		want       string
	}{
		{"for someone else", w.People[tk.ResidentA1].ID, 400, `"status":400`},
		{"for oneself, approved in the form", w.People[tk.ResidentA2].ID, 200, `"status":"requested"`},
	} {
		body, ctype := form(c.user, "approved")
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/collections/passes/records", Body: body,
			Headers:        map[string]string{"Authorization": w.People[tk.ResidentA2].Token, "Content-Type": ctype},
			TestAppFactory: passFactory, ExpectedStatus: c.status, ExpectedContent: []string{c.want},
		}
		s.Test(t)
	}
}

// TestPassUpdate: the resident only cancels; a manager of the house
// approves, declines with a reason, or ends an approved pass; the server
// says who decided; what follows (notifications, the membership) happens
// with it.
func TestPassUpdate(t *testing.T) {
	w := tk.Seeded(t)
	a2, manager := w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID
	url := "/api/collections/passes/records/" + passA2
	requested := withPass(hooks.PassRequested, "2026-12-12", "2026-12-14")
	upd := func(name, actor string, prepare func(testing.TB, core.App), body map[string]any, status int, want ...string) passCase {
		c := passCase{name: name, actor: actor, method: http.MethodPatch, url: url, prepare: prepare, body: body, status: status, want: want}
		if status != 200 {
			c.keepData = true
		}
		return c
	}
	hidden := func(name, actor string) passCase {
		return upd(name, actor, requested, map[string]any{"status": "approved"}, 404)
	}
	fieldRefusal := func(name, actor string, prepare func(testing.TB, core.App), body map[string]any, field, code string) passCase {
		return upd(name, actor, prepare, body, 400, fieldErrJSON(field, code))
	}
	cases := []passCase{
		// The resident.
		func() passCase {
			c := upd("the resident cancels a pass asked for; the managers are told", tk.ResidentA2, requested,
				map[string]any{"status": "cancelled", "decided_by": a2}, 200, `"status":"cancelled"`, `"decided_by":""`)
			c.after = func(t testing.TB, app *tests.TestApp) { wantNotes(t, app, "managerA", manager, "pass_cancelled", 1) }
			return c
		}(),
		upd("the resident cancels an approved pass before it starts", tk.ResidentA2, withPass(hooks.PassApproved, "2026-12-12", "2026-12-14"),
			map[string]any{"status": "cancelled"}, 200, `"status":"cancelled"`, `"decided_by":"`+manager+`"`),
		fieldRefusal("the resident approves their own", tk.ResidentA2, requested, map[string]any{"status": "approved"}, "status", "validation_pass_cancel_only"),
		fieldRefusal("the resident changes the days", tk.ResidentA2, requested, map[string]any{"ends": "2026-12-15"}, "ends", "validation_pass_cancel_only"),
		fieldRefusal("the resident writes the reason", tk.ResidentA2, requested, map[string]any{"reason": "self-approved"}, "reason", "validation_pass_cancel_only"),
		fieldRefusal("the resident gives it to a housemate", tk.ResidentA2, requested, map[string]any{"user": w.People[tk.ResidentA1].ID}, "user", "validation_pass_fixed"),
		fieldRefusal("the resident cancels a declined pass", tk.ResidentA2, withPass(hooks.PassDeclined, "2026-12-12", "2026-12-14"),
			map[string]any{"status": "cancelled"}, "status", "validation_pass_closed"),
		fieldRefusal("the resident cancels a pass that is over", tk.ResidentA2,
			func(t testing.TB, app core.App) {
				withPass(hooks.PassApproved, "2026-12-12", "2026-12-14")(t, app)
				r := findOrFail(t, app, "passes", passA2)
				r.Set("starts", "2026-12-01")
				r.Set("ends", "2026-12-03")
				if err := app.SaveNoValidate(r); err != nil {
					t.Fatal(err)
				}
			}, map[string]any{"status": "cancelled"}, "status", "validation_pass_over"),

		// A manager of the house.
		func() passCase {
			c := upd("a manager approves: the server says who and when; the resident is told", tk.ManagerA, requested,
				map[string]any{"status": "approved", "decided_by": w.People[tk.ResidentA1].ID, "decided_at": "2020-01-01"}, 200,
				`"status":"approved"`, `"decided_by":"`+manager+`"`, `"decided_at":"2026-12-09 18:00:00.000Z"`)
			c.after = func(t testing.TB, app *tests.TestApp) {
				wantNotes(t, app, "residentA2", a2, "pass_decided", 1)
				wantMembership(t, app, w.HouseA, a2, hooks.StatusActive, "") // it starts on Saturday
			}
			return c
		}(),
		func() passCase {
			c := upd("a manager approves a pass starting today: away at once", tk.ManagerA, withPass(hooks.PassRequested, "2026-12-09", "2026-12-11"),
				map[string]any{"status": "approved"}, 200, `"status":"approved"`)
			c.after = func(t testing.TB, app *tests.TestApp) {
				wantMembership(t, app, w.HouseA, a2, hooks.StatusAway, "2026-12-11")
			}
			return c
		}(),
		func() passCase {
			c := upd("a manager declines with a reason; the resident reads it", tk.ManagerA, requested,
				map[string]any{"status": "declined", "reason": "The house meeting is that Sunday."}, 200,
				`"status":"declined"`, `"decided_by":"`+manager+`"`)
			c.after = func(t testing.TB, app *tests.TestApp) {
				notes := passNotes(t, app, a2, "pass_decided")
				if len(notes) != 1 || notes[0].GetString("body") != "The house meeting is that Sunday." {
					t.Errorf("the resident's notes: %v", notes)
				}
			}
			return c
		}(),
		fieldRefusal("a manager declines without a reason", tk.ManagerA, requested, map[string]any{"status": "declined"}, "reason", "validation_pass_reason_required"),
		fieldRefusal("a manager declines with spaces", tk.ManagerA, requested, map[string]any{"status": "declined", "reason": "  "}, "reason", "validation_pass_reason_required"),
		fieldRefusal("a manager changes where", tk.ManagerA, requested, map[string]any{"status": "approved", "destination": "Reno"}, "destination", "validation_pass_resident_fields"),
		fieldRefusal("a manager changes the days", tk.ManagerA, requested, map[string]any{"starts": "2026-12-13"}, "starts", "validation_pass_resident_fields"),
		fieldRefusal("a manager moves it to another house", tk.ManagerA, requested, map[string]any{"house": w.HouseB}, "house", "validation_pass_fixed"),
		fieldRefusal("a manager cancels a pass asked for", tk.ManagerA, requested, map[string]any{"status": "cancelled"}, "status", "validation_pass_decide"),
		fieldRefusal("a manager approves a declined pass", tk.ManagerA, withPass(hooks.PassDeclined, "2026-12-12", "2026-12-14"),
			map[string]any{"status": "approved"}, "status", "validation_pass_closed"),
		fieldRefusal("a manager rewrites a decision's reason", tk.ManagerA, withPass(hooks.PassDeclined, "2026-12-12", "2026-12-14"),
			map[string]any{"reason": "Other words"}, "reason", "validation_pass_decided"),
		upd("a superuser approves", tk.Superuser, requested, map[string]any{"status": "approved"}, 200, `"status":"approved"`),

		// Nobody else finds it.
		hidden("a housemate", tk.ResidentA1),
		hidden("a resident away", tk.AwayA),
		hidden("an alumnus", tk.AlumnusA),
		hidden("someone discharged", tk.DischargedA),
		hidden("a resident of another house", tk.ResidentB),
		hidden("another house's manager", tk.ManagerB),
		hidden("an account with no house", tk.Newcomer),
		hidden("anonymous", tk.Anonymous),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, w) })
	}
}

// TestPassCancelRunning: cancelling an approved pass that has started
// brings the resident back at once, whoever cancels; the resident is
// told when a manager does.
func TestPassCancelRunning(t *testing.T) {
	w := tk.Seeded(t)
	a2 := w.People[tk.ResidentA2].ID
	running := func(t testing.TB, app core.App) {
		withPass(hooks.PassRequested, "2026-12-09", "2026-12-11")(t, app)
		r := findOrFail(t, app, "passes", passA2)
		r.Set("status", hooks.PassApproved)
		save(t, app, r)
		m := membershipOf(t, app, w.HouseA, a2)
		m.Set("status", hooks.StatusAway)
		m.Set("away_until", "2026-12-11")
		save(t, app, m)
	}
	for _, c := range []struct {
		actor    string
		toldUser int
	}{{tk.ResidentA2, 0}, {tk.ManagerA, 1}} {
		passCase{name: c.actor + " ends a running pass", actor: c.actor, method: http.MethodPatch,
			url: "/api/collections/passes/records/" + passA2, prepare: running,
			body: map[string]any{"status": "cancelled"}, status: 200, want: []string{`"status":"cancelled"`},
			after: func(t testing.TB, app *tests.TestApp) {
				wantMembership(t, app, w.HouseA, a2, hooks.StatusActive, "")
				wantNotes(t, app, "residentA2", a2, "pass_cancelled", c.toldUser)
			}}.run(t, w)
	}
}

// TestPassProbes: a filter or sort that reaches passes through a
// relation is refused, and a housemate's filter finds nothing.
func TestPassProbes(t *testing.T) {
	w := tk.Seeded(t)
	for _, c := range []passCase{
		{name: "users filtered by their passes' place", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/users/records?filter=" + urlQuery("passes_via_user.destination ~ 'Fresno'"), status: 400},
		{name: "users sorted by their passes' phone", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/users/records?sort=passes_via_user.phone", status: 400},
		{name: "houses filtered by their passes", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/houses/records?filter=" + urlQuery("passes_via_house.phone != ''"), status: 400},
		{name: "a housemate's filter on a pass's place", actor: tk.ResidentA2, method: http.MethodGet,
			url:    "/api/collections/passes/records?filter=" + urlQuery("destination ~ 'Fresno'"),
			status: 200, want: []string{`"items":[]`}},
		{name: "a partner sees none of the resident's passes", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/passes/records?filter=" + urlQuery("house = '"+w.HouseA+"'") + "&skipTotal=1",
			prepare: func(t testing.TB, app core.App) {
				m := membershipOf(t, app, w.HouseA, w.People[tk.ResidentA1].ID)
				m.Set("partner", w.People[tk.ResidentA2].ID)
				save(t, app, m)
			},
			status: 200, want: []string{`"items":[]`}},
		{name: "the resident's list with the house filter", actor: tk.ResidentA1, method: http.MethodGet,
			url:    "/api/collections/passes/records?filter=" + urlQuery("house = '"+w.HouseA+"'") + "&skipTotal=1",
			status: 200, want: []string{`"id":"` + w.PassA1 + `"`, `"destination":"My sister's in Fresno"`}},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, w) })
	}
}

// urlQuery escapes a filter for a URL.
func urlQuery(s string) string { return url.QueryEscape(s) }

// TestPassAttention: a pass asked for puts the resident in the managers'
// "Needs you now" (pass_requested, with the pass), after the more urgent
// reasons; once decided it leaves.
func TestPassAttention(t *testing.T) {
	w := tk.Seeded(t)
	a2 := w.People[tk.ResidentA2].ID
	url := "/api/hearth/houses/" + w.HouseA + "/status"
	for _, c := range []passCase{
		{name: "asked for: pass_requested", actor: tk.ManagerA, method: http.MethodGet, url: url,
			prepare: withPass(hooks.PassRequested, "2026-12-12", "2026-12-14"), status: 200,
			// After the more urgent not_home (last night's curfew, in the world).
			want: []string{`"user":"` + a2 + `","name":"residentA2","reasons":["not_home","pass_requested"],"pass":"` + passA2 + `"`}},
		{name: "approved: gone", actor: tk.ManagerA, method: http.MethodGet, url: url,
			prepare: withPass(hooks.PassApproved, "2026-12-12", "2026-12-14"), status: 200,
			notWant: []string{`pass_requested`}},
		// A request never decided whose days are over can no longer be
		// approved: it waits for nobody.
		{name: "asked for, days over: gone", actor: tk.ManagerA, method: http.MethodGet, url: url,
			prepare: func(t testing.TB, app core.App) {
				withPass(hooks.PassRequested, "2026-12-12", "2026-12-14")(t, app)
				// The days moved into the past as time would have moved them
				// (a save refuses a pass that starts in the past).
				if _, err := app.DB().NewQuery(`UPDATE passes SET starts = '2026-11-01 00:00:00.000Z',
					ends = '2026-11-03 00:00:00.000Z' WHERE id = {:id}`).Bind(dbx.Params{"id": passA2}).Execute(); err != nil {
					t.Fatal(err)
				}
			}, status: 200,
			notWant: []string{`pass_requested`}},
		{name: "another house's manager does not see the house", actor: tk.ManagerB, method: http.MethodGet, url: url,
			prepare: withPass(hooks.PassRequested, "2026-12-12", "2026-12-14"), status: 404},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, w) })
	}
}

// TestPassJobs: the sweep makes an approved pass hold by the house's
// clock: in New York (house B), across midnight and both daylight-saving
// changes of 2026, away from the first day (before the day's chores are
// handed out, so the chore ledger counts the resident away) and active
// again the day after the last.
func TestPassJobs(t *testing.T) {
	w := tk.Seeded(t)
	b := w.People[tk.ResidentB].ID
	type step struct {
		at, status, until string
		present           bool // in the chore ledger of the day
	}
	for _, c := range []struct {
		name, from, to string
		start          string // the fake clock's start, before the pass is saved
		steps          []step
	}{
		{"spring forward (March 8)", "2026-03-08", "2026-03-09", "2026-03-01T17:00:00Z", []step{
			{"2026-03-08T04:59:00Z", hooks.StatusActive, "", true},          // 23:59 EST, March 7
			{"2026-03-08T05:00:00Z", hooks.StatusAway, "2026-03-09", false}, // 00:00 EST, March 8
			{"2026-03-08T08:00:00Z", hooks.StatusAway, "2026-03-09", false}, // 04:00 EDT, after the change
			{"2026-03-10T03:59:00Z", hooks.StatusAway, "2026-03-09", false}, // 23:59 EDT, March 9
			{"2026-03-10T04:00:00Z", hooks.StatusActive, "", true},          // 00:00 EDT, March 10
			{"2026-03-10T12:00:00Z", hooks.StatusActive, "", true},
		}},
		{"fall back (November 1)", "2026-11-02", "2026-11-03", "2026-10-25T17:00:00Z", []step{
			{"2026-11-02T04:30:00Z", hooks.StatusActive, "", true},          // 23:30 EST, November 1 (November 2 in UTC)
			{"2026-11-02T05:00:00Z", hooks.StatusAway, "2026-11-03", false}, // 00:00 EST, November 2
			{"2026-11-04T04:59:00Z", hooks.StatusAway, "2026-11-03", false}, // 23:59 EST, November 3
			{"2026-11-04T05:00:00Z", hooks.StatusActive, "", true},          // 00:00 EST, November 4
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(utc(c.start))
			app := tk.NewAppWithClock(t, clock)
			t.Cleanup(app.Cleanup)
			saveOrFail(t, app, "passes", map[string]any{"house": w.HouseB, "user": b, "starts": c.from, "ends": c.to,
				"destination": "Home", "phone": "555-123-4567", "status": hooks.PassApproved})
			s := hooks.NewScheduler(app, clock)
			for _, st := range c.steps {
				clock.Advance(utc(st.at).Sub(clock.Now()))
				s.Sweep(context.Background())
				t.Logf("%s", st.at)
				wantMembership(t, app, w.HouseB, b, st.status, st.until)
				ny, _ := time.LoadLocation("America/New_York")
				day := utc(st.at).In(ny).Format(time.DateOnly)
				ledger, err := app.FindFirstRecordByFilter("chore_days", "house = {:h} && day = {:d}", dbx.Params{"h": w.HouseB, "d": day})
				if err != nil {
					t.Fatalf("no chore day %s: %v", day, err)
				}
				var present []string
				_ = ledger.UnmarshalJSONField("present", &present)
				if got := strings.Contains(strings.Join(present, ","), b); got != st.present {
					t.Errorf("%s: in the chore ledger of %s = %v, want %v", st.at, day, got, st.present)
				}
			}
		})
	}
}

// TestPassJobsLeaveOthersAlone: the job never touches someone away for
// another reason (a manager's away_until), nor anyone moved out, and
// runs once a house-local day.
func TestPassJobsLeaveOthersAlone(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(utc("2026-12-01T18:00:00Z"))
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	a2, away, alumnus := w.People[tk.ResidentA2].ID, w.People[tk.AwayA].ID, w.People[tk.AlumnusA].ID
	for _, u := range []string{a2, away} {
		saveOrFail(t, app, "passes", map[string]any{"house": w.HouseA, "user": u, "starts": "2026-12-02", "ends": "2026-12-03",
			"destination": "Home", "phone": "555-123-4567", "status": hooks.PassApproved})
	}
	// An alumnus's old approved pass, written by hand.
	old := unsavedRecord(t, app, "passes", map[string]any{"house": w.HouseA, "user": alumnus, "starts": "2026-12-02", "ends": "2026-12-03",
		"destination": "Home", "phone": "555-123-4567", "status": hooks.PassApproved})
	if err := app.SaveNoValidate(old); err != nil {
		t.Fatal(err)
	}
	m := membershipOf(t, app, w.HouseA, away)
	m.Set("away_until", "2026-12-20") // a manager's: back on the 20th
	save(t, app, m)

	house := findOrFail(t, app, "houses", w.HouseA)
	at := utc("2026-12-02T09:00:00Z") // 01:00 on December 2 in Los Angeles
	if n, err := hooks.ApplyPasses(app, house, at); err != nil || n != 1 {
		t.Fatalf("ApplyPasses = %d, %v; want 1 (residentA2)", n, err)
	}
	wantMembership(t, app, w.HouseA, a2, hooks.StatusAway, "2026-12-03")
	wantMembership(t, app, w.HouseA, away, hooks.StatusAway, "2026-12-20")
	wantMembership(t, app, w.HouseA, alumnus, hooks.StatusAlumni, "")

	// A manager brings residentA2 back by hand: the same day's job does
	// not run again.
	m = membershipOf(t, app, w.HouseA, a2)
	m.Set("status", hooks.StatusActive)
	save(t, app, m)
	if n, err := hooks.ApplyPasses(app, house, at.Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("a second run the same day = %d, %v; want 0", n, err)
	}
	wantMembership(t, app, w.HouseA, a2, hooks.StatusActive, "")

	// The day after the last, the manager's away_until still holds.
	if _, err := hooks.ApplyPasses(app, house, utc("2026-12-04T09:00:00Z")); err != nil {
		t.Fatal(err)
	}
	wantMembership(t, app, w.HouseA, away, hooks.StatusAway, "2026-12-20")
}

// TestPassRealtime: a pass asked for is heard live by the resident and
// the house's managers, and by nobody else.
func TestPassRealtime(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	listeners := []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer, tk.Anonymous}
	subs := map[string]*tk.Subscriber{}
	for _, actor := range listeners {
		token := ""
		if actor != tk.Anonymous {
			token = w.People[actor].Token
		}
		subs[actor] = tk.Subscribe(t, srv.URL, token, "passes")
	}
	from := time.Now().AddDate(0, 0, 5).Format(time.DateOnly)
	pass := saveOrFail(t, app, "passes", map[string]any{"house": w.HouseA, "user": w.People[tk.ResidentA2].ID,
		"starts": from, "ends": from, "destination": "Live place", "phone": "555-123-4567", "status": hooks.PassRequested})
	for _, actor := range listeners {
		heard := false
		for _, e := range subs[actor].Drain(700 * time.Millisecond) {
			if strings.Contains(e.Raw, pass.Id) || strings.Contains(e.Raw, "Live place") {
				heard = true
			}
		}
		want := actor == tk.ResidentA2 || actor == tk.ManagerA
		if heard != want {
			t.Errorf("%s heard the pass: %v, want %v", actor, heard, want)
		}
	}
}
