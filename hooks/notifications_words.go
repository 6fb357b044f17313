package hooks

import "github.com/pocketbase/pocketbase/core"

// bindNotificationsWords puts every notification a person reads into
// their own language (users.language; empty = English): the list, the
// view and the realtime events all pass through OnRecordEnrich, which
// replaces the stored English title and body with the catalogue's words
// for the requester. Rows without params keep their stored words.
// Superusers (the dashboard) see the stored English.
func bindNotificationsWords(app core.App) {
	app.OnRecordEnrich("notifications").BindFunc(func(e *core.RecordEnrichEvent) error {
		auth := e.RequestInfo.Auth
		if auth == nil || auth.Collection().Name != "users" {
			return e.Next()
		}
		title, body := renderNotification(e.Record, auth.GetString("language"), false)
		e.Record.Set("title", title)
		e.Record.Set("body", body)
		return e.Next()
	})
}
