package domain

import (
	"cmp"
	"slices"
	"time"
)

// The reasons a resident needs a manager now, most urgent first: see
// docs/API.md, "GET /api/hearth/houses/{id}/status".
const (
	// ReasonSupportOpen: the resident has an open need-support post.
	ReasonSupportOpen = "support_open"
	// ReasonLowCheckin: today's daily check-in has mood 1 or a craving at
	// or above the house's support_craving.
	ReasonLowCheckin = "low_checkin"
	// ReasonNotHome: no curfew check-in NotHomeGrace after tonight's curfew.
	ReasonNotHome = "not_home"
	// ReasonMissedCheckin: no daily check-in after the day's deadline.
	ReasonMissedCheckin = "missed_checkin"
	// ReasonChoreMissed: a chore due today was missed.
	ReasonChoreMissed = "chore_missed"
	// ReasonPassRequested: the resident asked for a pass that waits for a
	// manager's decision.
	ReasonPassRequested = "pass_requested"
)

// attentionRank orders the reasons: a lower rank is more urgent.
var attentionRank = map[string]int{
	ReasonSupportOpen:   0,
	ReasonLowCheckin:    1,
	ReasonNotHome:       2,
	ReasonMissedCheckin: 3,
	ReasonChoreMissed:   4,
	ReasonPassRequested: 5,
}

// NotHomeGrace is how long after curfew a resident without a curfew
// check-in is shown as not home.
const NotHomeGrace = 15 * time.Minute

// SupportOpenFor is how long a need-support post counts as open in the
// managers' "Needs you now": an unresolved support post younger than this.
const SupportOpenFor = 24 * time.Hour

// DefaultSupportCraving is a house's support_craving when none is set: a
// craving at or above it asks for support.
const DefaultSupportCraving = 7

// LowMood is the mood ("Very low") that asks for support whatever the
// craving.
const LowMood = 1

// LowCheckin reports whether a daily check-in with mood and craving asks
// for support in a house whose support_craving is supportCraving: mood
// LowMood, or a craving at or above supportCraving.
func LowCheckin(mood, craving, supportCraving int) bool {
	return mood == LowMood || craving >= supportCraving
}

// HouseDay is what Attention needs of a house and its day: the day and
// night as CheckinDay and CurfewNight name them, the house's checkin_by,
// curfew, curfew_weekend and support_craving fields, and its zone.
type HouseDay struct {
	Date, Night                      string
	CheckinBy, Curfew, CurfewWeekend string
	SupportCraving                   int
	Loc                              *time.Location
}

// ResidentDay is what is known of one resident's day.
type ResidentDay struct {
	User, Name string
	// Away residents are on a pass: no check-in is expected of them.
	Away bool
	// MoveIn is the house-local day they moved in ("" when unknown): on
	// that day nothing is expected of them yet, as the check-in jobs do.
	MoveIn string
	// Daily is whether today's daily check-in was made, with its Mood
	// and Craving; Curfew whether tonight's curfew check-in was.
	Daily         bool
	Mood, Craving int
	Curfew        bool
	// SupportPost is their newest open need-support post, "" for none.
	SupportPost  string
	ChoresMissed int
	// PassRequested is their oldest pass waiting for a decision, "" for
	// none.
	PassRequested string
}

// AttentionItem is one resident who needs a manager, with the reasons, most
// urgent first, their open need-support post and their pass waiting for a
// decision when they have one.
type AttentionItem struct {
	User    string   `json:"user"`
	Name    string   `json:"name"`
	Reasons []string `json:"reasons"`
	Post    string   `json:"post,omitzero"`
	Pass    string   `json:"pass,omitzero"`
}

// Attention lists the residents who need a manager at now, most urgent
// first: by their most urgent reason (support_open, low_checkin,
// not_home, missed_checkin, chore_missed, pass_requested), then by how many reasons they
// have, then by name. Residents with no reason are left out; the list is
// empty, never nil, when nobody needs anyone. A bad checkin_by or curfew
// setting leaves out the reason it decides rather than guessing.
func Attention(now time.Time, h HouseDay, people []ResidentDay) []AttentionItem {
	deadline, errDeadline := CheckinDeadline(h.Date, h.CheckinBy, h.Loc)
	var notHomeAt time.Time
	curfew, hasCurfew, err := NightCurfew(h.Night, h.Curfew, h.CurfewWeekend)
	if err == nil && hasCurfew {
		at, err := CurfewInstant(h.Night, curfew, h.Loc)
		if err == nil {
			notHomeAt = at.Add(NotHomeGrace)
		} else {
			hasCurfew = false
		}
	} else {
		hasCurfew = false
	}

	items := []AttentionItem{}
	for _, p := range people {
		var reasons []string
		if p.SupportPost != "" {
			reasons = append(reasons, ReasonSupportOpen)
		}
		if p.Daily && LowCheckin(p.Mood, p.Craving, h.SupportCraving) {
			reasons = append(reasons, ReasonLowCheckin)
		}
		newToday := p.MoveIn != "" && p.MoveIn >= h.Date
		newTonight := p.MoveIn != "" && p.MoveIn >= h.Night
		if hasCurfew && !p.Away && !p.Curfew && !newTonight && !now.Before(notHomeAt) {
			reasons = append(reasons, ReasonNotHome)
		}
		if errDeadline == nil && !p.Away && !p.Daily && !newToday && now.After(deadline) {
			reasons = append(reasons, ReasonMissedCheckin)
		}
		if p.ChoresMissed > 0 {
			reasons = append(reasons, ReasonChoreMissed)
		}
		if p.PassRequested != "" {
			reasons = append(reasons, ReasonPassRequested)
		}
		if len(reasons) > 0 {
			items = append(items, AttentionItem{User: p.User, Name: p.Name, Reasons: reasons, Post: p.SupportPost, Pass: p.PassRequested})
		}
	}
	slices.SortStableFunc(items, func(a, b AttentionItem) int {
		return cmp.Or(
			cmp.Compare(attentionRank[a.Reasons[0]], attentionRank[b.Reasons[0]]),
			cmp.Compare(len(b.Reasons), len(a.Reasons)),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.User, b.User),
		)
	})
	return items
}
