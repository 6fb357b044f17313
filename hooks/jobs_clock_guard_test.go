package hooks_test

import (
	"context"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestSweepRecordsItsTime: each sweep that runs leaves its time in the
// scheduler's state, which the health details show.
func TestSweepRecordsItsTime(t *testing.T) {
	at := utc("2026-11-26T04:00:00Z")
	clock := clockwork.NewFakeClockAt(at)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	if got := hooks.SchedulerStatus(app).LastSweep; !got.IsZero() {
		t.Fatalf("last sweep %s before any sweep", got)
	}
	s := hooks.NewScheduler(app, clock)
	s.Sweep(context.Background())
	if got := hooks.SchedulerStatus(app).LastSweep; !got.Equal(at) {
		t.Errorf("last sweep = %s, want %s", got, at)
	}
	clock.Advance(time.Minute)
	s.Sweep(context.Background())
	if got := hooks.SchedulerStatus(app).LastSweep; !got.Equal(at.Add(time.Minute)) {
		t.Errorf("last sweep = %s, want a minute later", got)
	}
}

// TestClockBehindSkipsTheJobs: a scheduler whose clock reads a day earlier
// than the jobs' last run (a restart on a machine whose clock is not set
// yet, or a clock that jumped back while serving) runs nothing, says why in
// its state, and runs again once the clock has caught up.
func TestClockBehindSkipsTheJobs(t *testing.T) {
	w := tk.Seeded(t)
	// 20:00 on Wednesday 25 November in Los Angeles: the reminder hour.
	right := clockwork.NewFakeClockAt(utc("2026-11-26T04:00:00Z"))
	app := tk.NewAppWithClock(t, right)
	t.Cleanup(app.Cleanup)
	hooks.NewScheduler(app, right).Sweep(context.Background())
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-25"); got != 1 {
		t.Fatalf("the reminder of the 25th was not sent")
	}
	days, err := app.CountRecords("chore_days")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("after a restart", func(t *testing.T) {
		// 20:00 on the 22nd: also a reminder hour, three days back.
		wrong := clockwork.NewFakeClockAt(utc("2026-11-23T04:00:00Z"))
		s := hooks.NewScheduler(app, wrong)
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Stop() })
		if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-22"); got != 0 {
			t.Errorf("a clock three days back sent the reminders of the 22nd again")
		}
		if n, _ := app.CountRecords("chore_days"); n != days {
			t.Errorf("a clock three days back generated chore days (%d, was %d)", n, days)
		}
		st := hooks.SchedulerStatus(app)
		if st.ClockBehind == "" {
			t.Errorf("the state does not say that the clock is behind: %+v", st)
		}
		s.Sweep(context.Background())
		if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-22"); got != 0 {
			t.Errorf("a later sweep on the wrong clock sent the reminders")
		}

		// NTP sets the clock: the 26th, 20:00 in Los Angeles.
		wrong.Advance(4 * 24 * time.Hour)
		s.Sweep(context.Background())
		if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-26"); got != 1 {
			t.Errorf("the jobs did not resume once the clock was right")
		}
		if st := hooks.SchedulerStatus(app); st.ClockBehind != "" || !st.LastSweep.Equal(wrong.Now()) {
			t.Errorf("state after the clock was set: %+v", st)
		}
	})

	t.Run("while serving", func(t *testing.T) {
		// 20:00 on the 27th in Los Angeles, then the clock jumps to 20:00
		// on the 24th, whose reminder was never sent.
		clock := clockwork.NewFakeClockAt(utc("2026-11-28T04:00:00Z"))
		s := hooks.NewScheduler(app, clock)
		s.Sweep(context.Background())
		before, _ := app.CountRecords("job_runs")
		clock.Advance(-72 * time.Hour)
		s.Sweep(context.Background())
		if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-24"); got != 0 {
			t.Errorf("a clock that jumped back three days sent the reminders of the 24th")
		}
		if after, _ := app.CountRecords("job_runs"); after != before {
			t.Errorf("a sweep on a clock that went back ran jobs (%d job runs, was %d)", after, before)
		}
		if hooks.SchedulerStatus(app).ClockBehind == "" {
			t.Error("the state does not say that the clock went back")
		}
	})
}

// TestClockGuardIgnoresClaimsAhead: a weekly series claims its occurrences'
// days in job_runs, weeks ahead; they are not runs, and a right clock runs
// the jobs (the demo house has such claims).
func TestClockGuardIgnoresClaimsAhead(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(utc("2026-11-26T04:00:00Z"))
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	runs, err := app.FindCollectionByNameOrId("job_runs")
	if err != nil {
		t.Fatal(err)
	}
	claim := core.NewRecord(runs)
	claim.Set("house", w.HouseA)
	claim.Set("job", "series:abc")
	claim.Set("day", "2027-02-28")
	if err := app.Save(claim); err != nil {
		t.Fatal(err)
	}
	s := hooks.NewScheduler(app, clock)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-25"); got != 1 {
		t.Errorf("a series claim three months ahead stopped the jobs: %+v", hooks.SchedulerStatus(app))
	}
}
