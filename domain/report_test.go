package domain

import (
	"reflect"
	"testing"
	"time"
)

func mustDay(t *testing.T, s string) CivilDay {
	t.Helper()
	d, err := ParseCivilDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }
func la(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// reportFixture is a hand-counted week in Los Angeles, Monday 2026-10-26
// to Sunday 2026-11-01, the week clocks fall back (Sunday 02:00 PDT
// becomes 01:00 PST): seven days, 169 hours.
//
//   - Ana lives there all along but is away on a pass on Friday 10-30
//     (the chore ledger says so): 6 days. Daily check-ins every day but
//     Wednesday 10-28 and one on Friday while away (not counted): 5 of 6.
//     Curfew: 3 check-ins, 1 late, plus one on her away night (not
//     counted). Meetings: 2 (1 verified), one the Monday after (outside).
//     Expected: 3 a week × 6/7 = 2.57 → 3.
//   - Beto moves in on Thursday 10-29: 4 days; 2 check-ins, 1 on the
//     Wednesday before his move-in (not counted); 3 × 4/7 = 1.71 → 2.
//   - Ñoño is discharged with move-out on Wednesday 10-28: 2 days (26,
//     27); a missed chore on Tuesday and an excused one on Wednesday.
//   - Chores for Ana: due Monday 00:30 PDT (in), Sunday 23:30 PST (07:30
//     UTC on Monday 11-02: in), Monday 11-02 00:30 PST (out); done, approved
//     and open.
//   - Bed-nights: Ana 7 (the pass keeps her bed), Beto 4, Ñoño 2 = 13 of
//     5 beds × 7 days = 37.1 %.
//   - Support: answered after 25 and 70 minutes, one unanswered; one on
//     the Monday after (outside). Median (25+70)/2 rounded up = 48.
//   - Drug tests: Ana negative on Monday, positive on Friday (away on a
//     pass, but living there: counted), dilute on Sunday 23:30 PST (07:30
//     UTC Monday: in), one on Monday 11-02 (out): 3, 2 not negative. Beto
//     refused on Wednesday (before his move-in: not counted), refused on
//     Sunday and pending on Saturday: 2, 1 not negative (pending is no
//     result yet). Ñoño invalid on Tuesday, positive on Thursday (after
//     the move-out: not counted): 1, 1. A stranger's test: not counted.
//     House: 6 tests, 4 not negative.
//   - Incidents: I1 Tuesday, serious, Ana and Ñoño, follow-up 11-05 open
//     (overdue on 11-10); I2 Thursday, critical, Ana, Beto and Ñoño (moved
//     out: not counted for him), follow-up 11-20 open (not yet due); I3
//     Wednesday, minor, Beto (before his move-in: not counted for him), no
//     follow-up; I4 Saturday, minor, nobody named, follow-up 11-02 closed;
//     I5 Monday 11-02 01:00 (outside); I6 Sunday 23:30 PST, serious, Ana
//     named twice (counted once), follow-up 11-09 open (overdue); I7
//     Friday, minor, nobody named, follow-up today 11-10 open (not yet
//     overdue). Ana 3, Beto 1, Ñoño 1; house 6 (3 minor, 2 serious, 1
//     critical), 5 follow-ups, 1 closed, 2 overdue.
func reportFixture(t *testing.T) ReportInput {
	loc := la(t)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	daily := func(user string, days ...string) []ReportCheckin {
		var out []ReportCheckin
		for _, d := range days {
			out = append(out, ReportCheckin{User: user, Kind: CheckinDaily, Day: d})
		}
		return out
	}
	in := ReportInput{
		From: mustDay(t, "2026-10-26"), To: mustDay(t, "2026-11-01"), Today: mustDay(t, "2026-11-10"),
		Capacity: 5, MeetingsPerWeek: 3,
		Residents: []ReportResident{
			{User: "ana", Name: "Ana", MoveIn: "2026-01-05 00:00:00.000Z", Status: StatusActive},
			{User: "beto", Name: "Beto", MoveIn: "2026-10-29", Status: StatusActive},
			{User: "nono", Name: "Ñoño", MoveIn: "2026-09-01", MoveOut: "2026-10-28", Status: StatusDischarged},
		},
		Present: map[CivilDay]map[string]bool{
			mustDay(t, "2026-10-30"): {"beto": true},
		},
		Generated: time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC),
	}
	in.Checkins = append(in.Checkins, daily("ana", "2026-10-26", "2026-10-27", "2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02")...)
	in.Checkins = append(in.Checkins, daily("beto", "2026-10-28", "2026-10-29", "2026-10-31")...)
	in.Checkins = append(in.Checkins,
		ReportCheckin{User: "ana", Kind: CheckinCurfew, Day: "2026-10-26"},
		ReportCheckin{User: "ana", Kind: CheckinCurfew, Day: "2026-10-27", Late: true},
		ReportCheckin{User: "ana", Kind: CheckinCurfew, Day: "2026-10-30", Late: true},
		ReportCheckin{User: "ana", Kind: CheckinCurfew, Day: "2026-11-01"},
		ReportCheckin{User: "stranger", Kind: CheckinDaily, Day: "2026-10-27"},
	)
	in.Meetings = []ReportMeeting{
		{User: "ana", Day: "2026-10-26 00:00:00.000Z", Verified: true},
		{User: "ana", Day: "2026-10-31 00:00:00.000Z"},
		{User: "ana", Day: "2026-11-02 00:00:00.000Z", Verified: true},
	}
	in.Chores = []ReportChore{
		{User: "ana", Due: at("2026-10-26 00:30"), Status: "done"},
		{User: "ana", Due: at("2026-11-01 23:30"), Status: "approved"},
		{User: "ana", Due: at("2026-11-02 00:30"), Status: "open"},
		{User: "nono", Due: at("2026-10-27 09:00"), Status: "missed"},
		{User: "nono", Due: at("2026-10-28 09:00"), Status: "excused"},
	}
	in.Support = []ReportSupportPost{
		{Created: at("2026-10-27 10:00"), FirstAnswer: at("2026-10-27 10:25")},
		{Created: at("2026-10-31 23:00"), FirstAnswer: at("2026-11-01 00:10")},
		{Created: at("2026-10-29 03:00")},
		{Created: at("2026-11-02 03:00"), FirstAnswer: at("2026-11-02 03:01")},
	}
	in.DrugTests = []ReportDrugTest{
		{User: "ana", At: at("2026-10-26 07:00"), Result: DrugTestNegative},
		{User: "ana", At: at("2026-10-30 18:00"), Result: DrugTestPositive},
		{User: "ana", At: at("2026-11-01 23:30"), Result: DrugTestDilute},
		{User: "ana", At: at("2026-11-02 00:30"), Result: DrugTestPositive},
		{User: "beto", At: at("2026-10-28 09:00"), Result: DrugTestRefused},
		{User: "beto", At: at("2026-11-01 09:00"), Result: DrugTestRefused},
		{User: "beto", At: at("2026-10-31 09:00"), Result: DrugTestPending},
		{User: "nono", At: at("2026-10-27 09:00"), Result: DrugTestInvalid},
		{User: "nono", At: at("2026-10-29 09:00"), Result: DrugTestPositive},
		{User: "stranger", At: at("2026-10-27 09:00"), Result: DrugTestPositive},
	}
	in.Incidents = []ReportIncident{
		{At: at("2026-10-27 10:00"), Severity: IncidentSerious, Status: IncidentOpen, People: []string{"ana", "nono"}, FollowUpBy: "2026-11-05 12:00:00.000Z"},
		{At: at("2026-10-29 20:00"), Severity: IncidentCritical, Status: IncidentOpen, People: []string{"ana", "beto", "nono"}, FollowUpBy: "2026-11-20 12:00:00.000Z"},
		{At: at("2026-10-28 08:00"), Severity: IncidentMinor, Status: IncidentClosed, People: []string{"beto"}},
		{At: at("2026-10-31 22:00"), Severity: IncidentMinor, Status: IncidentClosed, FollowUpBy: "2026-11-02 12:00:00.000Z"},
		{At: at("2026-11-02 01:00"), Severity: IncidentCritical, Status: IncidentOpen, People: []string{"ana"}},
		{At: at("2026-11-01 23:30"), Severity: IncidentSerious, Status: IncidentOpen, People: []string{"ana", "ana"}, FollowUpBy: "2026-11-09 12:00:00.000Z"},
		{At: at("2026-10-30 12:00"), Severity: IncidentMinor, Status: IncidentOpen, FollowUpBy: "2026-11-10 12:00:00.000Z"},
	}
	return in
}

