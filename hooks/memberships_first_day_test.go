package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	tk "hearth/testkit"
)

// firstDayNow is the fake clock of the first-day guide's tests.
var firstDayNow = time.Date(2026, 12, 2, 18, 30, 0, 0, time.UTC)

const firstDayStamp = "2026-12-02 18:30:00.000Z"

func firstDayFactory(tb testing.TB) *tests.TestApp {
	return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(firstDayNow))
}

// withRules gives house A rules to read.
func withRules(tb testing.TB, app core.App, houseID string) {
	tb.Helper()
	h, err := app.FindRecordById("houses", houseID)
	if err != nil {
		tb.Fatal(err)
	}
	h.Set("rules", "<p>Quiet after 22:00.</p>")
	if err := app.Save(h); err != nil {
		tb.Fatal(err)
	}
}

// asNew clears the first-day times of house A's places, as for people who
// have just joined (the world's places were added by hand: their guide is
// done).
func asNew(tb testing.TB, app core.App) {
	tb.Helper()
	if _, err := app.DB().NewQuery("UPDATE memberships SET guide_done_at = '', rules_read_at = ''").Execute(); err != nil {
		tb.Fatal(err)
	}
}

// firstDayOf reads a membership's first-day time from the database.
func firstDayOf(tb testing.TB, app core.App, id, field string) string {
	tb.Helper()
	m, err := app.FindRecordById("memberships", id)
	if err != nil {
		tb.Fatal(err)
	}
	return m.GetDateTime(field).String()
}

// TestFirstDayRoutes: only the resident records their own first-day
// times, on the fake clock, while they live in the house; rules read
// need rules.
func TestFirstDayRoutes(t *testing.T) {
	w := tk.Seeded(t)
	a2 := w.People[tk.ResidentA2].Membership
	away := w.People[tk.AwayA].Membership
	alumnus := w.People[tk.AlumnusA].Membership
	rulesRead := func(id string) string { return "/api/hearth/memberships/" + id + "/rules-read" }
	guideDone := func(id string) string { return "/api/hearth/memberships/" + id + "/guide-done" }

	type tc struct {
		name    string
		actor   string
		url     string
		noRules bool
		status  int
		want    []string
		// landed: the membership and field that must hold the clock's
		// time afterwards ("" when nothing may change).
		membership, field string
	}
	cases := []tc{
		{name: "the resident reads the rules", actor: tk.ResidentA2, url: rulesRead(a2), status: 200,
			want: []string{`"rules_read_at":"` + firstDayStamp + `"`, `"guide_done_at":""`}, membership: a2, field: "rules_read_at"},
		{name: "the resident finishes the guide", actor: tk.ResidentA2, url: guideDone(a2), status: 200,
			want: []string{`"guide_done_at":"` + firstDayStamp + `"`}, membership: a2, field: "guide_done_at"},
		{name: "a resident away on a pass still lives there", actor: tk.AwayA, url: rulesRead(away), status: 200,
			membership: away, field: "rules_read_at"},
		{name: "no rules to read", actor: tk.ResidentA2, url: rulesRead(a2), noRules: true, status: 400,
			want: []string{fieldErrJSON("rules", "validation_no_rules")}},
		{name: "a housemate cannot say it for them", actor: tk.ResidentA1, url: rulesRead(a2), status: 404},
		{name: "a manager cannot say it for them", actor: tk.ManagerA, url: rulesRead(a2), status: 404},
		{name: "a manager cannot close their guide", actor: tk.ManagerA, url: guideDone(a2), status: 404},
		{name: "another house's manager", actor: tk.ManagerB, url: rulesRead(a2), status: 404},
		{name: "someone who moved out", actor: tk.AlumnusA, url: rulesRead(alumnus), status: 403},
		{name: "a newcomer", actor: tk.Newcomer, url: rulesRead(a2), status: 404},
		{name: "signed out", actor: tk.Anonymous, url: rulesRead(a2), status: 401},
		{name: "a membership that does not exist", actor: tk.ResidentA2, url: rulesRead("nosuchmembersh"), status: 404},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPost,
			URL:             c.url,
			Body:            strings.NewReader(`{"rules_read_at":"2020-01-01 00:00:00.000Z","user":"someone"}`),
			Headers:         w.Headers(c.actor),
			TestAppFactory:  firstDayFactory,
			ExpectedStatus:  c.status,
			ExpectedContent: c.want,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				asNew(t, app)
				if !c.noRules {
					withRules(t, app, w.HouseA)
				}
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				for _, id := range []string{a2, away, alumnus} {
					for _, f := range []string{"rules_read_at", "guide_done_at"} {
						want := ""
						if id == c.membership && f == c.field {
							want = firstDayStamp
						}
						if got := firstDayOf(t, app, id, f); got != want {
							t.Errorf("%s of %s = %q, want %q", f, id, got, want)
						}
					}
				}
			},
		}
		if len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{"{"}
		}
		s.Test(t)
	}
}

