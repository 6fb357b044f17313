package durability_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
)

// TestJobsSurviveKillsMidWindow is the scheduler's restart story with the
// real binary and the real clock. The houses are written while the
// machine is off, in a timezone where it is now about 18:00, so that the
// windows of the jobs are open when it starts: a reminder hour running, a
// check-in deadline and a curfew just passed, chores to hand out (one past
// its grace, one inactive), an assignment past its grace, a 30-day
// milestone. Ten copies of each house make the start-up sweep, which does
// all of that before the server serves, long enough to be killed in the
// middle. Each round seeds a fresh data directory, kills the server with
// SIGKILL at random moments of its start (twice), checks the files, starts
// it for good and checks that every job's work is there exactly once:
// nothing missed, nothing repeated. Then it kills the serving server in
// the middle of the windows and checks again after the restart.
//
// The hooks package tests the same rules on a fake clock through whole
// evenings and days (TestCheckinJobsRestartInTheEvening,
// TestCheckinJobsStartAfterTheDeadline, TestChoreJobsCatchUpAfterRestartWithoutDuplicates,
// TestGenerateChoresRacingMakesEachOnce, TestCheckinJobsRacingSendOnce);
// this test cannot wait for a window to open in real time, so it opens
// them by the choice of the timezone.
func TestJobsSurviveKillsMidWindow(t *testing.T) {
	const copies = 10
	rounds := 2
	if longMode {
		rounds = 8
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	root := testDir(t)

	// A start that nobody kills: how long the start-up takes, and how
	// much work it does.
	dir := filepath.Join(root, "calibration")
	houses := seedJobs(t, dir, copies)
	srv := jobServer(t, dir)
	t0 := time.Now()
	srv.start()
	startup := time.Since(t0)
	checkJobs(t, superuser(t, srv), houses, "without a kill")
	srv.stop()
	full := jobWork(t, dir, houses[0].today)
	t.Logf("houses in %s, where it is %s; an unkilled start serves after %s, its sweep having written %s",
		houses[0].zone, time.Now().In(houses[0].loc).Format("15:04"), startup.Round(time.Millisecond), full)

	midWork := 0
	for round := 1; round <= rounds; round++ {
		dir := filepath.Join(root, fmt.Sprintf("round%d", round))
		houses := seedJobs(t, dir, copies)
		seeded := jobWork(t, dir, houses[0].today)
		srv := jobServer(t, dir)
		for kill := 1; kill <= 2; kill++ {
			if err := srv.startNoWait(); err != nil {
				t.Fatal(err)
			}
			// Within the start-up, where the sweep does its work (it
			// begins once the databases are open and ends as the server
			// serves).
			delay := startup/4 + time.Duration(rng.Int64N(int64(startup*3/4)))
			time.Sleep(delay) // the kill's moment, not a wait for readiness
			srv.kill()
			checkIntegrity(t, dir)
			if dups, err := duplicates(dir); err != nil {
				t.Fatal(err)
			} else if len(dups) > 0 {
				t.Fatalf("round %d kill %d: duplicated natural keys: %v", round, kill, dups)
			}
			done := jobWork(t, dir, houses[0].today)
			if done.between(seeded, full) {
				midWork++
			}
			t.Logf("round %d: SIGKILL %s after the start; the files hold %s", round, delay.Round(time.Millisecond), done)
		}
		srv.start()
		checkJobs(t, superuser(t, srv), houses, fmt.Sprintf("round %d, after two kills during start-up", round))
		srv.kill()
		checkIntegrity(t, dir)
		srv.start()
		checkJobs(t, superuser(t, srv), houses, fmt.Sprintf("round %d, after a kill while serving", round))
		srv.stop()
		if t.Failed() {
			t.Fatalf("round %d failed; data directory kept: %s", round, dir)
		}
	}
	t.Logf("%d rounds, %d kills during start-up (%d of them left the sweep's work partly done), %d kills while serving; every job's work found exactly once",
		rounds, 2*rounds, midWork, rounds)
}

// seedJobs seeds copies of the job houses into a new data directory.
func seedJobs(t *testing.T, dir string, copies int) []*jobHouses {
	t.Helper()
	houses, err := seedJobHouses(dir, time.Now(), copies)
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	return houses
}

// jobServer is a server for a seeded data directory, not started.
func jobServer(t *testing.T, dir string) *server {
	t.Helper()
	hearth(t, "superuser", "upsert", adminEmail, adminPassword, "--dir", dir)
	log, err := openLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := &server{t: t, bin: binPath, dir: dir, log: log}
	t.Cleanup(func() {
		if srv.running() {
			srv.stop()
		}
		log.Close()
	})
	return srv
}

// work is what the jobs have written for today, read from the files.
type work struct{ claims, choreDays, notifications, assignments int }

func (w work) String() string {
	return fmt.Sprintf("%d job claims, %d chore days, %d notifications, %d assignments",
		w.claims, w.choreDays, w.notifications, w.assignments)
}

// between reports whether w is some but not all of the work from seeded
// to full.
func (w work) between(seeded, full work) bool {
	return w != seeded && w != full
}

func jobWork(t *testing.T, dir, today string) work {
	t.Helper()
	db, err := openRO(filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var w work
	for _, q := range []struct {
		n   *int
		sql string
	}{
		{&w.claims, "SELECT COUNT(*) FROM job_runs WHERE day = '" + today + "'"},
		{&w.choreDays, "SELECT COUNT(*) FROM chore_days WHERE day = '" + today + "'"},
		{&w.notifications, "SELECT COUNT(*) FROM notifications"},
		{&w.assignments, "SELECT COUNT(*) FROM chore_assignments"},
	} {
		if err := db.QueryRow(q.sql).Scan(q.n); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// jobHouses are the houses of the scheduler test and who is in them.
type jobHouses struct {
	zone  string
	loc   *time.Location
	today string

	// reminders: the reminder hour is running; two residents have
	// checked in, four have not; one reaches 30 days sober today.
	r, rManager  string
	rCheckedIn   []string
	rNotYet      []string
	rMilestone   string
	rMilestoneOf string

	// summaries: the check-in deadline passed 10 minutes ago and the
	// curfew 20 minutes ago.
	s, sManager string
	sResidents  []string

	// chores: today's day not generated yet; two chores to hand out, one
	// past its grace, one inactive; an open assignment past its grace.
	c, cManager            string
	cResidents             []string
	dishes, bathroom       string
	breakfast, inactive    string
	missedOne, missedOwner string
}

// seedJobHouses writes copies of the three houses into an empty data
// directory through PocketBase, with no server running: the machine was
// off.
func seedJobHouses(dir string, now time.Time, copies int) ([]*jobHouses, error) {
	zone := zoneAt(now, 18)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, err
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: hooks.DBConnect})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	defer app.ClearBootstrap()
	if err := app.RunAllMigrations(); err != nil {
		return nil, err
	}
	var out []*jobHouses
	err = app.RunInTransaction(func(tx core.App) error {
		s := &seeder{app: tx, rng: rand.New(rand.NewPCG(1, 2)), loc: loc, cols: map[string]*core.Collection{}}
		for i := range copies {
			h, err := s.jobHouses(fmt.Sprintf("c%02d", i), now, zone)
			if err != nil {
				return err
			}
			out = append(out, h)
		}
		return nil
	})
	return out, err
}

// jobHouses writes one copy of the three houses, its people named with
// the prefix.
func (s *seeder) jobHouses(prefix string, now time.Time, zone string) (*jobHouses, error) {
	local := now.In(s.loc)
	clock := func(d time.Duration) string { return local.Add(d).Format("15:04") }
	h := &jobHouses{zone: zone, loc: s.loc, today: local.Format("2006-01-02")}
	earlier := now.Add(-72 * time.Hour)
	movedIn := local.AddDate(0, 0, -2).Format("2006-01-02")
	var err error
	// keep records the first error; the ids after it are ""
	keep := func(r *core.Record, e error) string {
		if e != nil {
			if err == nil {
				err = e
			}
			return ""
		}
		return r.Id
	}
	house := func(name, checkinBy, curfew string) string {
		return keep(s.save("houses", earlier, map[string]any{
			"name": prefix + " " + name, "timezone": zone, "checkin_by": checkinBy, "curfew": curfew,
			"chore_grace": 120, "meetings_per_week": 3,
		}))
	}
	person := func(house, name, role string, extra map[string]any) string {
		// No password: nobody signs in, and hashing hundreds would be slow.
		fields := map[string]any{"email": prefix + "-" + name + "@jobs.example", "name": name}
		for k, v := range extra {
			fields[k] = v
		}
		id := keep(s.save("users", earlier, fields))
		keep(s.save("memberships", earlier, map[string]any{
			"house": house, "user": id, "role": role, "status": "active", "move_in": movedIn,
		}))
		return id
	}
	checkIn := func(house, user string) {
		keep(s.save("checkins", now.Add(-time.Hour), map[string]any{
			"user": user, "house": house, "kind": "daily", "mood": 4, "craving": 1, "day": h.today,
		}))
	}
	chore := func(house, title, cadence string, due time.Duration, active bool) string {
		return keep(s.save("chores", earlier, map[string]any{
			"house": house, "title": title, "cadence": cadence, "weekday": int(local.Weekday()),
			"due_time": clock(due), "points": 1, "active": active,
		}))
	}

	h.r = house("Reminder House", clock(30*time.Minute), "")
	h.rManager = person(h.r, "r-manager", "manager", nil)
	for i := range 6 {
		var extra map[string]any
		if i == 5 {
			extra = map[string]any{"share_sobriety": true, "sobriety_date": local.AddDate(0, 0, -30).Format("2006-01-02")}
		}
		id := person(h.r, fmt.Sprintf("r-resident%d", i), "resident", extra)
		if i < 2 {
			h.rCheckedIn = append(h.rCheckedIn, id)
			checkIn(h.r, id)
		} else {
			h.rNotYet = append(h.rNotYet, id)
		}
		if i == 5 {
			h.rMilestoneOf, h.rMilestone = id, "30d"
		}
	}

	h.s = house("Summary House", clock(-10*time.Minute), clock(-20*time.Minute))
	h.sManager = person(h.s, "s-manager", "manager", nil)
	for i := range 4 {
		h.sResidents = append(h.sResidents, person(h.s, fmt.Sprintf("s-resident%d", i), "resident", nil))
	}
	checkIn(h.s, h.sResidents[0])

	h.c = house("Chore House", clock(-10*time.Minute), "")
	h.cManager = person(h.c, "c-manager", "manager", nil)
	for i := range 3 {
		h.cResidents = append(h.cResidents, person(h.c, fmt.Sprintf("c-resident%d", i), "resident", nil))
	}
	h.dishes = chore(h.c, "Dishes", "daily", 3*time.Hour, true)
	h.bathroom = chore(h.c, "Bathroom", "weekly", 3*time.Hour, true)
	h.breakfast = chore(h.c, "Breakfast", "daily", -3*time.Hour, true)
	h.inactive = chore(h.c, "Garage", "daily", 3*time.Hour, false)
	h.missedOwner = h.cResidents[0]
	h.missedOne = keep(s.save("chore_assignments", earlier, map[string]any{
		"chore": h.breakfast, "house": h.c, "assignee": h.missedOwner, "status": "open", "points": 1,
		"due": local.Add(-3 * time.Hour).Truncate(time.Minute).UTC(),
	}))
	return h, err
}

// checkJobs checks every copy of the houses.
func checkJobs(t *testing.T, su *client, houses []*jobHouses, when string) {
	t.Helper()
	n := 0
	for _, h := range houses {
		n += h.check(t, su, when)
	}
	if !t.Failed() {
		t.Logf("%s: %d checks of the jobs' work in %d houses, each exactly as due", when, n, 3*len(houses))
	}
}

// check verifies that every job did its work exactly once.
func (h *jobHouses) check(t *testing.T, su *client, when string) int {
	t.Helper()
	notes := func(user, kind string) string { return fmt.Sprintf(`user = %q && kind = %q`, user, kind) }
	type want struct {
		what, collection, filter string
		n                        int
	}
	var cases []want
	for _, u := range h.rNotYet {
		cases = append(cases, want{"a reminder for a resident who has not checked in", "notifications", notes(u, "checkin_reminder"), 1})
	}
	for _, u := range h.rCheckedIn {
		cases = append(cases, want{"no reminder for a resident who has checked in", "notifications", notes(u, "checkin_reminder"), 0})
	}
	for _, u := range h.sResidents {
		cases = append(cases, want{"no reminder after the deadline", "notifications", notes(u, "checkin_reminder"), 0})
	}
	cases = append(cases,
		want{"the reminder run claimed once", "job_runs", fmt.Sprintf(`house = %q && job = "checkin_reminder" && day = %q`, h.r, h.today), 1},
		want{"no summary before the deadline", "notifications", notes(h.rManager, "checkin_summary"), 0},
		want{"the 30-day milestone posted once", "posts", fmt.Sprintf(`subject = %q && milestone = %q`, h.rMilestoneOf, h.rMilestone), 1},
		want{"the milestones claimed once", "job_runs", fmt.Sprintf(`house = %q && job = "milestones" && day = %q`, h.r, h.today), 1},

		want{"the check-in summary, late, once", "notifications", notes(h.sManager, "checkin_summary"), 1},
		want{"the curfew summary once", "notifications", notes(h.sManager, "curfew_summary"), 1},
		want{"the summary claimed once", "job_runs", fmt.Sprintf(`house = %q && job = "checkin_summary" && day = %q`, h.s, h.today), 1},
		want{"the curfew summary claimed once", "job_runs", fmt.Sprintf(`house = %q && job = "curfew_summary" && day = %q`, h.s, h.today), 1},

		want{"today's chores generated once", "chore_days", fmt.Sprintf(`house = %q && day = %q`, h.c, h.today), 1},
		want{"the daily chore handed out once", "chore_assignments", fmt.Sprintf(`chore = %q`, h.dishes), 1},
		want{"the weekly chore handed out once", "chore_assignments", fmt.Sprintf(`chore = %q`, h.bathroom), 1},
		want{"a chore past its grace not handed out (only the old open one)", "chore_assignments", fmt.Sprintf(`chore = %q`, h.breakfast), 1},
		want{"an inactive chore not handed out", "chore_assignments", fmt.Sprintf(`chore = %q`, h.inactive), 0},
		want{"the overdue chore marked missed", "chore_assignments", fmt.Sprintf(`id = %q && status = "missed"`, h.missedOne), 1},
		want{"its assignee told once", "notifications", notes(h.missedOwner, "chore_missed"), 1},
		want{"the manager told once", "notifications", notes(h.cManager, "chore_missed"), 1},
		want{"the chore house's summary once", "notifications", notes(h.cManager, "checkin_summary"), 1},
	)
	for _, c := range cases {
		if got := count(t, su, c.collection, c.filter); got != c.n {
			t.Errorf("%s: %s: %d records of %s where %s, want %d", when, c.what, got, c.collection, c.filter, c.n)
		}
	}
	return len(cases)
}
