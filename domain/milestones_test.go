package domain_test

import (
	"fmt"
	"slices"
	"strings"
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

// FuzzMilestone compares Milestone with a reference built on the time
// package alone: no milestone on or before the sobriety date; 1, 7, 30,
// 60, 90, 180 and 270 days; the anniversary of the date every year, with a
// February 29 date on February 28 of a common year and on February 29 of a
// leap one. Days is DaysSober's, a yearly label never comes two days in a
// row, and only the first ten characters of either date are read.
func FuzzMilestone(f *testing.F) {
	for _, s := range []struct {
		date          string
		years, offset int
	}{
		{"2024-02-29", 1, 0}, {"2024-02-29", 4, 0}, {"2024-02-29", 1, 1}, {"2096-02-29", 4, -1},
		{"1996-02-29", 4, 0}, {"2023-03-01", 1, 0}, {"2023-02-28", 1, 1}, {"2026-01-10", 0, 30},
		{"2026-01-10", 0, 365}, {"2020-12-31", 5, 0}, {"2026-05-01", 0, -1},
	} {
		d, _ := time.Parse(domain.DateLayout, s.date)
		f.Add(int(d.Unix()/86400), s.years, s.offset, " 00:00:00.000Z", "")
	}
	f.Add(0, 0, 0, "", "2024-02-29x")
	f.Fuzz(func(t *testing.T, fromN, years, offset int, suffix, junk string) {
		from := time.Unix(int64(fold(fromN, fuzzYears*365))*86400, 0).UTC()
		var to time.Time
		if years = fold(years, 12); years == 0 {
			to = from.AddDate(0, 0, fold(offset, 400)-5) // the early milestones, and the days before the date
		} else {
			to = time.Date(from.Year()+years, from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
			if to.Month() != from.Month() { // February 29 in a common year: start from March 1
				to = time.Date(from.Year()+years, time.March, 1, 0, 0, 0, 0, time.UTC)
			}
			to = to.AddDate(0, 0, fold(offset, 7)-3) // the anniversary give or take three days
		}
		sober, today := from.Format(domain.DateLayout), to.Format(domain.DateLayout)
		m, ok := domain.Milestone(sober, today)

		days := int(to.Sub(from) / (24 * time.Hour))
		want := ""
		switch {
		case days <= 0:
		case slices.Contains([]int{1, 7, 30, 60, 90, 180, 270}, days):
			want = fmt.Sprintf("%dd", days)
		case to.Year() > from.Year() && (to.Month() == from.Month() && to.Day() == from.Day() ||
			from.Month() == time.February && from.Day() == 29 && to.Month() == time.February && to.Day() == 28 && !isLeapYear(to.Year())):
			want = fmt.Sprintf("%dy", to.Year()-from.Year())
		}
		if ok != (want != "") || m.Label != want {
			t.Fatalf("Milestone(%s, %s) (day %d) = %+v, %v; want %q", sober, today, days, m, ok, want)
		}
		if ok {
			if !to.After(from) {
				t.Fatalf("Milestone(%s, %s) celebrates a date in the future", sober, today)
			}
			if ds, _ := domain.DaysSober(sober, today); m.Days != ds || m.Days != days {
				t.Fatalf("Milestone(%s, %s).Days = %d, DaysSober %d, want %d", sober, today, m.Days, ds, days)
			}
			if y := to.Year() - from.Year(); strings.HasSuffix(m.Label, "y") != (m.Years > 0) || m.Years > 0 && m.Years != y {
				t.Fatalf("Milestone(%s, %s) = %+v", sober, today, m)
			}
			for _, near := range []time.Time{to.AddDate(0, 0, -1), to.AddDate(0, 0, 1)} {
				if n, _ := domain.Milestone(sober, near.Format(domain.DateLayout)); n.Label == m.Label {
					t.Fatalf("%s's %s comes on %s and on %s", sober, m.Label, today, near.Format(domain.DateLayout))
				}
			}
		}
		if m2, ok2 := domain.Milestone(sober+suffix, today+suffix); m2 != m || ok2 != ok {
			t.Fatalf("Milestone(%q, %q) = %+v, %v; without the suffix %+v, %v", sober+suffix, today+suffix, m2, ok2, m, ok)
		}
		if _, err := time.Parse(domain.DateLayout, firstTen(junk)); err != nil {
			if m, ok := domain.Milestone(junk, today); ok {
				t.Fatalf("Milestone(%q, %s) = %+v", junk, today, m)
			}
			if m, ok := domain.Milestone(sober, junk); ok {
				t.Fatalf("Milestone(%s, %q) = %+v", sober, junk, m)
			}
		}
	})
}

// FuzzDaysSober: two strings give a count exactly when both start with a
// "YYYY-MM-DD"; the count is the whole days from one to the other, 0 for
// a date in the future, and counts add up across an intermediate day.
func FuzzDaysSober(f *testing.F) {
	f.Add("2024-02-29", "2025-02-28", 19000, 30, 400)
	f.Add("2026-03-07", "2026-03-09 00:00:00.000Z", 20000, 1, 1)
	f.Add("2026-12-01", "2026-11-23", 0, 0, 0)
	f.Add("", "23/11/2026", 5, -3, 7)
	f.Add("0000-01-01", "9999-12-31", 1, 2, 3)
	f.Fuzz(func(t *testing.T, a, b string, n, d1, d2 int) {
		days, ok := domain.DaysSober(a, b)
		ta, errA := time.Parse(domain.DateLayout, firstTen(a))
		tb, errB := time.Parse(domain.DateLayout, firstTen(b))
		if ok != (errA == nil && errB == nil) {
			t.Fatalf("DaysSober(%q, %q) = %d, %v", a, b, days, ok)
		}
		if want := max(int(tb.Sub(ta)/(24*time.Hour)), 0); ok && days != want {
			t.Fatalf("DaysSober(%q, %q) = %d, want %d", a, b, days, want)
		}
		if !ok && days != 0 {
			t.Fatalf("DaysSober(%q, %q) failed with %d", a, b, days)
		}
		x := time.Unix(int64(fold(n, fuzzYears*365))*86400, 0).UTC()
		y := x.AddDate(0, 0, fold(d1, 2000))
		z := y.AddDate(0, 0, fold(d2, 2000))
		s := func(t time.Time) string { return t.Format(domain.DateLayout) }
		xy, _ := domain.DaysSober(s(x), s(y))
		yz, _ := domain.DaysSober(s(y), s(z))
		xz, _ := domain.DaysSober(s(x), s(z))
		if xy+yz != xz || xy != fold(d1, 2000) {
			t.Fatalf("DaysSober: %s→%s %d, %s→%s %d, %s→%s %d", s(x), s(y), xy, s(y), s(z), yz, s(x), s(z), xz)
		}
		if back, _ := domain.DaysSober(s(z), s(x)); back != 0 {
			t.Fatalf("DaysSober(%s, %s), a date in the future, = %d", s(z), s(x), back)
		}
	})
}
