package hooks

import (
	_ "embed"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"hearth/domain"
)

// DejaVu Sans (fonts/LICENSE-DejaVu.txt: the Bitstream Vera licence, free
// to embed and redistribute) prints every letter of Spanish and most
// European languages.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// reportDoc is a PDF document of Hearth's: A4, DejaVu Sans, a header on
// every page with the title, the house, the period and when it was made,
// in the reader's language. Its bytes depend on its content and its
// Generated time only.
type reportDoc struct {
	pdf                   *fpdf.Fpdf
	lang                  string
	title, house, period  string
	made                  string
	labelWidth, rowHeight float64
}

// newReportDoc starts a document in lang made at generated (its creation
// date, in loc for the header); period is already in lang's words.
func newReportDoc(lang, title, house, period string, generated time.Time, loc *time.Location) *reportDoc {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("dejavu", "", fontRegular)
	p.AddUTF8FontFromBytes("dejavu", "B", fontBold)
	p.SetCreationDate(generated)
	p.SetModificationDate(generated)
	p.SetCatalogSort(true)
	p.SetCompression(true)
	p.SetTitle(title+" — "+house, true)
	p.SetCreator("Hearth", true)
	p.SetLang(reportLang(lang))
	p.SetAutoPageBreak(true, 15)
	p.SetMargins(15, 15, 15)
	d := &reportDoc{pdf: p, lang: lang, title: title, house: house, period: period,
		made: reportMade(lang, generated, loc), labelWidth: 95, rowHeight: 6.5}
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetFont("dejavu", "", 8)
		p.CellFormat(0, 5, d.house+" · "+d.period+" · "+d.word("page", "n", strconv.Itoa(p.PageNo())), "", 0, "C", false, 0, "")
	})
	return d
}

// word is reportWord in the document's language.
func (d *reportDoc) word(key string, pairs ...string) string {
	return reportWord(d.lang, key, pairs...)
}

func (d *reportDoc) header() {
	p := d.pdf
	p.SetFont("dejavu", "B", 15)
	p.CellFormat(0, 8, d.title, "", 1, "L", false, 0, "")
	p.SetFont("dejavu", "", 10)
	p.CellFormat(0, 5.5, d.word("house", "house", d.house), "", 1, "L", false, 0, "")
	p.CellFormat(0, 5.5, d.word("period", "period", d.period), "", 1, "L", false, 0, "")
	p.CellFormat(0, 5.5, d.word("made", "made", d.made), "B", 1, "L", false, 0, "")
	p.Ln(4)
}

// section starts a page with a heading and a line saying what it holds.
func (d *reportDoc) section(heading, about string) {
	p := d.pdf
	p.AddPage()
	p.SetFont("dejavu", "B", 13)
	p.CellFormat(0, 8, heading, "", 1, "L", false, 0, "")
	if about != "" {
		p.SetFont("dejavu", "", 9)
		p.MultiCell(0, 4.5, about, "", "L", false)
	}
	p.Ln(2)
}

// figure writes one "label: value" row.
func (d *reportDoc) figure(label, value string) {
	p := d.pdf
	p.SetFont("dejavu", "", 10)
	p.CellFormat(d.labelWidth, d.rowHeight, label, "B", 0, "L", false, 0, "")
	p.SetFont("dejavu", "B", 10)
	p.CellFormat(0, d.rowHeight, value, "B", 1, "R", false, 0, "")
}

// table writes a table: the first column takes what the others leave.
func (d *reportDoc) table(head []string, widths []float64, rows [][]string) {
	p := d.pdf
	row := func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont("dejavu", style, 8.5)
		for i, c := range cells {
			align := "R"
			if i == 0 {
				align = "L"
				c = clip(c, 34)
			}
			p.CellFormat(widths[i], 6, c, "B", 0, align, bold, 0, "")
		}
		p.Ln(-1)
	}
	p.SetFillColor(235, 235, 235)
	row(head, true)
	for _, r := range rows {
		row(r, false)
	}
	p.Ln(3)
}

func (d *reportDoc) output(w io.Writer) error { return d.pdf.Output(w) }

// reportPeriodText is "2026-10-26 to 2026-11-01" in English, "del 26 de
// octubre de 2026 al 1 de noviembre de 2026" in Spanish.
func reportPeriodText(lang, from, to string) string {
	return reportWord(lang, "periodText", "from", reportDay(lang, from), "to", reportDay(lang, to))
}

// ofText is "5 of 6", "5 de 6".
func ofText(lang string, n, of int) string {
	return reportWord(lang, "of", "n", strconv.Itoa(n), "of", strconv.Itoa(of))
}

