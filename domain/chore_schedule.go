package domain

import (
	"fmt"
	"time"
)

// ChoreSpec is a chore as the chores collection holds it, less its house:
// the one shape the demo, the testkit and the load tool seed chores from.
type ChoreSpec struct {
	Title, Description string // what the chore screen shows
	Cadence            string // CadenceDaily, CadenceWeekly or CadenceMonthly
	Weekday            int    // weekly: 0 = Sunday
	Monthday           int    // monthly: 1 to 28
	Due                Clock  // house-local
	Points             int    // earned when done
	NeedsPhoto         bool   // done needs a photo
}

// Fields are the fields of an active chores record of the chore in the
// house, as a record's Load takes them.
func (c ChoreSpec) Fields(houseID string) map[string]any {
	return map[string]any{
		"house": houseID, "title": c.Title, "description": c.Description, "cadence": c.Cadence,
		"weekday": c.Weekday, "monthday": c.Monthday, "due_time": c.Due.String(), "points": c.Points,
		"needs_photo": c.NeedsPhoto, "active": true,
	}
}

// ChoreDueOn tells whether a chore of the cadence falls on the calendar day
// (a house-local "YYYY-MM-DD"): every day, on its weekday (0 = Sunday), or
// on its day of the month (1 to 28, which every month has).
func ChoreDueOn(cadence string, weekday, monthday int, day string) (bool, error) {
	d, err := time.Parse(DateLayout, day)
	if err != nil {
		return false, fmt.Errorf("not a day: %q", day)
	}
	switch cadence {
	case CadenceDaily:
		return true, nil
	case CadenceWeekly:
		return int(d.Weekday()) == weekday, nil
	case CadenceMonthly:
		return d.Day() == monthday, nil
	}
	return false, fmt.Errorf("unknown cadence %q", cadence)
}

// LocalInstant is the instant a house-local day and clock time name. On
// the day clocks spring forward, a time that does not exist (02:30 in
// America/Los_Angeles) is the instant as far after the jump as it was
// after the last valid minute (03:30); on the day they fall back, a time
// that happens twice is its first occurrence. Either way one instant, the
// same every time it is asked.
func LocalInstant(day string, c Clock, loc *time.Location) (time.Time, error) {
	d, err := time.Parse(DateLayout, day) // not in loc: a midnight some zones skip would move the day back
	if err != nil {
		return time.Time{}, fmt.Errorf("not a day: %q", day)
	}
	naive := time.Date(d.Year(), d.Month(), d.Day(), c.Hour, c.Minute, 0, 0, time.UTC)
	// The offsets in force around the day: at most two, even on a change.
	_, early := naive.Add(-14 * time.Hour).In(loc).Zone()
	_, late := naive.Add(14 * time.Hour).In(loc).Zone()
	var first time.Time
	for _, off := range []int{early, late} {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if t.Hour() == c.Hour && t.Minute() == c.Minute && t.Format(DateLayout) == day &&
			(first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	if first.IsZero() {
		// In the gap: read the time with the offset from before the jump.
		first = naive.Add(-time.Duration(early) * time.Second).In(loc)
	}
	return first, nil
}
