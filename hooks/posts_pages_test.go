package hooks_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// boardNextPage is the request for the page after the one whose last
// post was created at before: keyset pagination on created.
func boardNextPage(w *tk.World, before string) string {
	return "/api/collections/posts/records?skipTotal=1&perPage=20&sort=-created&expand=author&filter=" +
		url.QueryEscape("house='"+w.HouseA+"' && pinned=false && created<'"+before+"'")
}

// TestBoardPagesReadInIndexOrder: the board's pages are read from the
// (house, pinned, created) index in its order, so SQLite never sorts a
// house's whole history to find 20 posts (TestHotListsUseIndexes checks
// that nothing is scanned).
func TestBoardPagesReadInIndexOrder(t *testing.T) {
	w := tk.Seeded(t)
	for _, page := range []string{boardFirstPage(w), boardNextPage(w, "2100-01-01 00:00:00.000Z")} {
		log := &queryLog{}
		s := tests.ApiScenario{
			Name: page, Method: http.MethodGet, URL: page, Headers: w.Headers(tk.ResidentA1),
			ExpectedStatus: 200, ExpectedContent: []string{`"items":[{`}, TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { log.attach(app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				seen := false
				for _, q := range log.sql {
					if !strings.Contains(q, "FROM `posts`") {
						continue
					}
					seen = true
					plan := explain(t, app, q)
					if !strings.Contains(plan, "USING INDEX idx_posts_house_pinned_created") || strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") {
						t.Errorf("the board's page is not read in index order:\n%s\n%s", q, plan)
					}
				}
				if !seen {
					t.Error("no posts query was captured")
				}
			},
		}
		s.Test(t)
	}
}

// BenchmarkBoardPage reads a page of house A's board after five years of
// ten posts a day (18,250 posts, and as many in house B), as the web app
// does: the first page, a page deep in the past by keyset (created <
// the last one seen), and the same depth by page number, which SQLite
// reaches by stepping over every newer post.
func BenchmarkBoardPage(b *testing.B) {
	w := tk.Seeded(b)
	app := tk.NewApp(b)
	defer app.Cleanup()
	const posts = 5 * 365 * 10
	start := time.Date(2021, 11, 1, 0, 0, 0, 0, time.UTC)
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range posts {
			at := start.Add(time.Duration(i) * 144 * time.Minute).Format("2006-01-02 15:04:05.000Z")
			for _, h := range []struct{ house, author string }{
				{w.HouseA, w.People[tk.ResidentA1].ID}, {w.HouseB, w.People[tk.ResidentB].ID},
			} {
				if _, err := tx.DB().Insert("posts", dbx.Params{
					"id": fmt.Sprintf("bp%s%09d", h.house[:4], i), "house": h.house, "author": h.author, "kind": "share",
					"body": "Another day, another meeting.", "pinned": false, "hidden": i%97 == 0,
					"images": "[]", "created": at, "updated": at,
				}).Execute(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	app.Settings().RateLimits.Enabled = false
	srv := tk.Serve(b, app)
	deep := start.Add(time.Duration(posts/2) * 144 * time.Minute).Format("2006-01-02 15:04:05.000Z")
	for _, bm := range []struct{ name, url string }{
		{"first", boardFirstPage(w)},
		{"keyset-2.5-years-back", boardNextPage(w, deep)},
		{"page-457-by-number", boardFirstPage(w) + "&page=457"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+bm.url, nil)
			req.Header.Set("Authorization", w.People[tk.ResidentA1].Token)
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

// BenchmarkBoardRoute reads the first page of house A's board after a
// year of ten posts a day (3,650 posts, most with comments and reactions
// by people some readers may not see), as board.js asks for it now (GET
// /api/hearth/houses/{id}/board) and as it asked before (PocketBase's
// list with expand=author,reactions_via_post,comments_via_post.author),
// as a resident and as a manager, whose rules and privacy hooks differ;
// then a keyset page half a year back both ways.
func BenchmarkBoardRoute(b *testing.B) {
	w := tk.Seeded(b)
	app := tk.NewApp(b)
	defer app.Cleanup()
	const posts = 365 * 10
	start, step := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), 3*144*time.Minute // three posts at a time
	boardHistory(b, app, posts, start, step)
	app.Settings().RateLimits.Enabled = false
	srv := tk.Serve(b, app)

	// The last post of a page half a year back: unpinned, in a group of
	// three written at once.
	mid := map[string]any{"created": start.Add(time.Duration(posts/2/3) * step).Format("2006-01-02 15:04:05.000Z"), "pinned": false}
	for _, bm := range []struct{ name, url, actor string }{
		{"pocketbase-list/resident", pbBoardPage(w.HouseA, nil), tk.ResidentA1},
		{"route/resident", boardURL(w.HouseA, "perPage=20"), tk.ResidentA1},
		{"pocketbase-list/manager", pbBoardPage(w.HouseA, nil), tk.ManagerA},
		{"route/manager", boardURL(w.HouseA, "perPage=20"), tk.ManagerA},
		{"pocketbase-list/keyset-half-a-year-back", pbBoardPage(w.HouseA, mid), tk.ResidentA1},
		{"route/keyset-half-a-year-back", boardURL(w.HouseA, boardAfter(mid["created"].(string), false)), tk.ResidentA1},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+bm.url, nil)
			req.Header.Set("Authorization", w.People[bm.actor].Token)
			for b.Loop() {
				res, err := http.DefaultClient.Do(req)
				if err != nil || res.StatusCode != 200 {
					b.Fatal(err, res.StatusCode)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
}
