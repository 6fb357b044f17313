package domain_test

import (
	"testing"
	"time"

	"hearth/domain"
)

// The helpers of the fuzz targets: they fold whatever integers the fuzzer
// draws into meaningful days, times and zones, so that no input is wasted
// on a range check, and give the independent answers the targets compare
// the domain's with.

// fuzzZones are the zones the fuzz targets pick from: the ones whose
// daylight-saving changes are odd (Santiago and Havana skip midnight,
// Lord Howe moves by half an hour, Troll by two, Dublin's is "negative",
// Apia skipped 30 December 2011, Casablanca changes twice a year for
// Ramadan), ordinary ones, and zones without changes.
var fuzzZones = []string{
	"America/Los_Angeles", "America/Santiago", "America/Havana", "Pacific/Auckland",
	"Europe/Madrid", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
	"Pacific/Apia", "Pacific/Chatham", "America/St_Johns", "Antarctica/Troll",
	"Europe/Dublin", "Asia/Tehran", "Africa/Casablanca", "UTC",
}

// fold maps any int into 0..n-1.
func fold(v, n int) int { return (v%n + n) % n }

// fuzzZone is the zone numbered z (folded) of fuzzZones.
func fuzzZone(tb testing.TB, z int) *time.Location {
	tb.Helper()
	loc, err := domain.LoadTimezone(fuzzZones[fold(z, len(fuzzZones))])
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// fuzzYears is the span of years the targets' days are drawn from:
// 1970 through 2100, where the zone rules are known and the future ones
// come from each zone's rule string.
const fuzzYears = 131

// fuzzDate is a UTC midnight from 1970 through 2100 made from any three
// ints. The day of the month runs to 31; a day a month lacks rolls over
// (30 February is 2 March), so every input names a real day.
func fuzzDate(y, m, d int) time.Time {
	return time.Date(1970+fold(y-1970, fuzzYears), time.Month(1+fold(m-1, 12)), 1+fold(d-1, 31), 0, 0, 0, 0, time.UTC)
}

// wallInstant is the reference answer for "the instant a house-local wall
// time names", computed from the zone's periods rather than as
// domain.LocalInstant computes it. naive carries the wall time in its UTC
// fields. When the wall time exists, exists is true and t is its first
// occurrence; when a change skips it, t reads it with the offset in force
// before the jump, so it lies as far after the jump as the wall time is
// after the last valid minute.
func wallInstant(naive time.Time, loc *time.Location) (t time.Time, exists bool) {
	var gap time.Time
	for _, p := range zonePeriods(loc, naive.Add(-48*time.Hour), naive.Add(48*time.Hour)) {
		cand := naive.Add(-time.Duration(p.offset) * time.Second)
		if !cand.Before(p.start) && cand.Before(p.end) && (!exists || cand.Before(t)) {
			t, exists = cand, true
		}
		if !cand.Before(p.end) {
			gap = cand // read with this period's offset, the wall time is past its end
		}
	}
	if exists {
		return t, true
	}
	return gap, false
}

// zonePeriod is a stretch of time, start included and end not, during
// which a zone keeps one offset from UTC (in seconds).
type zonePeriod struct {
	start, end time.Time
	offset     int
}

// zonePeriods splits from..to into the zone's periods. It finds each
// change of offset by sampling every 30 minutes (no zone changes twice
// within that) and bisecting to the second, rather than with
// time.Time.ZoneBounds: in the years a zone's rule string serves, that
// returns, on the last day of a leap year, an end before the instant asked
// about (golang/go#81583; Pacific/Chatham on 2096-12-31, for one).
func zonePeriods(loc *time.Location, from, to time.Time) []zonePeriod {
	offset := func(unix int64) int {
		_, off := time.Unix(unix, 0).In(loc).Zone()
		return off
	}
	var out []zonePeriod
	cur := zonePeriod{start: from, offset: offset(from.Unix())}
	for t := from.Unix(); t < to.Unix(); t += 1800 {
		if offset(t+1800) == cur.offset {
			continue
		}
		lo, hi := t, t+1800 // the offset changes after lo, by hi
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; offset(mid) == cur.offset {
				lo = mid
			} else {
				hi = mid
			}
		}
		cur.end = time.Unix(hi, 0)
		out = append(out, cur)
		cur = zonePeriod{start: cur.end, offset: offset(hi)}
	}
	cur.end = to
	return append(out, cur)
}

// isLeapYear is the Gregorian rule, asked of the time package.
func isLeapYear(y int) bool {
	return time.Date(y, time.February, 29, 0, 0, 0, 0, time.UTC).Day() == 29
}
