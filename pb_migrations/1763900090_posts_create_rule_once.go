package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Since alumni may post need support (1763900021), the posts' create rule
// said "a member or alumnus of the house" twice, once for shares and wins
// and once for need support. It now says it once for the three kinds.
// Who may post what is exactly as before (the access matrix checks every
// kind for every kind of person); PocketBase resolves seven fields of the
// requester's memberships on every post where it resolved eleven, and
// SQLite parses a rule query a third shorter (BENCHMARKS.md, "Writes").
func init() {
	m.Register(func(app core.App) error {
		posts, err := app.FindCollectionByNameOrId("posts")
		if err != nil {
			return err
		}
		posts.CreateRule = types.Pointer(postsCreateRule())
		return app.Save(posts)
	}, func(app core.App) error {
		return setPostsCreateRule(app, memberOrAlumnusOf("house"))
	})
}

// postsCreateRule is who may create a post since 1763900090: members and
// alumni of its house post shares, wins and need support as themselves,
// its managers announcements; milestones only the server.
func postsCreateRule() string {
	return and(
		self("author"),
		or(
			and(anyOf("kind", "=", "share", "win", "support"), memberOrAlumnusOf("house")),
			and("kind = 'announcement'", managerOf("house")),
		),
	)
}
