package hooks_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/inflector"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	tk "hearth/testkit"
)

// literal and createAlias are what differs between two runs of one
// statement: its values, and the record a create rule is checked on
// (PocketBase names it at random and lists its columns in map order).
var (
	literal     = regexp.MustCompile(`'[^']*'|\b\d+\b`)
	createAlias = regexp.MustCompile(`(?s)__pb_create__[A-Za-z0-9]{6}(.*\(SELECT .*?\) SELECT)?`)
)

// statementLog counts the SQL statements both database pools run (reads
// and writes, in or out of a transaction). With keep set it also keeps
// each statement once, its values taken out, with its count and time.
type statementLog struct {
	mu    sync.Mutex
	keep  bool
	n     int
	count map[string]int
	spent map[string]time.Duration
}

func (l *statementLog) attach(app core.App, keep bool) {
	l.keep, l.count, l.spent = keep, map[string]int{}, map[string]time.Duration{}
	add := func(d time.Duration, s string) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.n++
		if l.keep {
			s = literal.ReplaceAllString(createAlias.ReplaceAllString(s, "__pb_create__ as (SELECT …) SELECT"), "?")
			l.count[s]++
			l.spent[s] += d
		}
	}
	for _, db := range []*dbx.DB{app.ConcurrentDB().(*dbx.DB), app.NonconcurrentDB().(*dbx.DB)} {
		db.QueryLogFunc = func(_ context.Context, d time.Duration, s string, _ *sql.Rows, _ error) { add(d, s) }
		db.ExecLogFunc = func(_ context.Context, d time.Duration, s string, _ sql.Result, _ error) { add(d, s) }
	}
}

func (l *statementLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n = 0
	clear(l.count)
	clear(l.spent)
}

// String lists the kept statements, most frequent first, each with its
// count and mean time (until its first row).
func (l *statementLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var keys []string
	for k := range l.count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return l.count[keys[i]] > l.count[keys[j]] || l.count[keys[i]] == l.count[keys[j]] && keys[i] < keys[j]
	})
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%5d %6.3f ms  %s\n", l.count[k], float64(l.spent[k].Microseconds())/1000/float64(l.count[k]), k)
	}
	return b.String()
}

// writeBench is a test app with 50 houses of 20 residents, its full router
// in process, a token per resident, and bare PocketBase's collection of
// the load tool's baseline (the check-ins' shape, no relations, a one-line
// rule, no hooks): what a create costs beyond it is what Hearth adds.
type writeBench struct {
	app     *tests.TestApp
	clock   *clockwork.FakeClock
	handler http.Handler
	people  []benchPerson
	log     statementLog
}

type benchPerson struct{ id, house, token string }

func newWriteBench(b *testing.B) *writeBench {
	b.Helper()
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)) // 09:00 in Chicago
	app := tk.NewAppWithClock(b, clock)
	b.Cleanup(app.Cleanup)
	seedHouses(b, app, 50, 20)
	app.Settings().RateLimits.Enabled = false
	rule := "@request.auth.id != ''"
	base := core.NewBaseCollection("load_baseline")
	base.ListRule, base.ViewRule, base.CreateRule = types.Pointer(rule), types.Pointer(rule), types.Pointer(rule)
	base.Fields.Add(
		&core.TextField{Name: "house", Required: true, Max: 15},
		&core.TextField{Name: "user", Required: true, Max: 15},
		&core.TextField{Name: "kind", Required: true, Max: 10},
		&core.NumberField{Name: "mood", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(5.0)},
		&core.NumberField{Name: "craving", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(10.0)},
		&core.TextField{Name: "note", Max: 2000},
		&core.BoolField{Name: "late"},
		&core.TextField{Name: "day", Max: 10},
		&core.AutodateField{Name: "created", OnCreate: true},
	)
	base.AddIndex("idx_load_baseline_house_created", false, "`house`, `created`", "")
	if err := app.Save(base); err != nil {
		b.Fatal(err)
	}
	w := &writeBench{app: app, clock: clock, handler: tk.Handler(b, app)}
	var users []*core.Record
	if err := app.RecordQuery("users").AndWhere(dbx.Like("id", "benchuser")).OrderBy("id").All(&users); err != nil {
		b.Fatal(err)
	}
	for _, u := range users {
		token, err := u.NewAuthToken()
		if err != nil {
			b.Fatal(err)
		}
		var house string
		if err := app.DB().Select("house").From("memberships").Where(dbx.HashExp{"user": u.Id}).Row(&house); err != nil {
			b.Fatal(err)
		}
		w.people = append(w.people, benchPerson{id: u.Id, house: house, token: token})
	}
	w.log.attach(app, os.Getenv("HEARTH_BENCH_SQL") != "")
	return w
}

// post sends one JSON create as the person and fails the benchmark on
// anything but a 200.
func (w *writeBench) post(b *testing.B, p benchPerson, collection, body string) {
	req := httptest.NewRequest(http.MethodPost, "/api/collections/"+collection+"/records", strings.NewReader(body))
	req.Header.Set("Authorization", p.token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s create: %d %s", collection, rec.Code, rec.Body.String())
	}
}

// run times creates, person after person (a day later once everyone has
// written, for the check-ins' one a day), and reports the statements each
// ran; with HEARTH_BENCH_SQL set it logs them.
func (w *writeBench) run(b *testing.B, collection string, body func(p benchPerson, i int) string) {
	// One unmeasured create, so that caches warm as in a running server.
	w.post(b, w.people[len(w.people)-1], collection, body(w.people[len(w.people)-1], 0))
	w.log.reset()
	i := 0
	for b.Loop() {
		if i > 0 && i%(len(w.people)-1) == 0 {
			b.StopTimer()
			w.clock.Advance(24 * time.Hour)
			b.StartTimer()
		}
		p := w.people[i%(len(w.people)-1)]
		w.post(b, p, collection, body(p, i))
		i++
	}
	b.ReportMetric(float64(w.log.n)/float64(i), "statements/op")
	if w.log.keep {
		b.Logf("%s: %d creates\n%s", collection, i, w.log.String())
	}
}

