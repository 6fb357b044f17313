package hooks_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// The seeded houses: A in Los Angeles with the daily 2-point "Kitchen" due
// at 09:00 and residents A1 and A2 active (awayA on a pass); B in New York.

// jobsApp is a test app whose scheduler runs on a fake clock set at start:
// it serves (which starts the jobs, as in production) and waits until
// every job has armed its timer on the clock.
func jobsApp(t *testing.T, start time.Time) (*tests.TestApp, *clockwork.FakeClock) {
	t.Helper()
	clock := clockwork.NewFakeClockAt(start)
	app := tk.NewAppWithJobs(t, clock)
	t.Cleanup(app.Cleanup)
	tk.Serve(t, app)
	waitTimers(t, clock, 3) // two houses' midnights and the sweep
	return app, clock
}

// waitTimers waits until n timers are armed on the fake clock.
func waitTimers(t *testing.T, clock *clockwork.FakeClock, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, n); err != nil {
		t.Fatalf("the scheduler did not arm %d timers: %v", n, err)
	}
}

// advance moves the fake clock to the instant in steps of at most a
// minute, letting the jobs due at each step run before the next.
func advance(t *testing.T, clock *clockwork.FakeClock, to time.Time) {
	t.Helper()
	for clock.Now().Before(to) {
		step := min(to.Sub(clock.Now()), time.Minute)
		clock.Advance(step)
		waitTimers(t, clock, 3)
	}
}

// eventually waits, in real time, for a job running on another goroutine
// to make cond true. The deadline only bounds a broken test's hang.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("never happened: %s", what)
}

// poll is eventually for a short while, reporting instead of failing.
func poll(cond func() bool) bool {
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// assignmentsOf lists a chore's assignments due in [from, to).
func assignmentsOf(t testing.TB, app core.App, chore string, from, to time.Time) []*core.Record {
	t.Helper()
	rs, err := app.FindRecordsByFilter("chore_assignments", "chore = {:c} && due >= {:from} && due < {:to}", "due", 0, 0,
		dbx.Params{"c": chore, "from": from.UTC().Format(time.DateTime), "to": to.UTC().Format(time.DateTime)})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// addChore adds a daily chore to house A, due at the house-local time.
func addChore(t testing.TB, app core.App, title, due string, extra map[string]any) *core.Record {
	t.Helper()
	data := map[string]any{"house": tk.Seeded(t).HouseA, "title": title, "cadence": "daily", "due_time": due, "points": 1, "active": true}
	for k, v := range extra {
		data[k] = v
	}
	return saveOrFail(t, app, "chores", data)
}

func TestChoreJobsAssignAtHouseMidnight(t *testing.T) {
	w := tk.Seeded(t)
	// 23:58 on 23 November in Los Angeles. The sweep runs once a day here,
	// so only the house's midnight job can assign the 24th.
	clock := clockwork.NewFakeClockAt(utc("2026-11-24T07:58:00Z"))
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	jobs := hooks.NewSchedulerSweepingEvery(app, clock, 24*time.Hour)
	if err := jobs.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop() })
	waitTimers(t, clock, 3) // two houses' midnights and the (idle) sweep
	kitchen := func() []*core.Record {
		return assignmentsOf(t, app, w.ChoreA, utc("2026-11-24T08:00:00Z"), utc("2026-11-25T08:00:00Z"))
	}
	if got := len(kitchen()); got != 0 {
		t.Fatalf("24 November assigned before its midnight: %d", got)
	}

	advance(t, clock, utc("2026-11-24T08:00:30Z")) // 00:00:30 on the 24th
	eventually(t, "24 November's kitchen assigned at midnight", func() bool { return len(kitchen()) == 1 })

	a := kitchen()[0]
	if got := a.GetDateTime("due").Time(); !got.Equal(utc("2026-11-24T17:00:00Z")) {
		t.Errorf("due %v, want 09:00 in Los Angeles", got)
	}
	if who := a.GetString("assignee"); who != w.People[tk.ResidentA1].ID && who != w.People[tk.ResidentA2].ID {
		t.Errorf("assigned to %s, want an active resident of A", who)
	}
	if a.GetString("status") != "open" || a.GetInt("points") != 2 {
		t.Errorf("status %q points %d, want open and 2", a.GetString("status"), a.GetInt("points"))
	}

	advance(t, clock, utc("2026-11-24T08:10:00Z")) // ten minutes later
	if got := len(kitchen()); got != 1 {
		t.Errorf("%d kitchen assignments on the 24th ten minutes after midnight, want 1", got)
	}
}

