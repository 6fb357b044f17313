package domain

import (
	"fmt"
	"time"
)

// CheckinReminderLead is how long before the daily check-in deadline
// residents who have not checked in are reminded.
const CheckinReminderLead = time.Hour

// nightStart is the house-local hour at which a curfew night begins (and
// the previous one ends).
const nightStart = 12

// CheckinDay returns the house-local day ("YYYY-MM-DD") a daily check-in
// made at now belongs to: the calendar day now falls on in the house's
// zone, from midnight to midnight. It is LocalDate, named for the
// check-ins' day field.
func CheckinDay(now time.Time, loc *time.Location) string {
	return LocalDate(now, loc)
}

// CurfewNight returns the night ("YYYY-MM-DD") a curfew check-in made at
// now belongs to. A night runs from 12:00 house-local to 12:00 the next
// day and is named by the date on which it starts: Friday 12:00 through
// Saturday 11:59 is Friday's night, so a check-in at 00:30 on Saturday
// counts for Friday.
func CurfewNight(now time.Time, loc *time.Location) string {
	local := now.In(loc)
	d := CivilDayOf(local)
	if local.Hour() < nightStart {
		d--
	}
	return d.String()
}

// NightCurfew returns the curfew of a house on the night (a "YYYY-MM-DD"
// as CurfewNight gives it), from the house's curfew and curfew_weekend
// fields ("HH:MM" or empty). Friday and Saturday nights use curfewWeekend
// when it is set, every other night and any night when it is empty use
// curfew. ok is false when the night has no curfew: curfew is empty and,
// on a Friday or Saturday, curfewWeekend is too (a house may set a
// weekend curfew alone). err is set when night is not a day or either
// non-empty field is not "HH:MM", whatever the night, so a bad setting
// shows on the first night rather than on the first weekend.
func NightCurfew(night, curfew, curfewWeekend string) (c Clock, ok bool, err error) {
	d, err := parseDay(night)
	if err != nil {
		return Clock{}, false, fmt.Errorf("not a night: %q", night)
	}
	var weekday, weekend Clock
	if curfew != "" {
		if weekday, err = ParseClock(curfew); err != nil {
			return Clock{}, false, fmt.Errorf("curfew %q: %w", curfew, err)
		}
	}
	if curfewWeekend != "" {
		if weekend, err = ParseClock(curfewWeekend); err != nil {
			return Clock{}, false, fmt.Errorf("weekend curfew %q: %w", curfewWeekend, err)
		}
	}
	if wd := d.Weekday(); curfewWeekend != "" && (wd == time.Friday || wd == time.Saturday) {
		return weekend, true, nil
	}
	if curfew == "" {
		return Clock{}, false, nil
	}
	return weekday, true, nil
}

// CurfewInstant returns the instant of a curfew at c on the night (a
// "YYYY-MM-DD" naming the night that starts at 12:00 that day). A clock
// time from 12:00 to 23:59 is on the night's own date; one from 00:00 to
// 11:59 is on the next date, so a 01:00 curfew on Friday night is
// Saturday 01:00. The instant is LocalInstant's: a curfew that does not
// exist on a daylight-saving night (02:30 when clocks jump from 02:00 to
// 03:00) falls as far after the jump (03:30), and one that happens twice
// (01:30 when clocks fall back) is its first occurrence.
func CurfewInstant(night string, c Clock, loc *time.Location) (time.Time, error) {
	d, err := ParseCivilDay(night)
	if err != nil {
		return time.Time{}, fmt.Errorf("not a night: %q", night)
	}
	if c.Hour < nightStart {
		d++
	}
	return LocalInstant(d.String(), c, loc)
}

