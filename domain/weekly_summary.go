package domain

import "time"

// WeeklySummaryHour is the house-local hour on Monday from which the
// managers' weekly summary of the week before is due.
const WeeklySummaryHour = 8

// WeeklySummaryWeek tells which week's summary is due at now in the
// house's zone loc: the Monday-to-Sunday week before the current one,
// from Monday at WeeklySummaryHour (house-local) on. first is that week's
// Monday; monday is the current week's, which names the run so that it
// happens once a week (a machine that was off on Monday morning sends it
// when it is back, within the week). due is false on Monday before the
// hour.
func WeeklySummaryWeek(now time.Time, loc *time.Location) (first, monday CivilDay, due bool) {
	local := now.In(loc)
	sinceMonday := (int(local.Weekday()) + 6) % 7
	monday = CivilDayOf(local) - CivilDay(sinceMonday)
	due = sinceMonday > 0 || local.Hour() >= WeeklySummaryHour
	return monday - 7, monday, due
}
