package domain_test

import (
	"testing"
	"time"

	"hearth/domain"
)

func TestChoreDueOn(t *testing.T) {
	cases := []struct {
		cadence           string
		weekday, monthday int
		day               string
		want              bool
	}{
		{"daily", 0, 0, "2026-11-23", true},
		{"weekly", 1, 0, "2026-11-23", true}, // a Monday
		{"weekly", 0, 0, "2026-11-23", false},
		{"weekly", 0, 0, "2026-11-29", true}, // Sunday
		{"monthly", 0, 23, "2026-11-23", true},
		{"monthly", 0, 28, "2027-02-28", true},
		{"monthly", 0, 1, "2026-11-23", false},
	}
	for _, c := range cases {
		got, err := domain.ChoreDueOn(c.cadence, c.weekday, c.monthday, c.day)
		if err != nil || got != c.want {
			t.Errorf("%s %d/%d on %s = %v, %v; want %v", c.cadence, c.weekday, c.monthday, c.day, got, err, c.want)
		}
	}
	if _, err := domain.ChoreDueOn("hourly", 0, 0, "2026-11-23"); err == nil {
		t.Error("an unknown cadence must be an error")
	}
}

// TestLocalInstant: one instant for every house-local day and time,
// daylight-saving days included.
func TestLocalInstant(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	madrid, _ := time.LoadLocation("Europe/Madrid")
	santiago, _ := time.LoadLocation("America/Santiago")
	havana, _ := time.LoadLocation("America/Havana")
	cases := []struct {
		name string
		day  string
		at   domain.Clock
		loc  *time.Location
		want string // UTC
	}{
		{"an ordinary day", "2026-11-23", domain.Clock{Hour: 9}, la, "2026-11-23T17:00:00Z"},
		{"summer", "2026-07-01", domain.Clock{Hour: 9}, la, "2026-07-01T16:00:00Z"},
		{"spring forward: 02:30 does not exist, it is 03:30 PDT", "2026-03-08", domain.Clock{Hour: 2, Minute: 30}, la, "2026-03-08T10:30:00Z"},
		{"spring forward: 03:00 exists", "2026-03-08", domain.Clock{Hour: 3}, la, "2026-03-08T10:00:00Z"},
		{"spring forward: 01:59 before the jump", "2026-03-08", domain.Clock{Hour: 1, Minute: 59}, la, "2026-03-08T09:59:00Z"},
		{"fall back: 01:30 happens twice, the first (PDT)", "2026-11-01", domain.Clock{Hour: 1, Minute: 30}, la, "2026-11-01T08:30:00Z"},
		{"fall back: 02:00 happens once (PST)", "2026-11-01", domain.Clock{Hour: 2}, la, "2026-11-01T10:00:00Z"},
		{"fall back: midnight", "2026-11-01", domain.Clock{}, la, "2026-11-01T07:00:00Z"},
		{"late evening", "2026-11-23", domain.Clock{Hour: 23, Minute: 59}, la, "2026-11-24T07:59:00Z"},
		{"Madrid spring forward at 02:00", "2026-03-29", domain.Clock{Hour: 2, Minute: 15}, madrid, "2026-03-29T01:15:00Z"},
		{"Madrid fall back 02:30 twice", "2026-10-25", domain.Clock{Hour: 2, Minute: 30}, madrid, "2026-10-25T00:30:00Z"},
		// Some zones skip midnight itself: the day must not slip back.
		{"Santiago skips midnight: 09:00 that day", "2026-09-06", domain.Clock{Hour: 9}, santiago, "2026-09-06T12:00:00Z"},
		{"Santiago skips midnight: 00:30 does not exist", "2026-09-06", domain.Clock{Minute: 30}, santiago, "2026-09-06T04:30:00Z"},
		{"Havana skips midnight: 09:00 that day", "2026-03-08", domain.Clock{Hour: 9}, havana, "2026-03-08T13:00:00Z"},
	}
	for _, c := range cases {
		got, err := domain.LocalInstant(c.day, c.at, c.loc)
		if err != nil || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("%s: %v, %v; want %s", c.name, got.UTC().Format(time.RFC3339), err, c.want)
		}
	}
}

