package domain_test

import (
	"slices"
	"testing"
	"time"

	"hearth/domain"
)

// checkinZone loads an IANA zone or stops the test.
func checkinZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := domain.LoadTimezone(name)
	if err != nil {
		t.Fatalf("LoadTimezone(%q): %v", name, err)
	}
	return loc
}

// checkinAt parses an RFC 3339 instant or stops the test.
func checkinAt(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad instant %q: %v", s, err)
	}
	return at
}

func TestCheckinDay(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	ny := checkinZone(t, "America/New_York")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		at   string
		loc  *time.Location
		want string
	}{
		{"2026-11-24T05:30:00Z", la, "2026-11-23"},  // 21:30 PST
		{"2026-11-24T05:30:00Z", ny, "2026-11-24"},  // 00:30 EST
		{"2026-11-23T11:00:00Z", akl, "2026-11-24"}, // 00:00 NZDT
		{"2026-11-23T10:59:59Z", akl, "2026-11-23"}, // 23:59:59 NZDT
		{"2027-01-01T07:59:00Z", la, "2026-12-31"},  // 23:59 PST on New Year's Eve
	}
	for _, c := range cases {
		if got := domain.CheckinDay(checkinAt(t, c.at), c.loc); got != c.want {
			t.Errorf("CheckinDay(%s, %s) = %s, want %s", c.at, c.loc, got, c.want)
		}
	}
}

func TestCurfewNight(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		name string
		at   string
		loc  *time.Location
		want string
	}{
		{"Friday evening", "2026-11-20T22:00:00-08:00", la, "2026-11-20"},
		{"Friday at noon starts Friday's night", "2026-11-20T12:00:00-08:00", la, "2026-11-20"},
		{"Friday 11:59 is still Thursday's night", "2026-11-20T11:59:59-08:00", la, "2026-11-19"},
		{"Saturday 00:30 is Friday's night", "2026-11-21T00:30:00-08:00", la, "2026-11-20"},
		{"Saturday 11:59 is Friday's night", "2026-11-21T11:59:00-08:00", la, "2026-11-20"},
		{"Saturday noon is Saturday's night", "2026-11-21T12:00:00-08:00", la, "2026-11-21"},
		{"New Year's morning is New Year's Eve's night", "2027-01-01T03:00:00-08:00", la, "2026-12-31"},
		{"1 March is February's last night", "2026-03-01T01:00:00-08:00", la, "2026-02-28"},
		{"spring forward: 03:30 PDT", "2026-03-08T03:30:00-07:00", la, "2026-03-07"},
		{"fall back: the second 01:30", "2026-11-01T01:30:00-08:00", la, "2026-10-31"},
		{"Auckland 22:00, given in UTC", "2026-11-23T09:00:00Z", akl, "2026-11-23"},
		{"Auckland 11:30 next morning, given in UTC", "2026-11-23T22:30:00Z", akl, "2026-11-23"},
		{"Auckland 12:30 next day, given in UTC", "2026-11-23T23:30:00Z", akl, "2026-11-24"},
	}
	for _, c := range cases {
		if got := domain.CurfewNight(checkinAt(t, c.at), c.loc); got != c.want {
			t.Errorf("%s: CurfewNight(%s) = %s, want %s", c.name, c.at, got, c.want)
		}
	}
}

func TestNightCurfew(t *testing.T) {
	cases := []struct {
		night, curfew, weekend string
		want                   domain.Clock
		ok, err                bool
	}{
		{"2026-11-23", "23:00", "01:00", domain.Clock{Hour: 23}, true, false}, // Monday
		{"2026-11-19", "23:00", "01:00", domain.Clock{Hour: 23}, true, false}, // Thursday
		{"2026-11-20", "23:00", "01:00", domain.Clock{Hour: 1}, true, false},  // Friday
		{"2026-11-21", "23:00", "01:00", domain.Clock{Hour: 1}, true, false},  // Saturday
		{"2026-11-22", "23:00", "01:00", domain.Clock{Hour: 23}, true, false}, // Sunday
		{"2026-11-20", "22:30", "", domain.Clock{Hour: 22, Minute: 30}, true, false},
		{"2026-11-20", "", "00:30", domain.Clock{Minute: 30}, true, false}, // a weekend curfew alone
		{"2026-11-23", "", "00:30", domain.Clock{}, false, false},
		{"2026-11-23", "", "", domain.Clock{}, false, false},
		{"2026-11-20", "", "", domain.Clock{}, false, false},
		{"2026-11-23 00:00:00.000Z", "23:00", "", domain.Clock{Hour: 23}, true, false},
		{"2026-11-23", "24:00", "", domain.Clock{}, false, true},
		{"2026-11-23", "23:00", "1am", domain.Clock{}, false, true}, // a bad weekend curfew shows on a Monday too
		{"2026-11-20", "11pm", "01:00", domain.Clock{}, false, true},
		{"23/11/2026", "23:00", "", domain.Clock{}, false, true},
		{"", "23:00", "", domain.Clock{}, false, true},
	}
	for _, c := range cases {
		got, ok, err := domain.NightCurfew(c.night, c.curfew, c.weekend)
		if got != c.want || ok != c.ok || (err != nil) != c.err {
			t.Errorf("NightCurfew(%q, %q, %q) = %v, %v, %v; want %v, %v, err=%v",
				c.night, c.curfew, c.weekend, got, ok, err, c.want, c.ok, c.err)
		}
	}
}

