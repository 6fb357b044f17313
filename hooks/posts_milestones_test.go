package hooks_test

import (
	"context"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// The world's sobriety dates: residentA1 shares 2026-01-02 (30 days on
// 2026-02-01, a year on 2027-01-02); residentA2's 2025-05-06 is private.

// milestonePosts lists the house's milestone posts.
func milestonePosts(t testing.TB, app core.App, house string) []*core.Record {
	t.Helper()
	posts, err := app.FindAllRecords("posts", dbx.HashExp{"house": house, "kind": "milestone"})
	if err != nil {
		t.Fatal(err)
	}
	return posts
}

// setSobriety sets a person's sobriety date and whether they share it.
func setSobriety(t testing.TB, app core.App, actor, date string, share bool) {
	t.Helper()
	setRecord("users", tk.Seeded(t).People[actor].ID, map[string]any{"sobriety_date": date, "share_sobriety": share})(t, app)
}

func TestPostMilestonesAtEightHouseLocal(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	a1 := w.People[tk.ResidentA1].ID
	// residentA2 reaches 30 days the same day but does not share the date.
	setSobriety(t, app, tk.ResidentA2, "2026-01-02", false)

	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-02-01 07:59")); n != 0 {
		t.Errorf("%d milestones posted before 08:00", n)
	}
	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-02-01 08:00")); n != 1 {
		t.Fatalf("%d milestones posted at 08:00, want 1", n)
	}
	posts := milestonePosts(t, app, w.HouseA)
	if len(posts) != 1 {
		t.Fatalf("%d milestone posts", len(posts))
	}
	p := posts[0]
	if p.GetString("author") != a1 || p.GetString("subject") != a1 || p.GetString("milestone") != "30d" ||
		p.GetString("body") != "30 days! residentA1 reached 30 days sober today." || p.GetBool("hidden") || p.GetBool("pinned") {
		t.Errorf("the post: %v", p.FieldsData())
	}
	// Again the same day, as after a restart: nothing more.
	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-02-01 21:00")); n != 0 {
		t.Errorf("%d milestones posted again the same day", n)
	}
	if got := jobRunsOf(t, app, w.HouseA, "milestones", "2026-02-01"); got != 1 {
		t.Errorf("%d job_runs rows for the day", got)
	}
	// House B's day is its own: nothing there.
	if got := milestonePosts(t, app, w.HouseB); len(got) != 0 {
		t.Errorf("house B got %d milestone posts", len(got))
	}

	// The date moves a day later: tomorrow is "30 days" again, and is
	// not celebrated twice.
	setSobriety(t, app, tk.ResidentA1, "2026-01-03", true)
	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-02-02 08:00")); n != 0 {
		t.Errorf("%d milestones posted again after the date changed", n)
	}
	// A milestone not yet celebrated from the new date is: 60 days.
	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-03-04 09:00")); n != 1 {
		t.Errorf("%d milestones at 60 days from the new date, want 1", n)
	}
}

// TestPostMilestonesWho: members who share their date, away or not,
// residents or managers; never someone who does not share it, an alumnus
// or someone discharged.
func TestPostMilestonesWho(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	day := "2025-02-01" // a year before 2026-02-01
	for actor, share := range map[string]bool{
		tk.ResidentA1: true, tk.ResidentA2: false, tk.AwayA: true, tk.ManagerA: true,
		tk.AlumnusA: true, tk.DischargedA: true,
	} {
		setSobriety(t, app, actor, day, share)
	}
	if n := run(t, hooks.PostMilestones, app, w.HouseA, la("2026-02-01 08:30")); n != 3 {
		t.Errorf("%d milestones posted, want 3", n)
	}
	got := map[string]string{}
	for _, p := range milestonePosts(t, app, w.HouseA) {
		got[p.GetString("subject")] = p.GetString("body")
	}
	for _, actor := range []string{tk.ResidentA1, tk.AwayA, tk.ManagerA} {
		if got[w.People[actor].ID] != "One year! "+actor+" celebrates a year sober today." {
			t.Errorf("%s: %q", actor, got[w.People[actor].ID])
		}
	}
	// dischargedA lives in house B now: celebrated there, in B's day.
	if n := run(t, hooks.PostMilestones, app, w.HouseB, la("2026-02-01 08:30")); n != 1 {
		t.Errorf("house B: %d milestones, want dischargedA's", n)
	}
}

// TestPostMilestonesInEachHousesZone: 08:00 in New York comes three hours
// before 08:00 in Los Angeles, and the minute sweep posts each at its own.
func TestPostMilestonesInEachHousesZone(t *testing.T) {
	w := tk.Seeded(t)
	ny := time.Date(2026, 2, 1, 13, 0, 0, 0, time.UTC) // 08:00 EST, 05:00 PST
	clock := clockwork.NewFakeClockAt(ny)
	app := tk.NewAppWithClock(t, clock)
	defer app.Cleanup()
	setSobriety(t, app, tk.ResidentB, "2026-01-02", true)
	s := hooks.NewScheduler(app, clock)

	s.Sweep(context.Background())
	if len(milestonePosts(t, app, w.HouseB)) != 1 || len(milestonePosts(t, app, w.HouseA)) != 0 {
		t.Fatalf("at 08:00 in New York: B %d, A %d milestone posts; want 1, 0",
			len(milestonePosts(t, app, w.HouseB)), len(milestonePosts(t, app, w.HouseA)))
	}
	clock.Advance(3 * time.Hour)
	s.Sweep(context.Background())
	s.Sweep(context.Background())
	if len(milestonePosts(t, app, w.HouseB)) != 1 || len(milestonePosts(t, app, w.HouseA)) != 1 {
		t.Errorf("at 08:00 in Los Angeles: B %d, A %d milestone posts; want 1, 1",
			len(milestonePosts(t, app, w.HouseB)), len(milestonePosts(t, app, w.HouseA)))
	}
}
