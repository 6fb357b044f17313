package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// The fixture's private values: residentA1 shares phone and sobriety date,
// residentA2 shares nothing; both have an emergency contact.
const (
	phoneA1, soberA1, emergencyA1 = "555-0101", "2026-01-02", "555-9101"
	phoneA2, soberA2, emergencyA2 = "555-0102", "2025-05-06", "555-9102"
)

func TestUsersFieldVisibility(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID

	cases := []struct {
		viewer, target string
		sees, hidden   []string
	}{
		{tk.ResidentA2, a1, []string{phoneA1, soberA1}, []string{emergencyA1, "Ana One"}},
		{tk.ResidentA1, a2, nil, []string{phoneA2, soberA2, emergencyA2, "Ben Two"}},
		{tk.AwayA, a2, nil, []string{phoneA2, soberA2, emergencyA2}},
		{tk.AlumnusA, a1, []string{phoneA1, soberA1}, []string{emergencyA1}},
		{tk.AlumnusA, a2, nil, []string{phoneA2, soberA2, emergencyA2}},
		{tk.ManagerA, a2, []string{phoneA2, emergencyA2, "Ben Two"}, []string{soberA2}},
		{tk.ManagerA, a1, []string{phoneA1, soberA1, emergencyA1}, nil},
		{tk.ResidentA2, a2, []string{phoneA2, soberA2, emergencyA2, "Ben Two"}, nil},
		{tk.Superuser, a2, []string{phoneA2, soberA2, emergencyA2}, nil},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:               c.viewer + " views " + c.target,
			Method:             http.MethodGet,
			URL:                "/api/collections/users/records/" + c.target,
			Headers:            w.Headers(c.viewer),
			ExpectedStatus:     200,
			ExpectedContent:    append([]string{`"id":"` + c.target + `"`}, c.sees...),
			NotExpectedContent: c.hidden,
			TestAppFactory:     tk.Factory,
		}
		s.Test(t)
	}
}

// TestPrivateFieldsThroughExpandAndList checks the same privacy where the
// web app meets it: the housemates list (memberships expanded with users)
// and the users list.
func TestPrivateFieldsThroughExpandAndList(t *testing.T) {
	w := tk.Seeded(t)
	housemates := "/api/collections/memberships/records?skipTotal=1&expand=user,partner&filter=" +
		url.QueryEscape("house='"+w.HouseA+"'")
	scenarios := []tests.ApiScenario{
		{
			Name: "a resident's housemates list shows only what each shares", Method: http.MethodGet, URL: housemates,
			Headers: w.Headers(tk.ResidentA2), ExpectedStatus: 200,
			ExpectedContent:    []string{phoneA1, soberA1, emergencyA2},
			NotExpectedContent: []string{emergencyA1, "Ana One", "private reason of"},
		},
		{
			Name: "another resident's list hides A2's phone and sobriety date", Method: http.MethodGet, URL: housemates,
			Headers: w.Headers(tk.ResidentA1), ExpectedStatus: 200,
			ExpectedContent:    []string{phoneA1, emergencyA1},
			NotExpectedContent: []string{phoneA2, soberA2, emergencyA2, "Ben Two"},
		},
		{
			Name: "the manager's list shows phones and emergency contacts", Method: http.MethodGet, URL: housemates,
			Headers: w.Headers(tk.ManagerA), ExpectedStatus: 200,
			ExpectedContent:    []string{phoneA2, emergencyA2, emergencyA1, "private reason of"},
			NotExpectedContent: []string{soberA2},
		},
		{
			Name: "the users list as a resident", Method: http.MethodGet,
			URL:     "/api/collections/users/records?skipTotal=1&perPage=100",
			Headers: w.Headers(tk.ResidentA1), ExpectedStatus: 200,
			ExpectedContent:    []string{`"id":"` + w.People[tk.ResidentA2].ID + `"`},
			NotExpectedContent: []string{phoneA2, soberA2, emergencyA2, w.People[tk.ResidentB].ID},
		},
		{
			Name: "asking for hidden fields by name does not reveal them", Method: http.MethodGet,
			URL:     "/api/collections/memberships/records?skipTotal=1&expand=user&fields=expand.user.phone,expand.user.emergency_phone,expand.user.sobriety_date",
			Headers: w.Headers(tk.ResidentA1), ExpectedStatus: 200,
			ExpectedContent:    []string{"expand"},
			NotExpectedContent: []string{phoneA2, soberA2, emergencyA2},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = tk.Factory
		s.Test(t)
	}
}

// TestManagerCheckedOncePerResponse lists a house of 33 people who all have
// a phone, as its manager: every phone shows, and whether the viewer
// manages them is asked once for the whole response, not once per person.
func TestManagerCheckedOncePerResponse(t *testing.T) {
	w := tk.Seeded(t)
	var log queryLog
	housemates := "/api/collections/memberships/records?skipTotal=1&perPage=100&expand=user,partner&filter=" +
		url.QueryEscape("house='"+w.HouseA+"'")
	s := tests.ApiScenario{
		Name: "the manager's housemates list", Method: http.MethodGet, URL: housemates,
		Headers: w.Headers(tk.ManagerA), ExpectedStatus: 200,
		ExpectedContent: []string{phoneA2, emergencyA2, "555-7029"},
		TestAppFactory:  tk.Factory,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			growHouseA(t, app, 30)
			if _, err := app.DB().NewQuery("UPDATE users SET phone = '555-70' || substr(id, -2) WHERE id LIKE 'growuser%'").Execute(); err != nil {
				t.Fatal(err)
			}
			log.attach(app)
		},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
			n := 0
			for _, q := range log.sql {
				if strings.Contains(q, "AS mine") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("the manager check ran %d times for one response; want 1", n)
			}
		},
	}
	s.Test(t)
}

