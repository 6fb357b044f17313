package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// TestMeRecord: a person sees what Hearth holds about them, in every house
// they belong or belonged to, and who read it; never another's.
func TestMeRecord(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/me/record"
	scenarios := []tests.ApiScenario{
		{Name: "signed out", Method: "GET", URL: url, ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}},
		{Name: "a resident", Method: "GET", URL: url, Headers: w.Headers(tk.ResidentA1), ExpectedStatus: 200,
			ExpectedContent: []string{
				`"id":"` + w.CheckinA1 + `"`, `"id":"` + w.MeetingA1 + `"`, `"id":"` + w.People[tk.ResidentA1].Membership + `"`,
				`"name":"Cedar House"`, `"chores":[`,
				`"id":"` + w.DrugTestA1 + `"`, `"id":"` + w.IncidentA1 + `"`,
				// The world's audit row: managerA viewed the check-in.
				`"action":"view","collection":"checkins","record":"` + w.CheckinA1 + `"`, `"actor_kind":"user"`, `"role":"manager"`,
			}},
		{Name: "an alumnus keeps theirs", Method: "GET", URL: url, Headers: w.Headers(tk.AlumnusA), ExpectedStatus: 200,
			ExpectedContent:    []string{`"id":"` + w.People[tk.AlumnusA].Membership + `"`, `"status":"alumni"`, `"reads":[]`},
			NotExpectedContent: []string{w.CheckinA1, w.People[tk.ResidentA1].Membership}},
		{Name: "another person never sees the resident's", Method: "GET", URL: url, Headers: w.Headers(tk.ResidentA2), ExpectedStatus: 200,
			ExpectedContent:    []string{`"id":"` + w.People[tk.ResidentA2].Membership + `"`, `"reads":[]`},
			NotExpectedContent: []string{w.CheckinA1, w.MeetingA1, w.People[tk.ResidentA1].Membership, w.DrugTestA1, w.IncidentA1}},
		{Name: "a manager sees none of the residents' records", Method: "GET", URL: url, Headers: w.Headers(tk.ManagerA), ExpectedStatus: 200,
			NotExpectedContent: []string{w.CheckinA1, w.MeetingA1, w.People[tk.ResidentA1].Membership, w.DrugTestA1, w.IncidentA1},
			ExpectedContent:    []string{`"reads":[]`, `"drug_tests":[]`, `"incidents":[]`}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = tk.Factory
		s.Test(t)
	}
}
