package pb_migrations

import "github.com/pocketbase/pocketbase/core"

// housesAndUsers finds the two collections most others relate to.
func housesAndUsers(app core.App) (houses, users *core.Collection, err error) {
	if houses, err = app.FindCollectionByNameOrId("houses"); err != nil {
		return nil, nil, err
	}
	if users, err = app.FindCollectionByNameOrId("users"); err != nil {
		return nil, nil, err
	}
	return houses, users, nil
}
