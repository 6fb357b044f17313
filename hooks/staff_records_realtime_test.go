package hooks_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	tk "hearth/testkit"
)

// TestStaffRecordsRealtime subscribes everyone to drug_tests and
// incidents, then records a test of residentA1 and an incident naming
// them: only house A's managers and residentA1 hear either (not their
// partner, a housemate, an alumnus, house B or a guest), and the
// manager's realtime read is recorded in the audit trail with its exact
// actor and subject; residentA1's read of their own records is not.
func TestStaffRecordsRealtime(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	a1, a2, mgr := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID

	m := findOrFail(t, app, "memberships", w.People[tk.ResidentA1].Membership)
	m.Set("partner", a2)
	save(t, app, m)

	topics := []string{"drug_tests", "incidents"}
	listeners := []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA, tk.AlumnusA, tk.AwayA, tk.ResidentB, tk.ManagerB, tk.Anonymous}
	subs := map[string]*tk.Subscriber{}
	for _, actor := range listeners {
		token := ""
		if actor != tk.Anonymous {
			token = w.People[actor].Token
		}
		subs[actor] = tk.Subscribe(t, srv.URL, token, topics...)
	}
	before := len(auditSince(t, app))

	test := saveOrFail(t, app, "drug_tests", map[string]any{"house": w.HouseA, "user": a1,
		"tested_at": time.Now().Add(-time.Hour), "method": "saliva", "result": "positive", "substances": []string{"THC"}})
	incident := saveOrFail(t, app, "incidents", map[string]any{"house": w.HouseA, "people": []string{a1},
		"occurred_at": time.Now().Add(-time.Hour), "kind": "use_on_property", "severity": "serious",
		"description": "Live incident", "status": "open"})

	heard := map[string][]tk.RealtimeEvent{}
	for actor, s := range subs {
		heard[actor] = s.Drain(700 * time.Millisecond)
	}
	for _, actor := range []string{tk.ResidentA1, tk.ManagerA} {
		if !heardRecord(heard[actor], test.Id) || !heardRecord(heard[actor], incident.Id) {
			t.Errorf("%s did not hear the test and the incident: %v", actor, heard[actor])
		}
	}
	for _, actor := range []string{tk.ResidentA2, tk.AlumnusA, tk.AwayA, tk.ResidentB, tk.ManagerB, tk.Anonymous} {
		for _, e := range heard[actor] {
			if strings.Contains(e.Raw, test.Id) || strings.Contains(e.Raw, incident.Id) || strings.Contains(e.Raw, "Live incident") {
				t.Errorf("%s heard %s on %s: %s", actor, e.Action, e.Topic, e.Raw)
			}
		}
	}

	var reads []auditSeen
	for _, r := range auditSince(t, app)[before:] {
		if r.Action != "create" {
			reads = append(reads, r)
		}
	}
	want := []auditSeen{
		{mgr, "user", "view", "drug_tests", test.Id, a1},
		{mgr, "user", "view", "incidents", incident.Id, a1},
	}
	if got, want := sortedAudit(reads, false), sortedAudit(want, false); !slices.Equal(got, want) {
		t.Errorf("realtime audit rows\n got %+v\nwant %+v", got, want)
	}
}