func TestBuildReportHandCounted(t *testing.T) {
	rep := BuildReport(reportFixture(t), la(t))
	wantResidents := []ResidentFigures{
		{User: "ana", Name: "Ana", Status: StatusActive, MoveIn: "2026-01-05", Days: 6,
			CheckinsDone: 5, CheckinsExpected: 6, CurfewCheckins: 3, CurfewLate: 1,
			MeetingsLogged: 2, MeetingsVerified: 1, MeetingsExpected: 3,
			ChoresAssigned: 2, ChoresDone: 2,
			DrugTests: 3, DrugTestsNonNegative: 2, DrugTestsPositive: 1, DrugTestsDilute: 1, Incidents: 3},
		{User: "beto", Name: "Beto", Status: StatusActive, MoveIn: "2026-10-29", Days: 4,
			CheckinsDone: 2, CheckinsExpected: 4, MeetingsExpected: 2,
			DrugTests: 2, DrugTestsNonNegative: 1, DrugTestsRefused: 1, DrugTestsPending: 1, Incidents: 1},
		{User: "nono", Name: "Ñoño", Status: StatusDischarged, MoveIn: "2026-09-01", MoveOut: "2026-10-28", Days: 2,
			CheckinsExpected: 2, MeetingsExpected: 1,
			ChoresAssigned: 2, ChoresMissed: 1, ChoresExcused: 1,
			DrugTests: 1, DrugTestsNonNegative: 1, DrugTestsInvalid: 1, Incidents: 1},
	}
	if !reflect.DeepEqual(rep.Residents, wantResidents) {
		t.Errorf("residents:\n got %+v\nwant %+v", rep.Residents, wantResidents)
	}
	wantHouse := HouseFigures{Days: 7, Capacity: 5, BedNights: 13, Occupancy: floatp(37.1),
		MoveIns: 1, MoveOuts: 1, SupportPosts: 3, SupportAnswered: 2,
		FirstAnswerMinutesMedian: intp(48), FirstAnswerMinutesMax: intp(70),
		CheckinsDone: 7, CheckinsExpected: 12, CurfewCheckins: 3, CurfewLate: 1,
		MeetingsLogged: 2, MeetingsVerified: 1, MeetingsExpected: 6,
		ChoresAssigned: 4, ChoresDone: 2, ChoresMissed: 1, ChoresExcused: 1,
		DrugTests: 6, DrugTestsNonNegative: 4, DrugTestsPositive: 1, DrugTestsDilute: 1, DrugTestsInvalid: 1,
		DrugTestsRefused: 1, DrugTestsPending: 1,
		Incidents: 6, IncidentsMinor: 3, IncidentsSerious: 2, IncidentsCritical: 1,
		FollowUps: 5, FollowUpsClosed: 1, FollowUpsOverdue: 2}
	if !reflect.DeepEqual(rep.House, wantHouse) {
		t.Errorf("house:\n got %+v\nwant %+v", rep.House, wantHouse)
	}
	if len(rep.Weeks) != 1 || rep.Weeks[0].From != "2026-10-26" || rep.Weeks[0].To != "2026-11-01" || rep.Weeks[0].House.Days != 7 {
		t.Errorf("weeks: %+v, want the one week of 7 days", rep.Weeks)
	}
	if rep.From != "2026-10-26" || rep.To != "2026-11-01" || rep.Through != "2026-11-01" {
		t.Errorf("period %s to %s through %s", rep.From, rep.To, rep.Through)
	}
}

