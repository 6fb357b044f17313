package hooks_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestNotificationOwnerMarksReadOnly: the owner of a notification changes
// whether it is read, and nothing else about it.
func TestNotificationOwnerMarksReadOnly(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/collections/notifications/records/" + w.NotificationA1
	cases := []struct {
		name   string
		actor  string
		body   map[string]any
		status int
		read   bool // read as stored afterwards, when the request passes
	}{
		{"residentA1 changes the title", tk.ResidentA1, map[string]any{"title": "forged"}, 403, false},
		{"residentA1 changes the body", tk.ResidentA1, map[string]any{"body": "forged"}, 403, false},
		{"residentA1 gives it to residentA2", tk.ResidentA1, map[string]any{"user": w.People[tk.ResidentA2].ID}, 403, false},
		{"residentA1 changes the kind", tk.ResidentA1, map[string]any{"kind": "forged"}, 403, false},
		{"residentA1 changes the link", tk.ResidentA1, map[string]any{"link": "https://evil.example/"}, 403, false},
		{"residentA1 marks it read and changes the title", tk.ResidentA1, map[string]any{"read": true, "title": "forged"}, 403, false},
		{"residentA2 marks residentA1's read", tk.ResidentA2, map[string]any{"read": true}, 404, false},
		{"anonymous marks it read", tk.Anonymous, map[string]any{"read": true}, 404, false},
		{"residentA1 marks it read", tk.ResidentA1, map[string]any{"read": true}, 200, true},
		{"residentA1 marks it read, sending the same title", tk.ResidentA1, map[string]any{"read": true, "title": "For A1 only"}, 200, true},
		{"superuser changes the title", tk.Superuser, map[string]any{"title": "forged"}, 200, false},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:           c.name,
			Method:         http.MethodPatch,
			URL:            url,
			Body:           bodyJSON(t, c.body),
			Headers:        w.Headers(c.actor),
			TestAppFactory: tk.Factory,
			ExpectedStatus: c.status,
		}
		if c.status == 200 {
			body, read := c.body, c.read
			s.ExpectedContent = []string{`"id":"` + w.NotificationA1 + `"`}
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
				n := findOrFail(t, app, "notifications", w.NotificationA1)
				if n.GetBool("read") != read {
					t.Errorf("stored read = %v, want %v", n.GetBool("read"), read)
				}
				for field, v := range body {
					if field != "read" && n.Get(field) != v {
						t.Errorf("stored %s = %v, want %v", field, n.Get(field), v)
					}
				}
			}
		} else {
			s.NotExpectedContent = []string{"private body of A1", `"id":"`}
			expectUnchanged(&s, "notifications")
		}
		s.Test(t)
	}
}

// unreadOf returns the ids of the person's unread notifications.
func unreadOf(t testing.TB, app core.App, userID string) []string {
	t.Helper()
	records, err := app.FindAllRecords("notifications", dbx.HashExp{"user": userID, "read": false})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range records {
		ids = append(ids, r.Id)
	}
	return ids
}

// TestNotificationsReadAll: POST /api/hearth/notifications/read-all marks
// the requester's notifications read, and nobody else's.
func TestNotificationsReadAll(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID
	// more gives residentA1 two more unread notifications and one read one.
	more := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		for _, read := range []bool{false, false, true} {
			saveOrFail(t, app, "notifications", map[string]any{"user": a1, "kind": "test", "title": "more", "read": read})
		}
	}
	cases := []struct {
		name    string
		actor   string
		prepare func(t testing.TB, app *tests.TestApp, e *core.ServeEvent)
		status  int
		content []string
		// unread notifications each person has afterwards
		unreadA1, unreadA2 int
	}{
		{"residentA1 marks all read", tk.ResidentA1, nil, 200, []string{`{"marked":1}`}, 0, 1},
		{"residentA1 with three unread and one read", tk.ResidentA1, more, 200, []string{`{"marked":3}`}, 0, 1},
		{"residentA2 marks all read", tk.ResidentA2, more, 200, []string{`{"marked":1}`}, 3, 0},
		{"newcomer has nothing to mark", tk.Newcomer, nil, 200, []string{`{"marked":0}`}, 1, 1},
		{"anonymous", tk.Anonymous, nil, 401, []string{`"status":401`}, 1, 1},
	}
	for _, c := range cases {
		wantA1, wantA2 := c.unreadA1, c.unreadA2
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPost,
			URL:             "/api/hearth/notifications/read-all",
			Headers:         w.Headers(c.actor),
			TestAppFactory:  tk.Factory,
			BeforeTestFunc:  c.prepare,
			ExpectedStatus:  c.status,
			ExpectedContent: c.content,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := len(unreadOf(t, app, a1)); got != wantA1 {
					t.Errorf("residentA1 has %d unread, want %d", got, wantA1)
				}
				if got := len(unreadOf(t, app, a2)); got != wantA2 {
					t.Errorf("residentA2 has %d unread, want %d", got, wantA2)
				}
			},
		}
		s.Test(t)
	}
}

