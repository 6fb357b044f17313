package domain

import "time"

// DaysSober returns the number of whole days from the sobriety date to
// today, both calendar days in the same (house-local) calendar. A sobriety
// date of today gives 0; a date in the future gives 0 as well, never a
// negative count. Only the first ten characters ("YYYY-MM-DD") of either
// argument are read, so PocketBase date strings can be passed as they are.
// ok is false when either date does not parse.
func DaysSober(sobrietyDate, today string) (days int, ok bool) {
	from, err1 := parseDay(sobrietyDate)
	to, err2 := parseDay(today)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	// Both are UTC midnights, so the difference is a whole number of days
	// and daylight-saving changes cannot shift it.
	d := int(to.Sub(from).Hours() / 24)
	if d < 0 {
		d = 0
	}
	return d, true
}

func parseDay(s string) (time.Time, error) {
	if len(s) > len(DateLayout) {
		s = s[:len(DateLayout)]
	}
	return time.Parse(DateLayout, s)
}
