package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The check-ins' and posts' create rules name the requester's membership
// through @collection.memberships joined on its user (rules.go,
// requesterHas) instead of @request.auth.memberships_via_user: the same
// memberships, read through the same index, for about half of what
// PocketBase spent resolving the rule on every check-in and post
// (BENCHMARKS.md, "Writes"). Who may write what is exactly as before:
// a check-in by a resident of the house, active or away, as themselves; a
// share, win or need-support post by a member or alumnus of the house, an
// announcement by its manager, as themselves (hooks/writes_rules_test.go
// tries every role and status, in the house and out of it).
func init() {
	m.Register(func(app core.App) error {
		return setCreateRules(app, checkinsCreateRule(), writesPostsCreateRule())
	}, func(app core.App) error {
		ownCreate := and(self("@request.body.user"), requesterIn("house", "resident", "active", "away"))
		return setCreateRules(app, ownCreate, postsCreateRule())
	})
}

// checkinsCreateRule is who may create a check-in since 1763900100: a
// resident of its house, active or away, as themselves.
func checkinsCreateRule() string {
	return and(
		self("@request.body.user"),
		requesterHas(
			joined+".house ?= house",
			joined+".role ?= 'resident'",
			anyOf(joined+".status", "?=", "active", "away"),
		),
	)
}

// writesPostsCreateRule is who may create a post since 1763900100:
// members and alumni of its house post shares, wins and need support as
// themselves, its managers announcements; milestones only the server.
func writesPostsCreateRule() string {
	return and(
		self("author"),
		requesterHas(
			joined+".house ?= house",
			or(
				and(anyOf("kind", "=", "share", "win", "support"),
					anyOf(joined+".status", "?=", "active", "away", "alumni")),
				and("kind = 'announcement'", joined+".role ?= 'manager'", joined+".status ?= 'active'"),
			),
		),
	)
}

func setCreateRules(app core.App, checkins, posts string) error {
	for _, set := range []struct{ name, rule string }{{"checkins", checkins}, {"posts", posts}} {
		c, err := app.FindCollectionByNameOrId(set.name)
		if err != nil {
			return err
		}
		c.CreateRule = types.Pointer(set.rule)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// The create rules of the writes a house makes most (check-ins and posts,
// since 1763900100) name the requester's memberships as a joined
// collection, @collection.memberships, rather than through the
// back-relation. A create rule is checked on one record, the one being
// made, so the join is made once: with "user ?= the requester" among its
// top-level conditions SQLite reads the requester's memberships through
// idx_memberships_user_house, exactly as the back-relation does, and
// PocketBase resolves each field without joining the users table or
// parsing the memberships' indexes (which it does for every field named
// through @request.auth.memberships_via_user). A list rule would make the
// same join for every record it reads: list and view rules keep the
// back-relation. BENCHMARKS.md, "Writes".
const joined = "@collection.memberships"

// requesterHas returns a rule fragment that holds when the requester, a
// user, has one membership for which every condition holds. The conditions
// name the membership's fields as joined+".field" with the "?=" (any-of)
// operators only: within the fragment they then hold for the same
// membership row, as the back-relation's do.
func requesterHas(conds ...string) string {
	parts := []string{
		"@request.auth.id != ''",
		"@request.auth.collectionName = 'users'",
		joined + ".user ?= @request.auth.id",
	}
	return and(append(parts, conds...)...)
}
