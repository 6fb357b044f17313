package hooks

import "github.com/pocketbase/pocketbase/core"

// renderNotification gives a notification's title and body in lang (a
// users.language value; empty or unknown = English), from the
// notification catalogue and the row's kind and params.
//
// With lockScreen, it gives the words push and email may carry: never the
// words of a post or comment, a report's reason or a manager's note (the
// params' "words"), a check-in's answers or a staff record. A support
// alert says only that someone in the house asked for support, a comment
// who commented.
//
// A row stored before notifications had params (or with words of a kind
// the catalogue lacks) is rendered as stored; on a lock screen, the kinds
// that may hold someone's words keep only their title, and a support
// alert says no name.
func renderNotification(n *core.Record, lang string, lockScreen bool) (title, body string) {
	kind := n.GetString("kind")
	if p, ok := paramsOf(n.Get("params")); ok {
		if title, body, ok := renderMessage(kind, p, lang, lockScreen); ok {
			return clip(title, maxNotificationTitle), clip(body, maxNotificationBody)
		}
	}
	if lockScreen {
		switch kind {
		case kindSupport:
			title, body, _ := renderMessage(kind, Params{}, lang, true)
			return title, body
		case kindComment, kindSupportAnswer, kindPostReport, kindChoreRejected, kindAnnouncement:
			return n.GetString("title"), ""
		}
	}
	return n.GetString("title"), n.GetString("body")
}
