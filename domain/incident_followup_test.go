package domain

import (
	"slices"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
)

// TestFollowUpReminder: the reminder is due from 09:00 house-local until
// the day ends, and names the next calendar day, on the days the clocks
// change too (a 23- and a 25-hour day in Los Angeles) and across a month's
// and a year's end.
func TestFollowUpReminder(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name            string
		at              time.Time
		today, tomorrow string
		due             bool
	}{
		{"before nine", time.Date(2026, 12, 8, 8, 59, 0, 0, la), "2026-12-08", "2026-12-09", false},
		{"at nine", time.Date(2026, 12, 8, 9, 0, 0, 0, la), "2026-12-08", "2026-12-09", true},
		{"late evening, already the next day in UTC", time.Date(2026, 12, 8, 23, 30, 0, 0, la), "2026-12-08", "2026-12-09", true},
		{"just after midnight", time.Date(2026, 12, 9, 0, 5, 0, 0, la), "2026-12-09", "2026-12-10", false},
		// Clocks spring forward on 2026-03-08: 24 hours after 23:30 on the
		// 7th is already the 9th.
		{"the evening before spring forward", time.Date(2026, 3, 7, 23, 30, 0, 0, la), "2026-03-07", "2026-03-08", true},
		{"the day of spring forward", time.Date(2026, 3, 8, 9, 0, 0, 0, la), "2026-03-08", "2026-03-09", true},
		{"a minute before nine, spring forward", time.Date(2026, 3, 8, 8, 59, 0, 0, la), "2026-03-08", "2026-03-09", false},
		// Clocks fall back on 2026-11-01: a 25-hour day.
		{"the evening of fall back", time.Date(2026, 11, 1, 23, 30, 0, 0, la), "2026-11-01", "2026-11-02", true},
		{"the second 01:30 of fall back", time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC), "2026-11-01", "2026-11-02", false},
		{"the end of a year", time.Date(2026, 12, 31, 12, 0, 0, 0, la), "2026-12-31", "2027-01-01", true},
		{"the end of February", time.Date(2028, 2, 28, 12, 0, 0, 0, la), "2028-02-28", "2028-02-29", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock := clockwork.NewFakeClockAt(c.at)
			today, tomorrow, due := FollowUpReminder(clock.Now(), la)
			if today != c.today || tomorrow != c.tomorrow || due != c.due {
				t.Errorf("FollowUpReminder(%s) = %s, %s, %v; want %s, %s, %v",
					c.at.In(la), today, tomorrow, due, c.today, c.tomorrow, c.due)
			}
		})
	}
}

// TestDueFollowUps: only open incidents whose follow-up falls on the day,
// whatever the time of day the date was stored at.
func TestDueFollowUps(t *testing.T) {
	incidents := []FollowUp{
		{"noon", "2026-12-09 12:00:00.000Z", "open"},
		{"midnight", "2026-12-09 00:00:00.000Z", "open"},
		{"no status", "2026-12-09 12:00:00.000Z", ""},
		{"closed", "2026-12-09 12:00:00.000Z", "closed"},
		{"the day after", "2026-12-10 12:00:00.000Z", "open"},
		{"today", "2026-12-08 12:00:00.000Z", "open"},
		{"no date", "", "open"},
		{"garbage", "2026-12", "open"},
	}
	var got []string
	for _, f := range DueFollowUps("2026-12-09", incidents) {
		got = append(got, f.ID)
	}
	if want := []string{"noon", "midnight", "no status"}; !slices.Equal(got, want) {
		t.Errorf("due %v, want %v", got, want)
	}
	if due := DueFollowUps("2026-12-09", nil); len(due) != 0 {
		t.Errorf("nothing to remind of: %v", due)
	}
}
