package domain

import "time"

// EventSeriesWeeks is how far ahead the occurrences of a weekly event
// series exist as events: twelve weeks, so residents and managers see the
// next three months of house meetings and can RSVP to any of them.
const EventSeriesWeeks = 12

// WeeklyStarts returns the starts of the occurrences that follow the one
// starting at last in a weekly series, in the house's zone loc: the same
// weekday and the same house-local wall-clock time every week, so a 19:00
// meeting stays at 19:00 when the clocks change (the instant moves by an
// hour). Occurrences that start before from are skipped, none start after
// horizon, and none fall after the house-local day until ("" for a series
// without an end). A wall-clock time that a spring-forward change skips is
// read as LocalInstant reads it.
func WeeklyStarts(last time.Time, loc *time.Location, from, horizon time.Time, until string) ([]time.Time, error) {
	local := last.In(loc)
	at := Clock{Hour: local.Hour(), Minute: local.Minute()}
	var out []time.Time
	for day := CivilDayOf(local) + 7; ; day += 7 {
		if until != "" && day.String() > until {
			break
		}
		t, err := LocalInstant(day.String(), at, loc)
		if err != nil {
			return nil, err
		}
		if t.After(horizon) {
			break
		}
		if !t.Before(from) {
			out = append(out, t)
		}
	}
	return out, nil
}
