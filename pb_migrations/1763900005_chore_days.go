package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(func(app core.App) error {
		houses, err := app.FindCollectionByNameOrId("houses")
		if err != nil {
			return err
		}

		// chore_days is the chore job's ledger: one row per house and
		// house-local day it has assigned. The row is written in the same
		// transaction as the day's assignments, so it marks the day as done
		// (a restart or a second generation finds it and stops), and it
		// keeps who was present that day: memberships hold only where each
		// person is now, and fair rotation needs who was away last week.
		// The server's alone: no API rules, so only superusers read it.
		days := core.NewBaseCollection("chore_days")
		days.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "day", Required: true, Min: 10, Max: 10, Pattern: `^\d{4}-\d{2}-\d{2}$`, Help: "YYYY-MM-DD, house-local"},
			&core.JSONField{Name: "present", MaxSize: 64 << 10, Help: "user ids of the residents present that day"},
			&core.NumberField{Name: "assigned", OnlyInt: true, Help: "assignments made"},
			&core.JSONField{Name: "unassigned", MaxSize: 64 << 10, Help: "chore ids nobody present could take"},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		// A day is generated once, even if two generations race.
		days.AddIndex("idx_chore_days_house_day", true, "`house`, `day`", "")
		return app.Save(days)
	}, func(app core.App) error {
		return deleteCollections(app, "chore_days")
	})
}
