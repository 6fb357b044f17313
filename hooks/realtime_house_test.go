package hooks_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// Realtime whose cost follows the house (hooks/realtime_fanout.go): who
// may hear a record event is narrowed to the house's people before any
// rule runs. These tests show that a membership change is seen by the very
// next event, that no rule runs for another house's clients, and that
// nothing is left running afterwards.

// TestRealtimeMembershipChangeNextEvent: a listener's membership changes
// (moving in, being discharged, losing a partner link, becoming a
// manager) between two events of the house; the first event is heard or
// not as before the change, the very next one as after it. The first
// event also makes the server read the house's people before the change.
func TestRealtimeMembershipChangeNextEvent(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name     string
		listener string
		topic    string
		setup    func(t *testing.T, app *tests.TestApp) // before the listener connects
		event    func(t *testing.T, app *tests.TestApp, n int) string
		change   func(t *testing.T, app *tests.TestApp)
		before   bool // heard the event before the change
	}{
		{
			name: "move-in", listener: tk.Newcomer, topic: "posts",
			event: postIn(w.HouseB, w.People[tk.ResidentB].ID),
			change: func(t *testing.T, app *tests.TestApp) {
				saveOrFail(t, app, "memberships", map[string]any{
					"house": w.HouseB, "user": w.People[tk.Newcomer].ID, "role": "resident", "status": "active", "move_in": "2026-11-01",
				})
			},
		},
		{
			name: "move-out", listener: tk.ResidentA2, topic: "posts", before: true,
			event: postIn(w.HouseA, w.People[tk.ResidentA1].ID),
			change: func(t *testing.T, app *tests.TestApp) {
				m := findOrFail(t, app, "memberships", w.People[tk.ResidentA2].Membership)
				m.Set("status", "discharged")
				m.Set("exit_reason", "left")
				save(t, app, m)
			},
		},
		{
			name: "partner link removed", listener: tk.ResidentA2, topic: "checkins", before: true,
			setup: func(t *testing.T, app *tests.TestApp) {
				m := findOrFail(t, app, "memberships", w.People[tk.ResidentA1].Membership)
				m.Set("partner", w.People[tk.ResidentA2].ID)
				save(t, app, m)
			},
			event: func(t *testing.T, app *tests.TestApp, n int) string {
				c := findOrFail(t, app, "checkins", w.CheckinA1)
				c.Set("note", fmt.Sprintf("Note %d.", n))
				save(t, app, c)
				return c.Id
			},
			change: func(t *testing.T, app *tests.TestApp) {
				m := findOrFail(t, app, "memberships", w.People[tk.ResidentA1].Membership)
				m.Set("partner", "")
				save(t, app, m)
			},
		},
		{
			name: "role change", listener: tk.ResidentA2, topic: "reports",
			event: func(t *testing.T, app *tests.TestApp, n int) string {
				post := postIn(w.HouseA, w.People[tk.ResidentA1].ID)(t, app, n)
				return saveOrFail(t, app, "reports", map[string]any{
					"post": post, "house": w.HouseA, "reporter": w.People[tk.AlumnusA].ID, "reason": fmt.Sprintf("Report %d", n),
				}).Id
			},
			change: func(t *testing.T, app *tests.TestApp) {
				m := findOrFail(t, app, "memberships", w.People[tk.ResidentA2].Membership)
				m.Set("role", "manager")
				save(t, app, m)
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			srv := tk.Serve(t, app)
			if c.setup != nil {
				c.setup(t, app)
			}
			sub := tk.Subscribe(t, srv.URL, w.People[c.listener].Token, c.topic)

			first := c.event(t, app, 1)
			if got := heardRecord(sub.Drain(400*time.Millisecond), first); got != c.before {
				t.Fatalf("before the change: heard = %v, want %v", got, c.before)
			}
			c.change(t, app)
			sub.Drain(200 * time.Millisecond) // the membership's own event, if any
			next := c.event(t, app, 2)
			if got := heardRecord(sub.Drain(400*time.Millisecond), next); got == c.before {
				t.Errorf("the very next event after the change: heard = %v, want %v", got, !c.before)
			}
		})
	}
}

// postIn returns an event that is a share post in the house by author.
func postIn(house, author string) func(t *testing.T, app *tests.TestApp, n int) string {
	return func(t *testing.T, app *tests.TestApp, n int) string {
		return saveOrFail(t, app, "posts", map[string]any{"house": house, "author": author, "kind": "share", "body": fmt.Sprintf("Post %d", n)}).Id
	}
}

// TestRealtimeNoRuleForOtherHouses: the queries a post's create runs for
// realtime are the same whether 0 or 12 residents of another house are
// connected to the board (PocketBase alone runs the posts rule once for
// each of them), and none of them hears it.
func TestRealtimeNoRuleForOtherHouses(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	var queries atomic.Int64
	db, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		t.Fatalf("the concurrent db is a %T", app.ConcurrentDB())
	}
	prev := db.QueryLogFunc
	db.QueryLogFunc = func(ctx context.Context, d time.Duration, q string, rows *sql.Rows, err error) {
		queries.Add(1)
		if prev != nil {
			prev(ctx, d, q, rows, err)
		}
	}
	defer func() { db.QueryLogFunc = prev }()
	count := func(fn func()) int64 {
		before := queries.Load()
		fn()
		return queries.Load() - before
	}

	tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts")
	post := func() {
		saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Hello"})
	}
	post() // warm caches
	alone := count(post)

	var others []*tk.Subscriber
	for range 6 {
		for _, p := range []string{tk.ResidentB, tk.ManagerB} {
			others = append(others, tk.Subscribe(t, srv.URL, w.People[p].Token, "posts"))
		}
	}
	crowded := count(post)
	if crowded != alone {
		t.Errorf("a post's create ran %d queries with 12 clients of another house connected, %d without", crowded, alone)
	}
	for _, s := range others {
		if got := s.Drain(50 * time.Millisecond); len(got) != 0 {
			t.Errorf("a client of house B heard %d events of house A", len(got))
		}
	}
}

