package domain

import (
	"errors"
	"math"
	"slices"
	"sort"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// ReportMaxDays is the longest period a report covers: a little over a
// year, so that "the last 12 months" and a leap year both fit.
const ReportMaxDays = 400

// ErrReportPeriod is returned by ParseReportPeriod for a period that is not
// two days, from on or before to, at most ReportMaxDays long.
var ErrReportPeriod = errors.New("not a report period")

// ParseReportPeriod parses a report's from and to ("YYYY-MM-DD", both
// included).
func ParseReportPeriod(from, to string) (first, last CivilDay, err error) {
	if len(from) != len(DateLayout) || len(to) != len(DateLayout) {
		return 0, 0, ErrReportPeriod
	}
	first, err1 := ParseCivilDay(from)
	last, err2 := ParseCivilDay(to)
	if err1 != nil || err2 != nil || last < first || int(last-first)+1 > ReportMaxDays {
		return 0, 0, ErrReportPeriod
	}
	return first, last, nil
}

// ReportResident is a resident's membership of the house as the report
// reads it: the stay from MoveIn through the day before MoveOut ("" for
// none; only the first ten characters are read) and the status now.
type ReportResident struct {
	User, Name      string
	MoveIn, MoveOut string
	Status          string
}

// ReportCheckin is a check-in: Day is its day (daily) or night (curfew).
type ReportCheckin struct {
	User, Kind, Day string
	Late            bool
}

// ReportMeeting is a logged outside meeting on the house-local Day.
type ReportMeeting struct {
	User, Day string
	Verified  bool
}

// ReportChore is a chore assignment, due at the instant Due.
type ReportChore struct {
	User   string
	Due    time.Time
	Status string
}

// ReportSupportPost is a support post, made at Created, first answered (by
// someone other than its author) at FirstAnswer, zero when unanswered.
type ReportSupportPost struct {
	Created, FirstAnswer time.Time
}

// Drug test results, as drug_tests.result holds them (docs/API.md).
const (
	DrugTestNegative = "negative"
	DrugTestPositive = "positive"
	DrugTestDilute   = "dilute"
	DrugTestInvalid  = "invalid"
	DrugTestRefused  = "refused"
	DrugTestPending  = "pending"
)

// Incident severities and statuses, as incidents holds them.
const (
	IncidentMinor    = "minor"
	IncidentSerious  = "serious"
	IncidentCritical = "critical"
	IncidentOpen     = "open"
	IncidentClosed   = "closed"
)

// ReportDrugTest is a drug test of User taken at the instant At. The
// caller leaves out a test another one corrects: the correction stands
// for it.
type ReportDrugTest struct {
	User   string
	At     time.Time
	Result string
}

// ReportIncident is an incident that happened at the instant At, naming
// People, with its follow-up day ("YYYY-MM-DD…", "" for none) and its
// status now. The caller leaves out an incident another one corrects.
type ReportIncident struct {
	At               time.Time
	Severity, Status string
	People           []string
	FollowUpBy       string
}

// ReportInput is everything a house report is computed from.
type ReportInput struct {
	From, To        CivilDay // the period, both included
	Today           CivilDay // the house-local today: later days do not count yet
	Capacity        int      // beds; 0 = no limit, no occupancy
	MeetingsPerWeek int
	Residents       []ReportResident
	// Present is the chore ledger (chore_days): for each day it holds,
	// the residents who were in the house and not away. A day it does not
	// hold counts everyone in their stay as present, except today for a
	// resident whose status is away.
	Present   map[CivilDay]map[string]bool
	Checkins  []ReportCheckin
	Meetings  []ReportMeeting
	Chores    []ReportChore
	Support   []ReportSupportPost
	DrugTests []ReportDrugTest
	Incidents []ReportIncident
	Generated time.Time
}

// ResidentFigures are a resident's figures over a period, as docs/API.md
// lists them. Days counts the days they lived in the house and were not
// away; StayFrom and StayTo are the stay's first and last day in the
// period ("" when it began before or goes on after it).
type ResidentFigures struct {
	User             string `json:"user"`
	Name             string `json:"name"`
	Status           string `json:"status"`
	MoveIn           string `json:"move_in"`
	MoveOut          string `json:"move_out"`
	Days             int    `json:"days"`
	CheckinsDone     int    `json:"checkins_done"`
	CheckinsExpected int    `json:"checkins_expected"`
	CurfewCheckins   int    `json:"curfew_checkins"`
	CurfewLate       int    `json:"curfew_late"`
	MeetingsLogged   int    `json:"meetings_logged"`
	MeetingsVerified int    `json:"meetings_verified"`
	MeetingsExpected int    `json:"meetings_expected"`
	ChoresAssigned   int    `json:"chores_assigned"`
	ChoresDone       int    `json:"chores_done"`
	ChoresMissed     int    `json:"chores_missed"`
	ChoresExcused    int    `json:"chores_excused"`
	// Drug tests taken on a day of their stay, and of them those whose
	// result was not negative (positive, dilute, invalid or refused; a
	// pending test has no result yet and is not one of them), by result.
	DrugTests            int `json:"drug_tests"`
	DrugTestsNonNegative int `json:"drug_tests_non_negative"`
	DrugTestsPositive    int `json:"drug_tests_positive"`
	DrugTestsDilute      int `json:"drug_tests_dilute"`
	DrugTestsInvalid     int `json:"drug_tests_invalid"`
	DrugTestsRefused     int `json:"drug_tests_refused"`
	DrugTestsPending     int `json:"drug_tests_pending"`
	// Incidents naming them that happened on a day of their stay.
	Incidents int `json:"incidents"`
}

// HouseFigures are the house's figures over a period. Occupancy is
// BedNights over capacity × Days, in percent with one decimal, nil when
// the house has no capacity. A bed-night is a night of a resident's stay,
// away on a pass or not (the bed is theirs). FirstAnswerMinutes are the
// median and longest minutes from a support post to its first answer, nil
// when none was answered.
type HouseFigures struct {
	Days                     int      `json:"days"`
	Capacity                 int      `json:"capacity"`
	BedNights                int      `json:"bed_nights"`
	Occupancy                *float64 `json:"occupancy"`
	MoveIns                  int      `json:"move_ins"`
	MoveOuts                 int      `json:"move_outs"`
	SupportPosts             int      `json:"support_posts"`
	SupportAnswered          int      `json:"support_answered"`
	FirstAnswerMinutesMedian *int     `json:"first_answer_minutes_median"`
	FirstAnswerMinutesMax    *int     `json:"first_answer_minutes_max"`
	// The residents' figures added up.
	CheckinsDone         int `json:"checkins_done"`
	CheckinsExpected     int `json:"checkins_expected"`
	CurfewCheckins       int `json:"curfew_checkins"`
	CurfewLate           int `json:"curfew_late"`
	MeetingsLogged       int `json:"meetings_logged"`
	MeetingsVerified     int `json:"meetings_verified"`
	MeetingsExpected     int `json:"meetings_expected"`
	ChoresAssigned       int `json:"chores_assigned"`
	ChoresDone           int `json:"chores_done"`
	ChoresMissed         int `json:"chores_missed"`
	ChoresExcused        int `json:"chores_excused"`
	DrugTests            int `json:"drug_tests"`
	DrugTestsNonNegative int `json:"drug_tests_non_negative"`
	DrugTestsPositive    int `json:"drug_tests_positive"`
	DrugTestsDilute      int `json:"drug_tests_dilute"`
	DrugTestsInvalid     int `json:"drug_tests_invalid"`
	DrugTestsRefused     int `json:"drug_tests_refused"`
	DrugTestsPending     int `json:"drug_tests_pending"`
	// The house's incidents that happened in the period, each counted
	// once however many people it names (a resident's figure counts the
	// ones naming them), by severity. Of them, FollowUps have a follow-up
	// day; FollowUpsClosed are closed now, FollowUpsOverdue still open
	// after their follow-up day (as of the report's today).
	Incidents         int `json:"incidents"`
	IncidentsMinor    int `json:"incidents_minor"`
	IncidentsSerious  int `json:"incidents_serious"`
	IncidentsCritical int `json:"incidents_critical"`
	FollowUps         int `json:"follow_ups"`
	FollowUpsClosed   int `json:"follow_ups_closed"`
	FollowUpsOverdue  int `json:"follow_ups_overdue"`
}

// WeekFigures are the house's figures over one Monday-to-Sunday week of
// the period (cut at its ends), for the report's charts.
type WeekFigures struct {
	From  string       `json:"from"`
	To    string       `json:"to"`
	House HouseFigures `json:"house"`
}

// Report is a house's report over a period.
type Report struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	Through   string    `json:"through"` // the last day counted: to, or today when to is later
	Generated time.Time `json:"generated"`
	// MeetingsPerWeek is the house's expectation the report counts with.
	MeetingsPerWeek int               `json:"meetings_per_week"`
	House           HouseFigures      `json:"house"`
	Residents       []ResidentFigures `json:"residents"`
	Weeks           []WeekFigures     `json:"weeks"`
}