func TestCurfewInstant(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		name  string
		night string
		at    domain.Clock
		loc   *time.Location
		want  string // UTC
	}{
		{"23:00 is on the night's date", "2026-11-23", domain.Clock{Hour: 23}, la, "2026-11-24T07:00:00Z"},
		{"12:00 is the night's start", "2026-11-23", domain.Clock{Hour: 12}, la, "2026-11-23T20:00:00Z"},
		{"00:00 is the next date", "2026-11-23", domain.Clock{}, la, "2026-11-24T08:00:00Z"},
		{"01:00 on Friday night is Saturday 01:00", "2026-11-20", domain.Clock{Hour: 1}, la, "2026-11-21T09:00:00Z"},
		{"11:59 is the night's last minute", "2026-11-23", domain.Clock{Hour: 11, Minute: 59}, la, "2026-11-24T19:59:00Z"},
		{"across the year", "2026-12-31", domain.Clock{Hour: 1}, la, "2027-01-01T09:00:00Z"},
		{"spring forward: 02:30 does not exist, 03:30 PDT", "2026-03-07", domain.Clock{Hour: 2, Minute: 30}, la, "2026-03-08T10:30:00Z"},
		{"spring forward: 23:00 PDT that evening", "2026-03-08", domain.Clock{Hour: 23}, la, "2026-03-09T06:00:00Z"},
		{"fall back: 01:30 twice, the first (PDT)", "2026-10-31", domain.Clock{Hour: 1, Minute: 30}, la, "2026-11-01T08:30:00Z"},
		{"fall back: 02:00 once (PST)", "2026-10-31", domain.Clock{Hour: 2}, la, "2026-11-01T10:00:00Z"},
		{"Auckland spring forward: 02:30 is 03:30 NZDT", "2026-09-26", domain.Clock{Hour: 2, Minute: 30}, akl, "2026-09-26T14:30:00Z"},
		{"Auckland 22:00 NZDT", "2026-11-23", domain.Clock{Hour: 22}, akl, "2026-11-23T09:00:00Z"},
	}
	for _, c := range cases {
		got, err := domain.CurfewInstant(c.night, c.at, c.loc)
		if err != nil || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("%s: CurfewInstant(%s, %v) = %s, %v; want %s", c.name, c.night, c.at, got.UTC().Format(time.RFC3339), err, c.want)
		}
	}
	if _, err := domain.CurfewInstant("2026-13-01", domain.Clock{Hour: 23}, la); err == nil {
		t.Error("CurfewInstant of a bad night must be an error")
	}
}

