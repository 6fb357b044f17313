package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A person's delivery settings (email_notifications, push_notifications,
// email_digest, quiet_start, quiet_end) become hidden fields, as phone and
// sobriety_date are: the hooks show them to the person and superusers
// only, and a hidden field cannot be filtered or sorted on by anyone else,
// so nobody learns a manager's quiet hours by guessing them in a filter.
// See docs/API.md, "Delivery".
func init() {
	names := []string{"email_notifications", "push_notifications", "email_digest", "quiet_start", "quiet_end"}
	hide := func(app core.App, hidden bool) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		for _, name := range names {
			if f := users.Fields.GetByName(name); f != nil {
				f.SetHidden(hidden)
			}
		}
		return app.Save(users)
	}
	m.Register(func(app core.App) error { return hide(app, true) },
		func(app core.App) error { return hide(app, false) })
}
