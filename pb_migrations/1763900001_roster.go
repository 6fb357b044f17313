package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Membership roles and statuses, as CONTRACT.md names them.
var (
	membershipRoles    = []string{"resident", "manager"}
	membershipStatuses = []string{"active", "away", "alumni", "discharged"}
)

func init() {
	m.Register(func(app core.App) error {
		houses := core.NewBaseCollection("houses")
		houses.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "address", Max: 300},
			&core.TextField{Name: "timezone", Required: true, Max: 64, Help: "IANA name, e.g. America/Los_Angeles"},
			&core.NumberField{Name: "capacity", Min: types.Pointer(0.0), OnlyInt: true, Help: "beds; 0 = unlimited"},
			&core.TextField{Name: "curfew", Max: 5, Help: "HH:MM; empty = no curfew"},
			&core.TextField{Name: "curfew_weekend", Max: 5, Help: "HH:MM on Friday and Saturday nights; empty = same as curfew"},
			&core.TextField{Name: "checkin_by", Max: 5, Help: "HH:MM daily check-in deadline; empty = 21:00"},
			&core.NumberField{Name: "chore_grace", Min: types.Pointer(0.0), OnlyInt: true, Help: "minutes after a chore is due before it is missed"},
			&core.NumberField{Name: "meetings_per_week", Min: types.Pointer(0.0), Max: types.Pointer(21.0), OnlyInt: true},
			&core.EditorField{Name: "rules", MaxSize: 100_000},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		if err := app.Save(houses); err != nil {
			return err
		}

		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(
			&core.TextField{Name: "phone", Max: 40, Hidden: true},
			&core.BoolField{Name: "share_phone"},
			&core.DateField{Name: "sobriety_date", Hidden: true},
			&core.BoolField{Name: "share_sobriety"},
			&core.TextField{Name: "emergency_name", Max: 120, Hidden: true},
			&core.TextField{Name: "emergency_phone", Max: 40, Hidden: true},
			&core.SelectField{Name: "language", Values: []string{"en", "es"}, MaxSelect: 1},
		)
		if f, ok := users.Fields.GetByName("name").(*core.TextField); ok {
			f.Presentable = true
		}
		if f, ok := users.Fields.GetByName("password").(*core.PasswordField); ok {
			f.Min = 10
		}
		// Accounts come from invites or superusers only.
		users.CreateRule = nil
		// Deleting an account erases a resident's history in a house;
		// it is an admin's decision, made in the dashboard.
		users.DeleteRule = nil
		users.OAuth2.Enabled = false
		if err := app.Save(users); err != nil {
			return err
		}

		memberships := core.NewBaseCollection("memberships")
		memberships.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "role", Values: membershipRoles, MaxSelect: 1, Required: true},
			&core.SelectField{Name: "status", Values: membershipStatuses, MaxSelect: 1, Required: true},
			&core.TextField{Name: "room", Max: 40},
			&core.TextField{Name: "bed", Max: 40},
			&core.DateField{Name: "move_in"},
			&core.DateField{Name: "move_out"},
			&core.NumberField{Name: "phase", Min: types.Pointer(1.0), Max: types.Pointer(3.0), OnlyInt: true},
			&core.RelationField{Name: "partner", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "away_until"},
			&core.TextField{Name: "exit_reason", Max: 2000, Hidden: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// One membership per person and house; it also serves every
		// "house = X" list and the rules' (house, user) look-ups.
		memberships.AddIndex("idx_memberships_house_user", true, "`house`, `user`", "")
		// The requester's own memberships, found by user first: the rules
		// of every collection start from it.
		memberships.AddIndex("idx_memberships_user_house", false, "`user`, `house`, `status`, `role`", "")
		if err := app.Save(memberships); err != nil {
			return err
		}

		// The rules reference memberships, so they are set once it exists.
		houses.ListRule = types.Pointer(memberOrAlumnusOf("id"))
		houses.ViewRule = houses.ListRule
		houses.UpdateRule = types.Pointer(managerOf("id"))
		if err := app.Save(houses); err != nil {
			return err
		}

		users.ListRule = types.Pointer(usersViewRule)
		users.ViewRule = users.ListRule
		users.UpdateRule = types.Pointer("id = @request.auth.id")
		if err := app.Save(users); err != nil {
			return err
		}

		memberships.ListRule = types.Pointer(or(
			"user = @request.auth.id",
			managerOf("house"),
			and(anyOf("status", "=", "active", "away"), memberOf("house")),
		))
		memberships.ViewRule = memberships.ListRule
		// Managers write resident memberships of their house; only
		// superusers create or change a manager's. A member may change the
		// partner of their own membership (the hooks refuse anything else).
		managesResident := and(managerOf("house"), "role = 'resident'")
		memberships.CreateRule = types.Pointer(managesResident)
		memberships.UpdateRule = types.Pointer(or(
			and(managesResident,
				"(@request.body.role:isset = false || @request.body.role = 'resident')",
				"(@request.body.house:isset = false || @request.body.house = house)",
			),
			and("user = @request.auth.id", anyOf("status", "=", "active", "away")),
		))
		memberships.DeleteRule = types.Pointer(managesResident)
		return app.Save(memberships)
	}, func(app core.App) error {
		return deleteCollections(app, "memberships", "houses")
	})
}

// usersViewRule lets a person see themselves and anyone they share a house
// with as member, manager or alumnus; managers also see every person on
// their house's roster. Which fields each viewer sees is decided by the
// users' enrich hook: phone, sobriety date and emergency contact are hidden
// fields, so no client can filter or sort on them either.
var usersViewRule = or(
	"id = @request.auth.id",
	and(
		"@request.auth.id != ''",
		"memberships_via_user.house ?= "+mine+".house",
		or(
			and(
				anyOf(mine+".status", "?=", "active", "away", "alumni"),
				anyOf("memberships_via_user.status", "?=", "active", "away", "alumni"),
			),
			and(mine+".role ?= 'manager'", mine+".status ?= 'active'"),
		),
	),
)
