package hooks

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// The SQL spelling of docs/API.md's words, for queries on the memberships
// table, as pb_migrations/rules.go spells them for the API rules. Each
// takes the alias of the memberships table in the query ("" when it has
// none) and returns a condition on that row. The values are domain's
// words, never a request's, so they are written into the SQL.

// memberSQL holds for a member of the house: active or away, any role.
func memberSQL(m string) string {
	return sqlColumn(m, "status") + " IN " + sqlList(domain.MemberStatuses...)
}

// managerSQL holds for a manager of the house: an active manager.
func managerSQL(m string) string {
	return sqlColumn(m, "role") + " = " + sqlQuote(domain.RoleManager) +
		" AND " + sqlColumn(m, "status") + " = " + sqlQuote(domain.StatusActive)
}

// alumnusSQL holds for an alumnus of the house.
func alumnusSQL(m string) string {
	return sqlColumn(m, "status") + " = " + sqlQuote(domain.StatusAlumni)
}

// memberOrAlumnusSQL holds for a member, manager or alumnus of the house:
// someone who may read its board.
func memberOrAlumnusSQL(m string) string {
	return sqlColumn(m, "status") + " IN " + sqlList(domain.MemberOrAlumnusStatuses...)
}

// residentSQL holds for a resident who is a member of the house (living
// there or away on a pass): who takes a bed, and who is on the managers'
// chore table and "Today and tonight" board.
func residentSQL(m string) string {
	return sqlColumn(m, "role") + " = " + sqlQuote(domain.RoleResident) + " AND " + memberSQL(m)
}

// sqlColumn is the column of the table aliased m, or of the query's one
// table when m is "".
func sqlColumn(m, column string) string {
	if m == "" {
		return column
	}
	return m + "." + column
}

// sqlQuote is a word as an SQL string literal.
func sqlQuote(word string) string { return "'" + strings.ReplaceAll(word, "'", "''") + "'" }

// sqlList is "('a', 'b')".
func sqlList(words ...string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = sqlQuote(w)
	}
	return "(" + strings.Join(quoted, ", ") + ")"
}

// IsManagerOf reports whether the user is an active manager of the house.
func IsManagerOf(app core.App, userID, houseID string) bool {
	if userID == "" || houseID == "" {
		return false
	}
	var n int
	err := app.DB().NewQuery(
		"SELECT COUNT(*) FROM memberships WHERE user = {:user} AND house = {:house} AND " + managerSQL(""),
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
		"SELECT COUNT(*) FROM memberships WHERE user = {:user} AND house = {:house} AND " + memberSQL(""),
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
		WHERE mine.user = {:manager} AND ` + managerSQL("mine"),
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
