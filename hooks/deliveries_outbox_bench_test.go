package hooks_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// BenchmarkOutboxInsert: writing a house's alert outbox (40 push rows) in
// one transaction, as plain multi-row INSERTs (what notifyAll does) and as
// one record Save per row. See BENCHMARKS.md.
func BenchmarkOutboxInsert(b *testing.B) {
	w := tk.Seeded(b)
	app := tk.NewApp(b)
	b.Cleanup(app.Cleanup)
	me := w.People[tk.ResidentA1].ID
	var subs []string // two devices each of 20 people (a person keeps 10 at most)
	for i := range 20 {
		subs = append(subs, addDevices(b, app, addAccount(b, app, fmt.Sprintf("bench%d", i)).Id, 2)...)
	}
	deliveries, err := app.FindCollectionByNameOrId("deliveries")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			err := app.RunInTransaction(func(tx core.App) error {
				return hooks.InsertPushRows(tx, w.NotificationA1, me, subs)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			err := app.RunInTransaction(func(tx core.App) error {
				for _, sub := range subs {
					r := core.NewRecord(deliveries)
					r.Set("notification", w.NotificationA1)
					r.Set("user", me)
					r.Set("channel", "push")
					r.Set("subscription", sub)
					r.Set("status", "pending")
					r.Set("next_at", time.Now())
					if err := tx.Save(r); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