// residentDays holds one resident's figures day by day over the counted
// days, so that any part of the period adds up at once.
type residentDays struct {
	r                      ReportResident
	stay                   []bool // in the house (bed-night), away or not
	present                []bool // in the house and not away
	daily, curfew, late    []int
	meetings, verified     []int
	assigned, done, missed []int
	excused                []int
	tests                  []map[string]int // results by day, nil for none
	incidents              []int
	moveIn, moveOut        CivilDay
	hasMoveIn, hasMoveOut  bool
}

// BuildReport computes a house's report over in.From through in.To in
// the house's zone loc. Days are whole house-local calendar days, so a
// week that crosses a daylight-saving change has seven. A resident counts
// for the days of their stay (move-in day included, move-out day not) on
// which they were not away; days after in.Today do not count yet. A daily
// check-in is expected on each such day before today, and today once made;
// meetings are expected at MeetingsPerWeek for each week's such days, in
// proportion, rounded to the nearest whole meeting. Chores count by the
// house-local day they were due.
func BuildReport(in ReportInput, loc *time.Location) Report {
	last := min(in.To, in.Today)
	n := max(int(last-in.From)+1, 0)
	rep := Report{From: in.From.String(), To: in.To.String(), Through: last.String(), Generated: in.Generated, MeetingsPerWeek: in.MeetingsPerWeek}
	if n == 0 {
		rep.Through = ""
	}

	byUser := make(map[string]*residentDays, len(in.Residents))
	var order []*residentDays
	for _, r := range in.Residents {
		if _, dup := byUser[r.User]; dup {
			continue
		}
		rd := &residentDays{r: r,
			stay: make([]bool, n), present: make([]bool, n),
			daily: make([]int, n), curfew: make([]int, n), late: make([]int, n),
			meetings: make([]int, n), verified: make([]int, n),
			assigned: make([]int, n), done: make([]int, n), missed: make([]int, n), excused: make([]int, n),
			tests: make([]map[string]int, n), incidents: make([]int, n),
		}
		if d, err := ParseCivilDay(r.MoveIn); err == nil {
			rd.moveIn, rd.hasMoveIn = d, true
		}
		if d, err := ParseCivilDay(r.MoveOut); err == nil {
			rd.moveOut, rd.hasMoveOut = d, true
		}
		for i := range n {
			d := in.From + CivilDay(i)
			if (rd.hasMoveIn && d < rd.moveIn) || (rd.hasMoveOut && d >= rd.moveOut) {
				continue
			}
			rd.stay[i] = true
			if set, known := in.Present[d]; known {
				rd.present[i] = set[r.User]
			} else {
				rd.present[i] = !(d == in.Today && r.Status == StatusAway)
			}
		}
		byUser[r.User] = rd
		order = append(order, rd)
	}
	index := func(day string) (int, bool) {
		d, err := ParseCivilDay(day)
		if err != nil || d < in.From || d > last {
			return 0, false
		}
		return int(d - in.From), true
	}

	for _, c := range in.Checkins {
		rd := byUser[c.User]
		i, ok := index(c.Day)
		if rd == nil || !ok || !rd.present[i] {
			continue
		}
		switch c.Kind {
		case CheckinDaily:
			rd.daily[i] = 1 // one a day; a second would be a duplicate
		case CheckinCurfew:
			rd.curfew[i] = 1
			if c.Late {
				rd.late[i] = 1
			}
		}
	}
	for _, m := range in.Meetings {
		rd := byUser[m.User]
		i, ok := index(m.Day)
		if rd == nil || !ok || !rd.stay[i] {
			continue
		}
		rd.meetings[i]++
		if m.Verified {
			rd.verified[i]++
		}
	}
	for _, c := range in.Chores {
		rd := byUser[c.User]
		i, ok := index(CivilDayOf(c.Due.In(loc)).String())
		if rd == nil || !ok {
			continue
		}
		rd.assigned[i]++
		switch c.Status {
		case "done", "approved":
			rd.done[i]++
		case "missed":
			rd.missed[i]++
		case "excused":
			rd.excused[i]++
		}
	}
	dayOf := func(t time.Time) (int, bool) { return index(CivilDayOf(t.In(loc)).String()) }
	for _, dt := range in.DrugTests {
		rd := byUser[dt.User]
		i, ok := dayOf(dt.At)
		if rd == nil || !ok || !rd.stay[i] {
			continue
		}
		if rd.tests[i] == nil {
			rd.tests[i] = map[string]int{}
		}
		rd.tests[i][dt.Result]++
	}
	for _, inc := range in.Incidents {
		i, ok := dayOf(inc.At)
		if !ok {
			continue
		}
		named := map[string]bool{}
		for _, u := range inc.People {
			rd := byUser[u]
			if rd == nil || named[u] || !rd.stay[i] {
				continue
			}
			named[u] = true
			rd.incidents[i]++
		}
	}

	figures := func(rd *residentDays, a, b int) ResidentFigures {
		f := ResidentFigures{User: rd.r.User, Name: rd.r.Name, Status: rd.r.Status}
		if rd.hasMoveIn {
			f.MoveIn = rd.moveIn.String()
		}
		if rd.hasMoveOut {
			f.MoveOut = rd.moveOut.String()
		}
		for i := a; i < b; i++ {
			d := in.From + CivilDay(i)
			if rd.present[i] {
				f.Days++
				f.CheckinsDone += rd.daily[i]
				if d < in.Today || rd.daily[i] > 0 {
					f.CheckinsExpected++
				}
			}
			f.CurfewCheckins += rd.curfew[i]
			f.CurfewLate += rd.late[i]
			f.MeetingsLogged += rd.meetings[i]
			f.MeetingsVerified += rd.verified[i]
			f.ChoresAssigned += rd.assigned[i]
			f.ChoresDone += rd.done[i]
			f.ChoresMissed += rd.missed[i]
			f.ChoresExcused += rd.excused[i]
			for result, k := range rd.tests[i] {
				f.DrugTests += k
				switch result {
				case DrugTestPositive:
					f.DrugTestsPositive += k
				case DrugTestDilute:
					f.DrugTestsDilute += k
				case DrugTestInvalid:
					f.DrugTestsInvalid += k
				case DrugTestRefused:
					f.DrugTestsRefused += k
				case DrugTestPending:
					f.DrugTestsPending += k
				}
			}
			f.Incidents += rd.incidents[i]
		}
		f.DrugTestsNonNegative = f.DrugTestsPositive + f.DrugTestsDilute + f.DrugTestsInvalid + f.DrugTestsRefused
		f.MeetingsExpected = int(math.Round(rd.expectedMeetings(a, b, in.MeetingsPerWeek)))
		return f
	}
	house := func(a, b int) (HouseFigures, []ResidentFigures) {
		h := HouseFigures{Days: b - a, Capacity: in.Capacity}
		var rows []ResidentFigures
		for _, rd := range order {
			stayed := false
			for i := a; i < b; i++ {
				if rd.stay[i] {
					h.BedNights++
					stayed = true
				}
			}
			da, db := in.From+CivilDay(a), in.From+CivilDay(b)
			if rd.hasMoveIn && da <= rd.moveIn && rd.moveIn < db {
				h.MoveIns++
			}
			if rd.hasMoveOut && da <= rd.moveOut && rd.moveOut < db {
				h.MoveOuts++
			}
			f := figures(rd, a, b)
			h.CheckinsDone += f.CheckinsDone
			h.CheckinsExpected += f.CheckinsExpected
			h.CurfewCheckins += f.CurfewCheckins
			h.CurfewLate += f.CurfewLate
			h.MeetingsLogged += f.MeetingsLogged
			h.MeetingsVerified += f.MeetingsVerified
			h.MeetingsExpected += f.MeetingsExpected
			h.ChoresAssigned += f.ChoresAssigned
			h.ChoresDone += f.ChoresDone
			h.ChoresMissed += f.ChoresMissed
			h.ChoresExcused += f.ChoresExcused
			h.DrugTests += f.DrugTests
			h.DrugTestsNonNegative += f.DrugTestsNonNegative
			h.DrugTestsPositive += f.DrugTestsPositive
			h.DrugTestsDilute += f.DrugTestsDilute
			h.DrugTestsInvalid += f.DrugTestsInvalid
			h.DrugTestsRefused += f.DrugTestsRefused
			h.DrugTestsPending += f.DrugTestsPending
			if stayed || f.ChoresAssigned > 0 || f.MeetingsLogged > 0 {
				rows = append(rows, f)
			}
		}
		if in.Capacity > 0 && h.Days > 0 {
			o := math.Round(float64(h.BedNights)*1000/float64(in.Capacity*h.Days)) / 10
			h.Occupancy = &o
		}
		for _, inc := range in.Incidents {
			i, ok := dayOf(inc.At)
			if !ok || i < a || i >= b {
				continue
			}
			h.Incidents++
			switch inc.Severity {
			case IncidentMinor:
				h.IncidentsMinor++
			case IncidentSerious:
				h.IncidentsSerious++
			case IncidentCritical:
				h.IncidentsCritical++
			}
			if due, err := ParseCivilDay(inc.FollowUpBy); err == nil {
				h.FollowUps++
				if inc.Status == IncidentClosed {
					h.FollowUpsClosed++
				} else if due < in.Today {
					h.FollowUpsOverdue++
				}
			}
		}
		var minutes []int
		for _, p := range in.Support {
			i, ok := index(CivilDayOf(p.Created.In(loc)).String())
			if !ok || i < a || i >= b {
				continue
			}
			h.SupportPosts++
			if !p.FirstAnswer.IsZero() {
				h.SupportAnswered++
				minutes = append(minutes, int(p.FirstAnswer.Sub(p.Created).Minutes()))
			}
		}
		if len(minutes) > 0 {
			slices.Sort(minutes)
			med := minutes[(len(minutes)-1)/2]
			if len(minutes)%2 == 0 {
				med = (minutes[len(minutes)/2-1] + minutes[len(minutes)/2] + 1) / 2
			}
			h.FirstAnswerMinutesMedian = &med
			h.FirstAnswerMinutesMax = &minutes[len(minutes)-1]
		}
		return h, rows
	}

	rep.House, rep.Residents = house(0, n)
	if rep.Residents == nil {
		rep.Residents = []ResidentFigures{}
	}
	byName := collate.New(language.Spanish, collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(rep.Residents, func(i, j int) bool {
		if c := byName.CompareString(rep.Residents[i].Name, rep.Residents[j].Name); c != 0 {
			return c < 0
		}
		return rep.Residents[i].User < rep.Residents[j].User
	})
	rep.House.Days = n
	rep.Weeks = []WeekFigures{}
	for a := 0; a < n; {
		d := in.From + CivilDay(a)
		b := min(a+7-d.weekdayFromMonday(), n)
		h, _ := house(a, b)
		rep.Weeks = append(rep.Weeks, WeekFigures{From: d.String(), To: (in.From + CivilDay(b-1)).String(), House: h})
		a = b
	}
	return rep
}

// expectedMeetings is the meetings expected of a resident over the counted
// days a to b: perWeek for every seven days on which they were present,
// in proportion (a week's share for each week, added up).
func (rd *residentDays) expectedMeetings(a, b, perWeek int) float64 {
	present := 0
	for i := a; i < b; i++ {
		if rd.present[i] {
			present++
		}
	}
	return float64(perWeek) * float64(present) / 7
}

// weekdayFromMonday is the day's place in its week: 0 for Monday, 6 for
// Sunday.
func (d CivilDay) weekdayFromMonday() int {
	// 1970-01-01, day 0, was a Thursday (3 days after Monday).
	return ((int(d)+3)%7 + 7) % 7
}
