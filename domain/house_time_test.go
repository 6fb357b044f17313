package domain_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/domain"
)

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want domain.Clock
		ok   bool
	}{
		{"00:00", domain.Clock{0, 0}, true},
		{"07:30", domain.Clock{7, 30}, true},
		{"23:59", domain.Clock{23, 59}, true},
		{"24:00", domain.Clock{}, false},
		{"12:60", domain.Clock{}, false},
		{"7:30", domain.Clock{}, false},
		{"07:3", domain.Clock{}, false},
		{"07-30", domain.Clock{}, false},
		{"０7:30", domain.Clock{}, false},
		{" 7:30", domain.Clock{}, false},
		{"ab:cd", domain.Clock{}, false},
		{"", domain.Clock{}, false},
		{"11 pm", domain.Clock{}, false},
	}
	for _, c := range cases {
		got, err := domain.ParseClock(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
		}
		if c.ok && got.String() != c.in {
			t.Errorf("ParseClock(%q).String() = %q", c.in, got.String())
		}
	}
}

func TestLoadTimezone(t *testing.T) {
	for _, name := range []string{"America/Los_Angeles", "Europe/Madrid", "Asia/Kolkata", "UTC", "America/Argentina/Buenos_Aires"} {
		if _, err := domain.LoadTimezone(name); err != nil {
			t.Errorf("LoadTimezone(%q) = %v, want ok", name, err)
		}
	}
	for _, name := range []string{"", "Local", "local", "Mars/Olympus", "PST8PDT ", "../../etc/passwd", "America/los angeles", "+02:00",
		// Files of a Debian zoneinfo directory that are not IANA zones, or
		// are but under another name: refused on every machine.
		"localtime", "posixrules", "posix/America/Los_Angeles", "right/UTC", "./UTC", "America//Los_Angeles"} {
		if _, err := domain.LoadTimezone(name); err == nil {
			t.Errorf("LoadTimezone(%q) succeeded, want an error", name)
		}
	}
}

func TestLocalDate(t *testing.T) {
	la, _ := domain.LoadTimezone("America/Los_Angeles")
	tokyo, _ := domain.LoadTimezone("Asia/Tokyo")
	// 2026-11-24 05:30 UTC is still the evening of the 23rd in Los Angeles
	// and already the afternoon of the 24th in Tokyo.
	now := time.Date(2026, 11, 24, 5, 30, 0, 0, time.UTC)
	if got := domain.LocalDate(now, la); got != "2026-11-23" {
		t.Errorf("LA: got %s", got)
	}
	if got := domain.LocalDate(now, tokyo); got != "2026-11-24" {
		t.Errorf("Tokyo: got %s", got)
	}
}

func TestDaysSober(t *testing.T) {
	cases := []struct {
		from, today string
		want        int
		ok          bool
	}{
		{"2026-11-23", "2026-11-23", 0, true},
		{"2026-11-22", "2026-11-23", 1, true},
		{"2026-11-22 00:00:00.000Z", "2026-11-23", 1, true},
		{"2025-11-23", "2026-11-23", 365, true},
		{"2024-02-29", "2025-02-28", 365, true},
		{"2026-03-07", "2026-03-09", 2, true}, // across the US spring-forward night
		{"2026-12-01", "2026-11-23", 0, true}, // a future date never goes negative
		{"", "2026-11-23", 0, false},
		{"23/11/2026", "2026-11-23", 0, false},
	}
	for _, c := range cases {
		got, ok := domain.DaysSober(c.from, c.today)
		if got != c.want || ok != c.ok {
			t.Errorf("DaysSober(%q, %q) = %d, %v; want %d, %v", c.from, c.today, got, ok, c.want, c.ok)
		}
	}
}

