package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// passStatuses are the states of a pass (domain/passes.go).
var passStatuses = []string{"requested", "approved", "declined", "cancelled"}

// Passes: a resident asks to be away from the house for some days (where,
// a phone number there, a note), and a manager of the house approves or
// declines it with a reason. It replaces the paper sign-out sheet. See
// docs/API.md, "passes".
//
//   - The resident asks for themselves: the create rule wants the
//     requester as user and a resident (active or away) of the house. The
//     hooks set status to requested and keep decided_by, decided_at and
//     reason for the managers' decision.
//   - The resident and the house's managers see it; nobody else
//     (housemates, partners, alumni, another house).
//   - Update: the resident (who may only cancel) and the house's managers
//     (who approve, decline or end early); the hooks say who changes what.
//   - Delete: superusers only: the sheet is a record of who was where.
//
// An approved pass makes the membership away from starts and active again
// the day after ends (hooks/passes_jobs.go), in the house's timezone.
func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}
		passes := core.NewBaseCollection("passes")
		passes.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true,
				Help: "the resident away: the one who asked"},
			&core.DateField{Name: "starts", Required: true, Help: "the first day away, house-local"},
			&core.DateField{Name: "ends", Required: true, Help: "the last day away, house-local"},
			&core.TextField{Name: "destination", Required: true, Max: 200, Help: "where they will be"},
			&core.TextField{Name: "phone", Required: true, Max: 40, Help: "a phone number there"},
			&core.TextField{Name: "note", Max: 1000},
			&core.SelectField{Name: "status", Values: passStatuses, MaxSelect: 1, Required: true},
			&core.RelationField{Name: "decided_by", CollectionId: users.Id, MaxSelect: 1,
				Help: "set by the server: the manager who approved or declined it"},
			&core.DateField{Name: "decided_at", Help: "set by the server"},
			&core.TextField{Name: "reason", Max: 1000, Help: "the manager's words; required to decline"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		passes.AddIndex("idx_passes_house_user_status", false, "`house`, `user`, `status`", "")
		passes.AddIndex("idx_passes_house_starts", false, "`house`, `starts`", "")
		seers := types.Pointer(or(managerOf("house"), self("user")))
		passes.ListRule = seers
		passes.ViewRule = seers
		passes.CreateRule = types.Pointer(and(
			self("@request.body.user"),
			requesterIn("house", domain.RoleResident, domain.MemberStatuses...),
		))
		passes.UpdateRule = seers
		// Delete: superusers only (nil).
		return app.Save(passes)
	}, func(app core.App) error {
		return deleteCollections(app, "passes")
	})
}
