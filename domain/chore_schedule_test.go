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

// FuzzLocalInstant: whatever the day, time and zone, the instant falls on
// that house-local day, at the time or (in a gap) at most an hour after.
func FuzzLocalInstant(f *testing.F) {
	f.Add(2026, 3, 8, 2, 30, 0)
	f.Add(2026, 11, 1, 1, 30, 1)
	zones := []string{"America/Los_Angeles", "Europe/Madrid", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo", "UTC", "America/Santiago", "America/Havana"}
	f.Fuzz(func(t *testing.T, y, m, d, h, min, z int) {
		if y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 28 || h < 0 || h > 23 || min < 0 || min > 59 {
			return
		}
		loc, _ := time.LoadLocation(zones[(z%len(zones)+len(zones))%len(zones)])
		day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(domain.DateLayout)
		got, err := domain.LocalInstant(day, domain.Clock{Hour: h, Minute: min}, loc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Format(domain.DateLayout) != day && !(h == 23) {
			t.Fatalf("%s %02d:%02d in %s fell on %s", day, h, min, loc, got)
		}
		wall := time.Date(y, time.Month(m), d, h, min, 0, 0, time.UTC)
		gotWall := time.Date(got.Year(), got.Month(), got.Day(), got.Hour(), got.Minute(), 0, 0, time.UTC)
		if diff := gotWall.Sub(wall); diff < 0 || diff > time.Hour {
			t.Fatalf("%s %02d:%02d in %s is %s (%v off)", day, h, min, loc, got, diff)
		}
	})
}
