package domain

import (
	"errors"
	"strings"
	"sync"
	"time"
)

// DateLayout is the layout of a calendar day as Hearth stores and shows it.
const DateLayout = "2006-01-02"

// ErrClock is returned by ParseClock for anything but a 24-hour "HH:MM".
var ErrClock = errors.New("not a 24-hour HH:MM time")

// ErrTimezone is returned by LoadTimezone for anything but an IANA zone name.
var ErrTimezone = errors.New("not an IANA timezone name")

// Clock is a house-local time of day, such as a curfew or a deadline.
type Clock struct {
	Hour   int // 0 to 23
	Minute int // 0 to 59
}

// ParseClock parses a 24-hour "HH:MM" string ("07:30", "23:00").
// It accepts exactly two digits on each side of the colon.
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' {
		return Clock{}, ErrClock
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return Clock{}, ErrClock
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 23 || m > 59 {
		return Clock{}, ErrClock
	}
	return Clock{Hour: h, Minute: m}, nil
}

// String formats the clock as "HH:MM".
func (c Clock) String() string {
	return time.Date(2000, 1, 1, c.Hour, c.Minute, 0, 0, time.UTC).Format("15:04")
}

// LoadTimezone loads an IANA timezone such as "America/Los_Angeles".
// It refuses the empty name and "Local", which would silently mean the
// server's own zone rather than the house's, and any name not shaped as
// IANA names are (see isIANAName): a zoneinfo directory holds files that
// are not zones, such as "localtime" (the server's zone again),
// "posixrules", "posix/..." and "right/...", which only some machines
// have, and paths such as "./UTC" that name a zone in more than one way.
// A zone once loaded is kept: every house-local day a request works out
// (a check-in's, the home screen's) would otherwise read and parse its
// zoneinfo again.
func LoadTimezone(name string) (*time.Location, error) {
	if loc, ok := loadedZones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if strings.EqualFold(name, "local") || !isIANAName(name) {
		return nil, ErrTimezone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, ErrTimezone
	}
	loadedZones.Store(name, loc)
	return loc, nil
}

// loadedZones are the zones LoadTimezone has loaded, by name.
var loadedZones sync.Map // string -> *time.Location

// isIANAName reports whether name has the shape of every name in the IANA
// time zone database: parts separated by single slashes, each starting
// with a capital ASCII letter and going on with ASCII letters, digits,
// '_', '-' and '+' ("America/Port-au-Prince", "Etc/GMT+5", "EST5EDT").
func isIANAName(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if part == "" || part[0] < 'A' || part[0] > 'Z' {
			return false
		}
		for i := 1; i < len(part); i++ {
			c := part[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '+') {
				return false
			}
		}
	}
	return true
}

// LocalDate returns the calendar day ("YYYY-MM-DD") that now falls on in loc.
func LocalDate(now time.Time, loc *time.Location) string {
	return now.In(loc).Format(DateLayout)
}
