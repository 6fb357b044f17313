// Package hooks extends PocketBase into Hearth: validation and privacy hooks
// for the collections that pb_migrations defines, the notifier, the
// /api/hearth routes and the embedded web app. Register is its one entry
// point.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"
)

// Config is what Register needs besides the app.
type Config struct {
	// Public is the web app's file tree (the embedded pb_public folder).
	// Nil serves no web app, as in API tests.
	Public fs.FS
}

// Register binds every Hearth hook, route and job to app.
func Register(app core.App, cfg Config) error {
	bindHousesValidation(app)
	bindUsersPrivacy(app)
	bindMembershipsValidation(app)
	bindMembershipsAccess(app)
	bindNotificationsAccess(app)
	bindNotificationsRoutes(app)

	if cfg.Public != nil {
		return bindWebApp(app, cfg.Public)
	}
	return nil
}