// TestHiddenFieldProbes tries to learn private values by filtering or
// sorting on them, directly or through relations. Each probe must be
// refused outright (400), so that neither the result nor its count nor its
// order tells anything.
func TestHiddenFieldProbes(t *testing.T) {
	w := tk.Seeded(t)
	probes := []struct{ collection, query string }{
		{"users", "filter=" + url.QueryEscape("emergency_phone='"+emergencyA2+"'")},
		{"users", "filter=" + url.QueryEscape("emergency_name~'Ben'")},
		{"users", "filter=" + url.QueryEscape("phone~'0102'")},
		{"users", "filter=" + url.QueryEscape("sobriety_date<'2026-01-01'")},
		{"users", "filter=" + url.QueryEscape("share_phone=false && phone!=''")},
		{"users", "sort=sobriety_date"},
		{"users", "sort=-emergency_phone"},
		{"users", "sort=phone"},
		{"memberships", "filter=" + url.QueryEscape("user.emergency_phone='"+emergencyA2+"'")},
		{"memberships", "filter=" + url.QueryEscape("user.phone~'0102'")},
		{"memberships", "filter=" + url.QueryEscape("partner.sobriety_date!=''")},
		{"memberships", "filter=" + url.QueryEscape("exit_reason~'private'")},
		{"memberships", "sort=user.sobriety_date"},
		{"memberships", "sort=exit_reason"},
		{"houses", "filter=" + url.QueryEscape("memberships_via_house.user.emergency_phone!=''")},
	}
	for _, viewer := range []string{tk.ResidentA1, tk.ManagerA, tk.ResidentB} {
		for _, p := range probes {
			s := tests.ApiScenario{
				Name:               viewer + " probes " + p.collection + " " + p.query,
				Method:             http.MethodGet,
				URL:                "/api/collections/" + p.collection + "/records?skipTotal=1&" + p.query,
				Headers:            w.Headers(viewer),
				ExpectedStatus:     400,
				ExpectedContent:    []string{`"status":400`},
				NotExpectedContent: []string{phoneA2, emergencyA2, soberA2, `"items"`},
				TestAppFactory:     tk.Factory,
			}
			s.Test(t)
		}
	}
}

// TestRealtimeRespectsHousesAndFields subscribes people of house A, of
// house B and a guest to every collection, changes house A's records, and
// checks who hears what: nobody outside A hears anything of it, and
// housemates hear changes without the private fields.
func TestRealtimeRespectsHousesAndFields(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	topics := []string{"users", "memberships", "houses", "notifications"}
	subs := map[string]*tk.Subscriber{}
	for _, actor := range []string{tk.ResidentA1, tk.ResidentB, tk.ManagerB, tk.DischargedA, tk.Anonymous} {
		token := ""
		if actor != tk.Anonymous {
			token = w.People[actor].Token
		}
		subs[actor] = tk.Subscribe(t, srv.URL, token, topics...)
	}

	a2, err := app.FindRecordById("users", w.People[tk.ResidentA2].ID)
	if err != nil {
		t.Fatal(err)
	}
	a2.Set("name", "Renamed A2")
	save(t, app, a2)

	m, _ := app.FindRecordById("memberships", w.People[tk.ResidentA2].Membership)
	m.Set("room", "7")
	save(t, app, m)

	house, _ := app.FindRecordById("houses", w.HouseA)
	house.Set("address", "1 Cedar Lane")
	save(t, app, house)

	n := saveOrFail(t, app, "notifications", map[string]any{"user": w.People[tk.ResidentA2].ID, "kind": "test", "title": "secret for A2"})

	// A change in house B, heard by B's people: proof their subscriptions work.
	mb, _ := app.FindRecordById("memberships", w.People[tk.ResidentB].Membership)
	mb.Set("room", "9")
	save(t, app, mb)

	heard := map[string][]tk.RealtimeEvent{}
	for actor, s := range subs {
		heard[actor] = s.Drain(700 * time.Millisecond)
	}

	aIDs := []string{w.HouseA, w.People[tk.ResidentA2].ID, w.People[tk.ResidentA2].Membership, n.Id}
	for _, actor := range []string{tk.ResidentB, tk.ManagerB, tk.DischargedA, tk.Anonymous} {
		for _, e := range heard[actor] {
			for _, id := range aIDs {
				if strings.Contains(e.Raw, id) {
					t.Errorf("%s heard house A's %s event on %s: %s", actor, e.Action, e.Topic, e.Raw)
				}
			}
		}
	}
	if !heardRecord(heard[tk.ResidentB], w.People[tk.ResidentB].Membership) {
		t.Errorf("residentB did not hear the change of their own membership: %v", heard[tk.ResidentB])
	}
	if len(heard[tk.Anonymous]) != 0 {
		t.Errorf("a guest heard %d events", len(heard[tk.Anonymous]))
	}

	a1 := heard[tk.ResidentA1]
	for _, id := range []string{w.People[tk.ResidentA2].ID, w.People[tk.ResidentA2].Membership, w.HouseA} {
		if !heardRecord(a1, id) {
			t.Errorf("residentA1 did not hear the change of %s", id)
		}
	}
	for _, e := range a1 {
		for _, secret := range []string{phoneA2, emergencyA2, soberA2, "secret for A2", "private reason of"} {
			if strings.Contains(e.Raw, secret) {
				t.Errorf("residentA1 heard %q on %s: %s", secret, e.Topic, e.Raw)
			}
		}
		if strings.Contains(e.Raw, w.People[tk.ResidentB].Membership) {
			t.Errorf("residentA1 heard house B's membership change")
		}
	}
}

