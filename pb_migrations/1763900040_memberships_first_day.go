package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Memberships gain the first-day guide's two times, both set by the server
// only (hidden, so PocketBase drops them from any non-superuser's body, and
// hooks/memberships_first_day.go refuses a body that names them):
// `rules_read_at`, when the resident said "I have read them" about the
// house rules, and `guide_done_at`, when they finished or closed the
// first-day guide. The resident and the house's managers see them
// (hooks/memberships_access.go). The people already on a roster are not
// new: their guide is done from the day they were added. See docs/API.md,
// "memberships" and "The first-day guide".
func init() {
	m.Register(func(app core.App) error {
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		memberships.Fields.Add(&core.DateField{Name: "rules_read_at", Hidden: true,
			Help: "set by the server when the resident says they have read the house rules"})
		memberships.Fields.Add(&core.DateField{Name: "guide_done_at", Hidden: true,
			Help: "set by the server when the resident finishes or closes the first-day guide"})
		if err := app.Save(memberships); err != nil {
			return err
		}
		_, err = app.DB().NewQuery("UPDATE memberships SET guide_done_at = created WHERE guide_done_at = ''").Execute()
		return err
	}, func(app core.App) error {
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		memberships.Fields.RemoveByName("rules_read_at")
		memberships.Fields.RemoveByName("guide_done_at")
		return app.Save(memberships)
	})
}
