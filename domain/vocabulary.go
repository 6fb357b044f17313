package domain

import "slices"

// Hearth's vocabulary: the words that the collections store and that
// docs/API.md's "Words" define, in one place (the chore states are in
// chore_transitions.go, beside their table). The hooks, the routes, the
// rules in pb_migrations/rules.go, the demo, the testkit and the load
// tool use these; the web app's twin is pb_public/js/membership.js. They
// are data: the shipped migrations hold them as literals, so renaming one
// is a new migration, not an edit here.

// Membership roles.
const (
	// RoleResident is a person who lives in the house.
	RoleResident = "resident"
	// RoleManager is a person who runs the house.
	RoleManager = "manager"
)

// Membership statuses.
const (
	// StatusActive is a membership of someone living in the house now.
	StatusActive = "active"
	// StatusAway is a current membership of someone away on a pass.
	StatusAway = "away"
	// StatusAlumni is a membership of someone who moved out in good
	// standing and stays connected as a peer.
	StatusAlumni = "alumni"
	// StatusDischarged is a membership of someone who was asked to leave:
	// it gives no access to the house.
	StatusDischarged = "discharged"
)

// MemberStatuses are the statuses of a member of a house: "member of" in
// docs/API.md is any role with one of these.
var MemberStatuses = []string{StatusActive, StatusAway}

// MemberOrAlumnusStatuses are the statuses of a member or an alumnus of a
// house: the people who read its board.
var MemberOrAlumnusStatuses = []string{StatusActive, StatusAway, StatusAlumni}

// IsMember reports whether a membership with the status makes its person a
// member of the house (active or away, any role).
func IsMember(status string) bool { return slices.Contains(MemberStatuses, status) }

// IsManager reports whether a membership with the role and status makes
// its person a manager of the house (an active manager).
func IsManager(role, status string) bool { return role == RoleManager && status == StatusActive }

// IsAlumnus reports whether a membership with the status makes its person
// an alumnus of the house.
func IsAlumnus(status string) bool { return status == StatusAlumni }

// Post kinds on the house board.
const (
	// PostShare is an everyday post.
	PostShare = "share"
	// PostWin is a post celebrating something that went well.
	PostWin = "win"
	// PostSupport is a need-support post: it alerts the whole house.
	PostSupport = "support"
	// PostAnnouncement is a manager's post, the only kind that can be pinned.
	PostAnnouncement = "announcement"
	// PostMilestone is the server's post for a sobriety milestone.
	PostMilestone = "milestone"
)

// ReactionKinds are the reactions a post may get, in the board's order.
var ReactionKinds = []string{"me_too", "proud", "hug", "heart"}

// QuickAnswers are the one-tap answers to a need-support post (the values
// of comments.quick), in the order the board offers them.
var QuickAnswers = []string{"calling", "on_my_way", "here"}

// QuickAnswerWords are the words the server writes as the body of a
// one-tap answer, by its value.
var QuickAnswerWords = map[string]string{
	"calling":   "Calling you now",
	"on_my_way": "On my way",
	"here":      "I'm here",
}

// Check-in kinds.
const (
	// CheckinDaily is the day's check-in: a mood, a craving, a note.
	CheckinDaily = "daily"
	// CheckinCurfew is the night's "I'm home".
	CheckinCurfew = "curfew"
)

// Chore cadences.
const (
	// CadenceDaily is a chore due every day.
	CadenceDaily = "daily"
	// CadenceWeekly is a chore due on its weekday.
	CadenceWeekly = "weekly"
	// CadenceMonthly is a chore due on its day of the month.
	CadenceMonthly = "monthly"
)

// Event kinds and repeats, as the events collection names them.
const (
	// EventHouseMeeting is a house meeting; a required one is notified.
	EventHouseMeeting = "house_meeting"
	// EventSocial is a sober social.
	EventSocial = "social"
	// EventService is a service commitment.
	EventService = "service"
	// EventOther is any other event.
	EventOther = "other"

	// RepeatWeekly makes an event the first of a weekly series.
	RepeatWeekly = "weekly"
)

// EventKinds are the kinds an event may have.
var EventKinds = []string{EventHouseMeeting, EventSocial, EventService, EventOther}

// House defaults, applied when a house is saved with the field empty.
const (
	// DefaultChoreGrace is the minutes after a chore's due time before it
	// is marked missed.
	DefaultChoreGrace = 120
	// DefaultMeetingsPerWeek is the house's weekly expectation of outside
	// meetings.
	DefaultMeetingsPerWeek = 3
)

// DefaultCheckinBy is the daily check-in deadline of a house whose
// checkin_by is empty.
var DefaultCheckinBy = Clock{Hour: 21}