func save(t testing.TB, app core.App, r *core.Record) {
	t.Helper()
	if err := app.Save(r); err != nil {
		t.Fatalf("saving %s: %v", r.Collection().Name, err)
	}
}

func heardRecord(events []tk.RealtimeEvent, id string) bool {
	for _, e := range events {
		if e.Record["id"] == id {
			return true
		}
	}
	return false
}

// TestDeliverySettingsArePrivate: a person's delivery settings (levels,
// digest, quiet hours) reach only the person and superusers: a housemate,
// an alumnus and the person's own manager see none of them, viewing the
// person or listing the house (the attack on issue 15: every housemate
// read a manager's quiet hours, and so when the manager's phone is silent).
func TestDeliverySettingsArePrivate(t *testing.T) {
	w := tk.Seeded(t)
	mgr, a1 := w.People[tk.ManagerA].ID, w.People[tk.ResidentA1].ID
	settings := map[string]any{"quiet_start": "22:17", "quiet_end": "06:43",
		"email_notifications": "all", "push_notifications": "important", "email_digest": true}
	fields := []string{`"quiet_start"`, `"quiet_end"`, `"email_notifications"`, `"push_notifications"`, `"email_digest"`}
	cases := []struct {
		viewer, target, url string
		sees                bool
	}{
		{tk.ResidentA1, mgr, "/api/collections/users/records/" + mgr, false},
		{tk.AlumnusA, mgr, "/api/collections/users/records/" + mgr, false},
		{tk.ManagerA, a1, "/api/collections/users/records/" + a1, false},
		{tk.ResidentA1, mgr, "/api/collections/users/records?filter=" + url.QueryEscape(`id="`+mgr+`"`), false},
		{tk.ManagerA, mgr, "/api/collections/users/records/" + mgr, true},
		{tk.Superuser, mgr, "/api/collections/users/records/" + mgr, true},
	}
	// Guessing them in a filter or a sort is refused too (hidden fields).
	for _, q := range []string{"filter=" + url.QueryEscape(`quiet_start="22:17"`), "sort=quiet_start", "filter=" + url.QueryEscape(`email_notifications="all"`)} {
		s := tests.ApiScenario{
			Name: "a resident guesses a manager's settings: " + q, Method: http.MethodGet,
			URL: "/api/collections/users/records?" + q, Headers: w.Headers(tk.ResidentA1), TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				setRecord("users", mgr, settings)(t, app)
			},
			ExpectedStatus: 400, ExpectedContent: []string{`"data":{}`},
		}
		s.Test(t)
	}
	// The person still writes and reads their own.
	own := tests.ApiScenario{
		Name: "a manager sets their own quiet hours", Method: http.MethodPatch,
		URL: "/api/collections/users/records/" + mgr, Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory,
		Body:           strings.NewReader(`{"quiet_start":"23:05","quiet_end":"06:10","email_notifications":"off","push_notifications":"all","email_digest":true}`),
		ExpectedStatus: 200, ExpectedContent: []string{`"quiet_start":"23:05"`, `"quiet_end":"06:10"`, `"email_notifications":"off"`, `"email_digest":true`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			u, err := app.FindRecordById("users", mgr)
			if err != nil || u.GetString("quiet_start") != "23:05" || u.GetString("email_notifications") != "off" || !u.GetBool("email_digest") {
				t.Errorf("stored %v %v", u, err)
			}
		},
	}
	own.Test(t)
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:           c.viewer + " reads " + c.url,
			Method:         http.MethodGet,
			URL:            c.url,
			Headers:        w.Headers(c.viewer),
			TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				setRecord("users", c.target, settings)(t, app)
			},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":"` + c.target + `"`},
		}
		if c.sees {
			s.ExpectedContent = append(s.ExpectedContent, `"quiet_start":"22:17"`, `"quiet_end":"06:43"`, `"email_digest":true`)
		} else {
			s.NotExpectedContent = append(fields, "22:17", "06:43")
		}
		s.Test(t)
	}
}
