package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindNotificationsAccess lets the owner of a notification change only
// whether it is read; everything else about it is the server's.
func bindNotificationsAccess(app core.App) {
	app.OnRecordUpdateRequest("notifications").BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			if _, ok := onlyChanged(e.Record, "read"); !ok {
				return e.ForbiddenError("You can only mark a notification as read or unread.", nil)
			}
		}
		return e.Next()
	})
}
