package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Memberships are no longer created or deleted through the API by anyone
// but superusers. A membership is made by redeeming an invite (the person
// consents by typing the code), by `hearth house create`, or by a superuser;
// a move-out is an update that keeps the record and its history. Before
// this, a manager could add any account whose id they knew (a former
// housemate) to the house and so read their phone and emergency contact,
// or delete a membership and create it again with a partner of their
// choosing, who would then read every past check-in. See docs/API.md,
// "memberships".
func init() {
	m.Register(func(app core.App) error {
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		memberships.CreateRule = nil
		memberships.DeleteRule = nil
		return app.Save(memberships)
	}, func(app core.App) error {
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		managesResident := and(managerOf("house"), "role = 'resident'")
		memberships.CreateRule = types.Pointer(managesResident)
		memberships.DeleteRule = types.Pointer(managesResident)
		return app.Save(memberships)
	})
}