func TestChoreJobsCatchUpAfterRestartWithoutDuplicates(t *testing.T) {
	w := tk.Seeded(t)
	// The machine was off at midnight; it starts at 10:00 in Los Angeles,
	// 13:00 in New York. A's kitchen (09:00, two hours' grace) can still be
	// done; B's (09:00, grace long gone) is nobody's rather than missed the
	// moment it is handed out.
	app, _ := jobsApp(t, utc("2026-11-24T18:00:00Z"))
	day := func(chore string, from string) int {
		start := utc(from)
		return len(assignmentsOf(t, app, chore, start, start.Add(24*time.Hour)))
	}
	if got := day(w.ChoreA, "2026-11-24T08:00:00Z"); got != 1 {
		t.Fatalf("house A's day after a late start: %d kitchen assignments, want 1", got)
	}
	if got := day(w.ChoreB, "2026-11-24T05:00:00Z"); got != 0 {
		t.Fatalf("house B's day after a late start: %d assignments, want 0 (past its grace)", got)
	}
	for _, h := range []string{w.HouseA, w.HouseB} {
		n, err := app.CountRecords("chore_days", dbx.HashExp{"house": h, "day": "2026-11-24"})
		if err != nil || n != 1 {
			t.Fatalf("house %s: %d chore_days rows for the late-started day (%v), want 1", h, n, err)
		}
	}

	// Stop as the server does, then start a scheduler again, as the next
	// run of the binary would: nothing is made twice.
	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	again := hooks.NewScheduler(app, clockwork.NewFakeClockAt(utc("2026-11-24T18:05:00Z")))
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Stop() })
	if got := day(w.ChoreA, "2026-11-24T08:00:00Z"); got != 1 {
		t.Errorf("after a restart: %d kitchen assignments, want 1", got)
	}
	res, err := hooks.GenerateChores(app, w.HouseA, utc("2026-11-24T18:06:00Z"))
	if err != nil || !res.Already || res.Assigned != 0 {
		t.Errorf("generating the day once more: %+v (%v), want Already and nothing assigned", res, err)
	}
	n, err := app.CountRecords("chore_days", dbx.HashExp{"house": w.HouseA, "day": "2026-11-24"})
	if err != nil || n != 1 {
		t.Errorf("chore_days rows for the day: %d (%v), want 1", n, err)
	}
}

