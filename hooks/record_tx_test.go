package hooks_test

import (
	"testing"
	"time"

	tk "hearth/testkit"
)

// TestRealtimeAfterTransactionalHooks: saves whose hooks write more in the
// same transaction (a move-out releasing partners, a new resident counted
// against the beds, a chore done telling the managers, a need-support post
// alerting the house, a meeting verified under the write lock) are still heard live by those who may see them.
func TestRealtimeAfterTransactionalHooks(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	manager := tk.Subscribe(t, srv.URL, w.People[tk.ManagerA].Token, "memberships", "chore_assignments", "posts", "notifications")
	resident := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA1].Token, "meetings")

	moved := findOrFail(t, app, "memberships", w.People[tk.ResidentA2].Membership)
	moved.Set("status", "alumni")
	save(t, app, moved)
	joined := saveOrFail(t, app, "memberships", map[string]any{
		"house": w.HouseA, "user": w.People[tk.Newcomer].ID, "role": "resident", "status": "active",
	})
	done := findOrFail(t, app, "chore_assignments", w.AssignmentA2)
	done.Set("status", "done")
	save(t, app, done)
	support := saveOrFail(t, app, "posts", map[string]any{
		"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "support", "body": "Rough night.",
	})

	verified := findOrFail(t, app, "meetings", w.MeetingA1)
	verified.Set("verified_by", w.People[tk.ManagerA].ID)
	save(t, app, verified)

	if !heardRecord(resident.Drain(700*time.Millisecond), verified.Id) {
		t.Error("residentA1 did not hear their meeting verified")
	}
	heard := manager.Drain(700 * time.Millisecond)
	for what, id := range map[string]string{
		"the move-out": moved.Id, "the new resident": joined.Id, "the chore done": done.Id, "the need-support post": support.Id,
	} {
		if !heardRecord(heard, id) {
			t.Errorf("managerA did not hear %s", what)
		}
	}
	alerts := 0
	for _, e := range heard {
		if e.Topic == "notifications" && e.Record["kind"] == "support" {
			alerts++
		}
	}
	if alerts != 1 {
		t.Errorf("managerA heard %d need-support alerts, want 1", alerts)
	}
}
