package domain_test

import (
	"testing"
	"time"

	"hearth/domain"
)

func TestMilestone(t *testing.T) {
	cases := []struct {
		name, sober, today string
		want               string // the label, "" for none
		years              int
	}{
		{"the day itself is not a milestone", "2026-01-10", "2026-01-10", "", 0},
		{"24 hours", "2026-01-10", "2026-01-11", "1d", 0},
		{"two days is not", "2026-01-10", "2026-01-12", "", 0},
		{"a week", "2026-01-10", "2026-01-17", "7d", 0},
		{"30 days", "2026-01-10", "2026-02-09", "30d", 0},
		{"a month is not 30 days", "2026-01-10", "2026-02-10", "", 0},
		{"60 days", "2026-01-10", "2026-03-11", "60d", 0},
		{"90 days", "2026-01-10", "2026-04-10", "90d", 0},
		{"180 days", "2026-01-10", "2026-07-09", "180d", 0},
		{"270 days", "2026-01-10", "2026-10-07", "270d", 0},
		{"364 days is not", "2026-01-10", "2027-01-09", "", 0},
		{"365 days is the first year", "2026-01-10", "2027-01-10", "1y", 1},
		{"366 days is not", "2026-01-10", "2027-01-11", "", 0},
		{"PocketBase's date strings are read", "2026-01-10 00:00:00.000Z", "2027-01-10", "1y", 1},
		{"a date in the future", "2026-05-01", "2026-04-30", "", 0},
		{"a bad date", "someday", "2026-04-30", "", 0},
		{"an empty date", "", "2026-04-30", "", 0},

		// Across a February 29: a year is the anniversary, day 366.
		{"365 days across a leap day is not yet a year", "2023-03-01", "2024-02-29", "", 0},
		{"the anniversary across a leap day is day 366", "2023-03-01", "2024-03-01", "1y", 1},
		{"30 days across a leap day", "2024-02-01", "2024-03-02", "30d", 0},

		// Born on a February 29.
		{"Feb 29 is a year on Feb 28 of a common year", "2024-02-29", "2025-02-28", "1y", 1},
		{"and not on March 1 as well", "2024-02-29", "2025-03-01", "", 0},
		{"two years on Feb 28", "2024-02-29", "2026-02-28", "2y", 2},
		{"four years on the leap day itself", "2024-02-29", "2028-02-29", "4y", 4},
		{"not on Feb 28 of a leap year", "2024-02-29", "2028-02-28", "", 0},
		{"2100 is not a leap year", "2096-02-29", "2100-02-28", "4y", 4},
		{"2000 was a leap year", "1996-02-29", "2000-02-29", "4y", 4},
		{"Feb 28 stays Feb 28 in a leap year", "2023-02-28", "2024-02-28", "1y", 1},
		{"Feb 28 is not celebrated on Feb 29", "2023-02-28", "2024-02-29", "", 0},

		// Every year after.
		{"ten years", "2016-06-15", "2026-06-15", "10y", 10},
		{"a day after ten years", "2016-06-15", "2026-06-16", "", 0},
		{"New Year's Eve", "2020-12-31", "2025-12-31", "5y", 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := domain.Milestone(c.sober, c.today)
			if ok != (c.want != "") || m.Label != c.want || m.Years != c.years {
				t.Errorf("Milestone(%q, %q) = %+v, %v; want %q (%d years)", c.sober, c.today, m, ok, c.want, c.years)
			}
			if ok {
				days, _ := domain.DaysSober(c.sober, c.today)
				if m.Days != days {
					t.Errorf("Days = %d, want %d", m.Days, days)
				}
			}
		})
	}
}

// TestMilestoneAtIsHouseLocal: the same instant is a different day in
// different houses, so a milestone falls on the house's own day.
func TestMilestoneAtIsHouseLocal(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	tokyo := checkinZone(t, "Asia/Tokyo")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		at    string
		loc   *time.Location
		sober string
		want  string
	}{
		// 16:00Z on 9 Feb: 08:00 in Los Angeles on the 9th, 01:00 in Tokyo on the 10th.
		{"2026-02-09T16:00:00Z", la, "2026-01-10", "30d"},
		{"2026-02-09T16:00:00Z", tokyo, "2026-01-10", ""},
		{"2026-02-09T16:00:00Z", tokyo, "2026-01-11", "30d"},
		// 19:00Z on 27 Feb 2025 is already the 28th, 08:00, in Auckland: a
		// February 29 date's first year there, still the 27th in LA.
		{"2025-02-27T19:00:00Z", akl, "2024-02-29", "1y"},
		{"2025-02-27T19:00:00Z", la, "2024-02-29", ""},
	}
	for _, c := range cases {
		m, ok := domain.MilestoneAt(c.sober, checkinAt(t, c.at), c.loc)
		if ok != (c.want != "") || m.Label != c.want {
			t.Errorf("MilestoneAt(%q, %s in %s) = %+v, %v; want %q", c.sober, c.at, c.loc, m, ok, c.want)
		}
	}
}
