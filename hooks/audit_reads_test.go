package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// auditSeen is an audit row as the read tests compare it.
type auditSeen struct {
	Actor      string `db:"actor"`
	ActorKind  string `db:"actor_kind"`
	Action     string `db:"action"`
	Collection string `db:"collection"`
	Record     string `db:"record"`
	Subject    string `db:"subject"`
}

// auditSince is the rows written after the test world's, once the
// writer has caught up, in order.
func auditSince(t testing.TB, app core.App) []auditSeen {
	t.Helper()
	hooks.FlushAudit(app)
	var rows []auditSeen
	err := app.DB().NewQuery("SELECT actor, actor_kind, action, collection, record, subject FROM audit_events " +
		"WHERE at > '2026-11-22 09:00:00.000Z' ORDER BY rowid").All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestAuditReads: reads of another person's check-ins, meetings and
// private fields, their membership's writes and exports are recorded, one
// row per request and subject, with the exact actor and subject; reading
// one's own data is not.
func TestAuditReads(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	a1, a2, mgr := id(tk.ResidentA1), id(tk.ResidentA2), id(tk.ManagerA)
	su := id(tk.Superuser)
	noon := time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC) // 12:00 in Los Angeles
	partner := func(t testing.TB, app *tests.TestApp) {
		m, err := app.FindRecordById("memberships", w.People[tk.ResidentA1].Membership)
		if err != nil {
			t.Fatal(err)
		}
		m.Set("partner", a2)
		if err := app.Save(m); err != nil {
			t.Fatal(err)
		}
	}
	checkins := "/api/collections/checkins/records"
	report := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek
	// The seeded week's residents, in the report's order (by name): not
	// the alumnus nor the person discharged, who left on 10-01.
	weekRows := func(actor string) []auditSeen {
		var rows []auditSeen
		for _, r := range []string{tk.AwayA, tk.ResidentA1, tk.ResidentA2} {
			rows = append(rows, auditSeen{actor, "user", "export", "houses", "", id(r)})
		}
		return rows
	}
	cases := []struct {
		name    string
		method  string
		url     string
		body    string
		actor   string
		before  func(t testing.TB, app *tests.TestApp)
		status  int
		want    []auditSeen
		ignored func(auditSeen) bool // rows the setup wrote
	}{
		{name: "a manager lists check-ins", method: "GET", url: checkins, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "list", "checkins", "", a1}}},
		{name: "a manager lists a person's check-ins", method: "GET",
			url: checkins + "?perPage=50&filter=" + "(user='" + a1 + "')", actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "list", "checkins", "", a1}}},
		{name: "a manager views a check-in", method: "GET", url: checkins + "/" + w.CheckinA1, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "view", "checkins", w.CheckinA1, a1}}},
		{name: "a superuser views a meeting", method: "GET", url: "/api/collections/meetings/records/" + w.MeetingA1,
			actor: tk.Superuser, status: 200, want: []auditSeen{{su, "superuser", "view", "meetings", w.MeetingA1, a1}}},
		{name: "a partner lists meetings", method: "GET", url: "/api/collections/meetings/records", actor: tk.ResidentA2,
			before: partner, status: 200, want: []auditSeen{{a2, "user", "list", "meetings", "", a1}},
			ignored: func(r auditSeen) bool { return r.Collection == "memberships" }},
		{name: "a resident reads their own check-ins and meetings", method: "GET", url: checkins + "?expand=user", actor: tk.ResidentA1,
			status: 200, want: nil},
		{name: "a resident's own view", method: "GET", url: checkins + "/" + w.CheckinA1, actor: tk.ResidentA1, status: 200},
		{name: "an expand of check-ins", method: "GET", url: "/api/collections/users/records/" + a1 + "?expand=checkins_via_user",
			actor: tk.ManagerA, status: 200, want: []auditSeen{
				{mgr, "user", "view", "users", a1, a1}, {mgr, "user", "view", "checkins", w.CheckinA1, a1}}},
		{name: "a manager reads private fields", method: "GET", url: "/api/collections/users/records/" + a1,
			actor: tk.ManagerA, status: 200, want: []auditSeen{{mgr, "user", "view", "users", a1, a1}}},
		{name: "a manager changes a membership", method: "PATCH", url: "/api/collections/memberships/records/" + w.People[tk.ResidentA2].Membership,
			body: `{"room":"9"}`, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "update", "memberships", w.People[tk.ResidentA2].Membership, a2}}},
		{name: "the house status", method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/status", actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "list", "checkins", "", a1}}},
		{name: "a person's export", method: "GET", url: "/api/hearth/me/export", actor: tk.ResidentA1, status: 200,
			want: []auditSeen{{a1, "user", "export", "users", "", a1}}},
		{name: "a house report as JSON", method: "GET", url: report, actor: tk.ManagerA, status: 200, want: weekRows(mgr)},
		{name: "a house report as CSV", method: "GET", url: report + "&format=csv", actor: tk.ManagerA, status: 200, want: weekRows(mgr)},
		{name: "a house report as PDF", method: "GET", url: report + "&format=pdf", actor: tk.ManagerA, status: 200, want: weekRows(mgr)},
		{name: "a house report of the month the alumnus left", method: "GET",
			url: "/api/hearth/houses/" + w.HouseA + "/report?from=2026-09-28&to=2026-10-04", actor: tk.ManagerA, status: 200,
			want: []auditSeen{
				{mgr, "user", "export", "houses", "", id(tk.AlumnusA)}, {mgr, "user", "export", "houses", "", id(tk.AwayA)},
				{mgr, "user", "export", "houses", "", id(tk.DischargedA)}, {mgr, "user", "export", "houses", "", a1},
				{mgr, "user", "export", "houses", "", a2}}},
		{name: "a house report not yet begun", method: "GET",
			url: "/api/hearth/houses/" + w.HouseA + "/report?from=2026-12-01&to=2026-12-07", actor: tk.ManagerA, status: 200},
		{name: "another house's manager asks", method: "GET", url: report, actor: tk.ManagerB, status: 404},
		{name: "a resident asks", method: "GET", url: report + "&format=pdf", actor: tk.ResidentA1, status: 404},
		{name: "a person's letter", method: "GET", url: "/api/hearth/me/report?house=" + w.HouseA + "&" + reportWeek + "&format=csv",
			actor: tk.ResidentA1, status: 200, want: []auditSeen{{a1, "user", "export", "houses", "", a1}}},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: c.method, URL: c.url, Headers: w.Headers(c.actor),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				return tk.NewAppWithClock(t, clockwork.NewFakeClockAt(noon))
			},
			ExpectedStatus: c.status, ExpectedContent: []string{"{"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				got := slices.DeleteFunc(auditSince(t, app), func(r auditSeen) bool { return c.ignored != nil && c.ignored(r) })
				if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
					t.Errorf("audit rows\n got %+v\nwant %+v", got, c.want)
				}
			},
		}
		switch {
		case c.status == 404:
			s.ExpectedContent = []string{`"status":404`}
		case c.method == "GET" && strings.HasSuffix(c.url, "/export"):
			s.ExpectedContent = []string{"PK"} // a zip
		case strings.HasSuffix(c.url, "format=csv"):
			s.ExpectedContent = []string{`"`}
		case strings.HasSuffix(c.url, "format=pdf"):
			s.ExpectedContent = []string{"%PDF-"}
		}
		if c.body != "" {
			s.Body = strings.NewReader(c.body)
			s.Headers["Content-Type"] = "application/json"
		}
		if c.before != nil {
			s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { c.before(t, app) }
		}
		s.Test(t)
	}
}