func TestChoreJobsMarkMissedAfterGrace(t *testing.T) {
	w := tk.Seeded(t)
	app, clock := jobsApp(t, utc("2026-11-24T18:00:00Z"))
	a := assignmentsOf(t, app, w.ChoreA, utc("2026-11-24T08:00:00Z"), utc("2026-11-25T08:00:00Z"))[0]
	status := func() string { return findOrFail(t, app, "chore_assignments", a.Id).GetString("status") }
	assignee, manager := a.GetString("assignee"), w.People[tk.ManagerA].ID
	// The seeded world already holds missed-chore notifications: count
	// the new ones.
	missedNotes := func(user string) int {
		n, err := app.CountRecords("notifications", dbx.HashExp{"user": user, "kind": "chore_missed"})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	assigneeBefore, managerBefore := missedNotes(assignee), missedNotes(manager)

	// Due 09:00 (17:00Z) with 120 minutes of grace: still open at 10:59.
	advance(t, clock, utc("2026-11-24T18:59:00Z"))
	if got := status(); got != "open" {
		t.Fatalf("status %q before the grace ran out, want open", got)
	}
	advance(t, clock, utc("2026-11-24T19:01:00Z"))
	// A sweep that fires while the one before is still running is skipped
	// (singleton mode), so give it a few more minutes.
	for range 5 {
		if poll(func() bool { return status() == "missed" }) {
			break
		}
		advance(t, clock, clock.Now().Add(time.Minute))
	}
	eventually(t, "the kitchen marked missed", func() bool { return status() == "missed" })
	if got := missedNotes(assignee) - assigneeBefore; got != 1 {
		t.Errorf("the assignee got %d new missed-chore notifications, want 1", got)
	}
	if got := missedNotes(manager) - managerBefore; got != 1 {
		t.Errorf("the manager got %d new missed-chore notifications, want 1", got)
	}
	notified(assignee, "chore_missed", "Kitchen")(t, app, nil)
}

func TestChoreJobsDaylightSavingDays(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name  string
		start string // 23:58 the evening before, in Los Angeles
		day   string // midnight starting the day, UTC
		due   string // the chore's due time that day
		want  string // the one instant it is due
	}{
		// 02:30 does not exist on 8 March: clocks jump from 02:00 to 03:00.
		{"spring forward, a due time in the gap", "2026-03-08T07:58:00Z", "2026-03-08T08:00:00Z", "02:30", "2026-03-08T10:30:00Z"},
		{"spring forward, a due time after the jump", "2026-03-08T07:58:00Z", "2026-03-08T08:00:00Z", "09:00", "2026-03-08T16:00:00Z"},
		// 01:30 happens twice on 1 November: the first one counts.
		{"fall back, a due time that happens twice", "2026-11-01T06:58:00Z", "2026-11-01T07:00:00Z", "01:30", "2026-11-01T08:30:00Z"},
		{"fall back, a due time after the change", "2026-11-01T06:58:00Z", "2026-11-01T07:00:00Z", "09:00", "2026-11-01T17:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(utc(c.start))
			app := tk.NewAppWithJobs(t, clock)
			t.Cleanup(app.Cleanup)
			chore := addChore(t, app, "Porch", c.due, map[string]any{"rotation": []string{w.People[tk.ResidentA1].ID}})
			tk.Serve(t, app)
			waitTimers(t, clock, 3)

			dayStart := utc(c.day)
			porch := func() []*core.Record { return assignmentsOf(t, app, chore.Id, dayStart, dayStart.Add(25*time.Hour)) }
			advance(t, clock, dayStart.Add(30*time.Second))
			eventually(t, "the day's porch assigned", func() bool { return len(porch()) == 1 })
			// Through the change and past the due time plus grace.
			advance(t, clock, dayStart.Add(5*time.Hour))
			got := porch()
			if len(got) != 1 {
				t.Fatalf("%d assignments on the day, want exactly 1", len(got))
			}
			if due := got[0].GetDateTime("due").Time(); !due.Equal(utc(c.want)) {
				t.Errorf("due %v, want %s", due, c.want)
			}
		})
	}
}

func TestChoreJobsFollowATimezoneChange(t *testing.T) {
	w := tk.Seeded(t)
	// 10:00 on 24 November in Los Angeles: 07:00 on the 25th in Auckland.
	app, clock := jobsApp(t, utc("2026-11-24T18:00:00Z"))
	house := findOrFail(t, app, "houses", w.HouseA)
	house.Set("timezone", "Pacific/Auckland")
	save(t, app, house)

	// The 25th had begun in Auckland: it is generated at once. Its kitchen
	// is the one already assigned for 09:00 in Los Angeles (06:00 on the
	// 25th in Auckland): one a day, even across the change.
	n, err := app.CountRecords("chore_days", dbx.HashExp{"house": w.HouseA, "day": "2026-11-25"})
	if err != nil || n != 1 {
		t.Fatalf("Auckland's 25th not generated on the change (%d rows, %v)", n, err)
	}
	if got := assignmentsOf(t, app, w.ChoreA, utc("2026-11-24T11:00:00Z"), utc("2026-11-25T11:00:00Z")); len(got) != 1 {
		t.Fatalf("the 25th in Auckland: %d kitchen assignments, want 1", len(got))
	}
	waitTimers(t, clock, 3)
	// Auckland's next midnight, long before Los Angeles's.
	advance(t, clock, utc("2026-11-25T11:00:30Z"))
	next := func() []*core.Record {
		return assignmentsOf(t, app, w.ChoreA, utc("2026-11-25T11:00:00Z"), utc("2026-11-26T11:00:00Z"))
	}
	eventually(t, "the 26th assigned at Auckland's midnight", func() bool { return len(next()) == 1 })
	if due := next()[0].GetDateTime("due").Time(); !due.Equal(utc("2026-11-25T20:00:00Z")) {
		t.Errorf("due %v, want 09:00 NZDT on the 26th", due)
	}
}

