package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		c := core.NewBaseCollection("notifications")
		c.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "kind", Required: true, Max: 40},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "body", Max: 2000},
			&core.TextField{Name: "link", Max: 500, Help: "an app path such as /notifications"},
			&core.BoolField{Name: "read"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// The bell's unread count and the newest-first list.
		c.AddIndex("idx_notifications_user_read", false, "`user`, `read`", "")
		c.AddIndex("idx_notifications_user_created", false, "`user`, `created`", "")

		owner := types.Pointer("@request.auth.id != '' && user = @request.auth.id")
		c.ListRule = owner
		c.ViewRule = owner
		c.UpdateRule = owner // the hooks let the owner change only "read"
		// Created and deleted by the server (and superusers) only.
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("notifications")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
