package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Membership roles and statuses, as docs/API.md names them.
const (
	RoleResident = "resident"
	RoleManager  = "manager"

	StatusActive     = "active"
	StatusAway       = "away"
	StatusAlumni     = "alumni"
	StatusDischarged = "discharged"
)

// IsManagerOf reports whether the user is an active manager of the house.
func IsManagerOf(app core.App, userID, houseID string) bool {
	if userID == "" || houseID == "" {
		return false
	}
	var n int
	err := app.DB().NewQuery(
		"SELECT COUNT(*) FROM memberships WHERE user = {:user} AND house = {:house} AND role = 'manager' AND status = 'active'",
	).Bind(dbx.Params{"user": userID, "house": houseID}).Row(&n)
	return err == nil && n > 0
}

// IsMemberOf reports whether the user is an active or away member of the
// house (managers included).
func IsMemberOf(app core.App, userID, houseID string) bool {
	if userID == "" || houseID == "" {
		return false
	}
	var n int
	err := app.DB().NewQuery(
		"SELECT COUNT(*) FROM memberships WHERE user = {:user} AND house = {:house} AND status IN ('active', 'away')",
	).Bind(dbx.Params{"user": userID, "house": houseID}).Row(&n)
	return err == nil && n > 0
}

// managedPeople returns, in one query, everyone who has a membership of
// any status in a house that manager actively manages: the people whose
// manager-only data (phone, emergency contact) the manager may see.
func managedPeople(app core.App, managerID string) (map[string]bool, error) {
	people := map[string]bool{}
	if managerID == "" {
		return people, nil
	}
	var ids []string
	err := app.DB().NewQuery(`
		SELECT DISTINCT theirs.user FROM memberships AS mine
		JOIN memberships AS theirs ON theirs.house = mine.house
		WHERE mine.user = {:manager} AND mine.role = 'manager' AND mine.status = 'active'`,
	).Bind(dbx.Params{"manager": managerID}).Column(&ids)
	for _, id := range ids {
		people[id] = true
	}
	return people, err
}

// membershipStatus is the person's membership status in the house, or ""
// when they have none.
func membershipStatus(app core.App, userID, houseID string) string {
	var status string
	_ = app.DB().Select("status").From("memberships").
		Where(dbx.HashExp{"user": userID, "house": houseID}).Limit(1).Row(&status)
	return status
}
