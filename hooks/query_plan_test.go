package hooks_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// queryLog records the SQL the data database runs, with its parameters
// written in, so that its plan can be explained afterwards.
type queryLog struct {
	mu  sync.Mutex
	sql []string
}

func (l *queryLog) attach(app core.App) {
	db := app.ConcurrentDB().(*dbx.DB)
	db.QueryLogFunc = func(_ context.Context, _ time.Duration, s string, _ *sql.Rows, _ error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.sql = append(l.sql, s)
	}
}

// fullScan matches a plan line that reads a whole table of ours: "SCAN t"
// or "SCAN t USING COVERING INDEX ..." (a full index scan), as opposed to
// "SEARCH t USING INDEX ... (col=?)".
var fullScan = regexp.MustCompile(`^SCAN (houses|users|memberships|notifications|posts|comments|reactions|reports|events|ev|rsvps|r)\b`)

// scans returns the plan lines of the query that read a whole table.
func scans(tb testing.TB, app core.App, query string) []string {
	tb.Helper()
	rows, err := app.ConcurrentDB().NewQuery("EXPLAIN QUERY PLAN " + query).Rows()
	if err != nil {
		tb.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			tb.Fatal(err)
		}
		if fullScan.MatchString(detail) {
			bad = append(bad, detail)
		}
	}
	return bad
}

