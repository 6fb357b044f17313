package hooks

import "github.com/pocketbase/pocketbase/core"

// renderNotification gives a notification's title and body in lang. With
// lockScreen, it gives the words push and email may carry: never the words
// of a post or comment, a check-in's answers or a staff record (a support
// alert says only that someone in the house asked for support).
//
// This first version returns the stored English words; the notification
// catalogue replaces it.
func renderNotification(n *core.Record, lang string, lockScreen bool) (title, body string) {
	_ = lang
	if lockScreen {
		switch n.GetString("kind") {
		case kindSupport:
			return "Someone in your house asked for support", "Open Hearth to answer."
		case kindComment, kindSupportAnswer:
			return n.GetString("title"), ""
		}
	}
	return n.GetString("title"), n.GetString("body")
}
