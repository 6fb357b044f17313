package hooks_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestAuditRetention: the retention job removes the rows older than the
// years kept, from the old end, records that it did, and the chain still
// verifies from the oldest remaining row, which is itself still checked.
func TestAuditRetention(t *testing.T) {
	clock := clockwork.NewFakeClockAt(time.Date(2032, 6, 1, 12, 0, 0, 0, time.UTC))
	app := tk.NewAppWithClock(t, clock)
	defer app.Cleanup()
	emptyAudit(t, app)
	at := func(y int) []hooks.AuditEvent {
		evs := auditEvents(2, "s")
		for i := range evs {
			evs[i].At = time.Date(y, 1, 1, 0, 0, i, 0, time.UTC)
		}
		return evs
	}
	for _, y := range []int{2024, 2025, 2026, 2027, 2030} {
		if err := hooks.AppendAudit(app, at(y)...); err != nil {
			t.Fatal(err)
		}
	}
	// Six years before 2032-06-01: 2026-06-01; 2024, 2025 and 2026's rows go.
	n, err := hooks.PruneAudit(app, clock.Now(), 6)
	if err != nil || n != 6 {
		t.Fatalf("pruned %d rows (want 6): %v", n, err)
	}
	var left []string
	if err := app.DB().NewQuery("SELECT substr(at, 1, 4) || ' ' || action FROM audit_events ORDER BY rowid").Column(&left); err != nil {
		t.Fatal(err)
	}
	want := []string{"2027 view", "2027 view", "2030 view", "2030 view", "2032 delete"}
	if len(left) != len(want) {
		t.Fatalf("left %v, want %v", left, want)
	}
	for i := range want {
		if left[i] != want[i] {
			t.Fatalf("left %v, want %v", left, want)
		}
	}
	if n, err := hooks.VerifyAudit(app.DB()); err != nil || n != 5 {
		t.Fatalf("verify after pruning: %d rows, %v", n, err)
	}
	// Nothing more to prune: nothing removed, nothing recorded.
	if n, err := hooks.PruneAudit(app, clock.Now(), 6); err != nil || n != 0 {
		t.Fatalf("second prune removed %d: %v", n, err)
	}
	// The oldest remaining row is still checked.
	ids := auditIDs(t, app.DB())
	if _, err := app.DB().NewQuery("UPDATE audit_events SET actor = 'x' WHERE id = {:id}").Bind(map[string]any{"id": ids[0]}).Execute(); err != nil {
		t.Fatal(err)
	}
	_, err = hooks.VerifyAudit(app.DB())
	var br *hooks.AuditBreak
	if !errors.As(err, &br) || br.Id != ids[0] {
		t.Fatalf("a changed oldest row after pruning: %v", err)
	}
}