// FuzzParseClock: a string is a clock exactly when it is "HH:MM" in ASCII
// digits from 00:00 to 23:59 (the time package's "15:04" at five bytes is
// the reference), and a clock prints back as the string it came from. Any
// hour and minute in range print as a clock that parses back to them.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{
		"00:00", "07:30", "23:59", "24:00", "12:60", "7:5", "7:30", "07:5", "99:99",
		"０7:30", "07:3０", "٠٧:٣٠", "07:30 ", " 7:30", "+7:30", "-1:30", "07.30", "0x:10",
		"07:30:00", "", ":", "12:00\x00", "\xff\xff:00",
	} {
		f.Add(s, uint8(7), uint8(30))
	}
	f.Fuzz(func(t *testing.T, s string, h, m uint8) {
		c, err := domain.ParseClock(s)
		_, refErr := time.Parse("15:04", s)
		if want := len(s) == 5 && refErr == nil; (err == nil) != want {
			t.Fatalf("ParseClock(%q) = %v, %v; want ok=%v", s, c, err, want)
		}
		if err != nil {
			if c != (domain.Clock{}) {
				t.Fatalf("ParseClock(%q) failed but returned %v", s, c)
			}
		} else {
			if c.Hour < 0 || c.Hour > 23 || c.Minute < 0 || c.Minute > 59 || c.String() != s {
				t.Fatalf("ParseClock(%q) = %+v, which prints as %q", s, c, c.String())
			}
		}
		in := domain.Clock{Hour: int(h % 24), Minute: int(m % 60)}
		if back, err := domain.ParseClock(in.String()); err != nil || back != in {
			t.Fatalf("%+v prints as %q, which parses as %+v, %v", in, in.String(), back, err)
		}
	})
}

// ianaName is the shape of every name in the IANA time zone database
// (every one of the 598 zones Go embeds matches it): slash-separated parts
// that each start with a capital letter. Files of a zoneinfo directory that
// are not zones, "localtime" (the server's own zone), "posixrules",
// "posix/..." and "right/...", do not.
var ianaName = regexp.MustCompile(`^[A-Z][A-Za-z0-9_+-]*(/[A-Z][A-Za-z0-9_+-]*)*$`)

// FuzzLoadTimezone: an accepted name is an IANA name, never "Local" nor a
// name that means the server's own zone or a file only some machines have,
// and the zone it gives answers to that name, keeps its offsets within the
// world's range and puts any instant on a local day within one of the UTC
// day.
func FuzzLoadTimezone(f *testing.F) {
	for _, s := range append(fuzzZones,
		"US/Pacific", "Etc/GMT+5", "Etc/GMT-14", "EST5EDT", "America/Argentina/Buenos_Aires",
		"", "Local", "local", "LOCAL", " UTC", "UTC ", "utc", "localtime", "posixrules", "Factory",
		"posix/America/Los_Angeles", "right/UTC", "./UTC", "America//Los_Angeles", "America/./Havana",
		"../../etc/passwd", "/etc/localtime", "America/los angeles", "+02:00", "zone.tab", "tzdata.zi",
		"America/Los_Angeles\x00", "Ａmerica/Havana",
	) {
		f.Add(s, int64(1793000000))
	}
	f.Fuzz(func(t *testing.T, name string, unix int64) {
		loc, err := domain.LoadTimezone(name)
		if err != nil {
			if loc != nil {
				t.Fatalf("LoadTimezone(%q) failed with a zone", name)
			}
			return
		}
		if !ianaName.MatchString(name) || strings.EqualFold(name, "local") {
			t.Fatalf("LoadTimezone(%q) accepted a name that is not an IANA zone name (%s)", name, loc)
		}
		if loc.String() != name {
			t.Fatalf("LoadTimezone(%q) is named %q", name, loc.String())
		}
		at := time.Unix(unix%(1<<40), 0).UTC() // some 35,000 years either way
		_, off := at.In(loc).Zone()
		if off < -16*3600 || off > 16*3600 {
			t.Fatalf("%s is at UTC%+ds on %s", name, off, at)
		}
		if at.Year() < 1 || at.Year() > 9998 {
			return
		}
		local, err1 := time.Parse(domain.DateLayout, domain.LocalDate(at, loc))
		utcDay, err2 := time.Parse(domain.DateLayout, at.Format(domain.DateLayout))
		if err1 != nil || err2 != nil {
			t.Fatalf("LocalDate(%s, %s) = %q", at, name, domain.LocalDate(at, loc))
		}
		if d := local.Sub(utcDay); d < -24*time.Hour || d > 24*time.Hour {
			t.Fatalf("LocalDate(%s, %s) = %s, %v from the UTC day", at, name, local.Format(domain.DateLayout), d)
		}
	})
}
