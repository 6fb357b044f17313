package domain

import (
	"cmp"
	"slices"
	"time"
)

// Pass statuses (passes.status): see docs/API.md, "passes".
const (
	// PassRequested is a pass the resident asked for, waiting for a manager.
	PassRequested = "requested"
	// PassApproved is a pass a manager approved: the resident is away on its days.
	PassApproved = "approved"
	// PassDeclined is a pass a manager declined, with a reason.
	PassDeclined = "declined"
	// PassCancelled is a pass the resident took back, or that ended early.
	PassCancelled = "cancelled"
)

// PassMaxDays is the longest pass, in days, its first and last included.
const PassMaxDays = 30

// PassMaxAhead is how far ahead a pass may start, in days from today.
const PassMaxAhead = 366

// PassSpan is an approved pass as the jobs read it: whose it is and its
// first and last day away, house-local.
type PassSpan struct {
	ID, User     string
	Starts, Ends CivilDay
}

// Covers reports whether the pass's days include d.
func (p PassSpan) Covers(d CivilDay) bool { return p.Starts <= d && d <= p.Ends }

// PassMember is a resident's membership as the pass jobs read it: its
// status and, when away, the day they are expected back after (AwayUntil,
// 0 for none).
type PassMember struct {
	User, Status string
	AwayUntil    CivilDay
}

// PassChange is one membership to change: to Status (away or active), with
// AwayUntil the pass's last day (for away) and Pass the pass that decides
// it.
type PassChange struct {
	User, Status string
	AwayUntil    CivilDay
	Pass         string
}

// PassDay is the house-local day at now: the day whose passes hold.
func PassDay(now time.Time, loc *time.Location) CivilDay {
	return CivilDayOf(now.In(loc))
}

// PassChanges lists the memberships the approved passes change at now in
// the house's zone loc:
//
//   - an active resident with an approved pass covering today becomes
//     away until the pass's last day (its first day, or later when the
//     day's job did not run on it);
//   - an away resident whose away_until is the last day of one of their
//     approved passes is away because of it: with no pass covering today
//     and that day passed, they become active again; with another pass
//     covering today (one straight after the other), they stay away until
//     its last day. One whose away_until says anything else was set away
//     by a manager, not by a pass, and is left alone.
//
// Moved-out people (alumni, discharged) are never changed. The result is
// in user order; it is empty when nothing changes, so a second call after
// the changes were made changes nothing.
func PassChanges(now time.Time, loc *time.Location, members []PassMember, passes []PassSpan) []PassChange {
	today := PassDay(now, loc)
	byUser := map[string][]PassSpan{}
	for _, p := range passes {
		if p.Ends < p.Starts {
			continue
		}
		byUser[p.User] = append(byUser[p.User], p)
	}
	var out []PassChange
	for _, m := range members {
		mine := byUser[m.User]
		var current *PassSpan
		for i := range mine {
			if mine[i].Covers(today) {
				current = &mine[i]
				break
			}
		}
		switch m.Status {
		case StatusActive:
			if current != nil {
				out = append(out, PassChange{User: m.User, Status: StatusAway, AwayUntil: current.Ends, Pass: current.ID})
			}
		case StatusAway:
			if m.AwayUntil == 0 || !slices.ContainsFunc(mine, func(p PassSpan) bool { return p.Ends == m.AwayUntil }) {
				continue // away for another reason: a manager's to change
			}
			switch {
			case current != nil && current.Ends != m.AwayUntil:
				// One pass straight after another: away until the next one ends.
				out = append(out, PassChange{User: m.User, Status: StatusAway, AwayUntil: current.Ends, Pass: current.ID})
			case current == nil && m.AwayUntil < today:
				for _, p := range mine {
					if p.Ends == m.AwayUntil {
						out = append(out, PassChange{User: m.User, Status: StatusActive, Pass: p.ID})
						break
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b PassChange) int { return cmp.Compare(a.User, b.User) })
	return out
}

// ReturnsFrom reports whether ending the pass early (cancelled while it
// runs) brings the member back: they are away because of it, their
// away_until being its last day.
func ReturnsFrom(m PassMember, p PassSpan) bool {
	return m.Status == StatusAway && m.AwayUntil != 0 && m.AwayUntil == p.Ends
}
