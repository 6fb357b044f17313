package hooks_test

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	tk "hearth/testkit"
)

// sortedAudit orders audit rows for a comparison that does not depend on
// the order a response's records were enriched in; anyRecord blanks the
// record of create rows (a new record's id is not known beforehand).
func sortedAudit(rows []auditSeen, anyRecord bool) []auditSeen {
	out := slices.Clone(rows)
	for i := range out {
		if anyRecord && out[i].Action == "create" {
			out[i].Record = "*"
		}
	}
	slices.SortFunc(out, func(a, b auditSeen) int {
		return cmp.Or(cmp.Compare(a.Collection, b.Collection), cmp.Compare(a.Action, b.Action),
			cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Actor, b.Actor), cmp.Compare(a.Record, b.Record))
	})
	return out
}

// TestAuditStaffRecords: every read of another person's drug tests and
// incidents (a list, a view, an expand, the board's phones, the
// acknowledge route) and every write of them is recorded with the exact
// actor and subject, one row per request and subject; an incident is
// about each person it names. Reading one's own writes nothing.
func TestAuditStaffRecords(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	a1, a2, mgr, su := id(tk.ResidentA1), id(tk.ResidentA2), id(tk.ManagerA), id(tk.Superuser)
	tests_ := "/api/collections/drug_tests/records"
	incidents := "/api/collections/incidents/records"
	nameBoth := func(t testing.TB, app *tests.TestApp) {
		r, err := app.FindRecordById("incidents", w.IncidentA1)
		if err != nil {
			t.Fatal(err)
		}
		r.Set("people", []string{a1, a2})
		if err := app.SaveNoValidate(r); err != nil {
			t.Fatal(err)
		}
	}
	isWrite := func(r auditSeen) bool { return r.Actor == "" } // the setup's own saves
	cases := []struct {
		name    string
		method  string
		url     string
		body    string
		actor   string
		before  func(t testing.TB, app *tests.TestApp)
		status  int
		want    []auditSeen
		ignored func(auditSeen) bool
	}{
		{name: "a manager lists drug tests", method: "GET", url: tests_, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "list", "drug_tests", "", a1}}},
		{name: "a manager views a drug test", method: "GET", url: tests_ + "/" + w.DrugTestA1, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "view", "drug_tests", w.DrugTestA1, a1}}},
		{name: "a superuser views a drug test", method: "GET", url: tests_ + "/" + w.DrugTestA1, actor: tk.Superuser, status: 200,
			want: []auditSeen{{su, "superuser", "view", "drug_tests", w.DrugTestA1, a1}}},
		{name: "an expand of drug tests", method: "GET", url: "/api/collections/users/records/" + a1 + "?expand=drug_tests_via_user",
			actor: tk.ManagerA, status: 200, want: []auditSeen{
				{mgr, "user", "view", "users", a1, a1}, {mgr, "user", "view", "drug_tests", w.DrugTestA1, a1}}},
		{name: "a resident reads their own tests", method: "GET", url: tests_ + "?expand=user,recorded_by", actor: tk.ResidentA1, status: 200},
		{name: "a resident views their own test", method: "GET", url: tests_ + "/" + w.DrugTestA1, actor: tk.ResidentA1, status: 200},
		{name: "a manager lists incidents", method: "GET", url: incidents, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "list", "incidents", "", a1}}},
		{name: "a manager views an incident", method: "GET", url: incidents + "/" + w.IncidentA1, actor: tk.ManagerA, status: 200,
			want: []auditSeen{{mgr, "user", "view", "incidents", w.IncidentA1, a1}}},
		{name: "a manager lists an incident naming two", method: "GET", url: incidents, actor: tk.ManagerA, status: 200, before: nameBoth, ignored: isWrite,
			want: []auditSeen{{mgr, "user", "list", "incidents", "", a1}, {mgr, "user", "list", "incidents", "", a2}}},
		{name: "a person named views an incident naming another", method: "GET", url: incidents + "/" + w.IncidentA1,
			actor: tk.ResidentA1, status: 200, before: nameBoth, ignored: isWrite,
			want: []auditSeen{{a1, "user", "view", "incidents", w.IncidentA1, a2}}},
		{name: "a resident reads the incidents naming only them", method: "GET", url: incidents + "?expand=people", actor: tk.ResidentA1, status: 200},
		{name: "an expand of incidents", method: "GET", url: "/api/collections/users/records/" + a1 + "?expand=incidents_via_people",
			actor: tk.ManagerA, status: 200, want: []auditSeen{
				{mgr, "user", "view", "users", a1, a1}, {mgr, "user", "view", "incidents", w.IncidentA1, a1}}},
		{name: "a manager records a test", method: "POST", url: tests_, actor: tk.ManagerA, status: 200,
			body: `{"house":"` + w.HouseA + `","user":"` + a2 + `","tested_at":"2026-11-25 17:00:00.000Z","method":"urine","result":"negative"}`,
			want: []auditSeen{{mgr, "user", "create", "drug_tests", "*", a2}}},
		{name: "a manager corrects a test", method: "PATCH", url: tests_ + "/" + w.DrugTestA1, actor: tk.ManagerA, status: 200,
			body: `{"notes":"Routine, retested."}`, ignored: isWrite,
			want: []auditSeen{{mgr, "user", "update", "drug_tests", w.DrugTestA1, a1}}},
		{name: "a superuser deletes a test", method: "DELETE", url: tests_ + "/" + w.DrugTestA1, actor: tk.Superuser, status: 204,
			want: []auditSeen{{su, "superuser", "delete", "drug_tests", w.DrugTestA1, a1}}},
		{name: "a manager names another person in an incident", method: "PATCH", url: incidents + "/" + w.IncidentA1,
			actor: tk.ManagerA, status: 200, body: `{"people":["` + a2 + `"]}`, ignored: isWrite,
			want: []auditSeen{ // a1 learns they were taken off; a2 that they are named
				{mgr, "user", "update", "incidents", w.IncidentA1, a1}, {mgr, "user", "update", "incidents", w.IncidentA1, a2}}},
		{name: "a person named acknowledges", method: "POST", url: "/api/hearth/incidents/" + w.IncidentA1 + "/acknowledge",
			actor: tk.ResidentA1, status: 200, want: []auditSeen{{a1, "user", "update", "incidents", w.IncidentA1, a1}}},
		{name: "a manager's board shows a phone that is not shared", method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/board",
			actor: tk.ManagerA, status: 200, want: []auditSeen{{mgr, "user", "view", "users", "", a2}}},
		{name: "a resident's board shows only shared phones", method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/board",
			actor: tk.ResidentA1, status: 200},
		{name: "a person's own record", method: "GET", url: "/api/hearth/me/record", actor: tk.ResidentA1, status: 200},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: c.method, URL: c.url, Headers: w.Headers(c.actor),
			TestAppFactory: staffFactory, ExpectedStatus: c.status,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				got := slices.DeleteFunc(auditSince(t, app), func(r auditSeen) bool { return c.ignored != nil && c.ignored(r) })
				got, want := sortedAudit(got, true), sortedAudit(c.want, false)
				if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
					t.Errorf("audit rows\n got %+v\nwant %+v", got, want)
				}
			},
		}
		if c.status != 204 {
			s.ExpectedContent = []string{"{"}
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

// TestAuditStaffDocument: downloading a drug test's protected form with a
// file token is a read of the test by the token's holder; the resident
// downloading their own writes nothing.
func TestAuditStaffDocument(t *testing.T) {
	w := tk.Seeded(t)
	a1, mgr := w.People[tk.ResidentA1].ID, w.People[tk.ManagerA].ID
	for _, c := range []struct {
		actor string
		want  []auditSeen
	}{
		{tk.ManagerA, []auditSeen{{mgr, "user", "view", "drug_tests", w.DrugTestA1, a1}}},
		{tk.ResidentA1, nil},
	} {
		app := staffFactory(t)
		r, err := app.FindRecordById("drug_tests", w.DrugTestA1)
		if err != nil {
			t.Fatal(err)
		}
		f, err := filesystem.NewFileFromBytes([]byte("%PDF-1.4\n%%EOF\n"), "form.pdf")
		if err != nil {
			t.Fatal(err)
		}
		r.Set("document", f)
		if err := app.SaveNoValidate(r); err != nil {
			t.Fatal(err)
		}
		reader, err := app.FindRecordById("users", w.People[c.actor].ID)
		if err != nil {
			t.Fatal(err)
		}
		token, err := reader.NewFileToken()
		if err != nil {
			t.Fatal(err)
		}
		before := len(auditSince(t, app))
		(&tests.ApiScenario{
			Name: "the form, downloaded by " + c.actor, Method: "GET",
			URL:            "/api/files/drug_tests/" + r.Id + "/" + r.GetString("document") + "?token=" + token,
			TestAppFactory: func(testing.TB) *tests.TestApp { return app },
			ExpectedStatus: 200, ExpectedContent: []string{"%PDF"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				got := auditSince(t, app)[before:]
				if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
					t.Errorf("audit rows\n got %+v\nwant %+v", got, c.want)
				}
			},
		}).Test(t)
	}
}