// TestNotifier: the notifier functions reach exactly the right people,
// once each, with the message as given.
func TestNotifier(t *testing.T) {
	w := tk.Seeded(t)
	p := func(names ...string) []string {
		var ids []string
		for _, n := range names {
			ids = append(ids, w.People[n].ID)
		}
		return ids
	}
	msg := hooks.Message{Kind: "notifier_test", Title: "Hello", Body: "A test message", Link: "/board"}
	cases := []struct {
		name   string
		notify func(app core.App) error
		want   []string
	}{
		{"NotifyUser residentA2", func(app core.App) error {
			return hooks.NotifyUser(app, w.People[tk.ResidentA2].ID, msg)
		}, p(tk.ResidentA2)},
		{"NotifyHouse A", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseA, msg)
		}, p(tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA)},
		{"NotifyHouse A except residentA1", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseA, msg, w.People[tk.ResidentA1].ID)
		}, p(tk.ResidentA2, tk.AwayA, tk.ManagerA)},
		{"NotifyHouse A except managerA and awayA", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseA, msg, w.People[tk.ManagerA].ID, w.People[tk.AwayA].ID)
		}, p(tk.ResidentA1, tk.ResidentA2)},
		{"NotifyHouse A except someone of house B", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseA, msg, w.People[tk.ResidentB].ID)
		}, p(tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA)},
		{"NotifyHouse A except everyone", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseA, msg, p(tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA)...)
		}, nil},
		{"NotifyHouse B", func(app core.App) error {
			return hooks.NotifyHouse(app, w.HouseB, msg)
		}, p(tk.DischargedA, tk.ResidentB, tk.ManagerB)},
		{"NotifyHouse of no house", func(app core.App) error {
			return hooks.NotifyHouse(app, "nohouse", msg)
		}, nil},
		{"NotifyManagers A", func(app core.App) error {
			return hooks.NotifyManagers(app, w.HouseA, msg)
		}, p(tk.ManagerA)},
		{"NotifyManagers B", func(app core.App) error {
			return hooks.NotifyManagers(app, w.HouseB, msg)
		}, p(tk.ManagerB)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			if err := c.notify(app); err != nil {
				t.Fatal(err)
			}
			sent, err := app.FindAllRecords("notifications", dbx.HashExp{"kind": msg.Kind})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range sent {
				got = append(got, n.GetString("user"))
				if n.GetString("title") != msg.Title || n.GetString("body") != msg.Body ||
					n.GetString("link") != msg.Link || n.GetBool("read") {
					t.Errorf("notification %v, want the message unread", n.FieldsData())
				}
			}
			want := slices.Clone(c.want)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("recipients = %v, want %v (%s)", got, want, names(w, got))
			}
		})
	}
}

// names turns user ids back into fixture names for failure messages.
func names(w *tk.World, ids []string) []string {
	var out []string
	for _, id := range ids {
		name := id
		for n, p := range w.People {
			if p.ID == id {
				name = n
			}
		}
		out = append(out, name)
	}
	return out
}
