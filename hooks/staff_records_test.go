package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/hooks"
	tk "hearth/testkit"
)

// staffNow is the fake clock of the staff records' tests: Wednesday
// 2026-11-25 10:00 in Los Angeles (house A).
const staffNow = "2026-11-25T18:00:00Z"

func staffFactory(tb testing.TB) *tests.TestApp {
	return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(utc(staffNow)))
}

// staffCase is one request about a staff record, as an actor, on the fake
// clock.
type staffCase struct {
	name     string
	actor    string
	method   string
	url      string
	body     any
	prepare  func(t testing.TB, app core.App)
	status   int
	want     []string
	notWant  []string
	after    func(t testing.TB, app *tests.TestApp)
	keepData bool // a refused write: check nothing changed
}

func (c staffCase) run(t *testing.T, w *tk.World) {
	t.Helper()
	method := c.method
	if method == "" {
		method = http.MethodPost
	}
	s := tests.ApiScenario{
		Name:               c.name,
		Method:             method,
		URL:                c.url,
		Headers:            map[string]string{"Content-Type": "application/json"},
		TestAppFactory:     staffFactory,
		ExpectedStatus:     c.status,
		ExpectedContent:    c.want,
		NotExpectedContent: c.notWant,
	}
	if len(s.ExpectedContent) == 0 {
		s.ExpectedContent = []string{"{"} // any JSON answer
	}
	for k, v := range w.Headers(c.actor) {
		s.Headers[k] = v
	}
	if c.body != nil {
		s.Body = bodyJSON(t, c.body)
	}
	if c.prepare != nil {
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { c.prepare(t, app) }
	}
	if c.after != nil {
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) { c.after(t, app) }
	}
	if c.keepData {
		expectUnchanged(&s, strings.Split(strings.TrimPrefix(c.url, "/api/collections/"), "/")[0])
	}
	s.Test(t)
}

// recordedAgo sets a staff record's created time to ago before the fake
// clock, as if a manager had recorded it then.
func recordedAgo(collection, id string, ago time.Duration) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		t.Helper()
		r := findOrFail(t, app, collection, id)
		at, _ := types.ParseDateTime(utc(staffNow).Add(-ago))
		r.SetRaw("created", at)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDrugTestValidation: a test is checked in plain words and stamped by