// BenchmarkWrites measures the two creates a house makes most, a daily
// check-in (also as the web app's outbox sends it, with an id made on the
// phone) and a share on the board, through the full router in process
// (token, rules, hooks, response), against bare PocketBase's create of the
// same shape (the load tool's baseline), and reports the SQL statements
// each runs. BENCHMARKS.md, "Writes".
//
//	go test ./hooks -run '^$' -bench BenchmarkWrites -benchtime 500x -count 3
func BenchmarkWrites(b *testing.B) {
	b.Run("baseline", func(b *testing.B) {
		w := newWriteBench(b)
		w.run(b, "load_baseline", func(p benchPerson, i int) string {
			return fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":%d,"craving":%d,"note":"Good day at work.","day":"2026-11-23"}`,
				p.house, p.id, 1+i%5, i%6)
		})
	})
	b.Run("checkin", func(b *testing.B) {
		w := newWriteBench(b)
		w.run(b, "checkins", func(p benchPerson, i int) string {
			return fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":%d,"craving":%d,"note":"Good day at work."}`,
				p.house, p.id, 1+i%5, i%6)
		})
	})
	b.Run("checkin-outbox", func(b *testing.B) {
		w := newWriteBench(b)
		n := 0
		w.run(b, "checkins", func(p benchPerson, i int) string {
			n++
			return fmt.Sprintf(`{"id":"outbox%09d","house":%q,"user":%q,"kind":"daily","mood":%d,"craving":%d,"note":"Good day at work."}`,
				n, p.house, p.id, 1+i%5, i%6)
		})
	})
	b.Run("post", func(b *testing.B) {
		w := newWriteBench(b)
		w.run(b, "posts", func(p benchPerson, i int) string {
			return fmt.Sprintf(`{"house":%q,"author":%q,"kind":"share","body":"Went to the noon meeting and it was exactly what I needed."}`,
				p.house, p.id)
		})
	})
}

// BenchmarkCreateRules measures the create rule alone, checked as
// PocketBase checks it (apis.recordCreate: the record's values in a WITH
// clause, the rule built into its WHERE, one query), for a check-in and a
// post of a resident among 50 houses of 20, and for the baseline's
// one-line rule. BENCHMARKS.md, "Writes".
//
//	go test ./hooks -run '^$' -bench BenchmarkCreateRules -benchtime 3000x -count 3
func BenchmarkCreateRules(b *testing.B) {
	w := newWriteBench(b)
	p := w.people[0]
	user, err := w.app.FindRecordById("users", p.id)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		collection string
		body       map[string]any
	}{
		{"load_baseline", map[string]any{"house": p.house, "user": p.id, "kind": "daily", "mood": 3, "craving": 1, "day": "2026-11-23"}},
		{"checkins", map[string]any{"house": p.house, "user": p.id, "kind": "daily", "mood": 3, "craving": 1, "note": "Good day."}},
		{"posts", map[string]any{"house": p.house, "author": p.id, "kind": "share", "body": "Went to the noon meeting."}},
	} {
		b.Run(c.collection, func(b *testing.B) {
			collection, err := w.app.FindCollectionByNameOrId(c.collection)
			if err != nil {
				b.Fatal(err)
			}
			record := core.NewRecord(collection)
			record.Load(c.body)
			info := &core.RequestInfo{Auth: user, Body: c.body, Method: http.MethodPost}
			for b.Loop() {
				if !createRuleHolds(b, w.app, collection, info, record) {
					b.Fatal("the create rule refused the resident")
				}
			}
		})
	}
}

// createRuleHolds checks the collection's create rule on the record as
// apis.recordCreate does (PocketBase v0.40.4).
func createRuleHolds(tb testing.TB, app core.App, collection *core.Collection, info *core.RequestInfo, record *core.Record) bool {
	dummy := record.Clone()
	random := "__pb_create__" + security.PseudorandomString(6)
	dummy.Id = "__temp_id__" + random
	export, err := dummy.DBExport(app)
	if err != nil {
		tb.Fatal(err)
	}
	params := make(dbx.Params, len(export))
	selects := make([]string, 0, len(export))
	for k, v := range export {
		k = inflector.Columnify(k)
		params["__pb_create__"+k] = v
		selects = append(selects, "{:__pb_create__"+k+"} AS [["+k+"]]")
	}
	dummyCollection := *collection
	dummyCollection.Id += random
	dummyCollection.Name += inflector.Columnify(random)
	with := fmt.Sprintf("WITH {{%s}} as (SELECT %s)", dummyCollection.Name, strings.Join(selects, ","))
	query := app.ConcurrentDB().Select("(1)").PreFragment(with).From(dummyCollection.Name).AndBind(params)
	resolver := core.NewRecordFieldResolver(app, &dummyCollection, info, true)
	expr, err := search.FilterData(*dummyCollection.CreateRule).BuildExpr(resolver)
	if err != nil {
		tb.Fatal(err)
	}
	query.AndWhere(expr)
	if err := resolver.UpdateQuery(query); err != nil {
		tb.Fatal(err)
	}
	var exists int
	return query.Limit(1).Row(&exists) == nil && exists == 1
}
