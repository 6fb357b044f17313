package domain

import (
	"testing"
	"time"
)

func TestWeeklySummaryWeek(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, la)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name          string
		now           time.Time
		first, monday string
		due           bool
	}{
		{"Monday before eight", at("2026-12-07 07:59"), "2026-11-30", "2026-12-07", false},
		{"Monday at eight", at("2026-12-07 08:00"), "2026-11-30", "2026-12-07", true},
		{"Sunday night: still the week before's", at("2026-12-13 23:59"), "2026-11-30", "2026-12-07", true},
		// 16:30 UTC on Monday is 08:30 in Los Angeles, not yet Tuesday anywhere near.
		{"the house's zone, not UTC", time.Date(2026, 12, 7, 16, 30, 0, 0, time.UTC), "2026-11-30", "2026-12-07", true},
		// 15:59 UTC is 07:59 in Los Angeles: not due, though UTC says later.
		{"before eight in the house", time.Date(2026, 12, 7, 15, 59, 0, 0, time.UTC), "2026-11-30", "2026-12-07", false},
		// The week of the November change back (Nov 1, 2026) has 7 days too.
		{"after the clocks change", at("2026-11-02 09:00"), "2026-10-26", "2026-11-02", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, monday, due := WeeklySummaryWeek(tc.now, la)
			if first.String() != tc.first || monday.String() != tc.monday || due != tc.due {
				t.Errorf("got %s %s %v, want %s %s %v", first, monday, due, tc.first, tc.monday, tc.due)
			}
		})
	}
}
