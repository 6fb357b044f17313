package hooks_test

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// A house that moves west (Auckland to Los Angeles) has generated days that
// have not begun in its new zone: they are generated again at the new
// zone's midnights, and no day is lost or doubled.
func TestChoresFollowATimezoneChangeWest(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(utc("2026-11-24T10:30:00Z")) // 23:30 on the 24th in Auckland
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	house := findOrFail(t, app, "houses", w.HouseA)
	house.Set("timezone", "Pacific/Auckland")
	save(t, app, house)
	generate := func(at string) hooks.ChoreDayResult {
		t.Helper()
		clock.Advance(utc(at).Sub(clock.Now()))
		res, err := hooks.GenerateChores(app, w.HouseA, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	kitchens := func(from, to string) []*core.Record { return assignmentsOf(t, app, w.ChoreA, utc(from), utc(to)) }

	// Auckland's 25th and 26th: the kitchen at 09:00 NZDT each day.
	if res := generate("2026-11-24T11:00:30Z"); res.Day != "2026-11-25" || res.Assigned != 1 {
		t.Fatalf("Auckland's 25th: %+v", res)
	}
	if res := generate("2026-11-25T11:00:30Z"); res.Day != "2026-11-26" || res.Assigned != 1 {
		t.Fatalf("Auckland's 26th: %+v", res)
	}

	// 01:00 on the 26th in Auckland is 04:00 on the 25th in Los Angeles.
	clock.Advance(utc("2026-11-25T12:00:00Z").Sub(clock.Now()))
	house = findOrFail(t, app, "houses", w.HouseA)
	house.Set("timezone", "America/Los_Angeles")
	save(t, app, house)

	// The 26th had not begun in Los Angeles: its ledger row is gone. Its
	// kitchen, due at noon on the 25th in Los Angeles, stays as the 25th's.
	if n, err := app.CountRecords("chore_days", dbx.HashExp{"house": w.HouseA, "day": "2026-11-26"}); err != nil || n != 0 {
		t.Fatalf("the 26th still recorded after moving west (%d, %v)", n, err)
	}
	if got := kitchens("2026-11-25T08:00:00Z", "2026-11-26T08:00:00Z"); len(got) != 1 {
		t.Fatalf("the 25th in Los Angeles: %d kitchens, want 1", len(got))
	}

	// Los Angeles's 25th was recorded by Auckland's: nothing more today.
	if res := generate("2026-11-25T13:00:00Z"); !res.Already {
		t.Errorf("the 25th generated again in Los Angeles: %+v", res)
	}
	// Los Angeles's 26th is generated at its midnight, at 09:00 PST.
	res := generate("2026-11-26T08:00:30Z")
	if res.Day != "2026-11-26" || res.Already || res.Assigned != 1 {
		t.Fatalf("the 26th in Los Angeles: %+v", res)
	}
	got := kitchens("2026-11-26T08:00:00Z", "2026-11-27T08:00:00Z")
	if len(got) != 1 {
		t.Fatalf("the 26th in Los Angeles: %d kitchens, want 1", len(got))
	}
	if due := got[0].GetDateTime("due").Time(); !due.Equal(utc("2026-11-26T17:00:00Z")) {
		t.Errorf("due %v, want 09:00 in Los Angeles", due)
	}
}

// Santiago and Havana skip midnight when their clocks go forward: there is
// no 00:00 for a midnight job to fire at, and the day is still generated,
// within minutes, by the sweep.
func TestChoreJobsDayWithoutAMidnight(t *testing.T) {
	cases := []struct {
		zone    string
		start   string // 23:58 the evening before
		dayFrom string // 01:00 local, the day's first instant, in UTC
		due     string // 09:00 local that day, in UTC
	}{
		{"America/Santiago", "2026-09-06T03:58:00Z", "2026-09-06T04:00:00Z", "2026-09-06T12:00:00Z"},
		{"America/Havana", "2026-03-08T04:58:00Z", "2026-03-08T05:00:00Z", "2026-03-08T13:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.zone, func(t *testing.T) {
			w := tk.Seeded(t)
			clock := clockwork.NewFakeClockAt(utc(c.start))
			app := tk.NewAppWithJobs(t, clock)
			t.Cleanup(app.Cleanup)
			house := findOrFail(t, app, "houses", w.HouseA)
			house.Set("timezone", c.zone)
			save(t, app, house)
			tk.Serve(t, app)
			waitTimers(t, clock, 3)

			from := utc(c.dayFrom)
			advance(t, clock, from.Add(3*time.Minute))
			day := func() []*core.Record { return assignmentsOf(t, app, w.ChoreA, from, from.Add(23*time.Hour)) }
			eventually(t, "the day's kitchen assigned", func() bool { return len(day()) == 1 })
			advance(t, clock, from.Add(10*time.Minute))
			got := day()
			if len(got) != 1 {
				t.Fatalf("%d kitchens on the day, want 1", len(got))
			}
			if due := got[0].GetDateTime("due").Time(); !due.Equal(utc(c.due)) {
				t.Errorf("due %v, want %s (09:00 local)", due, c.due)
			}
		})
	}
}
