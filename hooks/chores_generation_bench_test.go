package hooks_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// BenchmarkChoreDay measures one night's work of the chore job on a busy
// machine: a day's generation for 50 houses of 15 residents with 20 daily
// chores each (1,000 assignments), after four weeks of history. One
// operation is the whole night: all 50 houses, each in its transaction.
func BenchmarkChoreDay(b *testing.B) {
	const houses, residents, chores = 50, 15, 20
	app := tk.NewApp(b)
	defer app.Cleanup()
	seedHouses(b, app, houses, residents)
	seedChores(b, app, houses, residents, chores)

	ids := make([]string, houses)
	for h := range ids {
		ids[h] = fmt.Sprintf("benchhouse%05d", h)
	}
	night := func(day time.Time) {
		for _, id := range ids {
			res, err := hooks.GenerateChores(app, id, day)
			if err != nil || res.Assigned != chores {
				b.Fatalf("house %s on %s: %d assigned (%v), want %d", id, day.Format(time.DateOnly), res.Assigned, err, chores)
			}
		}
	}
	// 06:00 in Chicago, from 1 January: four weeks of history first.
	day := time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)
	for range 28 {
		night(day)
		day = day.AddDate(0, 0, 1)
	}

	b.ResetTimer()
	for b.Loop() {
		night(day)
		day = day.AddDate(0, 0, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*houses)/1000, "ms/house")
}

// seedChores gives every bench house its daily chores: points 1 to 3, due
// through the day, and one chore in four shared by five residents only.
func seedChores(tb testing.TB, app core.App, houses, residents, chores int) {
	tb.Helper()
	err := app.RunInTransaction(func(tx core.App) error {
		for h := range houses {
			for c := range chores {
				var rotation []string
				if c%4 == 0 {
					for r := range 5 {
						rotation = append(rotation, fmt.Sprintf("benchuser%03d%03d", h, (c+r)%residents))
					}
				}
				rot, _ := json.Marshal(append([]string{}, rotation...))
				if _, err := tx.DB().NewQuery(`INSERT INTO chores (id, house, title, cadence, due_time, points, active, rotation)
					VALUES ({:id}, {:house}, {:title}, 'daily', {:due}, {:points}, TRUE, {:rotation})`).
					Bind(dbx.Params{
						"id": fmt.Sprintf("benchchore%02d%03d", c, h), "house": fmt.Sprintf("benchhouse%05d", h),
						"title": fmt.Sprint("Chore ", c), "due": fmt.Sprintf("%02d:30", 8+c%12),
						"points": 1 + c%3, "rotation": string(rot),
					}).Execute(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}
