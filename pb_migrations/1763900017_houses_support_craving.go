package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Houses gain `support_craving` (0–10): a daily check-in with a craving at
// or above it (or mood 1) shows the resident support at once and puts
// them in the managers' "Needs you now". Existing houses get the
// default, 7. See docs/API.md, "houses".
func init() {
	m.Register(func(app core.App) error {
		houses, err := app.FindCollectionByNameOrId("houses")
		if err != nil {
			return err
		}
		houses.Fields.Add(&core.NumberField{Name: "support_craving", Min: types.Pointer(0.0), Max: types.Pointer(10.0), OnlyInt: true,
			Help: "a craving at or above this (0 to 10) asks for support; 7 by default"})
		if err := app.Save(houses); err != nil {
			return err
		}
		_, err = app.DB().NewQuery("UPDATE houses SET support_craving = 7").Execute()
		return err
	}, func(app core.App) error {
		houses, err := app.FindCollectionByNameOrId("houses")
		if err != nil {
			return err
		}
		houses.Fields.RemoveByName("support_craving")
		return app.Save(houses)
	})
}
