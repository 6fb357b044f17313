package hooks

// The kinds of notification (notifications.kind), who gets them, and which
// are important: the "important" level of users.email_notifications and
// push_notifications sends only those. docs/API.md, "Notifications".
//
//	kind              to                              important  variants (params.variant)
//	support           the house, when someone asks     yes        -
//	                  for support (posts_support.go)
//	support_answer    a support post's author          no         quick (a one-tap answer)
//	support_unanswered the managers: a support post    yes        -
//	                  has waited 30 minutes unanswered
//	                  (posts_support_realert.go)
//	comment           a post's author                  no         -
//	post_report       the managers                     no         -
//	post_hidden       the post's author                no         -
//	announcement      the house, but its author        yes        -
//	checkin_reminder  residents not checked in yet     no         -
//	checkin_summary   the managers, daily              yes        all_clear
//	curfew_summary    the managers, nightly            yes        all_clear
//	event             the house: a required meeting    no         weekly
//	chore_review      the managers: a chore is done    no         -
//	chore_rejected    the assignee: sent back          yes        -
//	chore_missed      the assignee, and the managers   yes        manager (the managers' words)
//	chore_unassigned  the managers: nobody could take  yes        many (several chores)
//	weekly_summary    the managers, Mondays at 08:00  yes        -
//	welcome           a new member (the demo)          no         -
//	push_test         the requester's own devices      no         -
//	incident_followup the managers: open incidents    yes        -
//	                  whose follow-up is tomorrow
//	                  (incidents_followup.go)
//	pass_requested    the managers: a resident asks     yes        -
//	                  for a pass (passes_jobs.go)
//	pass_decided      the resident: approved or         yes        declined (with the reason)
//	                  declined
//	pass_cancelled    the managers, when the resident   no         manager (to the resident, when
//	                  cancels                                      a manager cancels it)
//
// chore_missed is important for both: the managers' copy is their summary,
// and the assignee's says a chore was not marked, which they want to know
// before the next day's. chore_review is not: it comes with every chore
// done, many a day, and waits well in the app's review list.
const (
	kindSupport           = "support"
	kindSupportAnswer     = "support_answer"
	kindSupportUnanswered = "support_unanswered"
	kindComment           = "comment"
	kindPostReport        = "post_report"
	kindPostHidden        = "post_hidden"
	kindAnnouncement      = "announcement"
	kindCheckinReminder   = jobCheckinReminder
	kindCheckinSummary    = jobCheckinSummary
	kindCurfewSummary     = jobCurfewSummary
	kindEvent             = "event"
	kindChoreReview       = "chore_review"
	kindChoreRejected     = "chore_rejected"
	kindChoreMissed       = "chore_missed"
	kindChoreUnassigned   = "chore_unassigned"
	kindWelcome           = "welcome"
	kindWeeklySummary     = jobWeeklySummary
	kindIncidentFollowup  = jobIncidentFollowup
	// Passes (kept together for merging).
	kindPassRequested = "pass_requested"
	kindPassDecided   = "pass_decided"
	kindPassCancelled = "pass_cancelled"
)

// notificationKinds is every kind and whether it is important.
var notificationKinds = map[string]bool{
	kindSupport:           true,
	kindSupportAnswer:     false,
	kindSupportUnanswered: true,
	kindComment:           false,
	kindPostReport:        false,
	kindPostHidden:        false,
	kindAnnouncement:      true,
	kindCheckinReminder:   false,
	kindCheckinSummary:    true,
	kindCurfewSummary:     true,
	kindEvent:             false,
	kindChoreReview:       false,
	kindChoreRejected:     true,
	kindChoreMissed:       true,
	kindChoreUnassigned:   true,
	kindWelcome:           false,
	"push_test":           false, // kindPushTest, declared with its route (deliveries_routes.go)
	kindWeeklySummary:     true,
	kindIncidentFollowup:  true,
	// Passes (kept together for merging): a request and a decision are
	// wanted before the day; a cancellation waits in the app.
	kindPassRequested: true,
	kindPassDecided:   true,
	kindPassCancelled: false,
}

// notificationImportant reports whether a kind is sent to people whose
// push or email setting is "important": need-support alerts,
// announcements, a chore sent back or missed, and the managers' summaries.
// An unknown kind is not important.
func notificationImportant(kind string) bool {
	return notificationKinds[kind]
}