// TestCurfewLate: whether a curfew check-in is late, on ordinary, weekend
// and daylight-saving nights, in houses far from the server's zone.
func TestCurfewLate(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	ny := checkinZone(t, "America/New_York")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		name                   string
		at                     string
		night, curfew, weekend string
		loc                    *time.Location
		late                   bool
	}{
		// A Monday night with a 23:00 curfew.
		{"before curfew", "2026-11-23T22:59:00-08:00", "2026-11-23", "23:00", "01:00", la, false},
		{"exactly at curfew", "2026-11-23T23:00:00-08:00", "2026-11-23", "23:00", "01:00", la, false},
		{"a second after curfew", "2026-11-23T23:00:01-08:00", "2026-11-23", "23:00", "01:00", la, true},
		{"after midnight, 23:00 curfew", "2026-11-24T00:30:00-08:00", "2026-11-23", "23:00", "01:00", la, true},
		{"early in the night", "2026-11-23T12:05:00-08:00", "2026-11-23", "23:00", "01:00", la, false},

		// A curfew after midnight belongs to the next date.
		{"00:30 curfew, 23:50 check-in", "2026-11-23T23:50:00-08:00", "2026-11-23", "00:30", "", la, false},
		{"00:30 curfew, 00:15 check-in", "2026-11-24T00:15:00-08:00", "2026-11-23", "00:30", "", la, false},
		{"00:30 curfew, exactly 00:30", "2026-11-24T00:30:00-08:00", "2026-11-23", "00:30", "", la, false},
		{"00:30 curfew, 00:31 check-in", "2026-11-24T00:31:00-08:00", "2026-11-23", "00:30", "", la, true},
		{"00:00 curfew, 23:59 check-in", "2026-11-23T23:59:59-08:00", "2026-11-23", "00:00", "", la, false},
		{"00:00 curfew, 00:01 check-in", "2026-11-24T00:01:00-08:00", "2026-11-23", "00:00", "", la, true},

		// Friday and Saturday nights use the weekend curfew, Sunday does not.
		{"Thursday 23:30, weekday curfew", "2026-11-19T23:30:00-08:00", "2026-11-19", "23:00", "01:00", la, true},
		{"Friday 23:30, weekend 01:00", "2026-11-20T23:30:00-08:00", "2026-11-20", "23:00", "01:00", la, false},
		{"Friday night, Saturday 00:30", "2026-11-21T00:30:00-08:00", "2026-11-20", "23:00", "01:00", la, false},
		{"Friday night, Saturday 01:05", "2026-11-21T01:05:00-08:00", "2026-11-20", "23:00", "01:00", la, true},
		{"Saturday 23:30, weekend 01:00", "2026-11-21T23:30:00-08:00", "2026-11-21", "23:00", "01:00", la, false},
		{"Saturday night, Sunday 01:00 exactly", "2026-11-22T01:00:00-08:00", "2026-11-21", "23:00", "01:00", la, false},
		{"Sunday 23:30, weekday curfew", "2026-11-22T23:30:00-08:00", "2026-11-22", "23:00", "01:00", la, true},
		{"Friday with no weekend curfew", "2026-11-20T23:30:00-08:00", "2026-11-20", "23:00", "", la, true},
		{"a weekend curfew alone, Friday", "2026-11-21T01:30:00-08:00", "2026-11-20", "", "01:00", la, true},
		{"a weekend curfew alone, Monday", "2026-11-24T03:00:00-08:00", "2026-11-23", "", "01:00", la, false},

		// Spring forward in Los Angeles: Sunday 2026-03-08 02:00 PST is 03:00 PDT.
		// A 02:30 weekend curfew on Saturday night does not exist: it is 03:30 PDT.
		{"spring forward: 01:59 PST", "2026-03-08T01:59:00-08:00", "2026-03-07", "23:00", "02:30", la, false},
		{"spring forward: 03:15 PDT", "2026-03-08T03:15:00-07:00", "2026-03-07", "23:00", "02:30", la, false},
		{"spring forward: 03:30 PDT exactly", "2026-03-08T03:30:00-07:00", "2026-03-07", "23:00", "02:30", la, false},
		{"spring forward: 03:31 PDT", "2026-03-08T03:31:00-07:00", "2026-03-07", "23:00", "02:30", la, true},
		{"spring forward: 01:30 curfew, 01:45 PST", "2026-03-08T01:45:00-08:00", "2026-03-07", "23:00", "01:30", la, true},
		{"spring forward: 03:00 curfew, 01:59 PST", "2026-03-08T01:59:00-08:00", "2026-03-07", "23:00", "03:00", la, false},
		{"spring forward: 03:00 curfew, 03:01 PDT", "2026-03-08T03:01:00-07:00", "2026-03-07", "23:00", "03:00", la, true},
		{"Sunday after spring forward: 22:59 PDT", "2026-03-08T22:59:00-07:00", "2026-03-08", "23:00", "02:30", la, false},
		{"Sunday after spring forward: 23:01 PDT", "2026-03-08T23:01:00-07:00", "2026-03-08", "23:00", "02:30", la, true},

		// Fall back in Los Angeles: Sunday 2026-11-01 02:00 PDT is 01:00 PST,
		// so 01:30 happens twice; the curfew is the first.
		{"fall back: 01:15 PDT", "2026-11-01T01:15:00-07:00", "2026-10-31", "23:00", "01:30", la, false},
		{"fall back: 01:30 PDT exactly", "2026-11-01T01:30:00-07:00", "2026-10-31", "23:00", "01:30", la, false},
		{"fall back: 01:45 PDT", "2026-11-01T01:45:00-07:00", "2026-10-31", "23:00", "01:30", la, true},
		{"fall back: 01:10 PST, the second time round", "2026-11-01T01:10:00-08:00", "2026-10-31", "23:00", "01:30", la, true},
		{"fall back: 02:00 curfew, 01:50 PST", "2026-11-01T01:50:00-08:00", "2026-10-31", "23:00", "02:00", la, false},
		{"fall back: 02:00 curfew, 02:01 PST", "2026-11-01T02:01:00-08:00", "2026-10-31", "23:00", "02:00", la, true},
		{"Sunday after fall back: 23:00 PST exactly", "2026-11-01T23:00:00-08:00", "2026-11-01", "23:00", "01:30", la, false},

		// Houses in other zones, check-ins given in UTC.
		{"Auckland 22:00 curfew, 21:59 NZDT", "2026-11-23T08:59:00Z", "2026-11-23", "22:00", "", akl, false},
		{"Auckland 22:00 curfew, 22:00 NZDT", "2026-11-23T09:00:00Z", "2026-11-23", "22:00", "", akl, false},
		{"Auckland 22:00 curfew, 22:01 NZDT", "2026-11-23T09:01:00Z", "2026-11-23", "22:00", "", akl, true},
		{"Auckland Friday, weekend 00:30, 00:20 NZDT", "2026-11-20T11:20:00Z", "2026-11-20", "22:00", "00:30", akl, false},
		{"Auckland Friday, weekend 00:30, 00:40 NZDT", "2026-11-20T11:40:00Z", "2026-11-20", "22:00", "00:30", akl, true},
		{"Auckland spring forward: 02:30 curfew, 03:29 NZDT", "2026-09-26T14:29:00Z", "2026-09-26", "22:00", "02:30", akl, false},
		{"Auckland spring forward: 02:30 curfew, 03:31 NZDT", "2026-09-26T14:31:00Z", "2026-09-26", "22:00", "02:30", akl, true},
		{"New York 23:00 curfew, 22:59:59 EST", "2026-11-24T03:59:59Z", "2026-11-23", "23:00", "", ny, false},
		{"New York 23:00 curfew, 23:00 EST", "2026-11-24T04:00:00Z", "2026-11-23", "23:00", "", ny, false},
		{"New York 23:00 curfew, 23:00:01 EST", "2026-11-24T04:00:01Z", "2026-11-23", "23:00", "", ny, true},
		{"New York 23:00 curfew, summer EDT", "2026-07-07T03:30:00Z", "2026-07-06", "23:00", "", ny, true},
		{"New York 23:00 curfew, summer 22:30 EDT", "2026-07-07T02:30:00Z", "2026-07-06", "23:00", "", ny, false},

		// No curfew: never late.
		{"no curfew, 03:00", "2026-11-24T03:00:00-08:00", "2026-11-23", "", "", la, false},
		{"no curfew, Friday 11:59", "2026-11-21T11:59:00-08:00", "2026-11-20", "", "", la, false},
	}
	for _, c := range cases {
		got, err := domain.CurfewLate(checkinAt(t, c.at), c.night, c.curfew, c.weekend, c.loc)
		if err != nil || got != c.late {
			t.Errorf("%s: CurfewLate(%s, %s, %q, %q) = %v, %v; want %v", c.name, c.at, c.night, c.curfew, c.weekend, got, err, c.late)
		}
		// The server names the night from the check-in's own instant.
		if night := domain.CurfewNight(checkinAt(t, c.at), c.loc); night != c.night {
			t.Errorf("%s: CurfewNight(%s) = %s, want %s", c.name, c.at, night, c.night)
		}
	}
	for _, bad := range []struct{ night, curfew, weekend string }{
		{"2026-11-23", "25:00", ""},
		{"2026-11-23", "23:00", "late"},
		{"tonight", "23:00", ""},
	} {
		if late, err := domain.CurfewLate(checkinAt(t, "2026-11-24T08:00:00Z"), bad.night, bad.curfew, bad.weekend, la); err == nil || late {
			t.Errorf("CurfewLate(%q, %q, %q) = %v, %v; want an error", bad.night, bad.curfew, bad.weekend, late, err)
		}
	}
}

