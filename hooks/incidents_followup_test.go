package hooks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestIncidentFollowupReminder runs the minute sweep on a fake clock around
// IncidentA1, whose follow-up is 2026-11-28: house A's managers get one
// reminder from 09:00 house-local on the 27th, not before, not twice (a
// restarted scheduler included), not for a closed incident or another
// day; one for several incidents; on the evening before the clocks spring
// forward too. Nobody else is reminded, and the words name nobody and
// nothing of what happened.
func TestIncidentFollowupReminder(t *testing.T) {
	w := tk.Seeded(t)
	followUp := func(id, by, status string) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			_, err := app.DB().Update("incidents", dbx.Params{"follow_up_by": by, "status": status}, dbx.HashExp{"id": id}).Execute()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	second := func(by string) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			r := findOrFail(t, app, "incidents", w.IncidentA1)
			c := core.NewRecord(r.Collection())
			c.Load(r.FieldsData())
			c.Id = ""
			c.Set("people", []string{w.People[tk.ResidentA2].ID})
			c.Set("follow_up_by", by)
			if err := app.SaveNoValidate(c); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name    string
		prepare func(t testing.TB, app core.App)
		sweeps  []string // house-local times, in order
		want    int      // managerA's reminders after the last sweep
		count   float64  // the reminder's count
	}{
		{name: "not before nine", sweeps: []string{"2026-11-27 08:59"}, want: 0},
		{name: "at nine the day before", sweeps: []string{"2026-11-27 08:59", "2026-11-27 09:00"}, want: 1, count: 1},
		{name: "not twice", sweeps: []string{"2026-11-27 09:00", "2026-11-27 09:01", "2026-11-27 15:00", "2026-11-27 23:59"}, want: 1, count: 1},
		{name: "late in the evening", sweeps: []string{"2026-11-27 23:30"}, want: 1, count: 1},
		{name: "not two days before", sweeps: []string{"2026-11-26 12:00"}, want: 0},
		{name: "not on the day", sweeps: []string{"2026-11-28 12:00"}, want: 0},
		{name: "not when closed", prepare: followUp(w.IncidentA1, "2026-11-28 12:00:00.000Z", "closed"),
			sweeps: []string{"2026-11-27 12:00"}, want: 0},
		{name: "a date stored at noon UTC", prepare: followUp(w.IncidentA1, "2026-11-28 12:00:00.000Z", "open"),
			sweeps: []string{"2026-11-27 12:00"}, want: 1, count: 1},
		{name: "two incidents, one reminder", prepare: second("2026-11-28 12:00:00.000Z"),
			sweeps: []string{"2026-11-27 12:00", "2026-11-27 12:01"}, want: 1, count: 2},
		{name: "the evening before the clocks spring forward", prepare: followUp(w.IncidentA1, "2027-03-14 12:00:00.000Z", "open"),
			sweeps: []string{"2027-03-13 08:30", "2027-03-13 23:30"}, want: 1, count: 1},
		{name: "not the day after a spring forward's eve", prepare: followUp(w.IncidentA1, "2027-03-15 12:00:00.000Z", "open"),
			sweeps: []string{"2027-03-13 23:30"}, want: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(la(c.sweeps[0]))
			app := tk.NewAppWithClock(t, clock)
			t.Cleanup(app.Cleanup)
			if c.prepare != nil {
				c.prepare(t, app)
			}
			for _, at := range c.sweeps {
				clock.Advance(la(at).Sub(clock.Now()))
				// A new scheduler each time: a restart never repeats it.
				hooks.NewScheduler(app, clock).Sweep(context.Background())
			}
			for name, p := range w.People {
				if name == tk.Superuser {
					continue
				}
				got, err := app.FindAllRecords("notifications", dbx.HashExp{"user": p.ID, "kind": "incident_followup"})
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				if name == tk.ManagerA {
					want = c.want
				}
				if len(got) != want {
					t.Fatalf("%s got %d reminders, want %d", name, len(got), want)
				}
				for _, n := range got {
					words := n.GetString("title") + " " + n.GetString("body") + " " + n.GetString("params")
					for _, private := range []string{"Ana", "curfew", "Came in", tk.ResidentA1, w.People[tk.ResidentA1].ID, w.IncidentA1} {
						if strings.Contains(words, private) {
							t.Errorf("the reminder says %q: %s", private, words)
						}
					}
					params := map[string]any{}
					_ = n.UnmarshalJSONField("params", &params)
					if params["count"] != c.count || n.GetString("link") != "/manage/incidents" {
						t.Errorf("the reminder: count %v, link %q; want %v, /manage/incidents", params["count"], n.GetString("link"), c.count)
					}
				}
			}
		})
	}
}
