// Package pb_migrations holds Hearth's typed Go migrations: the collections,
// their API rules and indexes, and the application settings. Importing the
// package registers them with PocketBase.
package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// The API rules are built from a few fragments so that "member of",
// "manager of" and "alumnus of" mean the same thing in every collection,
// exactly as docs/API.md's "Words" define them, in domain's words
// (domain/vocabulary.go). hooks/access_query.go spells the same three in
// SQL.
//
// Every fragment reads the requester's own memberships through the
// back-relation of @request.auth. PocketBase joins it on
// memberships.user = the requester (served by idx_memberships_user_house),
// so a rule costs a few index look-ups per record whatever the size of the
// roster; a cross-joined @collection.memberships would not. All conditions
// use the "?=" (any-of) operators on that one join, so within a fragment
// they hold for the same membership row.
const mine = "@request.auth.memberships_via_user"

// requesterIn returns a rule fragment that holds when the requester has a
// membership of the house given by houseExpr with one of the statuses and,
// if role is not empty, that role.
func requesterIn(houseExpr, role string, statuses ...string) string {
	parts := []string{
		"@request.auth.id != ''",
		mine + ".house ?= " + houseExpr,
	}
	if role != "" {
		parts = append(parts, mine+".role ?= '"+role+"'")
	}
	parts = append(parts, anyOf(mine+".status", "?=", statuses...))
	return and(parts...)
}

// anyOf returns "(field op 'a' || field op 'b' ...)".
func anyOf(field, op string, values ...string) string {
	alts := make([]string, len(values))
	for i, v := range values {
		alts[i] = field + " " + op + " '" + v + "'"
	}
	return or(alts...)
}

// memberOf holds for an active or away member of the house.
func memberOf(houseExpr string) string {
	return requesterIn(houseExpr, "", domain.MemberStatuses...)
}

// managerOf holds for an active manager of the house.
func managerOf(houseExpr string) string {
	return requesterIn(houseExpr, domain.RoleManager, domain.StatusActive)
}

// memberOrAlumnusOf holds for a member, manager or alumnus of the house.
func memberOrAlumnusOf(houseExpr string) string {
	return requesterIn(houseExpr, "", domain.MemberOrAlumnusStatuses...)
}

// self holds when the field (a relation to users) is the requester.
func self(field string) string {
	return and("@request.auth.id != ''", field+" = @request.auth.id")
}

// partnerOf holds when the person in userExpr chose the requester as their
// accountability partner on their membership of the house in houseExpr,
// that membership is current (active or away), and the requester is a
// member of the house. Changing the partner, or either moving out (which
// clears partners), ends it at once. The conditions use "?=" on the one
// join of the requester's back-relation memberships_via_partner, so they
// hold for the same membership row.
func partnerOf(houseExpr, userExpr string) string {
	theirs := "@request.auth.memberships_via_partner"
	return and(
		memberOf(houseExpr),
		theirs+".house ?= "+houseExpr,
		theirs+".user ?= "+userExpr,
		anyOf(theirs+".status", "?=", domain.MemberStatuses...),
	)
}

func or(rules ...string) string {
	if len(rules) == 1 {
		return rules[0]
	}
	return "(" + strings.Join(rules, " || ") + ")"
}

func and(rules ...string) string {
	if len(rules) == 1 {
		return rules[0]
	}
	return "(" + strings.Join(rules, " && ") + ")"
}

// deleteCollections removes the named collections, in order: the down
// step of a migration that created them.
func deleteCollections(app core.App, names ...string) error {
	for _, name := range names {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	return nil
}
