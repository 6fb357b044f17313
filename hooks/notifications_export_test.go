package hooks

import "github.com/pocketbase/pocketbase/core"

// RenderNotification is renderNotification, for the tests of what a lock
// screen carries.
func RenderNotification(n *core.Record, lang string, lockScreen bool) (title, body string) {
	return renderNotification(n, lang, lockScreen)
}

// NotificationImportant is notificationImportant.
func NotificationImportant(kind string) bool { return notificationImportant(kind) }
