package hooks

import "hearth/domain"

// Hearth's words, from their one home in domain/vocabulary.go, under the
// names the hooks and their callers (the demo, the testkit, housecmd, the
// tests) have always used. The SQL spelling of "member of", "manager of"
// and "alumnus of" is in access_query.go.

// Membership roles and statuses: see domain.RoleResident and the others.
const (
	// RoleResident is domain.RoleResident.
	RoleResident = domain.RoleResident
	// RoleManager is domain.RoleManager.
	RoleManager = domain.RoleManager

	// StatusActive is domain.StatusActive.
	StatusActive = domain.StatusActive
	// StatusAway is domain.StatusAway.
	StatusAway = domain.StatusAway
	// StatusAlumni is domain.StatusAlumni.
	StatusAlumni = domain.StatusAlumni
	// StatusDischarged is domain.StatusDischarged.
	StatusDischarged = domain.StatusDischarged
)

// Post kinds: see domain.PostShare and the others.
const (
	// PostShare is domain.PostShare.
	PostShare = domain.PostShare
	// PostWin is domain.PostWin.
	PostWin = domain.PostWin
	// PostSupport is domain.PostSupport.
	PostSupport = domain.PostSupport
	// PostAnnouncement is domain.PostAnnouncement.
	PostAnnouncement = domain.PostAnnouncement
	// PostMilestone is domain.PostMilestone.
	PostMilestone = domain.PostMilestone
)

// Check-in kinds: see domain.CheckinDaily and domain.CheckinCurfew.
const (
	// CheckinDaily is domain.CheckinDaily.
	CheckinDaily = domain.CheckinDaily
	// CheckinCurfew is domain.CheckinCurfew.
	CheckinCurfew = domain.CheckinCurfew
)

// Event kinds and repeats: see domain.EventHouseMeeting and the others.
const (
	// EventHouseMeeting is domain.EventHouseMeeting.
	EventHouseMeeting = domain.EventHouseMeeting
	// EventSocial is domain.EventSocial.
	EventSocial = domain.EventSocial
	// EventService is domain.EventService.
	EventService = domain.EventService
	// EventOther is domain.EventOther.
	EventOther = domain.EventOther

	// RepeatWeekly is domain.RepeatWeekly.
	RepeatWeekly = domain.RepeatWeekly
)

// House defaults, applied when a house is saved with the field empty: see
// domain.DefaultCheckinBy and the others.
const (
	// DefaultChoreGrace is domain.DefaultChoreGrace.
	DefaultChoreGrace = domain.DefaultChoreGrace
	// DefaultMeetingsPerWeek is domain.DefaultMeetingsPerWeek.
	DefaultMeetingsPerWeek = domain.DefaultMeetingsPerWeek
	// DefaultSupportCraving is domain.DefaultSupportCraving.
	DefaultSupportCraving = domain.DefaultSupportCraving
)

// DefaultCheckinBy is domain.DefaultCheckinBy as the houses collection
// stores it, "21:00".
var DefaultCheckinBy = domain.DefaultCheckinBy.String()
