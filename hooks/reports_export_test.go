package hooks_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	tk "hearth/testkit"
)

// unzipped is a zip's files by name.
func unzipped(t testing.TB, body []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return files
}

// TestPersonalExport: a person's zip holds their records and their own
// uploaded files, for residents, alumni and people discharged, and nothing
// of anyone else's: not another's records, words, files or hidden fields.
func TestPersonalExport(t *testing.T) {
	w := tk.Seeded(t)
	const url = "/api/hearth/me/export"
	// residentA2's chore photo (a protected file) and a notification whose
	// body quotes residentA2's answer to residentA1.
	prepare := func(t testing.TB, app core.App) {
		r := findOrFail(t, app, "chore_assignments", w.AssignmentA2)
		f, err := filesystem.NewFileFromBytes(tinyPNG, "kitchen.png")
		if err != nil {
			t.Fatal(err)
		}
		r.Set("photo", f)
		r.Set("status", "done")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		saveOrFail(t, app, "notifications", map[string]any{"user": w.People[tk.ResidentA1].ID, "kind": "support_answer",
			"title": "residentA2 answered your post", "body": "secret words of A2"})
	}
	type want struct {
		has, lacks map[string][]string // file name → substrings
		files      []string            // file names that must be there
		noFiles    []string            // prefixes that must not
	}
	cases := []struct {
		name, actor string
		want        want
	}{
		{"a resident", tk.ResidentA1, want{
			has: map[string][]string{
				"users.json":         {w.People[tk.ResidentA1].ID, "residentA1@example.com", "555-0101", "Ana One"},
				"memberships.json":   {w.People[tk.ResidentA1].Membership},
				"checkins.json":      {"Good talk with my sponsor."},
				"meetings.json":      {"Tuesday Night Big Book"},
				"posts.json":         {w.PostA},
				"rsvps.json":         {w.RsvpA1},
				"notifications.json": {"residentA2 answered your post"},
				"drug_tests.json":    {w.DrugTestA1, "Routine."},
				"incidents.json":     {w.IncidentA1, "Came in after curfew without calling."},
			},
			lacks: map[string][]string{
				"users.json":             {"password", "tokenKey", "residentA2"},
				"comments.json":          {w.CommentA},
				"reactions.json":         {w.ReactionA},
				"notifications.json":     {"secret words of A2"},
				"chore_assignments.json": {w.AssignmentA2},
			},
			files:   []string{"README.txt", "comments.json", "reactions.json"},
			noFiles: []string{"files/"},
		}},
		{"the resident who commented, reacted and uploaded a photo", tk.ResidentA2, want{
			has: map[string][]string{
				"comments.json":          {w.CommentA},
				"reactions.json":         {w.ReactionA},
				"chore_assignments.json": {w.AssignmentA2, "kitchen"},
			},
			lacks: map[string][]string{
				"posts.json":      {w.PostA},
				"checkins.json":   {"Good talk"},
				"meetings.json":   {"Tuesday Night"},
				"drug_tests.json": {w.DrugTestA1, "Routine."},
				"incidents.json":  {w.IncidentA1, "Came in after curfew"},
			},
			files: []string{"files/chore_assignments/" + w.AssignmentA2 + "/", "drug_tests.json", "incidents.json"},
		}},
		{"an alumnus", tk.AlumnusA, want{
			has:   map[string][]string{"memberships.json": {`"status": "alumni"`, "private reason of alumnusA"}, "reports.json": {w.ReportA}},
			lacks: map[string][]string{"checkins.json": {"Good talk"}},
		}},
		{"someone discharged", tk.DischargedA, want{
			has: map[string][]string{"memberships.json": {`"status": "discharged"`, w.MembershipDischargedB}},
		}},
	}
	for _, c := range cases {
		pinnedCase{name: c.name, actor: c.actor, method: "GET", url: url, prepare: prepare, status: 200,
			content: []string{"PK"},
			check: func(t testing.TB, app core.App, body []byte) {
				files := unzipped(t, body)
				for name, subs := range c.want.has {
					for _, s := range subs {
						if !strings.Contains(files[name], s) {
							t.Errorf("%s: %s lacks %q:\n%s", c.name, name, s, files[name])
						}
					}
				}
				for name, subs := range c.want.lacks {
					for _, s := range subs {
						if strings.Contains(files[name], s) {
							t.Errorf("%s: %s holds %q", c.name, name, s)
						}
					}
				}
				for _, prefix := range c.want.files {
					found := false
					for name := range files {
						found = found || strings.HasPrefix(name, prefix)
					}
					if !found {
						t.Errorf("%s: no %s in the zip", c.name, prefix)
					}
				}
				for name, content := range files {
					for _, prefix := range c.want.noFiles {
						if strings.HasPrefix(name, prefix) {
							t.Errorf("%s: the zip holds %s", c.name, name)
						}
					}
					if strings.HasPrefix(name, "files/chore_assignments/") && content != string(tinyPNG) {
						t.Errorf("%s: %s is not the uploaded photo", c.name, name)
					}
				}
			}}.run(t)
	}
	pinnedCase{name: "anonymous", actor: tk.Anonymous, method: "GET", url: url, status: 401}.run(t)
}