func TestGenerateChoresRacingMakesEachOnce(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	for i := range 5 {
		addChore(t, app, "Chore "+string(rune('a'+i)), "18:00", nil)
	}
	now := utc("2026-11-25T16:00:00Z") // 08:00 on the 25th in Los Angeles

	const racers = 8
	results := make([]hooks.ChoreDayResult, racers)
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() { results[i], errs[i] = hooks.GenerateChores(app, w.HouseA, now) })
	}
	wg.Wait()

	made, fresh := 0, 0
	for i := range racers {
		if errs[i] != nil {
			t.Fatalf("racer %d: %v", i, errs[i])
		}
		made += results[i].Assigned
		if !results[i].Already {
			fresh++
		}
	}
	if fresh != 1 || made != 6 {
		t.Errorf("%d generations made %d assignments, want 1 making 6 (kitchen and five more)", fresh, made)
	}
	n, err := app.CountRecords("chore_assignments", dbx.HashExp{"house": w.HouseA},
		dbx.NewExp("due >= '2026-11-25 08:00:00.000Z' AND due < '2026-11-26 08:00:00.000Z'"))
	if err != nil || n != 6 {
		t.Errorf("%d assignments stored for the day (%v), want 6", n, err)
	}
}

func TestGenerateChoresTellsManagersWhatNobodyCouldTake(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	// Only the resident on a pass shares the yard.
	addChore(t, app, "Yard", "10:00", map[string]any{"rotation": []string{w.People[tk.AwayA].ID}})

	res, err := hooks.GenerateChores(app, w.HouseA, utc("2026-11-25T16:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unassigned) != 1 || res.Assigned != 1 {
		t.Errorf("assigned %d, unassigned %v; want the kitchen assigned and the yard not", res.Assigned, res.Unassigned)
	}
	notified(w.People[tk.ManagerA].ID, "chore_unassigned", "Yard")(t, app, nil)
}

// TestGenerateChoresRemembersPasses runs four weeks of real generation in
// house A, where residentA1 spends the second week on a pass: the days away
// are remembered in chore_days, so A1 comes back level with A2 and does not
// take the kitchen every day to make up for the absence.
func TestGenerateChoresRemembersPasses(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	a1, a2 := w.People[tk.ResidentA1], w.People[tk.ResidentA2]
	setStatus := func(status string) {
		m := findOrFail(t, app, "memberships", a1.Membership)
		m.Set("status", status)
		if status == "away" {
			m.Set("away_until", "2026-12-31")
		}
		save(t, app, m)
	}

	first := utc("2026-12-01T16:00:00Z") // 08:00 in Los Angeles
	counts := map[string]int{}
	for day := range 28 {
		switch day {
		case 7:
			setStatus("away")
		case 14:
			setStatus("active")
		}
		res, err := hooks.GenerateChores(app, w.HouseA, first.AddDate(0, 0, day))
		if err != nil || res.Assigned != 1 {
			t.Fatalf("day %d: assigned %d (%v), want 1", day, res.Assigned, err)
		}
		if day >= 14 {
			a := assignmentsOf(t, app, w.ChoreA, first.AddDate(0, 0, day), first.AddDate(0, 0, day+1))
			counts[a[0].GetString("assignee")]++
		}
	}
	// After the pass the two share the kitchen: 7 each, give or take one.
	if got := counts[a1.ID]; got < 6 || got > 8 {
		t.Errorf("after the pass A1 had the kitchen %d of 14 days (A2 %d), want 6 to 8", got, counts[a2.ID])
	}
}
