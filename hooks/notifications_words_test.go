package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// supportAlertFor stores residentA1's need-support alert about residentA2
// in house A, the way a support post sends it, and returns its id.
func supportAlertFor(tb testing.TB, app core.App, w *tk.World) string {
	tb.Helper()
	post := saveOrFail(tb, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID,
		"kind": "support", "body": "SENTINEL rough night"})
	n, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && kind = 'support'", dbx.Params{"u": w.People[tk.ResidentA1].ID})
	if err != nil {
		tb.Fatal(err)
	}
	if !strings.HasSuffix(n.GetString("link"), post.Id) {
		tb.Fatalf("alert %v is not about the post", n.FieldsData())
	}
	return n.Id
}

// alertID is the id of the support alert the view cases store.
const alertID = "wordsalert00001"

// TestNotificationsInReadersLanguage: the same stored row reads in the
// requester's language (users.language; empty = English) in the list and
// the view; the row's stored English stays as it was, a row without
// params reads as stored in every language, and the dashboard sees the
// stored words.
func TestNotificationsInReadersLanguage(t *testing.T) {
	w := tk.Seeded(t)
	const (
		spanishTitle = `"title":"residentA2 necesita apoyo ahora mismo"`
		englishTitle = `"title":"residentA2 needs support right now"`
		oldRow       = `"title":"For A1 only"`
	)
	list, view := "/api/collections/notifications/records", "/api/collections/notifications/records/"+alertID
	cases := []struct {
		name, lang, actor, url string
		want, notWant          []string
	}{
		{"list in Spanish", "es", tk.ResidentA1, list,
			[]string{spanishTitle, `pidió apoyo en el tablero`, oldRow, `"body":"private body of A1"`, `"totalItems":2`}, []string{englishTitle}},
		{"list in English", "en", tk.ResidentA1, list,
			[]string{englishTitle, oldRow, `"totalItems":2`}, []string{spanishTitle}},
		{"list with no language set", "", tk.ResidentA1, list,
			[]string{englishTitle, oldRow}, []string{spanishTitle}},
		{"view in Spanish", "es", tk.ResidentA1, view,
			[]string{spanishTitle, `"kind":"support"`, `"params":{`}, []string{englishTitle}},
		{"view in English", "en", tk.ResidentA1, view,
			[]string{englishTitle}, []string{spanishTitle}},
		{"dashboard", "es", tk.Superuser, view,
			[]string{englishTitle}, []string{spanishTitle}},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodGet, URL: c.url, Headers: w.Headers(c.actor),
			ExpectedStatus: 200, ExpectedContent: c.want, NotExpectedContent: c.notWant,
			TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				a1 := w.People[tk.ResidentA1].ID
				setRecord("users", a1, map[string]any{"language": c.lang})(t, app)
				if c.url == list {
					supportAlertFor(t, app, w)
					return
				}
				saveOrFail(t, app, "notifications", map[string]any{"id": alertID, "user": a1, "kind": "support",
					"title": "residentA2 needs support right now", "body": "residentA2 reached out on the board.",
					"params": map[string]any{"name": "residentA2", "house": "Cedar House", "post": "x"}})
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				n, err := app.FindFirstRecordByFilter("notifications", "kind = 'support'")
				if err != nil || n.GetString("title") != "residentA2 needs support right now" {
					t.Errorf("stored alert %v (%v), want its English words kept", n, err)
				}
			},
		}
		s.Test(t)
	}
}

// TestNotificationsRealtimeInReadersLanguage: a notification reaches an
// open app through realtime in its reader's language.
func TestNotificationsRealtimeInReadersLanguage(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	setRecord("users", w.People[tk.ResidentA1].ID, map[string]any{"language": "es"})(t, app)
	setRecord("users", w.People[tk.ManagerA].ID, map[string]any{"language": "en"})(t, app)
	srv := tk.Serve(t, app)
	subs := map[string]*tk.Subscriber{}
	for _, actor := range []string{tk.ResidentA1, tk.ManagerA} {
		subs[actor] = tk.Subscribe(t, srv.URL, w.People[actor].Token, "notifications")
	}
	saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID,
		"kind": "support", "body": "SENTINEL rough night"})
	for actor, want := range map[string]string{
		tk.ResidentA1: "residentA2 necesita apoyo ahora mismo",
		tk.ManagerA:   "residentA2 needs support right now",
	} {
		var titles []string
		for _, e := range subs[actor].Drain(700 * time.Millisecond) {
			if e.Topic == "notifications" && e.Record["kind"] == "support" {
				titles = append(titles, e.Record["title"].(string))
			}
		}
		if len(titles) != 1 || titles[0] != want {
			t.Errorf("%s heard %q, want %q", actor, titles, want)
		}
	}
}

// TestAnnouncementNotifiesHouse: an announcement notifies every member of
// its house (residents away on a pass and managers too), never its author,
// alumni or another house; the app shows its first words, a lock screen
// only who wrote it where. Other posts notify nobody this way.
func TestAnnouncementNotifiesHouse(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name, actor, kind string
		want              []string
	}{
		{"an announcement by managerA", tk.ManagerA, "announcement", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA}},
		{"a share by residentA1", tk.ResidentA1, "share", nil},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/collections/posts/records", Headers: w.Headers(c.actor),
			Body: bodyJSON(t, map[string]any{"house": w.HouseA, "author": w.People[c.actor].ID, "kind": c.kind,
				"body": "SENTINEL Pizza night on Friday, and the new chore chart"}),
			ExpectedStatus: 200, ExpectedContent: []string{`"kind":"` + c.kind + `"`},
			TestAppFactory: tk.Factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				sent, err := app.FindAllRecords("notifications", dbx.HashExp{"kind": "announcement"})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, n := range sent {
					got = append(got, n.GetString("user"))
					if n.GetString("title") != "New announcement from managerA" ||
						n.GetString("body") != "SENTINEL Pizza night on Friday, and the new chore chart" {
						t.Errorf("in-app words %q / %q", n.GetString("title"), n.GetString("body"))
					}
					for lang, want := range map[string]string{"en": "New announcement in Cedar House from managerA",
						"es": "Nuevo anuncio en Cedar House de managerA"} {
						title, body := hooks.RenderNotification(n, lang, true)
						if title != want || strings.Contains(title+body, "SENTINEL") {
							t.Errorf("%s lock screen %q / %q, want %q and no post words", lang, title, body, want)
						}
					}
				}
				if want := p(w, c.want...); !sameSet(got, want) {
					t.Errorf("notified %v, want %v", names(w, got), c.want)
				}
				if len(sent) > 0 && !hooks.NotificationImportant("announcement") {
					t.Error("an announcement is not important")
				}
			},
		}
		s.Test(t)
	}
}

// p is the ids of the fixture people named.
func p(w *tk.World, people ...string) []string {
	var ids []string
	for _, n := range people {
		ids = append(ids, w.People[n].ID)
	}
	return ids
}

// sameSet reports whether a and b hold the same ids, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
