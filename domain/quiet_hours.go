package domain

import "time"

// QuietUntil reports whether now falls in a person's quiet hours, from
// start to end ("HH:MM", local to loc), and if so the instant they end:
// when push and email held back by them are sent. A window whose end is
// earlier than its start crosses midnight (22:00 to 07:00). Empty, bad or
// equal start and end mean no quiet hours. The start belongs to the
// window and the end does not.
func QuietUntil(now time.Time, loc *time.Location, start, end string) (time.Time, bool) {
	s, err := ParseClock(start)
	if err != nil {
		return time.Time{}, false
	}
	e, err := ParseClock(end)
	if err != nil || s == e {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	m := local.Hour()*60 + local.Minute()
	sm, em := s.Hour*60+s.Minute, e.Hour*60+e.Minute
	y, mo, d := local.Date()
	endOn := func(dayOffset int) time.Time {
		return time.Date(y, mo, d+dayOffset, e.Hour, e.Minute, 0, 0, loc)
	}
	switch {
	case sm < em && m >= sm && m < em:
		return endOn(0), true
	case sm > em && m >= sm:
		return endOn(1), true
	case sm > em && m < em:
		return endOn(0), true
	}
	return time.Time{}, false
}
