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
// every page with the title, the house, the period and when it was made.
// Its bytes depend on its content and its Generated time only.
type reportDoc struct {
	pdf                   *fpdf.Fpdf
	title, house, period  string
	made                  string
	labelWidth, rowHeight float64
}

// newReportDoc starts a document made at generated (its creation date, in
// loc for the header).
func newReportDoc(title, house, period string, generated time.Time, loc *time.Location) *reportDoc {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("dejavu", "", fontRegular)
	p.AddUTF8FontFromBytes("dejavu", "B", fontBold)
	p.SetCreationDate(generated)
	p.SetModificationDate(generated)
	p.SetCatalogSort(true)
	p.SetCompression(true)
	p.SetTitle(title+" — "+house, true)
	p.SetCreator("Hearth", true)
	p.SetAutoPageBreak(true, 15)
	p.SetMargins(15, 15, 15)
	d := &reportDoc{pdf: p, title: title, house: house, period: period,
		made: generated.In(loc).Format("2006-01-02 15:04 MST"), labelWidth: 95, rowHeight: 6.5}
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetFont("dejavu", "", 8)
		p.CellFormat(0, 5, d.house+" · "+d.period+" · page "+strconv.Itoa(p.PageNo()), "", 0, "C", false, 0, "")
	})
	return d
}

func (d *reportDoc) header() {
	p := d.pdf
	p.SetFont("dejavu", "B", 15)
	p.CellFormat(0, 8, d.title, "", 1, "L", false, 0, "")
	p.SetFont("dejavu", "", 10)
	p.CellFormat(0, 5.5, "House: "+d.house, "", 1, "L", false, 0, "")
	p.CellFormat(0, 5.5, "Period: "+d.period, "", 1, "L", false, 0, "")
	p.CellFormat(0, 5.5, "Made: "+d.made+" by Hearth", "B", 1, "L", false, 0, "")
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

// reportPeriodText is "2026-10-26 to 2026-11-01".
func reportPeriodText(from, to string) string { return from + " to " + to }

// ofText is "5 of 6".
func ofText(n, of int) string { return strconv.Itoa(n) + " of " + strconv.Itoa(of) }

// writeHouseReportPDF writes the house report as a PDF, a page for each
// section a certifier asks about: occupancy, resident engagement,
// accountability and safety. Drug tests and incidents (not in Hearth yet)
// will join accountability and safety.
func writeHouseReportPDF(w io.Writer, houseName string, loc *time.Location, rep domain.Report) error {
	d := newReportDoc("House report", houseName, reportPeriodText(rep.From, rep.To), rep.Generated, loc)
	h := rep.House
	itoa := strconv.Itoa
	figs := map[string]string{}
	for _, kv := range houseFigureRows(h) {
		figs[kv[0]] = kv[1]
	}
	through := rep.Through
	if through == "" {
		through = "nothing yet (the period has not started)"
	}

	d.section("Occupancy", "Whole house-local days counted through "+through+". A bed-night is a night of a resident's stay, away on a pass included; occupancy is bed-nights over beds × days.")
	d.figure("Days counted", itoa(h.Days))
	if h.Capacity > 0 {
		d.figure("Beds", itoa(h.Capacity))
	} else {
		d.figure("Beds", "no limit set")
	}
	d.figure("Bed-nights", itoa(h.BedNights))
	if h.Occupancy != nil {
		d.figure("Occupancy", figs["occupancy_percent"]+" %")
	}
	d.figure("Move-ins", itoa(h.MoveIns))
	d.figure("Move-outs", itoa(h.MoveOuts))
	d.pdf.Ln(4)
	rows := make([][]string, len(rep.Residents))
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, r.Status, r.MoveIn, r.MoveOut, itoa(r.Days)}
	}
	d.table([]string{"Resident", "Status", "Move-in", "Move-out", "Days here"}, []float64{70, 25, 30, 30, 25}, rows)

	d.section("Resident engagement", "Days here are the days a resident lived in the house and was not away. A daily check-in is expected on each; outside meetings at the house's "+itoa(rep.MeetingsPerWeek)+" a week, in proportion.")
	d.figure("Daily check-ins made", ofText(h.CheckinsDone, h.CheckinsExpected))
	d.figure("Outside meetings logged (expected)", itoa(h.MeetingsLogged)+" ("+itoa(h.MeetingsExpected)+")")
	d.figure("Meetings verified by a manager", itoa(h.MeetingsVerified))
	d.pdf.Ln(4)
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, itoa(r.Days), ofText(r.CheckinsDone, r.CheckinsExpected), itoa(r.MeetingsLogged), itoa(r.MeetingsVerified), itoa(r.MeetingsExpected)}
	}
	d.table([]string{"Resident", "Days here", "Check-ins", "Meetings", "Verified", "Expected"}, []float64{60, 22, 28, 25, 22, 23}, rows)

	d.section("Accountability", "Curfew check-ins (\"I'm home\") and those after curfew; chores by the day they were due.")
	d.figure("Curfew check-ins", itoa(h.CurfewCheckins))
	d.figure("After curfew", itoa(h.CurfewLate))
	d.figure("Chores assigned", itoa(h.ChoresAssigned))
	d.figure("Chores done", itoa(h.ChoresDone))
	d.figure("Chores missed", itoa(h.ChoresMissed))
	d.figure("Chores excused", itoa(h.ChoresExcused))
	d.pdf.Ln(4)
	for i, r := range rep.Residents {
		rows[i] = []string{r.Name, itoa(r.CurfewCheckins), itoa(r.CurfewLate), itoa(r.ChoresAssigned), itoa(r.ChoresDone), itoa(r.ChoresMissed), itoa(r.ChoresExcused)}
	}
	d.table([]string{"Resident", "Curfew", "Late", "Chores", "Done", "Missed", "Excused"}, []float64{54, 20, 18, 22, 22, 22, 22}, rows)

	d.section("Safety", "Support posts: a resident asking the house for help, day or night, and how soon someone answered.")
	d.figure("Support posts", itoa(h.SupportPosts))
	d.figure("Answered", itoa(h.SupportAnswered))
	if h.FirstAnswerMinutesMedian != nil {
		d.figure("Minutes to the first answer (median)", figs["first_answer_minutes_median"])
		d.figure("Minutes to the first answer (longest)", figs["first_answer_minutes_max"])
	}
	return d.output(w)
}