// TestFirstDayFieldsServerSet: nobody but a superuser writes the
// first-day times through the collection API, however the key is sent;
// the resident and the house's managers see them, housemates do not.
func TestFirstDayFieldsServerSet(t *testing.T) {
	w := tk.Seeded(t)
	a2 := w.People[tk.ResidentA2].Membership
	url := "/api/collections/memberships/records/" + a2
	stamp := "2026-11-30 10:00:00.000Z"
	for _, c := range []struct {
		name, actor, body string
		status            int
		want              []string
		landed            bool
	}{
		{"a manager cannot set rules read", tk.ManagerA, `{"rules_read_at":"` + stamp + `"}`, 400,
			[]string{fieldErrJSON("rules_read_at", "validation_server_set")}, false},
		{"a manager cannot hide it in a room change", tk.ManagerA, `{"room":"9","guide_done_at":"` + stamp + `"}`, 400,
			[]string{fieldErrJSON("guide_done_at", "validation_server_set")}, false},
		// PocketBase's reader refuses a body with a key given twice.
		{"a duplicate key", tk.ManagerA, `{"room":"9","rules_read_at":"","rules_read_at":"` + stamp + `"}`, 400, nil, false},
		{"the resident cannot set their own", tk.ResidentA2, `{"rules_read_at":"` + stamp + `"}`, 400,
			[]string{fieldErrJSON("rules_read_at", "validation_server_set")}, false},
		{"a housemate", tk.ResidentA1, `{"rules_read_at":"` + stamp + `"}`, 404, nil, false},
		{"a superuser may", tk.Superuser, `{"rules_read_at":"` + stamp + `"}`, 200, []string{`"rules_read_at":"` + stamp + `"`}, true},
	} {
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPatch,
			URL:             url,
			Body:            strings.NewReader(c.body),
			Headers:         w.Headers(c.actor),
			TestAppFactory:  tk.Factory,
			ExpectedStatus:  c.status,
			ExpectedContent: append([]string{"{"}, c.want...),
			BeforeTestFunc:  func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { asNew(t, app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				got := firstDayOf(t, app, a2, "rules_read_at")
				if (got == stamp) != c.landed {
					t.Errorf("rules_read_at = %q, landed want %v", got, c.landed)
				}
				if c.actor != tk.Superuser {
					if g := firstDayOf(t, app, a2, "guide_done_at"); g != "" {
						t.Errorf("guide_done_at = %q, want it unset", g)
					}
					m, _ := app.FindRecordById("memberships", a2)
					if m.GetString("room") == "9" {
						t.Error("the room changed with a refused write")
					}
				}
			},
		}
		s.Headers["Content-Type"] = "application/json"
		s.Test(t)
	}

	read := func(tb testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		m, err := app.FindRecordById("memberships", a2)
		if err != nil {
			tb.Fatal(err)
		}
		m.Set("rules_read_at", stamp)
		if err := app.Save(m); err != nil {
			tb.Fatal(err)
		}
	}
	for _, c := range []struct {
		actor string
		sees  bool
	}{{tk.ResidentA2, true}, {tk.ManagerA, true}, {tk.ResidentA1, false}, {tk.AwayA, false}, {tk.Superuser, true}} {
		for _, u := range []string{url, "/api/collections/memberships/records?filter=" + "id%3D%27" + a2 + "%27"} {
			s := tests.ApiScenario{
				Name:           "seen by " + c.actor + " at " + u,
				Method:         http.MethodGet,
				URL:            u,
				Headers:        w.Headers(c.actor),
				TestAppFactory: tk.Factory,
				BeforeTestFunc: read,
				ExpectedStatus: 200,
			}
			if c.sees {
				s.ExpectedContent = []string{`"rules_read_at":"` + stamp + `"`}
			} else {
				s.ExpectedContent = []string{`"id":"` + a2 + `"`}
				s.NotExpectedContent = []string{`rules_read_at`, `guide_done_at`}
			}
			s.Test(t)
		}
	}
}

// TestFirstDayDue: a place made by redeeming an invite starts with the
// guide to do; one added by a superuser starts with it done, on the clock.
func TestFirstDayDue(t *testing.T) {
	w := tk.Seeded(t)
	const code = "K7Q2-M9XA-4TRD-P3VW"
	newcomer := w.People[tk.Newcomer].ID
	guideOf := func(t testing.TB, app core.App) string {
		m, err := app.FindFirstRecordByFilter("memberships", "house = {:h} && user = {:u}", dbx.Params{"h": w.HouseA, "u": newcomer})
		if err != nil {
			t.Fatal(err)
		}
		return m.GetDateTime("guide_done_at").String()
	}
	(pinnedCase{name: "joined by invite: the guide is to do", actor: tk.Newcomer, body: map[string]any{"code": code},
		prepare: putInvite(code, nil), status: 200,
		check: func(t testing.TB, app core.App, body []byte) {
			if got := guideOf(t, app); got != "" {
				t.Errorf("guide_done_at = %q after joining by invite, want it to do", got)
			}
		}}).run(t)
	(pinnedCase{name: "added by a superuser: the guide is done", actor: tk.Superuser, url: "/api/collections/memberships/records",
		body:   map[string]any{"house": w.HouseA, "user": newcomer, "role": "resident", "status": "active"},
		status: 200,
		check: func(t testing.TB, app core.App, body []byte) {
			if got, want := guideOf(t, app), inviteNowStamp(); got != want {
				t.Errorf("guide_done_at = %q for a place added by hand, want %q", got, want)
			}
		}}).run(t)
}

// inviteNowStamp is inviteNow as PocketBase writes a date.
func inviteNowStamp() string {
	d, _ := types.ParseDateTime(inviteNow)
	return d.String()
}
