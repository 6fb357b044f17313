package domain

import (
	"strconv"
	"time"
)

// MilestonePostAt is the house-local time of day the milestone job posts
// the day's milestones.
var MilestonePostAt = Clock{Hour: 8}

// milestoneDays are the early milestones, counted in days sober. A year is
// not among them: 365 days is the first anniversary (see Milestone).
var milestoneDays = []int{1, 7, 30, 60, 90, 180, 270}

// SobrietyMilestone is a milestone reached on a day.
type SobrietyMilestone struct {
	// Label names the milestone, the same whatever the date it was reached
	// from: "1d", "7d", "30d", "60d", "90d", "180d", "270d" for the early
	// ones, "1y", "2y", ... for the anniversaries. The milestone job keeps
	// one post per person, house and label, so no milestone is celebrated
	// twice, even when the sobriety date changes.
	Label string
	// Days is the number of days sober that day.
	Days int
	// Years is the anniversary's number of years, 0 for an early milestone.
	Years int
}

// Milestone reports the milestone a person whose sobriety date is
// sobrietyDate reaches on today (both "YYYY-MM-DD" calendar days in the
// house's calendar; only the first ten characters are read, so PocketBase
// date strings can be passed as they are). There is at most one a day:
//
//   - 1, 7, 30, 60, 90, 180 and 270 days sober, counted as DaysSober does;
//   - every anniversary of the date, the first one included: "365 days"
//     and "a year" are one milestone, celebrated on the anniversary, which
//     is day 366 when a February 29 lies in between (2023-03-01 is a year
//     on 2024-03-01, not on 2024-02-29), so the same achievement is never
//     posted on two days in a row;
//   - a date of February 29 has its anniversary on February 28 in the
//     years that have no February 29, and on February 29 in leap years.
//
// ok is false on any other day, for a date after today, and when either
// date does not parse.
func Milestone(sobrietyDate, today string) (m SobrietyMilestone, ok bool) {
	from, err1 := parseDay(sobrietyDate)
	to, err2 := parseDay(today)
	if err1 != nil || err2 != nil || !to.After(from) {
		return SobrietyMilestone{}, false
	}
	days, _ := DaysSober(sobrietyDate, today)
	for _, d := range milestoneDays {
		if days == d {
			return SobrietyMilestone{Label: strconv.Itoa(d) + "d", Days: days}, true
		}
	}
	years := to.Year() - from.Year()
	if years >= 1 && to.Equal(anniversary(from, to.Year())) {
		return SobrietyMilestone{Label: strconv.Itoa(years) + "y", Days: days, Years: years}, true
	}
	return SobrietyMilestone{}, false
}

// MilestoneAt is Milestone for the house-local day at now.
func MilestoneAt(sobrietyDate string, now time.Time, loc *time.Location) (SobrietyMilestone, bool) {
	return Milestone(sobrietyDate, LocalDate(now, loc))
}

// anniversary is the day in year on which a date's anniversary falls:
// the same month and day, or February 28 for a February 29 in a year
// without one.
func anniversary(date time.Time, year int) time.Time {
	month, day := date.Month(), date.Day()
	if month == time.February && day == 29 && !isLeap(year) {
		day = 28
	}
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}