// writeHouseReportPDF writes the house report as a PDF in lang, a page for
// each section a certifier asks about: occupancy, resident engagement,
// accountability and safety (drug tests, incidents, support posts).
func writeHouseReportPDF(w io.Writer, houseName, lang string, loc *time.Location, rep domain.Report) error {
	d := newReportDoc(lang, reportWord(lang, "houseTitle"), houseName, reportPeriodText(lang, rep.From, rep.To), rep.Generated, loc)
	word := d.word
	h := rep.House
	itoa := strconv.Itoa
	figs := map[string]string{}
	for _, kv := range houseFigureRows(h) {
		figs[kv[0]] = kv[1]
	}
	through := reportDay(lang, rep.Through)
	if rep.Through == "" {
		through = word("nothingYet")
	}

	d.section(word("occupancy"), word("occupancyAbt", "through", through))
	d.figure(word("daysCounted"), itoa(h.Days))
	if h.Capacity > 0 {
		d.figure(word("beds"), itoa(h.Capacity))
	} else {
		d.figure(word("beds"), word("noLimit"))
	}
	d.figure(word("bedNights"), itoa(h.BedNights))
	if h.Occupancy != nil {
		d.figure(word("occupancy"), figs["occupancy_percent"]+" %")
	}
	d.figure(word("moveIns"), itoa(h.MoveIns))
	d.figure(word("moveOuts"), itoa(h.MoveOuts))
	d.pdf.Ln(4)
	rows := make([][]string, len(rep.Residents))
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, reportStatus(lang, r.Status), reportShortDay(lang, r.MoveIn), reportShortDay(lang, r.MoveOut), itoa(r.Days)}
	}
	d.table([]string{word("colResident"), word("colStatus"), word("colMoveIn"), word("colMoveOut"), word("colDaysHere")}, []float64{62, 33, 30, 30, 25}, rows)

	d.section(word("engagement"), word("engagementAb", "n", itoa(rep.MeetingsPerWeek)))
	d.figure(word("checkinsMade"), ofText(lang, h.CheckinsDone, h.CheckinsExpected))
	d.figure(word("meetingsExp"), itoa(h.MeetingsLogged)+" ("+itoa(h.MeetingsExpected)+")")
	d.figure(word("meetingsVer"), itoa(h.MeetingsVerified))
	d.pdf.Ln(4)
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, itoa(r.Days), ofText(lang, r.CheckinsDone, r.CheckinsExpected), itoa(r.MeetingsLogged), itoa(r.MeetingsVerified), itoa(r.MeetingsExpected)}
	}
	d.table([]string{word("colResident"), word("colDaysHere"), word("colCheckins"), word("colMeetings"), word("colVerified"), word("colExpected")}, []float64{60, 22, 28, 25, 22, 23}, rows)

	d.section(word("account"), word("accountAbout"))
	d.figure(word("curfew"), itoa(h.CurfewCheckins))
	d.figure(word("afterCurfew"), itoa(h.CurfewLate))
	d.figure(word("choresAssign"), itoa(h.ChoresAssigned))
	d.figure(word("choresDone"), itoa(h.ChoresDone))
	d.figure(word("choresMissed"), itoa(h.ChoresMissed))
	d.figure(word("choresExcuse"), itoa(h.ChoresExcused))
	d.pdf.Ln(4)
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, itoa(r.CurfewCheckins), itoa(r.CurfewLate), itoa(r.ChoresAssigned), itoa(r.ChoresDone), itoa(r.ChoresMissed), itoa(r.ChoresExcused)}
	}
	d.table([]string{word("colResident"), word("colCurfew"), word("colLate"), word("colChores"), word("colDone"), word("colMissed"), word("colExcused")}, []float64{54, 20, 18, 22, 22, 22, 22}, rows)

	d.section(word("safety"), word("safetyAbout"))
	d.figure(word("drugTests"), itoa(h.DrugTests))
	d.figure(word("notNegative"), itoa(h.DrugTestsNonNegative))
	d.figure("   "+word("resultPos"), itoa(h.DrugTestsPositive))
	d.figure("   "+word("resultDilute"), itoa(h.DrugTestsDilute))
	d.figure("   "+word("resultInval"), itoa(h.DrugTestsInvalid))
	d.figure("   "+word("resultRefuse"), itoa(h.DrugTestsRefused))
	d.figure(word("resultPend"), itoa(h.DrugTestsPending))
	d.figure(word("incidents"), itoa(h.Incidents))
	d.figure("   "+word("sevMinor"), itoa(h.IncidentsMinor))
	d.figure("   "+word("sevSerious"), itoa(h.IncidentsSerious))
	d.figure("   "+word("sevCritical"), itoa(h.IncidentsCritical))
	d.figure(word("followUps"), itoa(h.FollowUps))
	d.figure("   "+word("followClosed"), itoa(h.FollowUpsClosed))
	d.figure("   "+word("followLate"), itoa(h.FollowUpsOverdue))
	d.figure(word("supportPosts"), itoa(h.SupportPosts))
	d.figure(word("answered"), itoa(h.SupportAnswered))
	if h.FirstAnswerMinutesMedian != nil {
		d.figure(word("minutesMed"), figs["first_answer_minutes_median"])
		d.figure(word("minutesMax"), figs["first_answer_minutes_max"])
	}
	d.pdf.Ln(4)
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, itoa(r.DrugTests), itoa(r.DrugTestsNonNegative), itoa(r.Incidents)}
	}
	d.table([]string{word("colResident"), word("colTests"), word("colNotNeg"), word("colIncidents")}, []float64{90, 30, 30, 30}, rows)
	return d.output(w)
}