// TestHotListsUseIndexes explains the plan of every list the web app
// makes, exactly as PocketBase runs it (the rule and the explicit filter
// together), and fails on any full scan of our tables.
func TestHotListsUseIndexes(t *testing.T) {
	w := tk.Seeded(t)
	a1 := w.People[tk.ResidentA1].ID
	q := func(s string) string { return url.QueryEscape(s) }
	lists := []struct {
		name, url, actor string
		wantScan         bool
	}{
		{"housemates", "/api/collections/memberships/records?skipTotal=1&perPage=200&sort=room&expand=user&filter=" +
			q("house='"+w.HouseA+"' && (status='active' || status='away')"), tk.ResidentA1, false},
		{"the manager's roster", "/api/collections/memberships/records?skipTotal=1&perPage=200&sort=room&expand=user&filter=" +
			q("house='"+w.HouseA+"'"), tk.ManagerA, false},
		{"my memberships", "/api/collections/memberships/records?skipTotal=1&expand=house&filter=" +
			q("user='"+a1+"' && (status='active' || status='away' || status='alumni')"), tk.ResidentA1, false},
		{"unread notifications", "/api/collections/notifications/records?skipTotal=1&perPage=100&fields=id&filter=" +
			q("user='"+a1+"' && read=false"), tk.ResidentA1, false},
		{"notifications newest first", "/api/collections/notifications/records?skipTotal=1&perPage=20&sort=-created&filter=" +
			q("user='"+a1+"'"), tk.ResidentA1, false},
		{"pending invites", "/api/collections/invites/records?skipTotal=1&perPage=50&sort=-created&filter=" +
			q("house='"+w.HouseA+"' && used_at='' && revoked=false && expires>@now"), tk.ManagerA, false},
		{"my chores this week", "/api/collections/chore_assignments/records?skipTotal=1&perPage=100&sort=due&expand=chore&filter=" +
			q("house='"+w.HouseA+"' && assignee='"+w.People[tk.ResidentA2].ID+"' && due>='2026-11-23 08:00:00.000Z' && due<'2026-11-30 08:00:00.000Z'"), tk.ResidentA2, false},
		{"the review queue", "/api/collections/chore_assignments/records?skipTotal=1&perPage=100&sort=due&expand=chore,assignee&filter=" +
			q("house='"+w.HouseA+"' && status='open'"), tk.ManagerA, false},
		{"the house's chores", "/api/collections/chores/records?skipTotal=1&perPage=200&sort=title&filter=" +
			q("house='"+w.HouseA+"'"), tk.ManagerA, false},
		{"my house by id", "/api/collections/houses/records?skipTotal=1&filter=" + q("id='"+w.HouseA+"'"), tk.ResidentA1, false},
		// events
		{"the house's events, by starts", "/api/collections/events/records?skipTotal=1&perPage=100&sort=starts&filter=" +
			q("house='"+w.HouseA+"' && starts>='2026-11-23 08:00:00.000Z' && starts<'2026-12-23 08:00:00.000Z'"), tk.ResidentA1, false},
		{"an event's answers", "/api/collections/rsvps/records?skipTotal=1&perPage=200&expand=user&filter=" +
			q("event='"+w.EventA+"'"), tk.ManagerA, false},
		{"the board's first page", boardFirstPage(w), tk.ResidentA1, false},
		{"the board's first page as board.js asks (reactions, comments and their authors)", boardFirstPageWebApp(w), tk.ResidentA1, false},
		{"the board's next page", "/api/collections/posts/records?skipTotal=1&perPage=20&sort=-created&expand=author&filter=" +
			q("house='"+w.HouseA+"' && pinned=false && created<'2100-01-01 00:00:00.000Z'"), tk.ResidentA1, false},
		{"a post's comments", "/api/collections/comments/records?skipTotal=1&perPage=100&sort=created&expand=author&filter=" +
			q("post='"+w.PostA+"'"), tk.ResidentA1, false},
		{"a post's reactions", "/api/collections/reactions/records?skipTotal=1&perPage=200&fields=id,user,kind&filter=" +
			q("post='"+w.PostA+"'"), tk.ResidentA1, false},
		{"the house's reports", "/api/collections/reports/records?skipTotal=1&perPage=50&sort=-created&filter=" +
			q("house='"+w.HouseA+"'"), tk.ManagerA, false},
		// The "before": a list that leans on its rule alone reads every
		// row, because the rule's any-of join cannot use an index.
		{"rule-only roster (what the app never does)", "/api/collections/memberships/records?skipTotal=1&perPage=200", tk.ManagerA, true},
	}
	for _, l := range lists {
		log, wantScan := &queryLog{}, l.wantScan
		s := tests.ApiScenario{
			Name:            l.name,
			Method:          http.MethodGet,
			URL:             l.url,
			Headers:         w.Headers(l.actor),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"items":[{`},
			TestAppFactory:  tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				log.attach(app)
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				explained, scanned := 0, 0
				for _, query := range log.sql {
					if !strings.HasPrefix(strings.TrimSpace(query), "SELECT") || strings.Contains(query, "_collections") {
						continue
					}
					explained++
					if bad := scans(t, app, query); len(bad) > 0 {
						scanned++
						if !wantScan {
							t.Errorf("full scan %v in\n%s", bad, query)
						}
					}
				}
				if explained == 0 {
					t.Error("no query was captured")
				}
				if wantScan && scanned == 0 {
					t.Error("expected the rule-only list to scan the table; did the rule change?")
				}
			},
		}
		s.Test(t)
	}
}

// BenchmarkMembershipsList lists a house's roster among 50 houses of 20 as
// the web app does (an explicit house filter) and as a client that leans on
// the rule alone would, to show why every list sends its house filter.
func BenchmarkMembershipsList(b *testing.B) {
	w := tk.Seeded(b)
	app := tk.NewApp(b)
	defer app.Cleanup()
	seedHouses(b, app, 50, 20)
	app.Settings().RateLimits.Enabled = false // measure the query, not the limiter
	srv := tk.Serve(b, app)

	for _, bm := range []struct{ name, query string }{
		{"rule-only", ""},
		{"house-filter", "&filter=" + url.QueryEscape("house='"+w.HouseA+"'")},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/collections/memberships/records?skipTotal=1&perPage=200"+bm.query, nil)
			req.Header.Set("Authorization", w.People[tk.ManagerA].Token)
			for b.Loop() {
				res, err := http.DefaultClient.Do(req)
				if err != nil || res.StatusCode != 200 {
					b.Fatal(err, res.StatusCode)
				}
				res.Body.Close()
			}
		})
	}
}

// seedHouses adds houses of residents with plain SQL (hashing a thousand
// passwords would take a minute and is not what is measured).
func seedHouses(tb testing.TB, app core.App, houses, residents int) {
	tb.Helper()
	err := app.RunInTransaction(func(tx core.App) error {
		for h := range houses {
			hid := fmt.Sprintf("benchhouse%05d", h)
			if _, err := tx.DB().NewQuery("INSERT INTO houses (id, name, timezone, capacity) VALUES ({:id}, {:name}, 'America/Chicago', 0)").
				Bind(dbx.Params{"id": hid, "name": "House " + hid}).Execute(); err != nil {
				return err
			}
			for r := range residents {
				uid := fmt.Sprintf("benchuser%03d%03d", h, r)
				if _, err := tx.DB().NewQuery("INSERT INTO users (id, email, tokenKey, password, name) VALUES ({:id}, {:email}, {:id}, 'x', {:id})").
					Bind(dbx.Params{"id": uid, "email": uid + "@example.com"}).Execute(); err != nil {
					return err
				}
				if _, err := tx.DB().NewQuery("INSERT INTO memberships (id, house, user, role, status, room) VALUES ({:id}, {:house}, {:user}, 'resident', 'active', '1')").
					Bind(dbx.Params{"id": fmt.Sprintf("benchmemb%03d%03d", h, r), "house": hid, "user": uid}).Execute(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// TestTodayEventsUseIndexes explains the today route's events query: the
// house's events by (house, starts), the requester's answer by the unique
// (event, user).
func TestTodayEventsUseIndexes(t *testing.T) {
	w := tk.Seeded(t)
	log := &queryLog{}
	s := tests.ApiScenario{
		Name: "today", Method: http.MethodGet, URL: "/api/hearth/today", Headers: w.Headers(tk.ResidentA1),
		ExpectedStatus: 200, ExpectedContent: []string{`"events":`},
		TestAppFactory: func(tb testing.TB) *tests.TestApp {
			return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(la("2026-11-23 19:00")))
		},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { log.attach(app) },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			found := false
			for _, query := range log.sql {
				if !strings.Contains(query, "FROM events") {
					continue
				}
				found = true
				if bad := scans(t, app, query); len(bad) > 0 {
					t.Errorf("full scan %v in\n%s", bad, query)
				}
				plan := explain(t, app, query)
				for _, want := range []string{"idx_events_house_starts", "idx_rsvps_event_user"} {
					if !strings.Contains(plan, want) {
						t.Errorf("the plan does not use %s:\n%s", want, plan)
					}
				}
			}
			if !found {
				t.Error("the events query was not captured")
			}
		},
	}
	s.Test(t)
}

// explain is the query's plan, one line per step.
func explain(tb testing.TB, app core.App, query string) string {
	tb.Helper()
	rows, err := app.ConcurrentDB().NewQuery("EXPLAIN QUERY PLAN " + query).Rows()
	if err != nil {
		tb.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

// boardFirstPage is the web app's request for the first page of house A's
// board: pinned announcements first, then the newest.
func boardFirstPage(w *tk.World) string {
	return "/api/collections/posts/records?skipTotal=1&perPage=20&sort=-pinned,-created&expand=author&filter=" +
		url.QueryEscape("house='"+w.HouseA+"'")
}

// boardFirstPageWebApp is board.js's fetchPage for the first page, as the
// PocketBase JS SDK sends it: the posts with their authors, reactions and
// comments (with their authors) in one request (POST_EXPAND).
func boardFirstPageWebApp(w *tk.World) string {
	return "/api/collections/posts/records?page=1&perPage=20&skipTotal=true&sort=-pinned,-created" +
		"&expand=" + url.QueryEscape("author,reactions_via_post,comments_via_post.author") +
		"&filter=" + url.QueryEscape("house = '"+w.HouseA+"'")
}

// TestDayRoutesReadOnlyTheDay explains the check-in and chore queries of
// GET /api/hearth/today and /houses/{id}/status: each reads the day's rows
// by a full index key, not the house's or the person's whole history, even
// on a database the planner has no statistics for.
func TestDayRoutesReadOnlyTheDay(t *testing.T) {
	w := tk.Seeded(t)
	for _, c := range []struct{ name, url, actor string }{
		{"today", "/api/hearth/today", tk.ResidentA1},
		{"status", "/api/hearth/houses/" + w.HouseA + "/status", tk.ManagerA},
	} {
		log := &queryLog{}
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodGet, URL: c.url, Headers: w.Headers(c.actor),
			ExpectedStatus: 200, ExpectedContent: []string{`"date":`},
			TestAppFactory: func(tb testing.TB) *tests.TestApp {
				return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(la("2026-11-23 19:00")))
			},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { log.attach(app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				for _, query := range log.sql {
					if !strings.Contains(query, "checkins") && !strings.Contains(query, "chore_assignments") {
						continue
					}
					plan := explain(t, app, query)
					for _, line := range strings.Split(plan, "\n") {
						if strings.Contains(line, "(house=?)") || strings.Contains(line, "(user=? AND house=?)") ||
							(strings.Contains(line, "chore_assignments") && strings.Contains(line, "(house=? AND due<?)")) {
							t.Errorf("%s reads a whole history: %s\nin\n%s", c.name, line, query)
						}
					}
				}
			},
		}
		s.Test(t)
	}
}

// TestBoardRouteReadsByIndex explains every statement of GET
// /api/hearth/houses/{id}/board (the first page, after a pinned post,
// after an unpinned one; as a resident and as a manager, whose rules
// differ): nothing reads a whole table, nothing is sorted, and each
// collection is read through the index made for it: the posts in the
// board's order from (house, pinned, created), the page's comments from
// (post, created), its reactions from (post, user, kind), the authors by
// id.
func TestBoardRouteReadsByIndex(t *testing.T) {
	w := tk.Seeded(t)
	indexes := map[string]string{
		"FROM `posts`":           "idx_posts_house_pinned_created",
		"FROM `comments`":        "idx_comments_post_created",
		"FROM `reactions`":       "idx_reactions_post_user_kind",
		"FROM `users` LEFT JOIN": "sqlite_autoindex_users_1",
	}
	for _, page := range []string{
		boardURL(w.HouseA, ""),
		boardURL(w.HouseA, boardAfter("2100-01-01 00:00:00.000Z", true)),
		boardURL(w.HouseA, boardAfter("2100-01-01 00:00:00.000Z", false)),
	} {
		for _, actor := range []string{tk.ResidentA1, tk.ManagerA} {
			log := &queryLog{}
			s := tests.ApiScenario{
				Name: actor + " " + page, Method: http.MethodGet, URL: page, Headers: w.Headers(actor),
				ExpectedStatus: 200, ExpectedContent: []string{`"items":[{`}, TestAppFactory: tk.Factory,
				BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { log.attach(app) },
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
					seen := map[string]bool{}
					for _, query := range log.sql {
						if bad := scans(t, app, query); len(bad) > 0 {
							t.Errorf("full scan %v in\n%s", bad, query)
						}
						plan := explain(t, app, query)
						if strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") {
							t.Errorf("a sort in\n%s\n%s", query, plan)
						}
						for from, index := range indexes {
							if !strings.Contains(query, from) {
								continue
							}
							seen[from] = true
							if !strings.Contains(plan, "USING INDEX "+index) {
								t.Errorf("not read through %s:\n%s\n%s", index, query, plan)
							}
						}
					}
					if len(seen) != len(indexes) {
						t.Errorf("the statements read %v, want all of %v", seen, indexes)
					}
				},
			}
			s.Test(t)
		}
	}
}
