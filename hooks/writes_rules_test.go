package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/domain"
	tk "hearth/testkit"
)

// writer is someone who tries the house's writes in TestWritesCreateRules:
// a person of the test world, or one added with the memberships given.
type writer struct {
	name, id, token string
	places          []place // the person's memberships
}

type place struct{ house, role, status string }

// mayCheckIn is who may create a check-in in a house, as docs/API.md
// says it: a resident of it, active or away, as themselves.
func mayCheckIn(p place) bool {
	return p.role == domain.RoleResident && domain.IsMember(p.status)
}

// mayPost is who may create a post of a kind in a house: its members and
// alumni a share, a win or need support, its managers an announcement;
// nobody a milestone (the server posts them).
func mayPost(kind string) func(p place) bool {
	return func(p place) bool {
		switch kind {
		case domain.PostShare, domain.PostWin, domain.PostSupport:
			return domain.IsMember(p.status) || domain.IsAlumnus(p.status)
		case domain.PostAnnouncement:
			return domain.IsManager(p.role, p.status)
		}
		return false
	}
}

// TestWritesCreateRules tries the check-ins' and posts' create rules with
// every role and status, in the house and in another, as oneself and in
// someone else's name, and with memberships of two houses whose fields
// must not be mixed (an alumnus manager of one house who lives in another
// announces in neither, and checks in only where they live). Each
// write is allowed exactly when docs/API.md says so, and a refusal is the
// rule's. It passes with the rules before 1763900100 as after: it is what
// makes the cheaper rules equivalent.
func TestWritesCreateRules(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(la("2026-11-23 10:00")))
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	handler := tk.Handler(t, app)

	writers := worldWriters(t, app, w)
	// Every role and status in house A, and people with memberships of
	// both houses whose fields a rule could wrongly combine.
	statuses := []string{domain.StatusActive, domain.StatusAway, domain.StatusAlumni, domain.StatusDischarged}
	var added [][]place
	for _, role := range []string{domain.RoleResident, domain.RoleManager} {
		for _, status := range statuses {
			added = append(added, []place{{w.HouseA, role, status}})
		}
	}
	added = append(added,
		[]place{{w.HouseA, domain.RoleManager, domain.StatusAlumni}, {w.HouseB, domain.RoleResident, domain.StatusActive}},
		[]place{{w.HouseA, domain.RoleResident, domain.StatusDischarged}, {w.HouseB, domain.RoleManager, domain.StatusActive}},
		[]place{{w.HouseA, domain.RoleResident, domain.StatusAlumni}, {w.HouseB, domain.RoleManager, domain.StatusAway}},
	)
	for i, places := range added {
		writers = append(writers, addWriter(t, app, fmt.Sprintf("writer%02d", i), places))
	}
	writers = append(writers, writer{name: tk.Anonymous})

	type write struct {
		collection, kind string
		may              func(place) bool
	}
	writes := []write{{"checkins", "daily", mayCheckIn}}
	for _, kind := range []string{domain.PostShare, domain.PostWin, domain.PostSupport, domain.PostAnnouncement, domain.PostMilestone} {
		writes = append(writes, write{"posts", kind, mayPost(kind)})
	}

	tried, allowed := 0, 0
	for _, wr := range writers {
		// As themselves, and in a housemate's name.
		someoneElse := w.People[tk.ResidentA1].ID
		if wr.id == someoneElse {
			someoneElse = w.People[tk.ResidentA2].ID
		}
		authors := []string{someoneElse}
		if wr.id != "" {
			authors = append(authors, wr.id)
		}
		for _, house := range []string{w.HouseA, w.HouseB} {
			for _, as := range authors {
				name := as
				if as == wr.id {
					name = "themselves"
				}
				for _, wt := range writes {
					want := as == wr.id && slices.ContainsFunc(wr.places, func(p place) bool {
						return p.house == house && wt.may(p)
					})
					body := fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":3,"craving":0}`, house, as)
					if wt.collection == "posts" {
						body = fmt.Sprintf(`{"house":%q,"author":%q,"kind":%q,"body":"Rules.","subject":%q,"milestone":"7d"}`,
							house, as, wt.kind, as)
						if wt.kind != domain.PostMilestone {
							body = fmt.Sprintf(`{"house":%q,"author":%q,"kind":%q,"body":"Rules."}`, house, as, wt.kind)
						}
					}
					req := httptest.NewRequest(http.MethodPost, "/api/collections/"+wt.collection+"/records", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					if wr.token != "" {
						req.Header.Set("Authorization", wr.token)
					}
					rec := httptest.NewRecorder()
					handler.ServeHTTP(rec, req)
					tried++
					what := fmt.Sprintf("%s (%v): %s of kind %s in house %s, as %s", wr.name, wr.places, wt.collection, wt.kind, house, name)
					switch {
					case want && rec.Code != http.StatusOK:
						t.Errorf("%s: %d %s, want 200", what, rec.Code, rec.Body.String())
					case want:
						allowed++
					case rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"Failed to create record."`):
						t.Errorf("%s: %d %s, want the create rule's refusal", what, rec.Code, rec.Body.String())
					}
				}
			}
		}
	}
	if allowed == 0 || allowed == tried {
		t.Errorf("%d of %d writes allowed: the table tries nothing", allowed, tried)
	}
}

// addWriter adds a person with the memberships, straight into the
// database (the roster's hooks would refuse some mixes, which is not
// what is tried here), and returns them with a token.
func addWriter(tb testing.TB, app core.App, name string, places []place) writer {
	tb.Helper()
	id := fmt.Sprintf("%-15s", name)
	id = strings.ReplaceAll(id, " ", "0")
	if _, err := app.DB().NewQuery("INSERT INTO users (id, email, tokenKey, password, name, verified) VALUES ({:id}, {:email}, {:id}, 'x', {:name}, 1)").
		Bind(dbx.Params{"id": id, "email": name + "@example.com", "name": name}).Execute(); err != nil {
		tb.Fatal(err)
	}
	for i, p := range places {
		if _, err := app.DB().NewQuery("INSERT INTO memberships (id, house, user, role, status, room) VALUES ({:id}, {:house}, {:user}, {:role}, {:status}, '1')").
			Bind(dbx.Params{"id": fmt.Sprintf("m%s%d", id[:13], i), "house": p.house, "user": id, "role": p.role, "status": p.status}).Execute(); err != nil {
			tb.Fatal(err)
		}
	}
	u, err := app.FindRecordById("users", id)
	if err != nil {
		tb.Fatal(err)
	}
	token, err := u.NewAuthToken()
	if err != nil {
		tb.Fatal(err)
	}
	return writer{name: name, id: id, token: token, places: places}
}

// TestWritesCreateRulesUseIndex explains the check-in's and the post's
// create rule queries exactly as PocketBase runs them: the requester's
// memberships are read through idx_memberships_user_house, never scanned
// (@collection.memberships is a join with no ON clause: without its
// "user ?= @request.auth.id" term SQLite would read every membership).
func TestWritesCreateRulesUseIndex(t *testing.T) {
	w := tk.Seeded(t)
	a1 := w.People[tk.ResidentA1].ID
	for _, c := range []struct{ name, url, body string }{
		{"check-in", "/api/collections/checkins/records", fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":3,"craving":0}`, w.HouseA, a1)},
		{"post", postsURL, fmt.Sprintf(`{"house":%q,"author":%q,"kind":"share","body":"Plans."}`, w.HouseA, a1)},
	} {
		log := &queryLog{}
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPost,
			URL:             c.url,
			Body:            strings.NewReader(c.body),
			Headers:         w.Headers(tk.ResidentA1),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":`},
			TestAppFactory: func(tb testing.TB) *tests.TestApp {
				return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(la("2026-11-23 10:00")))
			},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { log.attach(app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var rule string
				for _, q := range log.sql {
					if strings.Contains(q, "__pb_create__") {
						rule = q
					}
				}
				if rule == "" {
					t.Fatal("the create rule's query was not captured")
				}
				plan := strings.Split(explain(t, app, rule), "\n")
				if !slices.ContainsFunc(plan, func(l string) bool {
					return strings.HasPrefix(l, "SEARCH ") && strings.Contains(l, "idx_memberships_user_house (user=?")
				}) {
					t.Errorf("the memberships are not searched by the requester:\n%s\n%s", strings.Join(plan, "\n"), rule)
				}
				for _, l := range plan {
					if strings.HasPrefix(l, "SCAN ") && strings.Contains(l, "memberships") {
						t.Errorf("the memberships are scanned: %s\n%s", l, rule)
					}
				}
			},
		}
		s.Test(t)
	}
}

// worldWriters are the test world's people as writers, with their
// memberships as stored.
func worldWriters(t *testing.T, app core.App, w *tk.World) []writer {
	t.Helper()
	var ws []writer
	for _, actor := range []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA,
		tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer} {
		p := w.People[actor]
		wr := writer{name: actor, id: p.ID, token: p.Token}
		var rows []struct {
			House  string `db:"house"`
			Role   string `db:"role"`
			Status string `db:"status"`
		}
		if err := app.DB().Select("house", "role", "status").From("memberships").
			Where(dbx.HashExp{"user": p.ID}).All(&rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			wr.places = append(wr.places, place{r.House, r.Role, r.Status})
		}
		ws = append(ws, wr)
	}
	return ws
}