// CurfewLate reports whether a curfew check-in made at the instant at, for
// the night (as CurfewNight gives it), is late in a house with the given
// curfew and curfew_weekend fields: strictly after the night's curfew
// instant (see NightCurfew and CurfewInstant). A check-in exactly at
// curfew, to the second, is on time; one second later is late. A night
// without a curfew is never late. err is NightCurfew's.
func CurfewLate(at time.Time, night, curfew, curfewWeekend string, loc *time.Location) (bool, error) {
	c, ok, err := NightCurfew(night, curfew, curfewWeekend)
	if err != nil || !ok {
		return false, err
	}
	due, err := CurfewInstant(night, c, loc)
	if err != nil {
		return false, err
	}
	return at.After(due), nil
}

// CheckinStreak returns the number of consecutive house-local days, each
// with a daily check-in, that end today. When today has no check-in yet
// the streak counts up to yesterday instead, so it does not show as broken
// before the day's deadline. days may be in any order and hold
// duplicates; days after today, and entries that are not days, are
// ignored. Only the first ten characters of each day are read. A today
// that is not a day gives 0.
func CheckinStreak(days []string, today string) int {
	t, err := ParseCivilDay(today)
	if err != nil {
		return 0
	}
	have := make(map[CivilDay]bool, len(days))
	for _, s := range days {
		if d, err := ParseCivilDay(s); err == nil && d <= t {
			have[d] = true
		}
	}
	d := t
	if !have[d] {
		d--
	}
	n := 0
	for have[d] {
		n++
		d--
	}
	return n
}

// WeekBounds returns the Monday and the Sunday ("YYYY-MM-DD") of the week
// that holds the house-local day. Hearth's weeks start on Monday and end
// on Sunday, so a Sunday belongs to the week that began six days before.
// Only the first ten characters of day are read.
func WeekBounds(day string) (monday, sunday string, err error) {
	t, err := parseDay(day)
	if err != nil {
		return "", "", fmt.Errorf("not a day: %q", day)
	}
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	m := CivilDayOf(t) - CivilDay(back)
	return m.String(), (m + 6).String(), nil
}

// MeetingProgress counts a resident's outside meetings in today's week
// (Monday through today, house-local; see WeekBounds): done is the number
// of dates in it and remaining how many more meet expected (the house's
// meetings_per_week), never below 0. dates are the meeting log's dates, in
// any order; dates after today, before the week's Monday, or that are not
// days are ignored. Every entry counts: two meetings on one day are two.
// Only the first ten characters of each date are read, so PocketBase date
// strings can be passed as they are. err is set when today is not a day.
func MeetingProgress(dates []string, today string, expected int) (done, remaining int, err error) {
	t, err := ParseCivilDay(today)
	if err != nil {
		return 0, 0, fmt.Errorf("not a day: %q", today)
	}
	monday, _, _ := WeekBounds(today)
	m, _ := ParseCivilDay(monday)
	for _, s := range dates {
		if d, err := ParseCivilDay(s); err == nil && m <= d && d <= t {
			done++
		}
	}
	return done, max(expected-done, 0), nil
}

// CheckinDeadline returns the instant of the day's daily check-in deadline
// in a house whose checkin_by is checkinBy ("HH:MM"; empty means
// DefaultCheckinBy, 21:00), on the house-local day ("YYYY-MM-DD"). A
// deadline at a time a daylight-saving change skips or repeats is placed
// as LocalInstant places it.
func CheckinDeadline(day, checkinBy string, loc *time.Location) (time.Time, error) {
	c := DefaultCheckinBy
	if checkinBy != "" {
		var err error
		if c, err = ParseClock(checkinBy); err != nil {
			return time.Time{}, fmt.Errorf("checkin_by %q: %w", checkinBy, err)
		}
	}
	return LocalInstant(day, c, loc)
}

// CheckinReminderAt returns the instant residents who have not checked in
// on the day are reminded: CheckinReminderLead (one hour of elapsed time)
// before CheckinDeadline. On a daylight-saving night that is an hour
// before the deadline by the clock of the world, not by the wall clock.
func CheckinReminderAt(day, checkinBy string, loc *time.Location) (time.Time, error) {
	d, err := CheckinDeadline(day, checkinBy, loc)
	if err != nil {
		return time.Time{}, err
	}
	return d.Add(-CheckinReminderLead), nil
}
