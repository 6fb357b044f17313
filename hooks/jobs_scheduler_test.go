package hooks_test

import (
	"context"
	"testing"

	"github.com/jonboulle/clockwork"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestSweepStopsWhenTheSchedulerShutsDown runs a sweep whose context is
// already cancelled, as gocron's is once the scheduler shuts down: it
// leaves every house alone, so a stop never waits for a sweep of them all.
func TestSweepStopsWhenTheSchedulerShutsDown(t *testing.T) {
	w := tk.Seeded(t)
	// 20:00 on Wednesday 25 November in Los Angeles: the reminder hour, and
	// a day whose chores are not generated yet.
	clock := clockwork.NewFakeClockAt(utc("2026-11-26T04:00:00Z"))
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	s := hooks.NewScheduler(app, clock)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.Sweep(ctx)
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-25"); got != 0 {
		t.Errorf("a cancelled sweep sent the reminders")
	}
	if n, err := app.CountRecords("chore_days"); err != nil || n != 1 {
		t.Errorf("%d chore days after a cancelled sweep (%v), want only the seeded one", n, err)
	}

	s.Sweep(context.Background())
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-25"); got != 1 {
		t.Errorf("a sweep at 20:00 did not send the reminders")
	}
	wantCount(t, app, "A2", w.People[tk.ResidentA2].ID, "checkin_reminder", "", 1)
}
