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

// TestSupportRealert runs the minute sweep on a fake clock around a
// need-support post: its house's managers are alerted again once it has
// waited 30 minutes without an answer, not before, not twice (a restarted
// scheduler included), and not when someone answered or it was resolved.
// Residents never get the re-alert.
func TestSupportRealert(t *testing.T) {
	w := tk.Seeded(t)
	posted := la("2026-11-23 19:00")
	commentBy := func(actor string) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			post, err := app.FindFirstRecordByFilter("posts", "kind = 'support'")
			if err != nil {
				t.Fatal(err)
			}
			saveOrFail(t, app, "comments", map[string]any{"post": post.Id, "author": w.People[actor].ID, "body": "Here."})
		}
	}
	resolve := func(t testing.TB, app core.App) {
		if _, err := app.DB().NewQuery("UPDATE posts SET resolved = TRUE WHERE kind = 'support'").Execute(); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name    string
		prepare func(t testing.TB, app core.App)
		sweeps  []time.Duration // after the post, in order
		want    int             // managerA's re-alerts after the last sweep
	}{
		{name: "not at 29 minutes", sweeps: []time.Duration{29 * time.Minute}, want: 0},
		{name: "at 30 minutes", sweeps: []time.Duration{29 * time.Minute, 30 * time.Minute}, want: 1},
		{name: "not twice", sweeps: []time.Duration{30 * time.Minute, 31 * time.Minute, 45 * time.Minute, 3 * time.Hour}, want: 1},
		{name: "the author's own comment is no answer", prepare: commentBy(tk.ResidentA1), sweeps: []time.Duration{31 * time.Minute}, want: 1},
		{name: "not when a housemate answered", prepare: commentBy(tk.ResidentA2), sweeps: []time.Duration{31 * time.Minute}, want: 0},
		{name: "not when resolved", prepare: resolve, sweeps: []time.Duration{31 * time.Minute}, want: 0},
		{name: "not a day later (no longer open)", sweeps: []time.Duration{25 * time.Hour}, want: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(posted)
			app := tk.NewAppWithClock(t, clock)
			t.Cleanup(app.Cleanup)
			supportPostAt(tk.ResidentA1, "", posted)(t, app)
			if c.prepare != nil {
				c.prepare(t, app)
			}
			for _, after := range c.sweeps {
				clock.Advance(posted.Add(after).Sub(clock.Now()))
				// A new scheduler each time: a restart never repeats it.
				hooks.NewScheduler(app, clock).Sweep(context.Background())
			}
			for name, p := range w.People {
				if name == tk.Superuser {
					continue
				}
				n, err := app.CountRecords("notifications", dbx.HashExp{"user": p.ID, "kind": "support_unanswered"})
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				if name == tk.ManagerA {
					want = c.want
				}
				if int(n) != want {
					t.Errorf("%s got %d re-alerts, want %d", name, n, want)
				}
			}
		})
	}
}