func TestBuildReportDaylightSavingWeeks(t *testing.T) {
	loc := la(t)
	for _, tc := range []struct{ name, from, to string }{
		{"spring forward", "2026-03-02", "2026-03-15"},
		{"fall back", "2026-10-26", "2026-11-08"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ReportInput{From: mustDay(t, tc.from), To: mustDay(t, tc.to), Today: mustDay(t, "2027-01-01"),
				Capacity: 1, Residents: []ReportResident{{User: "a", Name: "A", Status: StatusActive}}}
			rep := BuildReport(in, loc)
			if len(rep.Weeks) != 2 {
				t.Fatalf("%d weeks, want 2", len(rep.Weeks))
			}
			for _, w := range rep.Weeks {
				if w.House.Days != 7 || w.House.BedNights != 7 || *w.House.Occupancy != 100 {
					t.Errorf("week %s: %d days, %d bed-nights, want 7 and 7 (100%%)", w.From, w.House.Days, w.House.BedNights)
				}
			}
		})
	}
}

func TestBuildReportWeeksAndToday(t *testing.T) {
	in := reportFixture(t)
	in.From, in.To = mustDay(t, "2026-10-28"), mustDay(t, "2026-11-04")
	rep := BuildReport(in, la(t))
	var got [][2]string
	for _, w := range rep.Weeks {
		got = append(got, [2]string{w.From, w.To})
	}
	want := [][2]string{{"2026-10-28", "2026-11-01"}, {"2026-11-02", "2026-11-04"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("weeks %v, want %v", got, want)
	}

	// Today is Thursday 10-29: Beto moved in and checked in today (expected
	// because made), Ana has not yet (not expected yet); later days do not
	// count.
	in = reportFixture(t)
	in.Today = mustDay(t, "2026-10-29")
	in.Checkins = in.Checkins[:0]
	in.Checkins = append(in.Checkins, ReportCheckin{User: "beto", Kind: CheckinDaily, Day: "2026-10-29"})
	rep = BuildReport(in, la(t))
	if rep.Through != "2026-10-29" || rep.House.Days != 4 {
		t.Errorf("through %s, %d days; want 2026-10-29, 4", rep.Through, rep.House.Days)
	}
	for _, r := range rep.Residents {
		want := map[string][2]int{"ana": {0, 3}, "beto": {1, 1}, "nono": {0, 2}}[r.User]
		if [2]int{r.CheckinsDone, r.CheckinsExpected} != want {
			t.Errorf("%s: %d of %d check-ins, want %v", r.User, r.CheckinsDone, r.CheckinsExpected, want)
		}
	}
}

func TestParseReportPeriod(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"2026-01-01", "2026-01-01", true},
		{"2026-01-01", "2026-12-31", true},
		{"2026-01-02", "2026-01-01", false},
		{"2026-01-01", "2027-03-01", false},
		{"2026-1-1", "2026-01-02", false},
		{"", "2026-01-02", false},
		{"2026-01-01T00:00", "2026-01-02", false},
	} {
		_, _, err := ParseReportPeriod(tc.from, tc.to)
		if (err == nil) != tc.ok {
			t.Errorf("ParseReportPeriod(%q, %q) = %v, want ok %v", tc.from, tc.to, err, tc.ok)
		}
	}
}