// TestRealtimeLeavesNothingRunning: after clients connected, heard posts,
// comments and a delete, and the app and server closed, the goroutines
// are back to what they were.
func TestRealtimeLeavesNothingRunning(t *testing.T) {
	w := tk.Seeded(t)
	before := runtime.NumGoroutine()
	func() {
		app := tk.NewApp(t)
		defer app.Cleanup()
		srv := tk.Serve(t, app)
		defer srv.Close()
		var subs []*tk.Subscriber
		for _, p := range []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA, tk.ResidentB} {
			subs = append(subs, tk.Subscribe(t, srv.URL, w.People[p].Token, "posts", "comments"))
		}
		for i := range 5 {
			p := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": fmt.Sprintf("Post %d", i)})
			saveOrFail(t, app, "comments", map[string]any{"post": p.Id, "author": w.People[tk.ResidentA2].ID, "body": "Hi"})
			if i == 4 {
				deleteOrFail(t, app, "posts", p.Id)
			}
		}
		if got := subs[0].Drain(300 * time.Millisecond); len(got) < 10 {
			t.Errorf("residentA1 heard %d events, want at least 10", len(got))
		}
		srv.CloseClientConnections()
	}()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		stacks := string(buf[:n])
		if strings.Contains(stacks, "realtimeFanout") || strings.Contains(stacks, "sseConn") {
			t.Errorf("%d goroutines before, %d after; the fan-out's or the connections' are still running:\n%s", before, after, stacks)
		}
	}
}

// TestRealtimeCandidatesNeverNarrowerThanRules: for every record of every
// collection of the test world and every person (and a guest), whenever
// PocketBase's list or view rule lets the person see the record, the
// fan-out counts the person among the record's candidates. This is what
// makes the narrowing safe whatever the rules say.
func TestRealtimeCandidatesNeverNarrowerThanRules(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	tk.Serve(t, app) // the fan-out works for a serving app

	type viewer struct {
		name string
		auth *core.Record
	}
	viewers := []viewer{{name: tk.Anonymous}}
	for name, p := range w.People {
		if name == tk.Superuser {
			continue // superusers are always candidates
		}
		u, err := app.FindRecordById("users", p.ID)
		if err != nil {
			t.Fatal(err)
		}
		viewers = append(viewers, viewer{name, u})
	}
	collections, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	narrowed, checked := 0, 0
	for _, c := range collections {
		if c.IsView() {
			continue
		}
		records, err := app.FindAllRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range records {
			if i == 50 {
				break
			}
			people, open, err := hooks.RealtimeCandidates(app, rec)
			if err != nil {
				t.Fatalf("%s %s: %v", c.Name, rec.Id, err)
			}
			if open {
				continue
			}
			narrowed++
			for _, v := range viewers {
				info := &core.RequestInfo{Context: core.RequestInfoContextRealtime, Method: "GET", Auth: v.auth}
				for _, rule := range []*string{c.ListRule, c.ViewRule} {
					ok, _ := app.CanAccessRecord(rec, info, rule)
					if !ok {
						continue
					}
					checked++
					id := ""
					if v.auth != nil {
						id = v.auth.Id
					}
					if !people[id] {
						t.Errorf("%s may see %s %s but is not among its candidates", v.name, c.Name, rec.Id)
					}
				}
			}
		}
	}
	if narrowed == 0 || checked == 0 {
		t.Fatalf("%d records narrowed, %d sightings checked: the test saw nothing", narrowed, checked)
	}
	t.Logf("%d records narrowed, %d sightings checked", narrowed, checked)
}

// TestRealtimeVisitsOnlyCandidates: with clients of another house
// connected, an event of house A looks only at the clients of its
// candidates (the connected-client index), not at every connected client,
// and still reaches its house and no other.
func TestRealtimeVisitsOnlyCandidates(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	mine := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts")
	var others []*tk.Subscriber
	for range 6 {
		for _, p := range []string{tk.ResidentB, tk.ManagerB} {
			others = append(others, tk.Subscribe(t, srv.URL, w.People[p].Token, "posts"))
		}
	}
	before := hooks.RealtimeVisited(app)
	saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Hello"})
	if got := hooks.RealtimeVisited(app) - before; got != 1 {
		t.Errorf("a post of house A looked at %d connected clients, want 1 (its house's one)", got)
	}
	if got := mine.Drain(300 * time.Millisecond); len(got) != 1 {
		t.Errorf("residentA2 heard %d events, want 1", len(got))
	}
	for _, s := range others {
		if got := s.Drain(50 * time.Millisecond); len(got) != 0 {
			t.Errorf("a client of house B heard %d events of house A", len(got))
		}
	}
}
