package domain_test

import (
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
	for _, name := range []string{"", "Local", "local", "Mars/Olympus", "PST8PDT ", "../../etc/passwd", "America/los angeles", "+02:00"} {
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