// FuzzLocalInstant: whatever the day, time and zone, LocalInstant gives
// the instant the zone's own periods (time.ZoneBounds, see wallInstant)
// say: when the wall time exists it reads back as that day and that HH:MM,
// at its first occurrence when it happens twice; when a change skips it,
// it lies as far after the jump as it was after the last valid minute.
func FuzzLocalInstant(f *testing.F) {
	f.Add(2026, 3, 8, 2, 30, 0)   // Los Angeles springs forward: 02:30 does not exist
	f.Add(2026, 11, 1, 1, 30, 0)  // Los Angeles falls back: 01:30 happens twice
	f.Add(2026, 9, 6, 0, 30, 1)   // Santiago skips 00:00-01:00
	f.Add(2026, 4, 5, 23, 30, 1)  // Santiago repeats 23:00-24:00
	f.Add(2026, 3, 8, 0, 0, 2)    // Havana skips midnight
	f.Add(2026, 11, 1, 0, 30, 2)  // Havana repeats 00:00-01:00
	f.Add(2026, 9, 27, 2, 15, 3)  // Auckland springs forward at 02:00
	f.Add(2026, 4, 5, 2, 45, 3)   // Auckland falls back at 03:00
	f.Add(2026, 10, 4, 2, 15, 5)  // Lord Howe moves by half an hour
	f.Add(2011, 12, 30, 9, 0, 8)  // Apia skipped the whole day
	f.Add(2026, 3, 29, 1, 30, 11) // Troll jumps two hours
	f.Add(2096, 12, 31, 12, 0, 9) // Chatham, the last day of a leap year its rule string serves (see zonePeriods)
	f.Add(2028, 2, 29, 23, 59, 0) // a leap day
	f.Add(2100, 12, 31, 23, 59, 3)
	f.Fuzz(func(t *testing.T, y, m, d, h, min, z int) {
		loc := fuzzZone(t, z)
		naive := fuzzDate(y, m, d).Add(time.Duration(fold(h, 24))*time.Hour + time.Duration(fold(min, 60))*time.Minute)
		day := naive.Format(domain.DateLayout)
		c := domain.Clock{Hour: naive.Hour(), Minute: naive.Minute()}
		got, err := domain.LocalInstant(day, c, loc)
		if err != nil {
			t.Fatal(err)
		}
		want, exists := wallInstant(naive, loc)
		if !got.Equal(want) {
			t.Fatalf("LocalInstant(%s, %v, %s) = %s (%s), want %s (%s); the wall time exists: %v",
				day, c, loc, got.UTC().Format(time.RFC3339), got.In(loc), want.UTC().Format(time.RFC3339), want.In(loc), exists)
		}
		wall := got.In(loc).Format("2006-01-02 15:04")
		if exists && wall != naive.Format("2006-01-02 15:04") {
			t.Fatalf("LocalInstant(%s, %v, %s) reads back as %s", day, c, loc, wall)
		}
		if !exists {
			// Skipped: later on the wall clock by the size of the jump.
			local := got.In(loc)
			shown := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), 0, 0, time.UTC)
			_, before := got.Add(-48 * time.Hour).In(loc).Zone()
			_, after := got.In(loc).Zone()
			if jump := time.Duration(after-before) * time.Second; shown.Sub(naive) <= 0 || shown.Sub(naive) > jump {
				t.Fatalf("LocalInstant(%s, %v, %s), a skipped time, reads back as %s (a jump of %v)", day, c, loc, wall, jump)
			}
		}
		if again, _ := domain.LocalInstant(day, c, loc); !again.Equal(got) {
			t.Fatalf("LocalInstant(%s, %v, %s) gave %s then %s", day, c, loc, got, again)
		}
	})
}

