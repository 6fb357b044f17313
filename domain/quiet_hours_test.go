package domain_test

import (
	"testing"
	"time"

	"hearth/domain"
)

func TestQuietUntil(t *testing.T) {
	la := checkinZone(t, "America/Los_Angeles")
	cases := []struct {
		name       string
		now        string // RFC 3339
		loc        *time.Location
		start, end string
		want       string // RFC 3339 in loc; "" = not quiet
	}{
		{"no quiet hours", "2026-03-10T03:00:00-07:00", la, "", "", ""},
		{"only a start", "2026-03-10T03:00:00-07:00", la, "22:00", "", ""},
		{"equal start and end", "2026-03-10T22:00:00-07:00", la, "22:00", "22:00", ""},
		{"bad clock", "2026-03-10T03:00:00-07:00", la, "25:00", "07:00", ""},
		{"same day window, inside", "2026-03-10T13:30:00-07:00", la, "13:00", "15:00", "2026-03-10T15:00:00-07:00"},
		{"same day window, at its start", "2026-03-10T13:00:00-07:00", la, "13:00", "15:00", "2026-03-10T15:00:00-07:00"},
		{"same day window, at its end", "2026-03-10T15:00:00-07:00", la, "13:00", "15:00", ""},
		{"same day window, before", "2026-03-10T12:59:00-07:00", la, "13:00", "15:00", ""},
		{"across midnight, evening", "2026-03-10T23:15:00-07:00", la, "22:00", "07:00", "2026-03-11T07:00:00-07:00"},
		{"across midnight, early morning", "2026-03-11T03:00:00-07:00", la, "22:00", "07:00", "2026-03-11T07:00:00-07:00"},
		{"across midnight, daytime", "2026-03-11T12:00:00-07:00", la, "22:00", "07:00", ""},
		{"across midnight, at the end", "2026-03-11T07:00:00-07:00", la, "22:00", "07:00", ""},
		// 2026-03-08 02:00 PST: the clocks go forward; 07:00 is PDT.
		{"across a change of the clocks", "2026-03-07T23:00:00-08:00", la, "22:00", "07:00", "2026-03-08T07:00:00-07:00"},
		{"house-local, not UTC", "2026-03-11T05:00:00Z", la, "21:00", "23:00", "2026-03-10T23:00:00-07:00"},
		{"nil location is UTC", "2026-03-11T05:00:00Z", nil, "04:00", "06:00", "2026-03-11T06:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := domain.QuietUntil(checkinAt(t, c.now), c.loc, c.start, c.end)
			if c.want == "" {
				if ok {
					t.Fatalf("quiet until %s, want not quiet", got)
				}
				return
			}
			want := checkinAt(t, c.want)
			if !ok || !got.Equal(want) {
				t.Fatalf("QuietUntil = %s, %v; want %s", got, ok, want)
			}
		})
	}
}