// the server.
func TestDrugTestValidation(t *testing.T) {
	w := tk.Seeded(t)
	a1, manager := w.People[tk.ResidentA1].ID, w.People[tk.ManagerA].ID
	url := "/api/collections/drug_tests/records"
	test := func(extra map[string]any) map[string]any {
		b := map[string]any{"house": w.HouseA, "user": a1, "tested_at": "2026-11-25 17:30:00.000Z",
			"method": "urine", "result": "negative"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	cases := []staffCase{
		{name: "a test is stamped with who recorded it and when, whatever the body says", actor: tk.ManagerA, url: url,
			body:   test(map[string]any{"recorded_by": a1, "observed": true}),
			status: 200, want: []string{`"recorded_by":"` + manager + `"`, `"created":"2026-11-25 18:00:00.000Z"`}},
		{name: "a test in the future", actor: tk.ManagerA, url: url, body: test(map[string]any{"tested_at": "2026-11-25 19:00:00.000Z"}),
			status: 400, want: []string{fieldErrJSON("tested_at", "validation_in_future")}, keepData: true},
		{name: "a positive result with no substance", actor: tk.ManagerA, url: url, body: test(map[string]any{"result": "positive"}),
			status: 400, want: []string{fieldErrJSON("substances", "validation_substances_required")}, keepData: true},
		{name: "a positive result with an empty substance", actor: tk.ManagerA, url: url,
			body:   test(map[string]any{"result": "positive", "substances": []string{" "}}),
			status: 400, want: []string{fieldErrJSON("substances", "validation_substances_list")}, keepData: true},
		{name: "a positive result names what was found", actor: tk.ManagerA, url: url,
			body:   test(map[string]any{"result": "positive", "substances": []string{"alcohol"}}),
			status: 200, want: []string{`"substances":["alcohol"]`}},
		{name: "a resident of another house", actor: tk.ManagerA, url: url, body: test(map[string]any{"user": w.People[tk.ResidentB].ID}),
			status: 400, want: []string{fieldErrJSON("user", "validation_not_in_house")}, keepData: true},
		{name: "an alumnus no longer lives in the house", actor: tk.ManagerA, url: url, body: test(map[string]any{"user": w.People[tk.AlumnusA].ID}),
			status: 400, want: []string{fieldErrJSON("user", "validation_not_in_house")}, keepData: true},
		{name: "a resident away on a pass still lives in the house", actor: tk.ManagerA, url: url, body: test(map[string]any{"user": w.People[tk.AwayA].ID}),
			status: 200},
		{name: "a correction is about the same resident", actor: tk.ManagerA, url: url,
			body:   test(map[string]any{"user": w.People[tk.ResidentA2].ID, "corrects": w.DrugTestA1}),
			status: 400, want: []string{fieldErrJSON("corrects", "validation_corrects_other")}, keepData: true},
		{name: "a correction points at the old test", actor: tk.ManagerA, url: url,
			body:   test(map[string]any{"result": "dilute", "corrects": w.DrugTestA1}),
			status: 200, want: []string{`"corrects":"` + w.DrugTestA1 + `"`}},
		{name: "a manager of another house cannot record one in A", actor: tk.ManagerB, url: url, body: test(nil),
			status: 400, keepData: true},
		{name: "a resident cannot record their own", actor: tk.ResidentA1, url: url, body: test(nil),
			status: 400, keepData: true},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestIncidentValidation: an incident is checked in plain words, and the
// acknowledgements are the server's alone.
func TestIncidentValidation(t *testing.T) {
	w := tk.Seeded(t)
	a1, manager := w.People[tk.ResidentA1].ID, w.People[tk.ManagerA].ID
	url := "/api/collections/incidents/records"
	incident := func(extra map[string]any) map[string]any {
		b := map[string]any{"house": w.HouseA, "occurred_at": "2026-11-25 06:00:00.000Z", "kind": "violence",
			"severity": "serious", "people": []string{a1, w.People[tk.AwayA].ID}, "description": "A fight in the kitchen.",
			"actions": "Separated them.", "agreement": "Walk away and call a manager."}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	cases := []staffCase{
		{name: "an incident is stamped; acknowledged sent by a client is dropped", actor: tk.ManagerA, url: url,
			body:   incident(map[string]any{"acknowledged": map[string]string{a1: "2026-11-25 18:00:00.000Z"}, "recorded_by": a1}),
			status: 200, want: []string{`"recorded_by":"` + manager + `"`, `"acknowledged":{}`, `"status":"open"`}},
		{name: "an incident in the future", actor: tk.ManagerA, url: url, body: incident(map[string]any{"occurred_at": "2026-11-26 06:00:00.000Z"}),
			status: 400, want: []string{fieldErrJSON("occurred_at", "validation_in_future")}, keepData: true},
		{name: "a critical incident with no actions", actor: tk.ManagerA, url: url,
			body:   incident(map[string]any{"severity": "critical", "actions": "  "}),
			status: 400, want: []string{fieldErrJSON("actions", "validation_actions_required")}, keepData: true},
		{name: "a person of another house", actor: tk.ManagerA, url: url,
			body:   incident(map[string]any{"people": []string{a1, w.People[tk.ResidentB].ID}}),
			status: 400, want: []string{fieldErrJSON("people", "validation_not_in_house")}, keepData: true},
		{name: "an alumnus", actor: tk.ManagerA, url: url,
			body:   incident(map[string]any{"people": []string{w.People[tk.AlumnusA].ID}}),
			status: 400, want: []string{fieldErrJSON("people", "validation_not_in_house")}, keepData: true},
		{name: "a manager cannot write acknowledged", actor: tk.ManagerA, method: http.MethodPatch, url: url + "/" + w.IncidentA1,
			body:   map[string]any{"acknowledged": map[string]string{a1: "2026-11-25 18:00:00.000Z"}, "actions": "Talked it through twice."},
			status: 200, want: []string{`"acknowledged":{}`, `"actions":"Talked it through twice."`}},
		{name: "a person named cannot write acknowledged", actor: tk.ResidentA1, method: http.MethodPatch, url: url + "/" + w.IncidentA1,
			body:   map[string]any{"acknowledged": map[string]string{a1: "2026-11-25 18:00:00.000Z"}},
			status: 404, keepData: true},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestStaffRecordsCorrectionWindow: a record changes in its first 24 hours
// (on Hearth's clock); after that a correction is a new record. An
// incident may still be closed.
func TestStaffRecordsCorrectionWindow(t *testing.T) {
	w := tk.Seeded(t)
	testURL := "/api/collections/drug_tests/records/" + w.DrugTestA1
	incidentURL := "/api/collections/incidents/records/" + w.IncidentA1
	cases := []staffCase{
		{name: "a test recorded 23 hours ago is changed", actor: tk.ManagerA, method: http.MethodPatch, url: testURL,
			prepare: recordedAgo("drug_tests", w.DrugTestA1, 23*time.Hour),
			body:    map[string]any{"result": "dilute"}, status: 200, want: []string{`"result":"dilute"`}},
		{name: "a test recorded 25 hours ago is not", actor: tk.ManagerA, method: http.MethodPatch, url: testURL,
			prepare: recordedAgo("drug_tests", w.DrugTestA1, 25*time.Hour),
			body:    map[string]any{"result": "dilute"}, status: 400,
			want:     []string{fieldErrJSON("result", "validation_correction_needed"), "Record a correction instead"},
			keepData: true},
		{name: "nor is its house", actor: tk.ManagerA, method: http.MethodPatch, url: testURL,
			prepare: recordedAgo("drug_tests", w.DrugTestA1, time.Hour),
			body:    map[string]any{"house": w.HouseB}, status: 400,
			want: []string{fieldErrJSON("house", "validation_house_fixed")}, keepData: true},
		{name: "a superuser may still mend an old test", actor: tk.Superuser, method: http.MethodPatch, url: testURL,
			prepare: recordedAgo("drug_tests", w.DrugTestA1, 25*time.Hour),
			body:    map[string]any{"notes": "mended"}, status: 200},
		{name: "an incident recorded 25 hours ago is closed", actor: tk.ManagerA, method: http.MethodPatch, url: incidentURL,
			prepare: recordedAgo("incidents", w.IncidentA1, 25*time.Hour),
			body:    map[string]any{"status": "closed"}, status: 200, want: []string{`"status":"closed"`}},
		{name: "but not rewritten", actor: tk.ManagerA, method: http.MethodPatch, url: incidentURL,
			prepare: recordedAgo("incidents", w.IncidentA1, 25*time.Hour),
			body:    map[string]any{"status": "closed", "description": "Something else."}, status: 400,
			want: []string{fieldErrJSON("description", "validation_correction_needed")}, keepData: true},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestIncidentAcknowledge: the people named acknowledge the agreement (the
// server sets the time, once); everyone else is refused.
func TestIncidentAcknowledge(t *testing.T) {
	w := tk.Seeded(t)
	a1 := w.People[tk.ResidentA1].ID
	url := "/api/hearth/incidents/" + w.IncidentA1 + "/acknowledge"
	acked := func(want bool) func(t testing.TB, app *tests.TestApp) {
		return func(t testing.TB, app *tests.TestApp) {
			acks := map[string]string{}
			if err := findOrFail(t, app, "incidents", w.IncidentA1).UnmarshalJSONField("acknowledged", &acks); err != nil {
				t.Fatal(err)
			}
			got, ok := acks[a1]
			if ok != want || (want && got != "2026-11-25 18:00:00.000Z") {
				t.Errorf("acknowledged = %v, want A1's = %v at the fake clock", acks, want)
			}
			if len(acks) > 1 {
				t.Errorf("acknowledged = %v: someone else was added", acks)
			}
		}
	}
	cases := []staffCase{
		{name: "the person named", actor: tk.ResidentA1, url: url, status: 200,
			want: []string{`"` + a1 + `":"2026-11-25 18:00:00.000Z"`}, after: acked(true)},
		{name: "twice keeps the first time", actor: tk.ResidentA1, url: url,
			prepare: setRecord("incidents", w.IncidentA1, map[string]any{"acknowledged": map[string]string{a1: "2026-11-24 10:00:00.000Z"}}),
			status:  200, want: []string{`"` + a1 + `":"2026-11-24 10:00:00.000Z"`}},
		{name: "an incident with no agreement", actor: tk.ResidentA1, url: url,
			prepare: setRecord("incidents", w.IncidentA1, map[string]any{"agreement": ""}),
			status:  400, want: []string{fieldErrJSON("agreement", "validation_no_agreement")}},
	}
	for _, actor := range []string{tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.ManagerB, tk.ResidentB, tk.Newcomer} {
		cases = append(cases, staffCase{name: "refused: " + actor, actor: actor, url: url, status: 404, after: acked(false)})
	}
	cases = append(cases,
		staffCase{name: "refused: anonymous", actor: tk.Anonymous, url: url, status: 401, after: acked(false)},
		staffCase{name: "refused: superuser (not a person named)", actor: tk.Superuser, url: url, status: 403, after: acked(false)},
	)
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestStaffRecordsPartnerDenied: the partner a resident chose sees their
// check-ins, never their tests or the incidents naming them.
func TestStaffRecordsPartnerDenied(t *testing.T) {
	w := tk.Seeded(t)
	partner := setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"partner": w.People[tk.ResidentA2].ID})
	cases := []staffCase{
		{name: "the partner sees the check-in (the choice took)", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/checkins/records/" + w.CheckinA1, prepare: partner, status: 200},
		{name: "not the test", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/drug_tests/records/" + w.DrugTestA1, prepare: partner, status: 404},
		{name: "not the incident", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/incidents/records/" + w.IncidentA1, prepare: partner, status: 404},
		{name: "nor in a list", actor: tk.ResidentA2, method: http.MethodGet,
			url: "/api/collections/drug_tests/records?filter=" + "user='" + w.People[tk.ResidentA1].ID + "'", prepare: partner,
			status: 200, want: []string{`"items":[]`}},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestCriticalIncidentEmailsSuperusers: a critical incident queues an
// email to every superuser in its transaction; the sender delivers it
// with the house and the time in the house's zone, never who or what; a
// serious one queues nothing, and raising it to critical does.
func TestCriticalIncidentEmailsSuperusers(t *testing.T) {
	w := tk.Seeded(t)
	sink := startSink(t)
	url := "/api/collections/incidents/records"
	body := map[string]any{"house": w.HouseA, "occurred_at": "2026-11-25 06:00:00.000Z", "kind": "overdose",
		"severity": "critical", "people": []string{w.People[tk.ResidentA1].ID}, "description": "Naloxone given.",
		"actions": "Called 911; naloxone given."}
	emails := func(t testing.TB, app core.App) []*core.Record {
		t.Helper()
		rows, err := app.FindRecordsByFilter("deliveries", "to != ''", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	secondSuperuser := func(t testing.TB, app core.App) {
		c, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
		if err != nil {
			t.Fatal(err)
		}
		s := core.NewRecord(c)
		s.SetEmail("operator@example.com")
		s.SetPassword("operator-password-1")
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	cases := []staffCase{
		{name: "critical: every superuser is emailed", actor: tk.ManagerA, url: url, body: body, status: 200,
			prepare: func(t testing.TB, app core.App) {
				secondSuperuser(t, app)
				useSMTP(t, app.(*tests.TestApp), sink.Port)
			},
			after: func(t testing.TB, app *tests.TestApp) {
				rows := emails(t, app)
				var to []string
				for _, r := range rows {
					to = append(to, r.GetString("to"))
				}
				if strings.Join(to, ",") != "superuser@example.com,operator@example.com" &&
					strings.Join(to, ",") != "operator@example.com,superuser@example.com" {
					t.Fatalf("emails queued to %v, want both superusers", to)
				}
				sender := hooks.NewDeliverySender(app, clockwork.NewRealClock())
				if err := sender.Start(); err != nil {
					t.Fatal(err)
				}
				defer sender.Stop()
				deadline := time.Now().Add(10 * time.Second)
				for len(sink.Mails()) < 2 && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				mails := sink.Mails()
				if len(mails) != 2 {
					t.Fatalf("the sink got %d mails", len(mails))
				}
				m := parseMail(t, mails[0].Data)
				if m.Subject != "Hearth: a critical incident in Cedar House" {
					t.Errorf("subject %q", m.Subject)
				}
				// 06:00 UTC is 22:00 the evening before in Los Angeles.
				if !strings.Contains(m.Text, "Tuesday 24 November at 22:00") || !strings.Contains(m.Text, "collection=incidents") {
					t.Errorf("text:\n%s", m.Text)
				}
				for _, secret := range []string{"overdose", "Overdose", "Naloxone", "naloxone", w.People[tk.ResidentA1].Email} {
					if strings.Contains(m.Text, secret) || strings.Contains(m.HTML, secret) {
						t.Errorf("the email tells %q", secret)
					}
				}
			}},
		{name: "serious: nobody is emailed", actor: tk.ManagerA, url: url, status: 200,
			body: map[string]any{"house": w.HouseA, "occurred_at": "2026-11-25 06:00:00.000Z", "kind": "threat",
				"severity": "serious", "description": "Words in the yard."},
			after: func(t testing.TB, app *tests.TestApp) {
				if rows := emails(t, app); len(rows) != 0 {
					t.Errorf("%d emails queued", len(rows))
				}
			}},
		{name: "raised to critical: the superusers are emailed", actor: tk.ManagerA, method: http.MethodPatch,
			url: url + "/" + w.IncidentA1, status: 200,
			body: map[string]any{"severity": "critical"},
			after: func(t testing.TB, app *tests.TestApp) {
				if rows := emails(t, app); len(rows) != 1 {
					t.Errorf("%d emails queued, want 1", len(rows))
				}
			}},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}

// TestRandomTests: a manager has Hearth pick active residents (not away,
// not managers) for a random test; every pick is recorded with the draw,
// who asked and when; nobody else may ask.
func TestRandomTests(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/random-tests"
	a1, a2, manager := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID
	picks := func(want int) func(t testing.TB, app *tests.TestApp) {
		return func(t testing.TB, app *tests.TestApp) {
			rows, err := app.FindRecordsByFilter("random_test_picks", "draw != 'seeddraw'", "", 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != want {
				t.Fatalf("%d picks recorded, want %d", len(rows), want)
			}
			for _, r := range rows {
				if u := r.GetString("user"); (u != a1 && u != a2) || r.GetString("picked_by") != manager ||
					r.GetInt("pool") != 2 || r.GetString("created") != "2026-11-25 18:00:00.000Z" {
					t.Errorf("pick %v", r.FieldsData())
				}
			}
		}
	}
	cases := []staffCase{
		{name: "one of the two active residents", actor: tk.ManagerA, url: url, body: map[string]int{"count": 1}, status: 200,
			want: []string{`"pool":2`, `"at":"2026-11-25 18:00:00.000Z"`, `"picked":[{"user":"`}, after: picks(1)},
		{name: "more than there are picks them all", actor: tk.ManagerA, url: url, body: map[string]int{"count": 5}, status: 200,
			want: []string{`"user":"` + a1 + `"`, `"user":"` + a2 + `"`}, notWant: []string{w.People[tk.AwayA].ID}, after: picks(2)},
		{name: "a count of 0", actor: tk.ManagerA, url: url, body: map[string]int{"count": 0}, status: 400,
			want: []string{fieldErrJSON("count", "validation_count")}, after: picks(0)},
		{name: "a resident", actor: tk.ResidentA1, url: url, body: map[string]int{"count": 1}, status: 404, after: picks(0)},
		{name: "another house's manager", actor: tk.ManagerB, url: url, body: map[string]int{"count": 1}, status: 404, after: picks(0)},
		{name: "an alumnus", actor: tk.AlumnusA, url: url, body: map[string]int{"count": 1}, status: 404, after: picks(0)},
		{name: "anonymous", actor: tk.Anonymous, url: url, body: map[string]int{"count": 1}, status: 401, after: picks(0)},
	}
	for _, c := range cases {
		c.run(t, w)
	}
}
