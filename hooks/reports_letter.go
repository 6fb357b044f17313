package hooks

import (
	"bytes"
	"io"
	"strconv"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// letterMeeting is a meeting as the progress letter lists it.
type letterMeeting struct {
	Date     string `db:"date"`
	Program  string `db:"program"`
	Name     string `db:"name"`
	Verified bool   `db:"verified"`
}

// progressLetter answers GET /api/hearth/me/report: the requester's own
// attendance and progress in a house they live or lived in, whatever
// their status now. Nobody gets another person's: there is no user to
// name.
func progressLetter(e *core.RequestEvent, clock clockwork.Clock) error {
	houseID := e.Request.URL.Query().Get("house")
	m, err := e.App.FindFirstRecordByFilter("memberships", "house = {:house} && user = {:user}",
		dbx.Params{"house": houseID, "user": e.Auth.Id})
	if err != nil {
		return e.NotFoundError("", err)
	}
	house, err := e.App.FindRecordById("houses", m.GetString("house"))
	if err != nil {
		return e.NotFoundError("", err)
	}
	first, last, format, err := reportPeriod(e, reportPDF, reportCSV)
	if err != nil {
		return err
	}
	loc := houseLocation(e.App, house)
	now := clock.Now()
	in, err := reportInput(e.App, house, loc, first, last, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	in.Today = domain.CivilDayOf(now.In(loc))
	in.Generated = now.UTC().Truncate(time.Second)
	rep := domain.BuildReport(in, loc)
	f := domain.ResidentFigures{Name: e.Auth.GetString("name"), Status: m.GetString("status")}
	if len(rep.Residents) > 0 {
		f = rep.Residents[0]
	}
	f.MoveIn, f.MoveOut = day10(m.GetString("move_in")), day10(m.GetString("move_out"))

	var meetings []letterMeeting
	err = e.App.DB().NewQuery(`SELECT substr(date, 1, 10) AS date, program, COALESCE(name, '') AS name,
			(COALESCE(verified_by, '') != '') AS verified
		FROM meetings WHERE user = {:user} AND house = {:house} AND date >= {:from} AND date < {:to}
		ORDER BY date, created`).Bind(dbx.Params{
		"user": e.Auth.Id, "house": house.Id,
		"from": first.String() + " 00:00:00.000Z", "to": (last + 1).String() + " 00:00:00.000Z",
	}).All(&meetings)
	if err != nil {
		return e.InternalServerError("", err)
	}

	// An export of their own data, recorded as their export of the zip is.
	auditRoute(e, "export", "houses", house.Id, []string{e.Auth.Id})
	var buf bytes.Buffer
	name := "hearth-progress-" + fileSafe(f.Name) + "-" + rep.From + "-" + rep.To
	if format == reportCSV {
		writeLetterCSV(&buf, house.GetString("name"), rep, f, meetings)
		return sendDownload(e, "text/csv; charset=utf-8", name+".csv", buf.Bytes())
	}
	if err := writeLetterPDF(&buf, house.GetString("name"), e.Auth.GetString("language"), loc, rep, f, meetings); err != nil {
		return e.InternalServerError("", err)
	}
	return sendDownload(e, "application/pdf", name+".pdf", buf.Bytes())
}

// day10 is the "YYYY-MM-DD" of a PocketBase date, "" for none.
func day10(s string) string {
	if len(s) < 10 {
		return ""
	}
	return s[:10]
}

// verifiedWord is "verified" for a verified meeting, "" otherwise.
func verifiedWord(v bool) string {
	if v {
		return "verified"
	}
	return ""
}

// writeLetterCSV writes the letter as CSV: who, where, the stay, the
// figures, then one row per meeting.
func writeLetterCSV(w io.Writer, houseName string, rep domain.Report, f domain.ResidentFigures, meetings []letterMeeting) {
	itoa := strconv.Itoa
	for _, kv := range [][2]string{
		{"name", f.Name}, {"house", houseName}, {"from", rep.From}, {"to", rep.To},
		{"generated", rep.Generated.UTC().Format("2006-01-02T15:04:05Z")},
		{"move_in", f.MoveIn}, {"move_out", f.MoveOut}, {"days_in_house", itoa(f.Days)},
		{"checkins_done", itoa(f.CheckinsDone)}, {"checkins_expected", itoa(f.CheckinsExpected)},
		{"curfew_checkins", itoa(f.CurfewCheckins)}, {"curfew_late", itoa(f.CurfewLate)},
		{"meetings_logged", itoa(f.MeetingsLogged)}, {"meetings_verified", itoa(f.MeetingsVerified)},
		{"chores_assigned", itoa(f.ChoresAssigned)}, {"chores_done", itoa(f.ChoresDone)},
		{"chores_missed", itoa(f.ChoresMissed)}, {"chores_excused", itoa(f.ChoresExcused)},
	} {
		writeCSVRow(w, kv[0], kv[1])
	}
	writeCSVRow(w)
	writeCSVRow(w, "meeting_date", "program", "meeting", "verified")
	for _, m := range meetings {
		writeCSVRow(w, m.Date, m.Program, m.Name, verifiedWord(m.Verified))
	}
}

// writeLetterPDF writes the letter in lang: the stay and the figures on
// the first page, the meetings after.
func writeLetterPDF(w io.Writer, houseName, lang string, loc *time.Location, rep domain.Report, f domain.ResidentFigures, meetings []letterMeeting) error {
	d := newReportDoc(lang, reportWord(lang, "letterTitle", "name", f.Name), houseName, reportPeriodText(lang, rep.From, rep.To), rep.Generated, loc)
	word := d.word
	itoa := strconv.Itoa
	stay := word("stayFromTo", "from", orDash(reportDay(lang, f.MoveIn)), "to", orDash(reportDay(lang, f.MoveOut)))
	if f.MoveOut == "" {
		stay = word("stayFrom", "from", orDash(reportDay(lang, f.MoveIn)))
	}
	d.section(word("stay"), word("stayAbout", "name", f.Name))
	d.figure(word("stayInHouse"), stay)
	d.figure(word("daysInHouse"), itoa(f.Days))
	d.figure(word("dailyCheck"), ofText(lang, f.CheckinsDone, f.CheckinsExpected))
	d.figure(word("curfewLate"), itoa(f.CurfewCheckins)+" ("+itoa(f.CurfewLate)+")")
	d.figure(word("meetingsLog"), itoa(f.MeetingsLogged))
	d.figure(word("meetingsVer"), itoa(f.MeetingsVerified))
	d.figure(word("choresAssign"), itoa(f.ChoresAssigned))
	d.figure(word("choresDMX"), itoa(f.ChoresDone)+" / "+itoa(f.ChoresMissed)+" / "+itoa(f.ChoresExcused))

	d.section(word("meetings"), word("meetingsAb"))
	rows := make([][]string, len(meetings))
	for i, m := range meetings {
		verified := ""
		if m.Verified {
			verified = word("verified")
		}
		rows[i] = []string{m.Name, reportShortDay(lang, m.Date), m.Program, verified}
	}
	d.table([]string{word("colMeeting"), word("colDate"), word("colProgram"), word("colVerified")}, []float64{85, 30, 35, 30}, rows)
	return d.output(w)
}

// orDash is s, or "—" when empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
