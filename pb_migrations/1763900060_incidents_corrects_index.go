package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Incidents gain an index on `corrects`, as drug tests have one: the house
// report leaves out an incident another one corrects, asking for each
// incident of the period whether a correction points at it, which without
// the index reads every incident of every house. See docs/API.md, "GET
// /api/hearth/houses/{id}/report".
func init() {
	m.Register(func(app core.App) error {
		incidents, err := app.FindCollectionByNameOrId("incidents")
		if err != nil {
			return err
		}
		incidents.AddIndex("idx_incidents_corrects", false, "`corrects`", "")
		return app.Save(incidents)
	}, func(app core.App) error {
		incidents, err := app.FindCollectionByNameOrId("incidents")
		if err != nil {
			return err
		}
		incidents.RemoveIndex("idx_incidents_corrects")
		return app.Save(incidents)
	})
}
