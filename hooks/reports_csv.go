package hooks

import (
	"io"
	"strconv"
	"strings"

	"hearth/domain"
)

// csvCell is a value as one CSV field: always in double quotes (inner
// quotes doubled), and, when it starts with a character a spreadsheet
// reads as a formula (=, +, -, @) or as the start of one (a tab, a
// carriage return), prefixed with an apostrophe so that it stays text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// writeCSVRow writes one CRLF-ended row of cells.
func writeCSVRow(w io.Writer, cells ...string) {
	quoted := make([]string, len(cells))
	for i, c := range cells {
		quoted[i] = csvCell(c)
	}
	io.WriteString(w, strings.Join(quoted, ",")+"\r\n")
}

// writeHouseReportCSV writes the house report as CSV: the house, the
// period, one row per resident with their figures, then the house's.
func writeHouseReportCSV(w io.Writer, houseName string, rep domain.Report) {
	itoa := strconv.Itoa
	writeCSVRow(w, "house", houseName)
	writeCSVRow(w, "from", rep.From)
	writeCSVRow(w, "to", rep.To)
	writeCSVRow(w, "counted through", rep.Through)
	writeCSVRow(w, "generated", rep.Generated.UTC().Format("2006-01-02T15:04:05Z"))
	writeCSVRow(w)
	writeCSVRow(w, "resident", "status", "move_in", "move_out", "days",
		"checkins_done", "checkins_expected", "curfew_checkins", "curfew_late",
		"meetings_logged", "meetings_verified", "meetings_expected",
		"chores_assigned", "chores_done", "chores_missed", "chores_excused",
		"drug_tests", "drug_tests_non_negative", "drug_tests_positive", "drug_tests_dilute",
		"drug_tests_invalid", "drug_tests_refused", "drug_tests_pending", "incidents")
	for _, r := range rep.Residents {
		writeCSVRow(w, r.Name, r.Status, r.MoveIn, r.MoveOut, itoa(r.Days),
			itoa(r.CheckinsDone), itoa(r.CheckinsExpected), itoa(r.CurfewCheckins), itoa(r.CurfewLate),
			itoa(r.MeetingsLogged), itoa(r.MeetingsVerified), itoa(r.MeetingsExpected),
			itoa(r.ChoresAssigned), itoa(r.ChoresDone), itoa(r.ChoresMissed), itoa(r.ChoresExcused),
			itoa(r.DrugTests), itoa(r.DrugTestsNonNegative), itoa(r.DrugTestsPositive), itoa(r.DrugTestsDilute),
			itoa(r.DrugTestsInvalid), itoa(r.DrugTestsRefused), itoa(r.DrugTestsPending), itoa(r.Incidents))
	}
	writeCSVRow(w)
	h := rep.House
	writeCSVRow(w, "house figure", "value")
	for _, kv := range houseFigureRows(h) {
		writeCSVRow(w, kv[0], kv[1])
	}
}

// houseFigureRows are the house's figures as name and value, in the
// order the CSV and the PDF list them.
func houseFigureRows(h domain.HouseFigures) [][2]string {
	itoa := strconv.Itoa
	opt := func(p *int) string {
		if p == nil {
			return ""
		}
		return itoa(*p)
	}
	occupancy := ""
	if h.Occupancy != nil {
		occupancy = strconv.FormatFloat(*h.Occupancy, 'f', 1, 64)
	}
	return [][2]string{
		{"days", itoa(h.Days)},
		{"capacity", itoa(h.Capacity)},
		{"bed_nights", itoa(h.BedNights)},
		{"occupancy_percent", occupancy},
		{"move_ins", itoa(h.MoveIns)},
		{"move_outs", itoa(h.MoveOuts)},
		{"checkins_done", itoa(h.CheckinsDone)},
		{"checkins_expected", itoa(h.CheckinsExpected)},
		{"curfew_checkins", itoa(h.CurfewCheckins)},
		{"curfew_late", itoa(h.CurfewLate)},
		{"meetings_logged", itoa(h.MeetingsLogged)},
		{"meetings_verified", itoa(h.MeetingsVerified)},
		{"meetings_expected", itoa(h.MeetingsExpected)},
		{"chores_assigned", itoa(h.ChoresAssigned)},
		{"chores_done", itoa(h.ChoresDone)},
		{"chores_missed", itoa(h.ChoresMissed)},
		{"chores_excused", itoa(h.ChoresExcused)},
		{"support_posts", itoa(h.SupportPosts)},
		{"support_answered", itoa(h.SupportAnswered)},
		{"first_answer_minutes_median", opt(h.FirstAnswerMinutesMedian)},
		{"first_answer_minutes_max", opt(h.FirstAnswerMinutesMax)},
		{"drug_tests", itoa(h.DrugTests)},
		{"drug_tests_non_negative", itoa(h.DrugTestsNonNegative)},
		{"drug_tests_positive", itoa(h.DrugTestsPositive)},
		{"drug_tests_dilute", itoa(h.DrugTestsDilute)},
		{"drug_tests_invalid", itoa(h.DrugTestsInvalid)},
		{"drug_tests_refused", itoa(h.DrugTestsRefused)},
		{"drug_tests_pending", itoa(h.DrugTestsPending)},
		{"incidents", itoa(h.Incidents)},
		{"incidents_minor", itoa(h.IncidentsMinor)},
		{"incidents_serious", itoa(h.IncidentsSerious)},
		{"incidents_critical", itoa(h.IncidentsCritical)},
		{"follow_ups", itoa(h.FollowUps)},
		{"follow_ups_closed", itoa(h.FollowUpsClosed)},
		{"follow_ups_overdue", itoa(h.FollowUpsOverdue)},
	}
}