func TestCheckinStreak(t *testing.T) {
	cases := []struct {
		name  string
		days  []string
		today string
		want  int
	}{
		{"none", nil, "2026-11-23", 0},
		{"today only", []string{"2026-11-23"}, "2026-11-23", 1},
		{"three days", []string{"2026-11-21", "2026-11-22", "2026-11-23"}, "2026-11-23", 3},
		{"today not done yet", []string{"2026-11-21", "2026-11-22"}, "2026-11-23", 2},
		{"yesterday only, today not done", []string{"2026-11-22"}, "2026-11-23", 1},
		{"a gap", []string{"2026-11-19", "2026-11-20", "2026-11-22", "2026-11-23"}, "2026-11-23", 2},
		{"missed yesterday, today not done", []string{"2026-11-20", "2026-11-21"}, "2026-11-23", 0},
		{"missed yesterday, today done", []string{"2026-11-20", "2026-11-21", "2026-11-23"}, "2026-11-23", 1},
		{"duplicates", []string{"2026-11-23", "2026-11-22", "2026-11-22", "2026-11-23", "2026-11-21"}, "2026-11-23", 3},
		{"unsorted", []string{"2026-11-21", "2026-11-23", "2026-11-19", "2026-11-22"}, "2026-11-23", 3},
		{"future days ignored", []string{"2026-11-25", "2026-11-24", "2026-11-23"}, "2026-11-23", 1},
		{"only future days", []string{"2026-11-24"}, "2026-11-23", 0},
		{"across the year", []string{"2026-12-30", "2026-12-31", "2027-01-01"}, "2027-01-01", 3},
		{"across a leap day", []string{"2028-02-28", "2028-02-29", "2028-03-01"}, "2028-03-01", 3},
		{"across spring forward", []string{"2026-03-07", "2026-03-08", "2026-03-09"}, "2026-03-09", 3},
		{"PocketBase date strings", []string{"2026-11-22 00:00:00.000Z", "2026-11-23 00:00:00.000Z"}, "2026-11-23", 2},
		{"garbage ignored", []string{"", "yesterday", "2026-11-22", "2026-13-01", "2026-11-23"}, "2026-11-23", 2},
		{"a bad today", []string{"2026-11-23"}, "today", 0},
	}
	for _, c := range cases {
		if got := domain.CheckinStreak(c.days, c.today); got != c.want {
			t.Errorf("%s: CheckinStreak(%q, %s) = %d, want %d", c.name, c.days, c.today, got, c.want)
		}
	}
}

func TestWeekBounds(t *testing.T) {
	cases := []struct {
		day, monday, sunday string
	}{
		{"2026-11-23", "2026-11-23", "2026-11-29"}, // Monday
		{"2026-11-25", "2026-11-23", "2026-11-29"}, // Wednesday
		{"2026-11-28", "2026-11-23", "2026-11-29"}, // Saturday
		{"2026-11-29", "2026-11-23", "2026-11-29"}, // Sunday ends the week
		{"2026-11-22", "2026-11-16", "2026-11-22"}, // the Sunday before
		{"2026-12-31", "2026-12-28", "2027-01-03"}, // Thursday, across the year
		{"2027-01-01", "2026-12-28", "2027-01-03"}, // Friday, across the year
		{"2027-01-03", "2026-12-28", "2027-01-03"}, // Sunday, across the year
		{"2027-01-04", "2027-01-04", "2027-01-10"}, // Monday
		{"2026-01-01", "2025-12-29", "2026-01-04"},
		{"2028-02-29", "2028-02-28", "2028-03-05"}, // a leap day
		{"2026-03-08", "2026-03-02", "2026-03-08"}, // spring forward, a Sunday
		{"2026-11-25 00:00:00.000Z", "2026-11-23", "2026-11-29"},
	}
	for _, c := range cases {
		mon, sun, err := domain.WeekBounds(c.day)
		if err != nil || mon != c.monday || sun != c.sunday {
			t.Errorf("WeekBounds(%s) = %s, %s, %v; want %s, %s", c.day, mon, sun, err, c.monday, c.sunday)
		}
	}
	for _, bad := range []string{"", "2026-11-31", "Monday", "11/23/2026"} {
		if _, _, err := domain.WeekBounds(bad); err == nil {
			t.Errorf("WeekBounds(%q) succeeded, want an error", bad)
		}
	}
}

