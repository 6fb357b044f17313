package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// bindMembershipsValidation checks every save of a membership, whether it
// comes from the API, the dashboard or Go code.
func bindMembershipsValidation(app core.App) {
	app.OnRecordValidate("memberships").BindFunc(fieldErrors(validateMembership))
	app.OnRecordCreateExecute("memberships").BindFunc(guardCapacity)
	app.OnRecordUpdateExecute("memberships").BindFunc(guardCapacity)
}

// guardCapacity counts the beds again inside the write's own transaction.
// Validation reads through the shared reader pool, so two residents added
// at the same moment could both see the last free bed; here the count and
// the write hold the single writer connection together, so the second one
// sees the first and is refused.
func guardCapacity(e *core.RecordEvent) error {
	r := e.Record
	if !takesNewBed(r) {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		if msg := houseFull(tx, r.GetString("house"), r.Id); msg != "" {
			return validation.Errors{"status": fieldError("house_full", msg)}
		}
		return e.Next()
	})
}

// takesNewBed reports whether saving the membership would take a bed it
// did not hold before: a new resident who lives in the house, or one who
// comes back (from alumni, say) or changes house.
func takesNewBed(r *core.Record) bool {
	if !occupiesBed(r) {
		return false
	}
	return r.IsNew() || !occupiesBed(r.Original()) || changed(r, "house")
}

func validateMembership(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	houseID, userID := r.GetString("house"), r.GetString("user")
	if houseID == "" || userID == "" {
		return errs // PocketBase's required-field errors say it
	}

	if changed(r, "house", "user") && membershipExists(e.App, houseID, userID, r.Id) {
		errs["user"] = fieldError("duplicate_membership",
			"This person is already on this house's roster. Change their existing place instead of adding another.")
	}

	if takesNewBed(r) {
		if msg := houseFull(e.App, houseID, r.Id); msg != "" {
			errs["status"] = fieldError("house_full", msg)
		}
	}

	// Checked on every save, not only when the partner changes: PocketBase
	// writes the whole row, so a stale copy saved after the partner moved
	// out would otherwise bring them back.
	if partner := r.GetString("partner"); partner != "" {
		switch {
		case partner == userID:
			errs["partner"] = fieldError("partner_self", "An accountability partner has to be someone else.")
		case !IsMemberOf(e.App, partner, houseID):
			errs["partner"] = fieldError("partner_not_housemate",
				"An accountability partner has to live in this house right now.")
		}
	}

	moveIn, moveOut := r.GetDateTime("move_in"), r.GetDateTime("move_out")
	if !moveIn.IsZero() && !moveOut.IsZero() && moveOut.Before(moveIn) {
		errs["move_out"] = fieldError("move_out_before_move_in", "The move-out date can't be before the move-in date.")
	}
	return errs
}

// occupiesBed reports whether the membership takes one of the house's beds:
// a resident who lives there, including one away on a pass.
func occupiesBed(r *core.Record) bool {
	s := r.GetString("status")
	return r.GetString("role") == RoleResident && domain.IsMember(s)
}

func membershipExists(app core.App, houseID, userID, exceptID string) bool {
	var n int
	err := app.DB().NewQuery(
		"SELECT COUNT(*) FROM memberships WHERE house = {:house} AND user = {:user} AND id != {:id}",
	).Bind(dbx.Params{"house": houseID, "user": userID, "id": exceptID}).Row(&n)
	return err == nil && n > 0
}

// houseFull returns a message when the house has no free bed for one more
// resident (not counting the membership exceptID), or "" when it has.
func houseFull(app core.App, houseID, exceptID string) string {
	var row struct {
		Capacity int    `db:"capacity"`
		Name     string `db:"name"`
		Taken    int    `db:"taken"`
	}
	err := app.DB().NewQuery(`
		SELECT h.capacity AS capacity, h.name AS name,
			(SELECT COUNT(*) FROM memberships m
			 WHERE m.house = h.id AND ` + residentSQL("m") + ` AND m.id != {:id}) AS taken
		FROM houses h WHERE h.id = {:house}`,
	).Bind(dbx.Params{"house": houseID, "id": exceptID}).One(&row)
	if err != nil || row.Capacity <= 0 || row.Taken < row.Capacity {
		return ""
	}
	return fmt.Sprintf("%s is full: all %d beds are taken. Someone has to move out first, or the house's capacity has to change.",
		row.Name, row.Capacity)
}
