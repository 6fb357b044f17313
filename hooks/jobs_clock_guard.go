package hooks

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// storeKeyScheduler is where the scheduler keeps its state in the app's
// store, for the health details (SchedulerStatus).
const storeKeyScheduler = "hearth.scheduler"

// SchedulerState is what the house jobs' scheduler last did.
type SchedulerState struct {
	// LastSweep is the clock's time at the start of the last sweep that
	// ran; zero before the first.
	LastSweep time.Time
	// ClockBehind says why the jobs are being skipped (the clock reads
	// earlier than their last run), or is "" when the clock is trusted.
	ClockBehind string
}

// SchedulerStatus is the scheduler's state in app (zero when no scheduler
// runs there).
func SchedulerStatus(app core.App) SchedulerState {
	st, _ := app.Store().Get(storeKeyScheduler).(SchedulerState)
	return st
}

// clockGuard keeps the jobs from running on a clock that went back: a
// machine without a real-time clock (a Raspberry Pi) may start at 1970 or
// at the time it was last shut down until NTP sets it. The jobs work in
// house-local days, so a clock reading an earlier day would hand out an
// old day's chores and send its reminders again. The floor is the latest
// of the last sweep and the start of the newest day in the jobs' ledger
// (job_runs), which outlives a restart.
type clockGuard struct {
	mu     sync.Mutex
	floor  time.Time // the clock must not read earlier than this
	behind bool      // the last check found it earlier
}

// jobsRunOnTheirDay are the jobs whose job_runs day is the house-local day
// they ran on (or the night before, for the curfew summary).
var jobsRunOnTheirDay = []any{jobCheckinReminder, jobCheckinSummary, jobCurfewSummary, jobMilestones, jobEventSeries, jobIncidentFollowup}

// loadFloor raises the floor to the start of each house's newest job day.
func (g *clockGuard) loadFloor(app core.App, houses []*core.Record) error {
	var rows []struct {
		House string `db:"house"`
		Day   string `db:"day"`
	}
	// Only the jobs keyed by the day they run on: a series' claims are
	// keyed by its occurrences' days, which lie ahead.
	err := app.DB().Select("house", "MAX(day) AS day").From("job_runs").
		Where(dbx.In("job", jobsRunOnTheirDay...)).GroupBy("house").All(&rows)
	if err != nil {
		return err
	}
	locs := make(map[string]*time.Location, len(houses))
	for _, h := range houses {
		locs[h.Id] = houseLocation(app, h)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, r := range rows {
		loc, ok := locs[r.House]
		if !ok {
			continue
		}
		start, err := time.ParseInLocation(domain.DateLayout, r.Day, loc)
		if err == nil && start.After(g.floor) {
			g.floor = start
		}
	}
	return nil
}

// check reports whether the jobs may run at now, and says so loudly
// (standard error and the app's log) when the clock goes behind its floor
// and when it comes back.
func (g *clockGuard) check(app core.App, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if now.Before(g.floor.Add(-clockSlack)) {
		msg := fmt.Sprintf("the clock reads %s, earlier than the house jobs' last run (%s): "+
			"the jobs are skipped until the clock is right (check NTP: timedatectl)",
			now.UTC().Format(time.RFC3339), g.floor.UTC().Format(time.RFC3339))
		if !g.behind {
			fmt.Fprintln(os.Stderr, "hearth: "+msg)
		}
		app.Logger().Error("the clock went back: house jobs skipped", "now", now.UTC(), "lastRun", g.floor.UTC())
		g.behind = true
		setSchedulerState(app, func(st *SchedulerState) { st.ClockBehind = msg })
		return false
	}
	if g.behind {
		fmt.Fprintln(os.Stderr, "hearth: the clock is right again; the house jobs run")
		app.Logger().Warn("the clock is right again: house jobs resume", "now", now.UTC())
		g.behind = false
		setSchedulerState(app, func(st *SchedulerState) { st.ClockBehind = "" })
	}
	return true
}

// swept raises the floor to a sweep's time and records it.
func (g *clockGuard) swept(app core.App, now time.Time) {
	g.mu.Lock()
	if now.After(g.floor) {
		g.floor = now
	}
	g.mu.Unlock()
	setSchedulerState(app, func(st *SchedulerState) { st.LastSweep = now })
}

// clockSlack is how far behind its floor the clock may read before the
// jobs stop: a job that read the clock just before a concurrent sweep
// raised the floor is not a clock that went back, and the jobs work in
// days, so a few seconds either way change nothing.
const clockSlack = time.Minute

// setSchedulerState changes the scheduler's state in app's store.
func setSchedulerState(app core.App, change func(*SchedulerState)) {
	app.Store().SetFunc(storeKeyScheduler, func(old any) any {
		st, _ := old.(SchedulerState)
		change(&st)
		return st
	})
}
