package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Alumni may post need support: their post reaches the house's managers
// and the alumni who opted in to support alerts, never the residents
// (hooks/posts_support.go). The create rule of posts lets them; the rest
// is as before. See docs/API.md, "posts".
func init() {
	m.Register(func(app core.App) error {
		return setPostsCreateRule(app, memberOrAlumnusOf("house"))
	}, func(app core.App) error {
		return setPostsCreateRule(app, memberOf("house"))
	})
}

// setPostsCreateRule sets the posts' create rule with supporters as who may
// post need support.
func setPostsCreateRule(app core.App, supporters string) error {
	posts, err := app.FindCollectionByNameOrId("posts")
	if err != nil {
		return err
	}
	board := memberOrAlumnusOf("house")
	posts.CreateRule = types.Pointer(and(
		self("author"),
		or(
			and(anyOf("kind", "=", "share", "win"), board),
			and("kind = 'support'", supporters),
			and("kind = 'announcement'", managerOf("house")),
		),
	))
	return app.Save(posts)
}
