package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Posts gain `resolved`: the author of a need-support post, or a manager
// of the house, says the person is OK now. A resolved post stops asking
// for answers and leaves the managers' "Needs you now". Only support posts
// are ever resolved (hooks/posts_validation.go). The rules are unchanged:
// the update rule already lets the author and the managers in, and the
// hooks hold each to their fields. See docs/API.md, "posts".
func init() {
	m.Register(func(app core.App) error {
		posts, err := app.FindCollectionByNameOrId("posts")
		if err != nil {
			return err
		}
		posts.Fields.Add(&core.BoolField{Name: "resolved",
			Help: "support posts: the author or a manager says the person is OK now"})
		return app.Save(posts)
	}, func(app core.App) error {
		posts, err := app.FindCollectionByNameOrId("posts")
		if err != nil {
			return err
		}
		posts.Fields.RemoveByName("resolved")
		return app.Save(posts)
	})
}
