package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// lookupRateLimitLabel is the rate-limit label of the invite look-up route,
// which tells a person typing a code whether it is good before they fill in
// the form. It gets the redemption route's budget, a little roomier for
// typing mistakes.
const lookupRateLimitLabel = "POST /api/hearth/invites/lookup"

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}

		c := core.NewBaseCollection("invites")
		c.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			// Only a hash of the code is kept: the code itself is shown once,
			// to the manager who made it.
			&core.TextField{Name: "code_hash", Required: true, Max: 64, Hidden: true},
			&core.SelectField{Name: "role", Values: membershipRoles, MaxSelect: 1, Required: true},
			&core.TextField{Name: "room", Max: 40},
			&core.TextField{Name: "bed", Max: 40},
			&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "expires", Required: true},
			&core.RelationField{Name: "used_by", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "used_at"},
			&core.BoolField{Name: "revoked"},
			// Wrong passwords typed for an existing account with this code;
			// the code is cancelled at the fifth, so that a code cannot be
			// used to test which emails have an account.
			&core.NumberField{Name: "failed_attempts", Min: types.Pointer(0.0), OnlyInt: true},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		c.AddIndex("idx_invites_code_hash", true, "`code_hash`", "")
		// The manager's list of pending invites, newest first.
		c.AddIndex("idx_invites_house_created", false, "`house`, `created`", "")

		managers := types.Pointer(managerOf("house"))
		c.ListRule = managers
		c.ViewRule = managers
		c.UpdateRule = managers // the hooks let managers only revoke
		// Invites are made and redeemed through /api/hearth routes; deleted
		// by superusers only, so that a used code still says "used".
		if err := app.Save(c); err != nil {
			return err
		}

		s := app.Settings()
		rule := core.RateLimitRule{Label: lookupRateLimitLabel, MaxRequests: 20, Duration: 300}
		at := slices.IndexFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == redeemRateLimitLabel })
		s.RateLimits.Rules = slices.Insert(s.RateLimits.Rules, at+1, rule)
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == lookupRateLimitLabel })
		if err := app.Save(s); err != nil {
			return err
		}
		c, err := app.FindCollectionByNameOrId("invites")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
