package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

var (
	choreCadences    = []string{"daily", "weekly", "monthly"}
	assignmentStates = []string{"open", "done", "approved", "rejected", "missed", "excused"}
)

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}

		chores := core.NewBaseCollection("chores")
		chores.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "title", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "description", Max: 2000},
			&core.SelectField{Name: "cadence", Values: choreCadences, MaxSelect: 1, Required: true},
			&core.NumberField{Name: "weekday", Min: types.Pointer(0.0), Max: types.Pointer(6.0), OnlyInt: true, Help: "weekly chores: 0 = Sunday"},
			&core.NumberField{Name: "monthday", Min: types.Pointer(0.0), Max: types.Pointer(28.0), OnlyInt: true, Help: "monthly chores: 1 to 28"},
			&core.TextField{Name: "due_time", Required: true, Max: 5, Help: "HH:MM, house-local"},
			&core.NumberField{Name: "points", Min: types.Pointer(0.0), Max: types.Pointer(10.0), OnlyInt: true, Help: "effort, 1 to 10; default 1"},
			&core.BoolField{Name: "needs_photo"},
			&core.BoolField{Name: "active"},
			&core.RelationField{Name: "rotation", CollectionId: users.Id, MaxSelect: 50, Help: "who shares it; empty = every active resident"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		chores.AddIndex("idx_chores_house_active", false, "`house`, `active`", "")
		members := types.Pointer(memberOf("house"))
		chores.ListRule = members
		chores.ViewRule = members
		chores.CreateRule = types.Pointer(managerOf("house"))
		chores.UpdateRule = types.Pointer(and(managerOf("house"),
			"(@request.body.house:isset = false || @request.body.house = house)"))
		chores.DeleteRule = types.Pointer(managerOf("house"))
		if err := app.Save(chores); err != nil {
			return err
		}

		a := core.NewBaseCollection("chore_assignments")
		a.Fields.Add(
			&core.RelationField{Name: "chore", CollectionId: chores.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "assignee", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.DateField{Name: "due", Required: true},
			&core.SelectField{Name: "status", Values: assignmentStates, MaxSelect: 1, Required: true},
			// The chore's points when it was assigned: the fairness ledger and
			// the 4-week table do not change when a chore is edited later.
			&core.NumberField{Name: "points", Min: types.Pointer(0.0), OnlyInt: true},
			&core.DateField{Name: "done_at"},
			// Protected: seen through a short-lived file token, by those
			// who may view the assignment.
			&core.FileField{Name: "photo", MaxSelect: 1, MaxSize: 8 << 20, Protected: true,
				MimeTypes: []string{"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"},
				Thumbs:    []string{"480x0", "120x120"}},
			&core.TextField{Name: "note", Max: 1000, Help: "the assignee's note"},
			&core.RelationField{Name: "reviewed_by", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "reviewed_at"},
			&core.TextField{Name: "review_note", Max: 1000, Help: "why a manager rejected or excused it"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// One assignment per occurrence of a chore, even if two generations race.
		a.AddIndex("idx_chore_assignments_chore_due", true, "`chore`, `due`", "")
		// "My chores", the review queue and the 4-week table.
		a.AddIndex("idx_chore_assignments_assignee_due", false, "`assignee`, `due`", "")
		a.AddIndex("idx_chore_assignments_house_status_due", false, "`house`, `status`, `due`", "")
		a.AddIndex("idx_chore_assignments_house_due", false, "`house`, `due`", "")
		a.ListRule = members
		a.ViewRule = members
		// The assignee and the house's managers; the hooks allow only the
		// transitions of CONTRACT.md. Created and deleted by the server.
		a.UpdateRule = types.Pointer(or(
			and("@request.auth.id != ''", "assignee = @request.auth.id", memberOf("house")),
			managerOf("house"),
		))
		return app.Save(a)
	}, func(app core.App) error {
		return deleteCollections(app, "chore_assignments", "chores")
	})
}
