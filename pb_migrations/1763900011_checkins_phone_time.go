package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Check-ins gain `phone_time`: when the person tapped it, by the phone's
// clock, for a check-in the web app kept offline and sent later. It is
// information for the managers only; the day and lateness are still judged
// by when the server receives the check-in. See docs/API.md, "checkins".
func init() {
	m.Register(func(app core.App) error {
		checkins, err := app.FindCollectionByNameOrId("checkins")
		if err != nil {
			return err
		}
		checkins.Fields.Add(&core.DateField{Name: "phone_time",
			Help: "when the phone made it, for a check-in sent late because the phone was offline"})
		return app.Save(checkins)
	}, func(app core.App) error {
		checkins, err := app.FindCollectionByNameOrId("checkins")
		if err != nil {
			return err
		}
		checkins.Fields.RemoveByName("phone_time")
		return app.Save(checkins)
	})
}
