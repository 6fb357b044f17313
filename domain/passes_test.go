package domain_test

import (
	"reflect"
	"testing"
	"time"

	"hearth/domain"
)

// TestPassChanges: which memberships an approved pass changes at a given
// instant, by the house-local day, across midnight and both of New York's
// daylight-saving changes of 2026 (March 8, 02:00 → 03:00; November 1,
// 02:00 → 01:00).
func TestPassChanges(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) domain.CivilDay {
		d, err := domain.ParseCivilDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	pass := func(id, user, from, to string) domain.PassSpan {
		return domain.PassSpan{ID: id, User: user, Starts: day(from), Ends: day(to)}
	}
	active := func(user string) domain.PassMember { return domain.PassMember{User: user, Status: domain.StatusActive} }
	away := func(user, until string) domain.PassMember {
		return domain.PassMember{User: user, Status: domain.StatusAway, AwayUntil: day(until)}
	}
	goes := func(user, until, id string) domain.PassChange {
		return domain.PassChange{User: user, Status: domain.StatusAway, AwayUntil: day(until), Pass: id}
	}
	back := func(user, id string) domain.PassChange {
		return domain.PassChange{User: user, Status: domain.StatusActive, Pass: id}
	}
	cases := []struct {
		name    string
		now     string
		members []domain.PassMember
		passes  []domain.PassSpan
		want    []domain.PassChange
	}{
		{"a minute before the first day's midnight: still home", "2026-12-12T04:59:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")}, nil},
		{"at the first day's midnight: away until the last day", "2026-12-12T05:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")},
			[]domain.PassChange{goes("ana", "2026-12-14", "p1")}},
		{"on the last day, late: still away", "2026-12-15T04:59:00Z",
			[]domain.PassMember{away("ana", "2026-12-14")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")}, nil},
		{"the day after the last: back", "2026-12-15T05:00:00Z",
			[]domain.PassMember{away("ana", "2026-12-14")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")},
			[]domain.PassChange{back("ana", "p1")}},
		{"a first day missed (the server was off): away on a later day of the pass", "2026-12-13T18:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")},
			[]domain.PassChange{goes("ana", "2026-12-14", "p1")}},
		{"a pass over: an active resident stays active", "2026-12-20T18:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")}, nil},
		{"away set by a manager (another away_until) is left alone", "2026-12-15T18:00:00Z",
			[]domain.PassMember{away("ana", "2026-12-20")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")}, nil},
		{"away with no away_until is left alone", "2026-12-15T18:00:00Z",
			[]domain.PassMember{{User: "ana", Status: domain.StatusAway}}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")}, nil},
		{"moved out: never touched", "2026-12-13T18:00:00Z",
			[]domain.PassMember{{User: "ana", Status: domain.StatusAlumni}, {User: "bo", Status: domain.StatusDischarged, AwayUntil: day("2026-12-10")}},
			[]domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14"), pass("p2", "bo", "2026-12-08", "2026-12-10")}, nil},
		{"one pass straight after another: away until the second ends", "2026-12-15T18:00:00Z",
			[]domain.PassMember{away("ana", "2026-12-14")},
			[]domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14"), pass("p2", "ana", "2026-12-15", "2026-12-16")},
			[]domain.PassChange{goes("ana", "2026-12-16", "p2")}},
		{"someone else's pass changes nobody else", "2026-12-13T18:00:00Z",
			[]domain.PassMember{active("bo"), active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-12", "2026-12-14")},
			[]domain.PassChange{goes("ana", "2026-12-14", "p1")}},
		{"a pass whose last day is before its first is ignored", "2026-12-13T18:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-12-14", "2026-12-12")}, nil},
		// March 8, 2026: New York's clocks go from 02:00 EST to 03:00 EDT.
		{"spring forward: 23:59 EST on March 7 is still the day before", "2026-03-08T04:59:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-03-08", "2026-03-09")}, nil},
		{"spring forward: 00:00 EST on March 8 is the first day", "2026-03-08T05:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-03-08", "2026-03-09")},
			[]domain.PassChange{goes("ana", "2026-03-09", "p1")}},
		{"spring forward: 23:59 EDT on March 9 is still the last day", "2026-03-10T03:59:00Z",
			[]domain.PassMember{away("ana", "2026-03-09")}, []domain.PassSpan{pass("p1", "ana", "2026-03-08", "2026-03-09")}, nil},
		{"spring forward: 00:00 EDT on March 10 is back (04:00 UTC, an hour earlier than in winter)", "2026-03-10T04:00:00Z",
			[]domain.PassMember{away("ana", "2026-03-09")}, []domain.PassSpan{pass("p1", "ana", "2026-03-08", "2026-03-09")},
			[]domain.PassChange{back("ana", "p1")}},
		// November 1, 2026: New York's clocks go from 02:00 EDT back to 01:00 EST.
		{"fall back: 00:00 EDT on November 1 is back from a pass ending October 31", "2026-11-01T04:00:00Z",
			[]domain.PassMember{away("ana", "2026-10-31")}, []domain.PassSpan{pass("p1", "ana", "2026-10-30", "2026-10-31")},
			[]domain.PassChange{back("ana", "p1")}},
		{"fall back: 23:30 EST on November 1 (already November 2 in UTC) is not yet November 2", "2026-11-02T04:30:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-11-02", "2026-11-03")}, nil},
		{"fall back: 00:00 EST on November 2 is the first day (05:00 UTC)", "2026-11-02T05:00:00Z",
			[]domain.PassMember{active("ana")}, []domain.PassSpan{pass("p1", "ana", "2026-11-02", "2026-11-03")},
			[]domain.PassChange{goes("ana", "2026-11-03", "p1")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := domain.PassChanges(at(c.now), ny, c.members, c.passes)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("PassChanges at %s = %+v, want %+v", c.now, got, c.want)
			}
			// Once made, the changes are not made again.
			after := apply(c.members, got)
			if again := domain.PassChanges(at(c.now), ny, after, c.passes); len(again) != 0 {
				t.Errorf("a second run changes %+v", again)
			}
		})
	}
}

// apply makes the changes on a copy of the members.
func apply(members []domain.PassMember, changes []domain.PassChange) []domain.PassMember {
	out := append([]domain.PassMember(nil), members...)
	for _, c := range changes {
		for i := range out {
			if out[i].User == c.User {
				out[i].Status, out[i].AwayUntil = c.Status, c.AwayUntil
			}
		}
	}
	return out
}

func TestReturnsFrom(t *testing.T) {
	d, _ := domain.ParseCivilDay("2026-12-14")
	p := domain.PassSpan{ID: "p1", User: "ana", Starts: d - 2, Ends: d}
	cases := []struct {
		m    domain.PassMember
		want bool
	}{
		{domain.PassMember{User: "ana", Status: domain.StatusAway, AwayUntil: d}, true},
		{domain.PassMember{User: "ana", Status: domain.StatusAway, AwayUntil: d + 3}, false},
		{domain.PassMember{User: "ana", Status: domain.StatusAway}, false},
		{domain.PassMember{User: "ana", Status: domain.StatusActive}, false},
		{domain.PassMember{User: "ana", Status: domain.StatusDischarged, AwayUntil: d}, false},
	}
	for _, c := range cases {
		if got := domain.ReturnsFrom(c.m, p); got != c.want {
			t.Errorf("ReturnsFrom(%+v) = %v, want %v", c.m, got, c.want)
		}
	}
}
