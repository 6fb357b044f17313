package hooks

// notificationImportant reports whether notifications of the kind reach a
// person whose push or email level is "important" (docs/API.md,
// "Delivery"): need-support alerts, announcements, a chore sent back, and
// the managers' summaries and reviews.
//
// The outbox's first list; the notification catalogue's version replaces
// it.
func notificationImportant(kind string) bool {
	switch kind {
	case kindSupport, "announcement", "chore_rejected",
		"checkin_summary", "curfew_summary", "chore_missed", "chore_review":
		return true
	}
	return false
}