// FuzzChoreDueOn: a day that is not "YYYY-MM-DD" or an unknown cadence is
// an error; a daily chore is due every day, a weekly one on exactly one
// weekday of each week (the same a week later) and a monthly one on
// exactly one day of each month, for the monthdays 1 to 28 every month
// has.
func FuzzChoreDueOn(f *testing.F) {
	for _, c := range []struct {
		cadence  string
		w, md    int
		day      string
		y, m, dd int
	}{
		{"daily", 0, 0, "2026-11-23", 2026, 11, 23},
		{"weekly", 1, 0, "2026-11-23", 2026, 11, 23},
		{"weekly", 0, 0, "2026-11-29", 2026, 11, 29},
		{"weekly", 7, 0, "2026-11-29", 2026, 11, 29},
		{"monthly", 0, 28, "2027-02-28", 2027, 2, 28},
		{"monthly", 0, 29, "2028-02-29", 2028, 2, 29},
		{"Weekly", 0, 0, "2026-11-23", 2026, 1, 1},
		{"daily", 0, 0, "2026-11-23T10:00:00Z", 2026, 1, 1},
		{"daily", 0, 0, "2026-02-30", 2026, 1, 1},
		{"", 0, 0, "", 0, 0, 0},
	} {
		f.Add(c.cadence, c.w, c.md, c.day, c.y, c.m, c.dd)
	}
	f.Fuzz(func(t *testing.T, cadence string, weekday, monthday int, day string, y, m, d int) {
		due, err := domain.ChoreDueOn(cadence, weekday, monthday, day)
		parsed, dayErr := time.Parse(domain.DateLayout, day)
		known := cadence == "daily" || cadence == "weekly" || cadence == "monthly"
		if (err == nil) != (dayErr == nil && known) {
			t.Fatalf("ChoreDueOn(%q, %d, %d, %q) = %v, %v", cadence, weekday, monthday, day, due, err)
		}
		if err != nil && due {
			t.Fatalf("ChoreDueOn(%q, %d, %d, %q) failed but said due", cadence, weekday, monthday, day)
		}
		if err == nil && cadence == "daily" && !due {
			t.Fatalf("a daily chore is not due on %s", day)
		}
		if err == nil && cadence == "weekly" && due != (weekday == int(parsed.Weekday())) {
			t.Fatalf("weekly on %d: due=%v on %s, a %s", weekday, due, day, parsed.Weekday())
		}
		if err == nil && cadence == "monthly" && due != (monthday == parsed.Day()) {
			t.Fatalf("monthly on %d: due=%v on %s", monthday, due, day)
		}

		// Any real day: one weekday of seven, the same a week later, and
		// one day in the month for monthday 1..28.
		date := fuzzDate(y, m, d)
		s := date.Format(domain.DateLayout)
		var weekly []int
		for w := range 7 {
			if ok, err := domain.ChoreDueOn("weekly", w, 0, s); err != nil {
				t.Fatal(err)
			} else if ok {
				weekly = append(weekly, w)
			}
		}
		if len(weekly) != 1 || weekly[0] != int(date.Weekday()) {
			t.Fatalf("a weekly chore is due on %s for weekdays %v", s, weekly)
		}
		next := date.AddDate(0, 0, 7).Format(domain.DateLayout)
		if ok, _ := domain.ChoreDueOn("weekly", weekly[0], 0, next); !ok {
			t.Fatalf("weekly on %d: due on %s but not on %s", weekly[0], s, next)
		}
		md := 1 + fold(monthday-1, 28)
		n := 0
		for first := date.AddDate(0, 0, 1-date.Day()); first.Month() == date.Month(); first = first.AddDate(0, 0, 1) {
			if ok, _ := domain.ChoreDueOn("monthly", 0, md, first.Format(domain.DateLayout)); ok {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("a chore on monthday %d is due %d times in %s", md, n, date.Format("2006-01"))
		}
	})
}