func TestMeetingProgress(t *testing.T) {
	cases := []struct {
		name            string
		dates           []string
		today           string
		expected        int
		done, remaining int
	}{
		{"none yet", nil, "2026-11-25", 3, 0, 3},
		{"this week only, not after today", []string{
			"2026-11-22", // last Sunday: last week
			"2026-11-23",
			"2026-11-24",
			"2026-11-24", // two meetings on one day
			"2026-11-26", // tomorrow
			"not a date",
		}, "2026-11-25", 3, 3, 0},
		{"Monday", []string{"2026-11-22", "2026-11-23"}, "2026-11-23", 3, 1, 2},
		{"Sunday sees the whole week", []string{
			"2026-11-29", "2026-11-23", "2026-11-27", "2026-11-30", "2026-11-16",
		}, "2026-11-29", 3, 3, 0},
		{"more than expected", []string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-25"}, "2026-11-25", 3, 4, 0},
		{"none expected", []string{"2026-11-23"}, "2026-11-25", 0, 1, 0},
		{"across the year", []string{"2026-12-28", "2026-12-31", "2027-01-01", "2026-12-27"}, "2027-01-01", 3, 3, 0},
		{"PocketBase date strings", []string{"2026-11-23 00:00:00.000Z", "2026-11-24 00:00:00.000Z"}, "2026-11-25", 3, 2, 1},
	}
	for _, c := range cases {
		done, remaining, err := domain.MeetingProgress(c.dates, c.today, c.expected)
		if err != nil || done != c.done || remaining != c.remaining {
			t.Errorf("%s: MeetingProgress(%q, %s, %d) = %d, %d, %v; want %d, %d",
				c.name, c.dates, c.today, c.expected, done, remaining, err, c.done, c.remaining)
		}
	}
	if _, _, err := domain.MeetingProgress([]string{"2026-11-23"}, "this week", 3); err == nil {
		t.Error("MeetingProgress with a bad today must be an error")
	}
}

func TestCheckinDeadlineAndReminder(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	akl := checkinZone(t, "Pacific/Auckland")
	cases := []struct {
		name               string
		day, checkinBy     string
		loc                *time.Location
		deadline, reminder string // UTC
	}{
		{"default 21:00", "2026-11-23", "", la, "2026-11-24T05:00:00Z", "2026-11-24T04:00:00Z"},
		{"20:30", "2026-11-23", "20:30", la, "2026-11-24T04:30:00Z", "2026-11-24T03:30:00Z"},
		{"summer", "2026-07-01", "", la, "2026-07-02T04:00:00Z", "2026-07-02T03:00:00Z"},
		{"00:30: an hour before is the day before", "2026-11-23", "00:30", la, "2026-11-23T08:30:00Z", "2026-11-23T07:30:00Z"},
		{"spring forward day, 21:00 PDT", "2026-03-08", "", la, "2026-03-09T04:00:00Z", "2026-03-09T03:00:00Z"},
		{"spring forward, 02:30 is 03:30 PDT; an hour before is 01:30 PST", "2026-03-08", "02:30", la, "2026-03-08T10:30:00Z", "2026-03-08T09:30:00Z"},
		{"spring forward, 03:00 PDT; an hour before is 01:00 PST", "2026-03-08", "03:00", la, "2026-03-08T10:00:00Z", "2026-03-08T09:00:00Z"},
		{"fall back day, 21:00 PST", "2026-11-01", "", la, "2026-11-02T05:00:00Z", "2026-11-02T04:00:00Z"},
		{"fall back, 01:30 the first time", "2026-11-01", "01:30", la, "2026-11-01T08:30:00Z", "2026-11-01T07:30:00Z"},
		{"fall back, 02:00 PST; an hour before is the second 01:00", "2026-11-01", "02:00", la, "2026-11-01T10:00:00Z", "2026-11-01T09:00:00Z"},
		{"Auckland 21:00 NZDT", "2026-11-23", "", akl, "2026-11-23T08:00:00Z", "2026-11-23T07:00:00Z"},
		{"Auckland fall back day, 21:00 NZST", "2026-04-05", "", akl, "2026-04-05T09:00:00Z", "2026-04-05T08:00:00Z"},
	}
	for _, c := range cases {
		d, err := domain.CheckinDeadline(c.day, c.checkinBy, c.loc)
		if err != nil || d.UTC().Format(time.RFC3339) != c.deadline {
			t.Errorf("%s: CheckinDeadline(%s, %q) = %s, %v; want %s", c.name, c.day, c.checkinBy, d.UTC().Format(time.RFC3339), err, c.deadline)
		}
		r, err := domain.CheckinReminderAt(c.day, c.checkinBy, c.loc)
		if err != nil || r.UTC().Format(time.RFC3339) != c.reminder {
			t.Errorf("%s: CheckinReminderAt(%s, %q) = %s, %v; want %s", c.name, c.day, c.checkinBy, r.UTC().Format(time.RFC3339), err, c.reminder)
		}
	}
	for _, bad := range []struct{ day, by string }{
		{"2026-11-23", "9pm"},
		{"2026-11-23", "21:00:00"},
		{"2026-02-30", ""},
		{"", "21:00"},
	} {
		if _, err := domain.CheckinDeadline(bad.day, bad.by, la); err == nil {
			t.Errorf("CheckinDeadline(%q, %q) succeeded, want an error", bad.day, bad.by)
		}
		if _, err := domain.CheckinReminderAt(bad.day, bad.by, la); err == nil {
			t.Errorf("CheckinReminderAt(%q, %q) succeeded, want an error", bad.day, bad.by)
		}
	}
}

// FuzzCurfewLate: whatever the night, curfew and zone, the curfew instant
// belongs to its own night, a check-in at it is on time and one a second
// later is late.
func FuzzCurfewLate(f *testing.F) {
	f.Add(2026, 3, 7, 2, 30, 0)
	f.Add(2026, 10, 31, 1, 30, 0)
	f.Add(2026, 9, 26, 2, 30, 1)
	f.Add(2026, 11, 20, 23, 0, 2)
	f.Add(2026, 12, 31, 0, 0, 3)
	f.Add(2026, 11, 23, 12, 0, 4)
	f.Add(2026, 11, 23, 11, 59, 5)
	zones := []string{"America/Los_Angeles", "Pacific/Auckland", "America/New_York", "Europe/Madrid", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Santiago", "America/Havana", "Asia/Kolkata", "UTC"}
	// mod folds any int into 0..n-1, so every input is a night to test.
	mod := func(v, n int) int { return (v%n + n) % n }
	f.Fuzz(func(t *testing.T, y, m, d, h, min, z int) {
		loc := checkinZone(t, zones[mod(z, len(zones))])
		// Every night from 1970 through 2100, the 29th to 31st aside.
		night := time.Date(1970+mod(y-1970, 131), time.Month(1+mod(m-1, 12)), 1+mod(d-1, 28), 0, 0, 0, 0, time.UTC).Format(domain.DateLayout)
		c := domain.Clock{Hour: mod(h, 24), Minute: mod(min, 60)}
		at, err := domain.CurfewInstant(night, c, loc)
		if err != nil {
			t.Fatal(err)
		}
		if got := domain.CurfewNight(at, loc); got != night {
			t.Fatalf("curfew %v of night %s in %s is at %s, in night %s", c, night, loc, at, got)
		}
		for _, weekend := range []string{"", c.String()} {
			if late, err := domain.CurfewLate(at, night, c.String(), weekend, loc); err != nil || late {
				t.Fatalf("a check-in at curfew %v of night %s in %s (%s) is late=%v, %v", c, night, loc, at, late, err)
			}
			if late, err := domain.CurfewLate(at.Add(time.Second), night, c.String(), weekend, loc); err != nil || !late {
				t.Fatalf("a check-in a second after curfew %v of night %s in %s (%s) is late=%v, %v", c, night, loc, at, late, err)
			}
		}
	})
}

// FuzzWeekBounds: any string either fails or gives a Monday-to-Sunday week
// holding the day, which gives itself back.
func FuzzWeekBounds(f *testing.F) {
	for _, s := range []string{"2026-11-23", "2026-11-29", "2027-01-01", "2028-02-29", "0001-01-01", "9999-12-26", "2026-11-23 00:00:00.000Z", "", "2026-02-30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mon, sun, err := domain.WeekBounds(s)
		if err != nil {
			return
		}
		day, err := time.Parse(domain.DateLayout, s[:len(domain.DateLayout)])
		if err != nil {
			t.Fatalf("WeekBounds(%q) accepted a day that does not parse: %v", s, err)
		}
		if day.Year() < 1 || day.Year() > 9998 {
			return // weeks that leave the four-digit years do not print as days
		}
		m, err1 := time.Parse(domain.DateLayout, mon)
		u, err2 := time.Parse(domain.DateLayout, sun)
		if err1 != nil || err2 != nil {
			t.Fatalf("WeekBounds(%q) = %q, %q", s, mon, sun)
		}
		if m.Weekday() != time.Monday || u.Sub(m) != 6*24*time.Hour || day.Before(m) || day.After(u) {
			t.Fatalf("WeekBounds(%q) = %s, %s", s, mon, sun)
		}
		if mon2, sun2, err := domain.WeekBounds(mon); err != nil || mon2 != mon || sun2 != sun {
			t.Fatalf("WeekBounds(%q) = %s, %s but WeekBounds(%s) = %s, %s, %v", s, mon, sun, mon, mon2, sun2, err)
		}
	})
}

// FuzzCurfewNight: an instant's check-in day is its calendar day in the
// house's zone, and its curfew night is that day from 12:00 on and the day
// before until then; as the instant moves forward, neither moves back.
func FuzzCurfewNight(f *testing.F) {
	for _, s := range []struct {
		at string
		z  int
	}{
		{"2026-03-08T10:00:00Z", 0}, {"2026-11-01T08:30:00Z", 0}, {"2026-11-01T09:30:00Z", 0},
		{"2026-09-06T04:00:00Z", 1}, {"2026-03-08T05:00:00Z", 2}, {"2026-09-26T14:00:00Z", 3},
		{"2011-12-30T10:00:00Z", 8}, {"2028-02-29T20:00:00Z", 3}, {"2026-11-23T20:00:00Z", 15},
	} {
		at, _ := time.Parse(time.RFC3339, s.at)
		f.Add(at.Unix(), s.z, uint32(3600))
	}
	f.Fuzz(func(t *testing.T, unix int64, z int, step uint32) {
		loc := fuzzZone(t, z)
		span := int64(fuzzYears * 365 * 86400)
		at := time.Unix(int64(fold(int(unix%span), int(span))), 0)
		local := at.In(loc)
		day := domain.CheckinDay(at, loc)
		if day != local.Format(domain.DateLayout) || day != domain.LocalDate(at, loc) {
			t.Fatalf("CheckinDay(%s, %s) = %s, want %s", at, loc, day, local.Format(domain.DateLayout))
		}
		want := local
		if local.Hour() < 12 {
			want = time.Date(local.Year(), local.Month(), local.Day()-1, 12, 0, 0, 0, time.UTC)
		}
		night := domain.CurfewNight(at, loc)
		if night != want.Format(domain.DateLayout) {
			t.Fatalf("CurfewNight(%s, %s) at %s local = %s, want %s", at, loc, local, night, want.Format(domain.DateLayout))
		}
		later := at.Add(time.Duration(step) * time.Second)
		if d := domain.CheckinDay(later, loc); d < day {
			t.Fatalf("in %s, %s is on %s but %s later on %s", loc, at, day, time.Duration(step)*time.Second, d)
		}
		if n := domain.CurfewNight(later, loc); n < night {
			t.Fatalf("in %s, %s is in night %s but %s later in night %s", loc, at, night, time.Duration(step)*time.Second, n)
		}
	})
}

// FuzzCurfewLateMonotonic: whatever the house's curfew fields say, a
// check-in is refused a verdict only for a field that is not "HH:MM";
// within one night, a late check-in is followed only by late ones (there
// is one moment after which everything is late); a night without a curfew
// is never late; and an empty weekend curfew is the same as a weekend
// curfew equal to the weekday one.
func FuzzCurfewLateMonotonic(f *testing.F) {
	for _, s := range []struct {
		y, m, d, z        int
		curfew, weekend   string
		first, secondSecs uint32
	}{
		{2026, 3, 7, 0, "02:30", "", 50000, 60000},   // a curfew Los Angeles skips
		{2026, 10, 31, 0, "01:30", "", 40000, 50000}, // one it repeats
		{2026, 11, 20, 0, "23:00", "01:00", 39000, 47000},
		{2026, 11, 21, 0, "", "00:30", 1000, 80000},
		{2026, 11, 22, 0, "", "00:30", 1000, 80000},
		{2026, 9, 5, 1, "00:30", "", 40000, 50000},  // Santiago skips 00:00-01:00
		{2026, 3, 7, 2, "00:00", "", 40000, 43000},  // Havana skips midnight
		{2026, 9, 26, 3, "02:15", "", 50000, 52000}, // Auckland
		{2026, 11, 23, 15, "24:00", "", 1, 2},
		{2026, 11, 23, 15, "7:5", "23:00", 1, 2},
		{2026, 11, 23, 15, "23:00", "٠٠:٣٠", 1, 2},
	} {
		f.Add(s.y, s.m, s.d, s.z, s.curfew, s.weekend, s.first, s.secondSecs)
	}
	f.Fuzz(func(t *testing.T, y, m, d, z int, curfew, weekend string, s1, s2 uint32) {
		loc := fuzzZone(t, z)
		date := fuzzDate(y, m, d)
		night := date.Format(domain.DateLayout)
		c, hasCurfew, err := domain.NightCurfew(night, curfew, weekend)
		_, errC := domain.ParseClock(curfew)
		_, errW := domain.ParseClock(weekend)
		if wantErr := curfew != "" && errC != nil || weekend != "" && errW != nil; (err != nil) != wantErr {
			t.Fatalf("NightCurfew(%s, %q, %q) = %v, %v, %v", night, curfew, weekend, c, hasCurfew, err)
		}
		fri := date.Weekday() == time.Friday || date.Weekday() == time.Saturday
		if wantHas := err == nil && (curfew != "" || fri && weekend != ""); hasCurfew != wantHas {
			t.Fatalf("NightCurfew(%s, a %s, %q, %q) has a curfew: %v", night, date.Weekday(), curfew, weekend, hasCurfew)
		}

		// Two check-ins of the night: from its noon, up to a day and a
		// half on (a night is longer than a day when clocks fall back).
		noon, nerr := domain.LocalInstant(night, domain.Clock{Hour: 12}, loc)
		if nerr != nil {
			t.Fatal(nerr)
		}
		a := noon.Add(time.Duration(s1%(36*3600)) * time.Second)
		b := noon.Add(time.Duration(s2%(36*3600)) * time.Second)
		if b.Before(a) {
			a, b = b, a
		}
		if domain.CurfewNight(a, loc) != night || domain.CurfewNight(b, loc) != night {
			return
		}
		lateA, errA := domain.CurfewLate(a, night, curfew, weekend, loc)
		lateB, errB := domain.CurfewLate(b, night, curfew, weekend, loc)
		if (errA != nil) != (err != nil) || (errB != nil) != (err != nil) {
			t.Fatalf("CurfewLate errors %v, %v; NightCurfew's %v", errA, errB, err)
		}
		if (err != nil || !hasCurfew) && (lateA || lateB) {
			t.Fatalf("night %s with curfew %q/%q (%v, %v) made a check-in late", night, curfew, weekend, hasCurfew, err)
		}
		if lateA && !lateB {
			t.Fatalf("night %s in %s, curfew %q/%q: late at %s but on time at %s", night, loc, curfew, weekend, a.In(loc), b.In(loc))
		}
		if err == nil && curfew != "" && weekend == "" {
			same, _ := domain.CurfewLate(a, night, curfew, curfew, loc)
			if same != lateA {
				t.Fatalf("night %s, curfew %q: late=%v without a weekend curfew, %v with the same one", night, curfew, lateA, same)
			}
		}
	})
}

// FuzzCheckinStreak: the streak never exceeds the number of distinct days
// given, is 0 when neither today nor yesterday has a check-in, counts
// exactly the run of days ending today (or yesterday) whatever the order,
// duplicates and junk, and a today that is not a day gives 0.
func FuzzCheckinStreak(f *testing.F) {
	f.Add(20000, []byte{0, 1, 2, 3, 5}, "junk", "")
	f.Add(20000, []byte{1, 2, 3, 250}, "2026-11-23", "")
	f.Add(20000, []byte{2, 3, 4}, "", "")
	f.Add(20000, []byte{}, "", "2026-02-30")
	f.Add(19782, []byte{0, 0, 0, 1, 1}, "2024-02-29T12:00:00Z", "") // 2024-02-29
	f.Fuzz(func(t *testing.T, todayN int, offsets []byte, junk, todayRaw string) {
		today := domain.CivilDay(fold(todayN, fuzzYears*365))
		var days []string
		present := map[domain.CivilDay]bool{}
		for i, o := range offsets {
			switch {
			case o < 200: // a day up to 49 days back, as a date or a PocketBase date string
				d := today - domain.CivilDay(o%50)
				present[d] = true
				s := d.String()
				if i%2 == 1 {
					s += " 00:00:00.000Z"
				}
				days = append(days, s)
			case o < 250: // after today: ignored
				days = append(days, (today + domain.CivilDay(o-199)).String())
			default:
				days = append(days, junk)
			}
		}
		if slices.ContainsFunc(offsets, func(o byte) bool { return o >= 250 }) {
			if jt, err := time.Parse(domain.DateLayout, firstTen(junk)); err == nil {
				if jd := domain.CivilDay(jt.Unix() / 86400); jd <= today {
					present[jd] = true
				}
			}
		}
		n := domain.CheckinStreak(days, today.String())
		if n < 0 || n > len(present) || n > len(days) {
			t.Fatalf("streak %d of %d days (%d distinct)", n, len(days), len(present))
		}
		want, d := 0, today
		if !present[d] {
			d--
		}
		for present[d] {
			want++
			d--
		}
		if n != want {
			t.Fatalf("CheckinStreak(%q, %s) = %d, want %d", days, today, n, want)
		}
		if !present[today] && !present[today-1] && n != 0 {
			t.Fatalf("no check-in today or yesterday but a streak of %d", n)
		}
		shuffled := slices.Clone(days)
		slices.Reverse(shuffled)
		shuffled = append(shuffled, shuffled...)
		if again := domain.CheckinStreak(shuffled, today.String()); again != n {
			t.Fatalf("reversed and doubled, the streak is %d, not %d", again, n)
		}
		if !present[today] {
			if with := domain.CheckinStreak(append(slices.Clone(days), today.String()), today.String()); with != n+1 {
				t.Fatalf("checking in today turns a streak of %d into %d", n, with)
			}
		}
		if _, err := time.Parse(domain.DateLayout, firstTen(todayRaw)); err != nil {
			if got := domain.CheckinStreak(days, todayRaw); got != 0 {
				t.Fatalf("CheckinStreak with today %q = %d, want 0", todayRaw, got)
			}
		}
	})
}

// FuzzMeetingProgress: the meetings counted are exactly the dates from the
// week's Monday through today, never more than were given, and what
// remains is what is expected less those, never below 0.
func FuzzMeetingProgress(f *testing.F) {
	f.Add(20000, []byte{0, 1, 2, 7, 8, 250}, 3, "x")
	f.Add(20416, []byte{0, 0, 0, 0}, 3, "2025-11-23")
	f.Add(20000, []byte{}, -1, "")
	f.Fuzz(func(t *testing.T, todayN int, offsets []byte, expected int, junk string) {
		today := domain.CivilDay(fold(todayN, fuzzYears*365))
		todayT, _ := time.Parse(domain.DateLayout, today.String())
		monday := todayT.AddDate(0, 0, -((int(todayT.Weekday()) + 6) % 7))
		var dates []string
		want := 0
		for _, o := range offsets {
			if o >= 250 {
				dates = append(dates, junk)
				if jt, err := time.Parse(domain.DateLayout, firstTen(junk)); err == nil && !jt.Before(monday) && !jt.After(todayT) {
					want++
				}
				continue
			}
			d := todayT.AddDate(0, 0, int(o%20)-int(o/20)) // a few days either side
			dates = append(dates, d.Format(domain.DateLayout))
			if !d.Before(monday) && !d.After(todayT) {
				want++
			}
		}
		done, remaining, err := domain.MeetingProgress(dates, today.String(), expected)
		if err != nil {
			t.Fatal(err)
		}
		if done != want || done > len(dates) || remaining != max(expected-want, 0) {
			t.Fatalf("MeetingProgress(%q, %s, %d) = %d, %d; want %d, %d", dates, today, expected, done, remaining, want, max(expected-want, 0))
		}
		if _, err := time.Parse(domain.DateLayout, firstTen(junk)); err != nil {
			if _, _, err := domain.MeetingProgress(dates, junk, expected); err == nil {
				t.Fatalf("MeetingProgress with today %q succeeded", junk)
			}
		}
	})
}

// firstTen is the "YYYY-MM-DD" part of a date string, as the domain reads
// it.
func firstTen(s string) string {
	if len(s) > len(domain.DateLayout) {
		return s[:len(domain.DateLayout)]
	}
	return s
}

// FuzzCheckinDeadline: a checkin_by that is not "HH:MM" is an error, an
// empty one means 21:00, the deadline is that wall time on the day as
// LocalInstant places it (see FuzzLocalInstant), and the reminder is
// exactly an hour of elapsed time before it.
func FuzzCheckinDeadline(f *testing.F) {
	f.Add(2026, 11, 23, "", 0)
	f.Add(2026, 3, 8, "02:30", 0)
	f.Add(2026, 11, 1, "01:30", 0)
	f.Add(2026, 9, 6, "00:30", 1)
	f.Add(2026, 3, 8, "00:00", 2)
	f.Add(2026, 11, 23, "24:00", 3)
	f.Add(2026, 11, 23, "9pm", 3)
	f.Add(2026, 11, 23, "٢١:٠٠", 3)
	f.Fuzz(func(t *testing.T, y, m, d int, by string, z int) {
		loc := fuzzZone(t, z)
		date := fuzzDate(y, m, d)
		day := date.Format(domain.DateLayout)
		deadline, err := domain.CheckinDeadline(day, by, loc)
		reminder, rerr := domain.CheckinReminderAt(day, by, loc)
		c, cerr := domain.ParseClock(by)
		if by == "" {
			c, cerr = domain.Clock{Hour: 21}, nil
		}
		if (err != nil) != (cerr != nil) || (rerr != nil) != (cerr != nil) {
			t.Fatalf("CheckinDeadline(%s, %q) = %v, %v; reminder error %v", day, by, deadline, err, rerr)
		}
		if err != nil {
			return
		}
		want, _ := wallInstant(date.Add(time.Duration(c.Hour)*time.Hour+time.Duration(c.Minute)*time.Minute), loc)
		if !deadline.Equal(want) {
			t.Fatalf("CheckinDeadline(%s, %q, %s) = %s, want %s", day, by, loc, deadline.In(loc), want.In(loc))
		}
		if deadline.Sub(reminder) != time.Hour {
			t.Fatalf("the reminder of %s is at %s", deadline, reminder)
		}
	})
}
