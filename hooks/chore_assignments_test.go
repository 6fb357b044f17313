package hooks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"hearth/hooks"
	tk "hearth/testkit"
)

// assignmentState puts an assignment in a state before the request.
func assignmentState(id string, fields map[string]any) func(t testing.TB, app core.App) {
	return setRecord("chore_assignments", id, fields)
}

// withPhoto is an assignment that was marked done with a photo.
func withPhoto(id, status string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		r := findOrFail(t, app, "chore_assignments", id)
		f, err := filesystem.NewFileFromBytes(tinyPNG, "earlier.png")
		if err != nil {
			t.Fatal(err)
		}
		r.Set("photo", f)
		r.Set("status", status)
		save(t, app, r)
	}
}

// assignmentIs checks fields of an assignment after the request.
func assignmentIs(id string, want map[string]string) func(t testing.TB, app core.App, _ []byte) {
	return func(t testing.TB, app core.App, _ []byte) {
		r := findOrFail(t, app, "chore_assignments", id)
		for f, v := range want {
			got := r.GetString(f)
			if v == "*" && got == "" || v != "*" && got != v {
				t.Errorf("%s = %q, want %q", f, got, v)
			}
		}
	}
}

// notified checks that the person got a notification of the kind whose
// title contains the text.
func notified(userID, kind, text string) func(t testing.TB, app core.App, _ []byte) {
	return func(t testing.TB, app core.App, _ []byte) {
		n, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && kind = {:k}", map[string]any{"u": userID, "k": kind})
		if err != nil || !strings.Contains(n.GetString("title")+" "+n.GetString("body"), text) {
			t.Errorf("%s has no %s notification saying %q (%v)", userID, kind, text, err)
		}
	}
}

func both(checks ...func(t testing.TB, app core.App, b []byte)) func(t testing.TB, app core.App, b []byte) {
	return func(t testing.TB, app core.App, b []byte) {
		for _, c := range checks {
			c(t, app, b)
		}
	}
}

