package domain

import (
	"time"
)

// FollowUpRemindAt is the house-local time of day, the day before an
// incident's follow-up date, from which the house's managers are reminded.
var FollowUpRemindAt = Clock{Hour: 9}

// FollowUp is an incident as the follow-up reminder sees it: its id, its
// follow-up date (a PocketBase date; only the calendar day, its first ten
// characters, is read: the web app stores a day at 12:00 UTC) and its
// status.
type FollowUp struct {
	ID     string
	By     string
	Status string
}

// FollowUpReminder says whether the follow-up reminder is due at now in a
// house whose zone is loc: from FollowUpRemindAt until the house-local day
// ends. today is the house-local day (the reminder's ledger day) and
// tomorrow the calendar day after it, counted in days rather than 24
// hours, so the days the clocks change are right.
func FollowUpReminder(now time.Time, loc *time.Location) (today, tomorrow string, due bool) {
	local := now.In(loc)
	today = local.Format(DateLayout)
	y, m, d := local.Date()
	tomorrow = time.Date(y, m, d+1, 12, 0, 0, 0, time.UTC).Format(DateLayout)
	at, err := LocalInstant(today, FollowUpRemindAt, loc)
	return today, tomorrow, err == nil && !now.Before(at)
}

// DueFollowUps are the incidents the reminder of the day before day
// names: open ones (status "open", or none) whose follow-up falls on day,
// in the order given. Closed incidents and incidents without a date are
// never reminded of.
func DueFollowUps(day string, incidents []FollowUp) []FollowUp {
	var due []FollowUp
	for _, inc := range incidents {
		if len(inc.By) < len(DateLayout) || inc.By[:len(DateLayout)] != day {
			continue
		}
		if inc.Status != "" && inc.Status != "open" {
			continue
		}
		due = append(due, inc)
	}
	return due
}
