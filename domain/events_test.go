package domain_test

import (
	"testing"
	"time"

	"hearth/domain"
)

// TestWeeklyStarts: a weekly series keeps its house-local weekday and
// wall-clock time across daylight-saving changes, stops at its horizon and
// its last day, and skips what is already past.
func TestWeeklyStarts(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, la)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name          string
		last          time.Time
		from, horizon time.Time
		until         string
		want          []time.Time
	}{
		{name: "a Monday 19:00 meeting across the March change stays at 19:00 (03:00Z before, 02:00Z after)",
			last: at("2026-03-02 19:00"), from: at("2026-03-01 00:00"), horizon: at("2026-03-23 23:00"),
			want: []time.Time{utc("2026-03-10T02:00:00Z"), utc("2026-03-17T02:00:00Z"), utc("2026-03-24T02:00:00Z")}},
		{name: "a Thursday 19:00 meeting across the November change stays at 19:00 (02:00Z before, 03:00Z after)",
			last: at("2026-10-29 19:00"), from: at("2026-10-01 00:00"), horizon: at("2026-11-12 20:00"),
			want: []time.Time{utc("2026-11-06T03:00:00Z"), utc("2026-11-13T03:00:00Z")}},
		{name: "a Sunday 01:30 meeting on the night the clocks fall back is the first 01:30",
			last: at("2026-10-25 01:30"), from: at("2026-10-01 00:00"), horizon: at("2026-11-02 00:00"),
			want: []time.Time{utc("2026-11-01T08:30:00Z")}},
		{name: "a Sunday 02:30 meeting on the day 02:30 does not exist moves to 03:30, and back the week after",
			last: at("2026-03-01 02:30"), from: at("2026-03-01 00:00"), horizon: at("2026-03-16 00:00"),
			want: []time.Time{utc("2026-03-08T10:30:00Z"), utc("2026-03-15T09:30:00Z")}},
		{name: "the last day is included, the day after is not",
			last: at("2026-11-23 19:00"), from: at("2026-11-01 00:00"), horizon: at("2027-06-01 00:00"), until: "2026-12-07",
			want: []time.Time{utc("2026-12-01T03:00:00Z"), utc("2026-12-08T03:00:00Z")}},
		{name: "an end before the next occurrence makes none",
			last: at("2026-11-23 19:00"), from: at("2026-11-01 00:00"), horizon: at("2027-06-01 00:00"), until: "2026-11-29",
			want: nil},
		{name: "occurrences already past are skipped (a machine that was off)",
			last: at("2026-11-02 19:00"), from: at("2026-11-20 12:00"), horizon: at("2026-11-30 12:00"),
			want: []time.Time{utc("2026-11-24T03:00:00Z")}},
		{name: "twelve weeks ahead make twelve occurrences",
			last: at("2026-11-23 19:00"), from: at("2026-11-23 19:00"), horizon: at("2026-11-23 19:00").AddDate(0, 0, 7*domain.EventSeriesWeeks),
			want: nil}, // filled below
	}
	for i := 1; i <= domain.EventSeriesWeeks; i++ {
		cases[len(cases)-1].want = append(cases[len(cases)-1].want, at("2026-11-23 19:00").AddDate(0, 0, 7*i))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := domain.WeeklyStarts(c.last, la, c.from, c.horizon, c.until)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if !got[i].Equal(c.want[i]) {
					t.Errorf("occurrence %d = %v (%v local), want %v", i, got[i].UTC(), got[i].In(la), c.want[i].UTC())
				}
			}
		})
	}
}

// FuzzWeeklyStarts: a weekly series, whatever its start, zone and window,
// gives the occurrences a week apart on the house-local calendar at the
// same wall-clock time (read as wallInstant reads a skipped one), in
// order, every one from from through horizon and none after until,
// missing none.
func FuzzWeeklyStarts(f *testing.F) {
	for _, s := range []struct {
		last            string
		z               int
		fromDays, weeks int
		until           int
	}{
		{"2026-03-03T03:00:00Z", 0, 0, 4, -1},   // Monday 19:00 in Los Angeles across the March change
		{"2026-03-01T10:30:00Z", 0, 0, 3, -1},   // Sunday 02:30, skipped on 8 March
		{"2026-10-25T08:30:00Z", 0, 0, 3, -1},   // Sunday 01:30, twice on 1 November
		{"2026-08-30T04:30:00Z", 1, 0, 3, -1},   // Santiago 00:30, skipped on 6 September
		{"2026-03-01T05:00:00Z", 2, 0, 3, 14},   // Havana midnight
		{"2026-09-20T14:15:00Z", 3, 0, 3, -1},   // Auckland 02:15
		{"2011-12-23T19:00:00Z", 8, 0, 3, -1},   // Apia: a week lost a day
		{"2026-11-24T03:00:00Z", 0, 10, 12, 30}, // the machine was off for ten days
	} {
		at, _ := time.Parse(time.RFC3339, s.last)
		f.Add(at.Unix()/60, s.z, s.fromDays, s.weeks, s.until)
	}
	f.Fuzz(func(t *testing.T, minutes int64, z, fromDays, weeks, untilDays int) {
		loc := fuzzZone(t, z)
		span := int64(fuzzYears-1) * 365 * 24 * 60
		last := time.Unix(((minutes%span+span)%span)*60, 0).In(loc)
		from := last.Add(time.Duration(fold(fromDays, 60)-10) * 24 * time.Hour)
		horizon := from.Add(time.Duration(fold(weeks, 20)) * 7 * 24 * time.Hour)
		lastDay := time.Date(last.Year(), last.Month(), last.Day(), last.Hour(), last.Minute(), 0, 0, time.UTC)
		until := ""
		if untilDays = fold(untilDays, 200) - 20; untilDays >= 0 {
			until = lastDay.AddDate(0, 0, untilDays).Format(domain.DateLayout)
		}
		got, err := domain.WeeklyStarts(last, loc, from, horizon, until)
		if err != nil {
			t.Fatal(err)
		}
		var want []time.Time
		for k := 1; ; k++ {
			naive := lastDay.AddDate(0, 0, 7*k)
			if until != "" && naive.Format(domain.DateLayout) > until {
				break
			}
			at, exists := wallInstant(naive, loc)
			if at.After(horizon) {
				break
			}
			if exists && at.In(loc).Format("Mon 2006-01-02 15:04") != naive.Format("Mon 2006-01-02 15:04") {
				t.Fatalf("the reference %s reads %s in %s", naive, at.In(loc), loc)
			}
			if !at.Before(from) {
				want = append(want, at)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("WeeklyStarts(%s in %s, %s, %s, %q) = %v, want %v", last, loc, from, horizon, until, got, want)
		}
		for i := range got {
			if !got[i].Equal(want[i]) {
				t.Fatalf("WeeklyStarts(%s in %s, ...) occurrence %d = %s, want %s", last, loc, i, got[i].In(loc), want[i].In(loc))
			}
			if i > 0 && !got[i].After(got[i-1]) {
				t.Fatalf("occurrences out of order: %s then %s", got[i-1], got[i])
			}
		}
	})
}