// TestChoreTransitions is docs/API.md's transition table through the API,
// as each role: the assignee, a manager who is not the assignee, a manager
// who is, housemates and other houses.
func TestChoreTransitions(t *testing.T) {
	w := tk.Seeded(t)
	id := w.AssignmentA2
	url := "/api/collections/chore_assignments/records/" + id
	a2, mgr := w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID
	photo := func(status string) *multipartForm {
		return &multipartForm{fields: map[string]string{"status": status}, fileField: "photo", name: "kitchen.png", content: tinyPNG}
	}
	done := withPhoto(id, "done")
	refused := []string{"chore_assignments", "notifications"}
	cases := []pinnedCase{
		{name: "the assignee marks it done with a photo", actor: tk.ResidentA2, method: "PATCH", url: url,
			form: photo("done"), status: 200, content: []string{`"status":"done"`},
			check: both(assignmentIs(id, map[string]string{"status": "done", "photo": "*", "done_at": "2026-11-23 18:30:00.000Z"}),
				notified(mgr, "chore_review", "residentA2: Kitchen is done"))},
		{name: "done while the sweep marks it missed", actor: tk.ResidentA2, method: "PATCH", url: url,
			// The sweep's write lands between the request reading the
			// assignment and saving it: the resident's save must not undo it.
			prepare: func(t testing.TB, app core.App) {
				app.OnRecordUpdateRequest("chore_assignments").BindFunc(func(e *core.RecordRequestEvent) error {
					if _, err := e.App.DB().Update("chore_assignments", dbx.Params{"status": "missed"},
						dbx.HashExp{"id": id}).Execute(); err != nil {
						return err
					}
					return e.Next()
				})
			},
			form: photo("done"), status: 400,
			content: []string{fieldErrJSON("status", "validation_chore_changed") + "This chore changed a moment ago"},
			check:   assignmentIs(id, map[string]string{"status": "missed", "photo": ""})},
		{name: "done without the photo the chore needs", actor: tk.ResidentA2, method: "PATCH", url: url,
			body: map[string]any{"status": "done"}, status: 400,
			content: []string{fieldErrJSON("photo", "validation_photo_required") + "This chore needs a photo"}, unchanged: refused},
		{name: "done without a photo when the chore needs none", actor: tk.ResidentA2, method: "PATCH", url: url,
			prepare: func(t testing.TB, app core.App) {
				c := findOrFail(t, app, "chores", w.ChoreA)
				c.Set("needs_photo", false)
				save(t, app, c)
			},
			body: map[string]any{"status": "done", "note": "Wiped the counters too"}, status: 200,
			check: assignmentIs(id, map[string]string{"status": "done", "note": "Wiped the counters too"})},
		{name: "a text file is not a photo", actor: tk.ResidentA2, method: "PATCH", url: url,
			form:   &multipartForm{fields: map[string]string{"status": "done"}, fileField: "photo", name: "x.txt", content: []byte("hello")},
			status: 400, content: []string{`"photo":{"code":"validation_invalid_mime_type"`}, unchanged: refused},
		{name: "the assignee approves their own", actor: tk.ResidentA2, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "approved"}, status: 400,
			content: []string{"Another house manager reviews your chores; you can't approve your own."}, unchanged: refused},
		{name: "a manager approves", actor: tk.ManagerA, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "approved"}, status: 200,
			check: assignmentIs(id, map[string]string{"status": "approved", "reviewed_by": mgr, "reviewed_at": "2026-11-23 18:30:00.000Z"})},
		{name: "a manager rejects without a reason", actor: tk.ManagerA, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "rejected"}, status: 400,
			content: []string{fieldErrJSON("review_note", "validation_reason_required")}, unchanged: refused},
		{name: "a manager rejects with a reason", actor: tk.ManagerA, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "rejected", "review_note": "The stove still needs wiping."}, status: 200,
			check: both(assignmentIs(id, map[string]string{"status": "rejected", "reviewed_by": mgr}),
				notified(a2, "chore_rejected", "The stove still needs wiping."))},
		{name: "redo with the old photo", actor: tk.ResidentA2, method: "PATCH", url: url, prepare: withPhoto(id, "rejected"),
			body: map[string]any{"status": "done"}, status: 400,
			content: []string{fieldErrJSON("photo", "validation_photo_required")}, unchanged: refused},
		{name: "redo with a new photo", actor: tk.ResidentA2, method: "PATCH", url: url, prepare: withPhoto(id, "rejected"),
			form: photo("done"), status: 200, check: assignmentIs(id, map[string]string{"status": "done"})},
		{name: "a manager excuses an open chore", actor: tk.ManagerA, method: "PATCH", url: url,
			body: map[string]any{"status": "excused", "review_note": "At the hospital with family"}, status: 200,
			check: assignmentIs(id, map[string]string{"status": "excused", "reviewed_by": mgr})},
		{name: "a manager excuses a missed chore", actor: tk.ManagerA, method: "PATCH", url: url,
			prepare: assignmentState(id, map[string]any{"status": "missed"}),
			body:    map[string]any{"status": "excused"}, status: 200, check: assignmentIs(id, map[string]string{"status": "excused"})},
		{name: "a manager excuses a done chore", actor: tk.ManagerA, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "excused"}, status: 400, content: []string{"Only an open or missed chore can be excused"},
			unchanged: refused},
		{name: "a manager marks someone's chore done", actor: tk.ManagerA, method: "PATCH", url: url,
			body: map[string]any{"status": "done"}, status: 400, unchanged: refused},
		{name: "a manager marks it missed", actor: tk.ManagerA, method: "PATCH", url: url,
			body: map[string]any{"status": "missed"}, status: 400, unchanged: refused},
		{name: "the assignee reopens an approved chore", actor: tk.ResidentA2, method: "PATCH", url: url,
			prepare: withPhoto(id, "approved"), body: map[string]any{"status": "open"}, status: 400, unchanged: refused},
		{name: "the assignee marks an approved chore done again", actor: tk.ResidentA2, method: "PATCH", url: url,
			prepare: withPhoto(id, "approved"), form: photo("done"), status: 400,
			content: []string{"This chore is done and approved."}, unchanged: refused},
		{name: "the assignee moves the due time", actor: tk.ResidentA2, method: "PATCH", url: url,
			body: map[string]any{"due": "2026-12-01 17:00:00.000Z"}, status: 403, unchanged: refused},
		{name: "the assignee gives themselves fewer points", actor: tk.ResidentA2, method: "PATCH", url: url,
			body: map[string]any{"points": 1}, status: 403, unchanged: refused},
		{name: "a manager hands it to someone else", actor: tk.ManagerA, method: "PATCH", url: url,
			body: map[string]any{"assignee": w.People[tk.ResidentA1].ID}, status: 403, unchanged: refused},
		{name: "a housemate marks it done", actor: tk.ResidentA1, method: "PATCH", url: url,
			form: photo("done"), status: 404, unchanged: refused},
		{name: "another house's manager approves", actor: tk.ManagerB, method: "PATCH", url: url, prepare: done,
			body: map[string]any{"status": "approved"}, status: 404, unchanged: refused},
		{name: "a manager who is the assignee approves their own", actor: tk.ManagerA, method: "PATCH", url: url,
			prepare: func(t testing.TB, app core.App) {
				assignmentState(id, map[string]any{"assignee": mgr})(t, app)
				withPhoto(id, "done")(t, app)
			},
			body: map[string]any{"status": "approved"}, status: 400,
			content: []string{"you can't approve your own"}, unchanged: refused},
		{name: "the assignee after moving out", actor: tk.ResidentA2, method: "PATCH", url: url,
			prepare: setFields(w.People[tk.ResidentA2].Membership, map[string]any{"status": hooks.StatusAlumni}),
			form:    photo("done"), status: 404, unchanged: []string{"chore_assignments"}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestChoreMissedNotifies: the server moves an open chore to missed (Go
// code, as the job does), and the assignee and the managers hear of it in
// the same transaction.
func TestChoreMissedNotifies(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	r := findOrFail(t, app, "chore_assignments", w.AssignmentA2)
	r.Set("status", "missed")
	save(t, app, r)
	notified(w.People[tk.ResidentA2].ID, "chore_missed", "Kitchen wasn't marked done in time")(t, app, nil)
	notified(w.People[tk.ManagerA].ID, "chore_missed", "residentA2: Kitchen was missed")(t, app, nil)
	if n, _ := app.CountRecords("notifications", nil); n != 4 { // the 2 seeded + these 2
		t.Errorf("%d notifications, want 4: nobody else hears of a missed chore", n)
	}
}

// TestChoreValidation: a chore's schedule and rotation make sense, with
// the defaults a manager expects.
func TestChoreValidation(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/collections/chores/records"
	chore := func(extra map[string]any) map[string]any {
		b := map[string]any{"house": w.HouseA, "title": "Bathroom", "cadence": "weekly", "weekday": 6, "due_time": "10:00"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	created := func(field string, want any) func(t testing.TB, app core.App, _ []byte) {
		return func(t testing.TB, app core.App, _ []byte) {
			c, err := app.FindFirstRecordByData("chores", "title", "Bathroom")
			if err != nil || fmt.Sprint(c.Get(field)) != fmt.Sprint(want) {
				t.Errorf("created chore %s = %v, want %v (%v)", field, c.Get(field), want, err)
			}
		}
	}
	cases := []pinnedCase{
		{name: "a new chore is active and worth a point", actor: tk.ManagerA, url: url, body: chore(nil), status: 200,
			check: both(created("active", true), created("points", 1))},
		{name: "a rotation of housemates", actor: tk.ManagerA, url: url, status: 200,
			body:  chore(map[string]any{"rotation": []string{w.People[tk.ResidentA1].ID, w.People[tk.AwayA].ID}}),
			check: created("rotation", []string{w.People[tk.ResidentA1].ID, w.People[tk.AwayA].ID})},
		// Not named: a manager must not learn another house's names from ids.
		{name: "someone of another house in the rotation", actor: tk.ManagerA, url: url, status: 400,
			body:      chore(map[string]any{"rotation": []string{w.People[tk.ResidentB].ID}}),
			content:   []string{fieldErrJSON("rotation", "validation_rotation_not_housemate") + "Someone in the list doesn't live in this house"},
			unchanged: []string{"chores"}},
		{name: "an alumnus in the rotation", actor: tk.ManagerA, url: url, status: 400,
			body:      chore(map[string]any{"rotation": []string{w.People[tk.AlumnusA].ID}}),
			unchanged: []string{"chores"}, content: []string{fieldErrJSON("rotation", "validation_rotation_not_housemate")}},
		{name: "a due time that is not a time", actor: tk.ManagerA, url: url, status: 400,
			body:    chore(map[string]any{"due_time": "25:00"}),
			content: []string{fieldErrJSON("due_time", "validation_invalid_time")}, unchanged: []string{"chores"}},
		{name: "a monthly chore without its day", actor: tk.ManagerA, url: url, status: 400,
			body:    chore(map[string]any{"cadence": "monthly"}),
			content: []string{fieldErrJSON("monthday", "validation_monthday_required")}, unchanged: []string{"chores"}},
		{name: "day 31 of the month", actor: tk.ManagerA, url: url, status: 400,
			body: chore(map[string]any{"cadence": "monthly", "monthday": 31}), unchanged: []string{"chores"},
			content: []string{`"monthday":{"code":"validation_max_number_constraint"`}},
		{name: "no points", actor: tk.ManagerA, url: url, status: 400, body: chore(map[string]any{"points": 0}),
			content: []string{fieldErrJSON("points", "validation_invalid_points")}, unchanged: []string{"chores"}},
		{name: "a chore for another house", actor: tk.ManagerA, url: url, status: 400,
			body: chore(map[string]any{"house": w.HouseB}), unchanged: []string{"chores"}},
		{name: "moving a chore to another house", actor: tk.ManagerA, method: "PATCH", url: url + "/" + w.ChoreA,
			body: map[string]any{"house": w.HouseB}, status: 404, unchanged: []string{"chores"}},
		{name: "a resident adds a chore", actor: tk.ResidentA1, url: url, body: chore(nil), status: 400, unchanged: []string{"chores"}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestChoreSummary: the managers' 4-week table, house-local, points by
// status, residents without chores included.
func TestChoreSummary(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/chores/summary"
	history := func(t testing.TB, app core.App) {
		for _, a := range []struct {
			who, status, due string
			points           int
		}{
			{tk.ResidentA1, "approved", "2026-11-22 17:00:00.000Z", 3},
			{tk.ResidentA1, "missed", "2026-11-10 17:00:00.000Z", 1},
			{tk.ResidentA1, "done", "2026-10-27 08:00:00.000Z", 5},  // 27 Oct, 01:00 in LA: the first of the 28 days
			{tk.ResidentA1, "done", "2026-10-26 08:00:00.000Z", 50}, // 26 Oct in LA: before them
			{tk.ResidentA1, "excused", "2026-11-24 07:59:00.000Z", 2},
			{tk.ResidentA1, "open", "2026-11-24 08:00:00.000Z", 40}, // tomorrow in LA: outside
		} {
			saveOrFail(t, app, "chore_assignments", map[string]any{
				"chore": w.ChoreA, "house": w.HouseA, "assignee": w.People[a.who].ID, "status": a.status,
				"points": a.points, "due": a.due,
			})
		}
	}
	cases := []pinnedCase{
		{name: "managerA", actor: tk.ManagerA, method: "GET", url: url, prepare: history, status: 200,
			content: []string{`"from":"2026-10-27"`, `"to":"2026-11-23"`,
				`{"user":"` + w.People[tk.ResidentA1].ID + `","name":"residentA1","assigned":11,"done":8,"missed":1,"excused":2,"open":0}`,
				`{"user":"` + w.People[tk.ResidentA2].ID + `","name":"residentA2","assigned":2,"done":0,"missed":0,"excused":0,"open":2}`,
				`"name":"awayA","assigned":0`},
			hidden: []string{"alumnusA", "managerA", "residentB"}},
		{name: "a resident", actor: tk.ResidentA1, method: "GET", url: url, status: 404},
		{name: "another house's manager", actor: tk.ManagerB, method: "GET", url: url, status: 404},
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: url, status: 401},
	}
	for _, c := range cases {
		c.run(t)
	}
}
