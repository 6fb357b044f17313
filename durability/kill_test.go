package durability_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// killWriters is the number of residents writing at once, each on its own
// connection, besides the superuser's stream.
const killWriters = 8

// TestKillDuringWrites kills `hearth serve` with SIGKILL at a random moment
// (200 ms to 2 s into a burst of concurrent writes through the API, as real
// residents and an admin), restarts it on the same data directory and
// proves that
//
//   - both databases pass PRAGMA integrity_check and foreign_key_check,
//     read straight from the files the killed process left;
//   - every acknowledged create (a 2xx answer) is there, with every field
//     the answer showed, and its uploaded files are on disk and served
//     byte for byte; every acknowledged update holds; every acknowledged
//     delete is gone;
//   - a write whose connection was refused left nothing; a write in flight
//     at the kill is there or not, never half (a need-support post that
//     exists has all of its alerts);
//   - no natural key (one check-in per day, one reaction of a kind, ...)
//     is duplicated.
//
// Every run kills the same data directory again, so later runs also check
// the earlier runs' writes after several crashes. Short mode: 3 runs; long
// mode: 25.
func TestKillDuringWrites(t *testing.T) {
	runs := 3
	if longMode {
		runs = 25
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HEARTH_DURABILITY_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("HEARTH_DURABILITY_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("seed %d (HEARTH_DURABILITY_SEED=%d replays the choices; the kill lands where the machine's timing puts it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x6865617274680001))

	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	su := superuser(t, srv)
	openTheGates(t, su)
	h := newKillHouse(t, su, rng)

	led := newLedger()
	var totals runStats
	for run := 1; run <= runs; run++ {
		st := h.killRun(t, srv, led, run, rng)
		totals.add(st)
		if t.Failed() {
			t.Fatalf("run %02d: %s\nCHECKS FAILED (above); data directory kept: %s", run, st, dir)
		}
		t.Logf("run %02d: %s; integrity ok, every acknowledged write found as acknowledged", run, st)
	}
	t.Logf("all %d runs: %s", runs, totals.String())
	t.Logf("the ledger: %d acknowledged writes checked after every later kill too (%d records expected present, %d expected gone)",
		totals.acked+totals.deletes, led.count(statePresent), led.count(stateAbsent))
}

// killHouse is the house the kill test writes in: one manager, the
// residents of every run so far, and a chore whose assignments the
// superuser hands out (inactive, so the scheduler never assigns it).
type killHouse struct {
	house, chore, manager string
	members               []string // user ids of the active members
}

func newKillHouse(t *testing.T, su *client, rng *rand.Rand) *killHouse {
	t.Helper()
	h := &killHouse{}
	var house, chore record
	su.must(t, "POST", "/api/collections/houses/records", map[string]any{
		"name": "Durability House", "timezone": "UTC", "capacity": 0, "curfew": "23:00",
	}, &house)
	h.house = house["id"].(string)
	h.manager, _ = h.addMember(t, su, "manager", "manager", rng)
	su.must(t, "POST", "/api/collections/chores/records", map[string]any{
		"house": h.house, "title": "Wipe the counters", "cadence": "daily", "due_time": "09:00",
		"points": 1, "needs_photo": true, "active": false,
	}, &chore)
	h.chore = chore["id"].(string)
	return h
}

// addMember creates an account and its active membership, and returns the
// user's id and email.
func (h *killHouse) addMember(t *testing.T, su *client, name, role string, rng *rand.Rand) (id, email string) {
	t.Helper()
	var u record
	email = fmt.Sprintf("%s-%s@durability.example", name, newID(rng)[:6])
	su.must(t, "POST", "/api/collections/users/records", map[string]any{
		"email": email, "name": name,
		"password": userPassword, "passwordConfirm": userPassword,
	}, &u)
	id = u["id"].(string)
	su.must(t, "POST", "/api/collections/memberships/records", map[string]any{
		"house": h.house, "user": id, "role": role, "status": "active",
		"move_in": time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02"),
	}, nil)
	h.members = append(h.members, id)
	return id, email
}

// killRun is one run: new residents, a burst of writes, a SIGKILL, the
// checks on the files, a restart, the checks through the API.
func (h *killHouse) killRun(t *testing.T, srv *server, led *ledger, run int, rng *rand.Rand) runStats {
	t.Helper()
	su := superuser(t, srv)

	// New residents for this run, so that each has a check-in of each kind
	// to make today; the chores they will mark done.
	writers := make([]*writer, killWriters)
	for i := range writers {
		name := fmt.Sprintf("run%02d-resident%d", run, i)
		uid, email := h.addMember(t, su, name, "resident", rng)
		c := signIn(t, srv.base, "users", email, userPassword)
		w := &writer{i: i, run: run, c: c, user: uid, h: h, led: led,
			rng: rand.New(rand.NewPCG(rng.Uint64(), uint64(i))), reactions: map[string]string{}}
		due := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Second)
		for k := range 6 {
			var a record
			su.must(t, "POST", "/api/collections/chore_assignments/records", map[string]any{
				"id": newID(rng), "chore": h.chore, "house": h.house, "assignee": uid, "status": "open", "points": 1,
				"due": due.Add(time.Duration(run*1000+i*10+k) * time.Second).Format("2006-01-02 15:04:05.000Z"),
			}, &a)
			led.ack(run, "chore assigned", "chore_assignments", a, nil)
			w.assignments = append(w.assignments, a["id"].(string))
		}
		writers[i] = w
	}
	members := len(h.members)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for _, w := range writers {
		wg.Go(func() { w.write(ctx, t) })
	}
	admin := &adminStream{run: run, c: &client{base: srv.base, token: su.token, http: newHTTP()}, h: h, led: led,
		rng: rand.New(rand.NewPCG(rng.Uint64(), 99))}
	wg.Go(func() { admin.write(ctx, t) })

	// The kill lands at a random moment of the burst.
	delay := 200*time.Millisecond + time.Duration(rng.Int64N(int64(1800*time.Millisecond)))
	time.Sleep(delay)
	srv.kill()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cancel()
		<-done
		t.Error("writers still busy 30 s after the kill")
	}

	st := led.stats(run)
	st.delay = delay

	// On the files the killed process left, before anything opens them
	// for writing.
	checkIntegrity(t, srv.dir)
	if dups, err := duplicates(srv.dir); err != nil {
		t.Fatal(err)
	} else if len(dups) > 0 {
		t.Errorf("run %d: duplicated natural keys: %v", run, dups)
	}
	led.checkFiles(t, srv.dir)

	// Restart and check through the API.
	t0 := time.Now()
	srv.start()
	st.restart = time.Since(t0)
	su = superuser(t, srv)
	st.inDoubtCommitted = led.checkAPI(t, su, run)
	h.checkSupportAlerts(t, su, led, run, members)
	return st
}

// checkSupportAlerts: every need-support post of the run that exists has
// alerted every other member of the house, in its own transaction; one in
// flight at the kill that was not committed alerted nobody.
func (h *killHouse) checkSupportAlerts(t *testing.T, su *client, led *ledger, run, members int) {
	t.Helper()
	for _, id := range led.supportPosts(run) {
		want := members - 1
		err := su.do(context.Background(), "GET", "/api/collections/posts/records/"+id, nil, nil)
		if status(err) == 404 {
			want = 0
		} else if err != nil {
			t.Fatal(err)
		}
		got := count(t, su, "notifications", fmt.Sprintf(`kind = "support" && link = "/board/posts/%s"`, id))
		if got != want {
			t.Errorf("run %d: need-support post %s has %d alerts, want %d (every member but the author, or none without the post)", run, id, got, want)
		}
	}
}

// ---------- the writers ----------

// writer is one resident writing as fast as the server answers.
type writer struct {
	i, run int
	c      *client
	user   string
	h      *killHouse
	led    *ledger
	rng    *rand.Rand

	assignments []string          // open chores to mark done
	comments    []string          // their comments
	meetings    []string          // their meetings
	reactions   map[string]string // their reactions: id → post|kind
}

// write runs until the server dies: the day's check-ins first, then a
// random mix of the board, chores and meetings.
func (w *writer) write(ctx context.Context, t *testing.T) {
	actions := []struct {
		weight int
		do     func(context.Context) (bool, error)
	}{
		{4, w.post},
		{1, w.supportPost},
		{4, w.comment},
		{1, w.uncomment},
		{3, w.react},
		{2, w.unreact},
		{2, w.choreDone},
		{2, w.meeting},
		{1, w.unmeeting},
	}
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	first := []func(context.Context) (bool, error){w.dailyCheckin, w.curfewCheckin}
	for ctx.Err() == nil {
		var do func(context.Context) (bool, error)
		if len(first) > 0 {
			do, first = first[0], first[1:]
		} else {
			n := w.rng.IntN(total)
			for _, a := range actions {
				if n -= a.weight; n < 0 {
					do = a.do
					break
				}
			}
		}
		sent, err := do(ctx)
		if !sent || err == nil {
			continue
		}
		if status(err) != 0 {
			// A refusal is no acknowledgement; but every write here is one
			// the server should accept, so a refusal is a harness or a
			// server bug worth seeing.
			t.Errorf("run %d writer %d: %v", w.run, w.i, err)
			continue
		}
		return // the server is gone
	}
}

func (w *writer) dailyCheckin(ctx context.Context) (bool, error) {
	return true, w.create(ctx, "checkin daily", "checkins", map[string]any{
		"user": w.user, "house": w.h.house, "kind": "daily",
		"mood": 1 + w.rng.IntN(5), "craving": w.rng.IntN(11), "note": "run " + strconv.Itoa(w.run),
	}, nil, nil)
}

func (w *writer) curfewCheckin(ctx context.Context) (bool, error) {
	return true, w.create(ctx, "checkin curfew", "checkins", map[string]any{
		"user": w.user, "house": w.h.house, "kind": "curfew",
	}, nil, nil)
}

func (w *writer) post(ctx context.Context) (bool, error) {
	kind := []string{"share", "win"}[w.rng.IntN(2)]
	var files []upload
	label := "post"
	if w.rng.IntN(2) == 0 {
		for range 1 + w.rng.IntN(2) {
			files = append(files, upload{"images", "photo.png", photo(w.rng, 16)})
		}
		label = "post with photos"
	}
	return true, w.create(ctx, label, "posts", map[string]any{
		"house": w.h.house, "author": w.user, "kind": kind, "body": fmt.Sprintf("A %s from writer %d", kind, w.i),
	}, files, func(id string) { w.led.addPost(id) })
}

func (w *writer) supportPost(ctx context.Context) (bool, error) {
	return true, w.create(ctx, "need-support post", "posts", map[string]any{
		"house": w.h.house, "author": w.user, "kind": "support", "body": "Rough night, anyone up?",
	}, nil, func(id string) { w.led.addPost(id) })
}

func (w *writer) comment(ctx context.Context) (bool, error) {
	post := w.led.randomPost(w.rng)
	if post == "" {
		return false, nil
	}
	return true, w.create(ctx, "comment", "comments", map[string]any{
		"post": post, "author": w.user, "body": "Here for you",
	}, nil, func(id string) { w.comments = append(w.comments, id) })
}

func (w *writer) uncomment(ctx context.Context) (bool, error) {
	if len(w.comments) == 0 {
		return false, nil
	}
	id := w.comments[len(w.comments)-1]
	w.comments = w.comments[:len(w.comments)-1]
	return true, w.remove(ctx, "comment deleted", "comments", id)
}

var reactionKinds = []string{"me_too", "proud", "hug", "heart"}

func (w *writer) react(ctx context.Context) (bool, error) {
	post := w.led.randomPost(w.rng)
	if post == "" {
		return false, nil
	}
	kind := reactionKinds[w.rng.IntN(len(reactionKinds))]
	key := post + "|" + kind
	for _, k := range w.reactions {
		if k == key {
			return false, nil // taken; the unique index is checked elsewhere
		}
	}
	return true, w.create(ctx, "reaction", "reactions", map[string]any{
		"post": post, "user": w.user, "kind": kind,
	}, nil, func(id string) { w.reactions[id] = key })
}

func (w *writer) unreact(ctx context.Context) (bool, error) {
	for id := range w.reactions {
		delete(w.reactions, id)
		return true, w.remove(ctx, "reaction deleted", "reactions", id)
	}
	return false, nil
}

func (w *writer) choreDone(ctx context.Context) (bool, error) {
	if len(w.assignments) == 0 {
		return false, nil
	}
	id := w.assignments[0]
	w.assignments = w.assignments[1:]
	files := []upload{{"photo", "counters.png", photo(w.rng, 16)}}
	var got record
	err := w.c.multipart(ctx, "PATCH", "/api/collections/chore_assignments/records/"+id,
		map[string]string{"status": "done", "note": "Spotless"}, files, &got)
	w.led.outcome(w.run, "chore done", "chore_assignments", id, false, got, files, err)
	return true, err
}

func (w *writer) meeting(ctx context.Context) (bool, error) {
	var files []upload
	label := "meeting"
	if w.rng.IntN(3) == 0 {
		files = []upload{{"proof", "slip.png", photo(w.rng, 16)}}
		label = "meeting with slip"
	}
	return true, w.create(ctx, label, "meetings", map[string]any{
		"user": w.user, "house": w.h.house, "date": time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02"),
		"program": "aa", "name": "Tuesday Night Big Book", "format": "in_person",
	}, files, func(id string) { w.meetings = append(w.meetings, id) })
}

func (w *writer) unmeeting(ctx context.Context) (bool, error) {
	if len(w.meetings) == 0 {
		return false, nil
	}
	id := w.meetings[0]
	w.meetings = w.meetings[1:]
	return true, w.remove(ctx, "meeting deleted", "meetings", id)
}

// create sends a create with a client-chosen id (multipart when there are
// files) and books its outcome; then runs acked with the id.
func (w *writer) create(ctx context.Context, label, collection string, body map[string]any, files []upload, acked func(id string)) error {
	id := newID(w.rng)
	body["id"] = id
	var got record
	var err error
	if len(files) == 0 {
		err = w.c.do(ctx, "POST", "/api/collections/"+collection+"/records", body, &got)
	} else {
		fields := map[string]string{}
		for k, v := range body {
			fields[k] = fmt.Sprint(v)
		}
		err = w.c.multipart(ctx, "POST", "/api/collections/"+collection+"/records", fields, files, &got)
	}
	w.led.outcome(w.run, label, collection, id, true, got, files, err)
	if err == nil && acked != nil {
		acked(id)
	}
	return err
}

func (w *writer) remove(ctx context.Context, label, collection, id string) error {
	err := w.c.do(ctx, "DELETE", "/api/collections/"+collection+"/records/"+id, nil, nil)
	w.led.deleteOutcome(w.run, label, collection, id, err)
	return err
}

// adminStream is the superuser's own writes: notifications made and
// taken back, as the dashboard or a script would.
type adminStream struct {
	run  int
	c    *client
	h    *killHouse
	led  *ledger
	rng  *rand.Rand
	mine []string
}

func (a *adminStream) write(ctx context.Context, t *testing.T) {
	for ctx.Err() == nil {
		var err error
		if len(a.mine) > 3 && a.rng.IntN(4) == 0 {
			id := a.mine[0]
			a.mine = a.mine[1:]
			err = a.c.do(ctx, "DELETE", "/api/collections/notifications/records/"+id, nil, nil)
			a.led.deleteOutcome(a.run, "notification deleted (admin)", "notifications", id, err)
		} else {
			id := newID(a.rng)
			var got record
			err = a.c.do(ctx, "POST", "/api/collections/notifications/records", map[string]any{
				"id": id, "user": a.h.members[a.rng.IntN(len(a.h.members))], "kind": "durability",
				"title": "House meeting moved", "body": fmt.Sprintf("run %d", a.run), "link": "/events",
			}, &got)
			a.led.outcome(a.run, "notification (admin)", "notifications", id, true, got, nil, err)
			if err == nil {
				a.mine = append(a.mine, id)
			}
		}
		if err == nil {
			continue
		}
		if status(err) != 0 {
			t.Errorf("run %d admin: %v", a.run, err)
			continue
		}
		return
	}
}

// ---------- the ledger of acknowledged writes ----------

type state int

const (
	statePresent state = iota // acknowledged: must be there as the answer showed it
	stateAbsent               // acknowledged delete, or a create that never reached the server
	stateInDoubt              // in flight at the kill: there or not, never half
)

// entry is what the ledger expects of one record.
type entry struct {
	collection, id, label string
	run                   int
	state                 state
	fields                record            // the last acknowledged answer
	files                 map[string]string // stored file name → SHA-256 of what was sent
}

// ledger is every write's outcome, shared by the writers.
type ledger struct {
	mu      sync.Mutex
	entries map[string]*entry // collection/id
	posts   []string          // acknowledged posts, to comment and react on
	byRun   map[int]*runStats
}

func newLedger() *ledger {
	return &ledger{entries: map[string]*entry{}, byRun: map[int]*runStats{}}
}

// runStats counts one run's writes by outcome.
type runStats struct {
	delay, restart   time.Duration
	acked, deletes   int            // acknowledged creates and updates; deletes
	byLabel          map[string]int // acknowledged writes by kind
	inDoubt          int            // in flight at the kill
	inDoubtCommitted int            // of which found committed
	refused          int            // connection refused: never reached the server
	kills            int
}

func (s *runStats) add(o runStats) {
	s.kills++
	s.acked += o.acked
	s.deletes += o.deletes
	s.inDoubt += o.inDoubt
	s.inDoubtCommitted += o.inDoubtCommitted
	s.refused += o.refused
	if s.byLabel == nil {
		s.byLabel = map[string]int{}
	}
	for k, v := range o.byLabel {
		s.byLabel[k] += v
	}
	s.restart = max(s.restart, o.restart)
}

func (s runStats) String() string {
	var labels []string
	for k, v := range s.byLabel {
		labels = append(labels, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(labels)
	var b strings.Builder
	if s.kills > 0 {
		fmt.Fprintf(&b, "%d kills, slowest restart to health %s; ", s.kills, s.restart.Round(time.Millisecond))
	} else {
		fmt.Fprintf(&b, "SIGKILL %s into the burst, restart to health %s; ", s.delay.Round(time.Millisecond), s.restart.Round(time.Millisecond))
	}
	fmt.Fprintf(&b, "%d acknowledged creates/updates and %d acknowledged deletes; "+
		"%d in flight at the kill (%d committed, %d not); %d refused connections (left nothing) [%s]",
		s.acked, s.deletes, s.inDoubt, s.inDoubtCommitted, s.inDoubt-s.inDoubtCommitted, s.refused, strings.Join(labels, ", "))
	return b.String()
}

func (l *ledger) run(n int) *runStats {
	s := l.byRun[n]
	if s == nil {
		s = &runStats{byLabel: map[string]int{}}
		l.byRun[n] = s
	}
	return s
}

// ack books an acknowledged create or update.
func (l *ledger) ack(run int, label, collection string, got record, files []upload) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ackLocked(run, label, collection, got, files)
}

func (l *ledger) ackLocked(run int, label, collection string, got record, files []upload) {
	id, _ := got["id"].(string)
	e := &entry{collection: collection, id: id, label: label, run: run, state: statePresent, fields: got, files: map[string]string{}}
	// The answer lists the stored names of each file field in the order
	// the files were sent.
	byField := map[string][]upload{}
	for _, f := range files {
		byField[f.field] = append(byField[f.field], f)
	}
	for field, sent := range byField {
		var names []string
		switch v := got[field].(type) {
		case string:
			names = []string{v}
		case []any:
			for _, n := range v {
				names = append(names, n.(string))
			}
		}
		for i, n := range names {
			if i < len(sent) {
				e.files[n] = sum(sent[i].data)
			}
		}
	}
	l.entries[collection+"/"+id] = e
	st := l.run(run)
	st.acked++
	st.byLabel[label]++
}

// outcome books the result of a create or an update of collection/id.
func (l *ledger) outcome(run int, label, collection, id string, create bool, got record, files []upload, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case err == nil:
		l.ackLocked(run, label, collection, got, files)
	case status(err) != 0:
		// Refused: nothing changed.
	case errors.Is(err, syscall.ECONNREFUSED):
		l.run(run).refused++
		if create {
			l.entries[collection+"/"+id] = &entry{collection: collection, id: id, label: label, run: run, state: stateAbsent}
		}
	default:
		l.run(run).inDoubt++
		e := l.entries[collection+"/"+id]
		if e == nil {
			e = &entry{collection: collection, id: id, label: label, run: run}
			l.entries[collection+"/"+id] = e
		}
		e.state, e.run, e.label = stateInDoubt, run, label
	}
}

// deleteOutcome books the result of a delete.
func (l *ledger) deleteOutcome(run int, label, collection, id string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entries[collection+"/"+id]
	switch {
	case err == nil:
		e.state, e.run, e.label = stateAbsent, run, label
		st := l.run(run)
		st.deletes++
		st.byLabel[label]++
	case status(err) != 0:
	case errors.Is(err, syscall.ECONNREFUSED):
		l.run(run).refused++
	default:
		l.run(run).inDoubt++
		e.state, e.run, e.label = stateInDoubt, run, label
	}
}

func (l *ledger) addPost(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.posts = append(l.posts, id)
}

// randomPost is one of the last 50 acknowledged posts, or "".
func (l *ledger) randomPost(rng *rand.Rand) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.posts) == 0 {
		return ""
	}
	recent := l.posts[max(0, len(l.posts)-50):]
	return recent[rng.IntN(len(recent))]
}

func (l *ledger) stats(run int) runStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := *l.run(run)
	st.byLabel = maps.Clone(st.byLabel)
	return st
}

func (l *ledger) count(s state) int {
	n := 0
	for _, e := range l.entries {
		if e.state == s {
			n++
		}
	}
	return n
}

// supportPosts are the run's need-support posts that exist or may.
func (l *ledger) supportPosts(run int) []string {
	var out []string
	for _, e := range l.entries {
		if e.collection == "posts" && e.run == run && e.label == "need-support post" && e.state != stateAbsent {
			out = append(out, e.id)
		}
	}
	return out
}

// collections are those the ledger holds records of, with the filter
// that lists all of the test's records in each.
var ledgerCollections = map[string]string{
	"checkins": "", "posts": "", "comments": "", "reactions": "", "meetings": "",
	"chore_assignments": "", "notifications": `kind = "durability"`,
}

// checkFiles checks, on the files of the data directory, that every
// record the ledger expects is in data.db or not, and that the files of
// every present record are in storage/ with the bytes sent.
func (l *ledger) checkFiles(t *testing.T, dir string) {
	t.Helper()
	present := map[string]map[string]bool{}
	for c := range ledgerCollections {
		got, err := ids(dir, c)
		if err != nil {
			t.Fatal(err)
		}
		present[c] = got
	}
	for _, e := range l.entries {
		there := present[e.collection][e.id]
		switch {
		case e.state == statePresent && !there:
			t.Errorf("LOST: acknowledged %s %s/%s (run %d) is not in data.db after the kill", e.label, e.collection, e.id, e.run)
		case e.state == stateAbsent && there:
			t.Errorf("%s %s/%s (run %d) should be gone (acknowledged delete, or never sent) but is in data.db", e.label, e.collection, e.id, e.run)
		}
		if e.state != statePresent || !there {
			continue
		}
		for name, want := range e.files {
			path := filepath.Join(dir, "storage", e.fields["collectionId"].(string), e.id, name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("LOST: file of acknowledged %s %s/%s: %v", e.label, e.collection, e.id, err)
			} else if sum(b) != want {
				t.Errorf("file %s of %s/%s differs from what was sent", name, e.collection, e.id)
			}
		}
	}
}

// checkAPI lists every record of the ledger's collections through the
// restarted server and compares them with the ledger: acknowledged records
// with every field of their answer, deletes gone; the run's files are
// served byte for byte. It returns how many of the run's in-flight writes
// were committed.
func (l *ledger) checkAPI(t *testing.T, su *client, run int) int {
	t.Helper()
	found := map[string]map[string]record{}
	for c, filter := range ledgerCollections {
		found[c] = listAll(t, su, c, filter)
	}
	token := fileToken(t, su)
	committed := 0
	type fileCheck struct {
		e          *entry
		name, want string
	}
	var files []fileCheck
	for _, e := range l.entries {
		got, there := found[e.collection][e.id]
		switch e.state {
		case statePresent:
			if !there {
				t.Errorf("LOST: acknowledged %s %s/%s (run %d) is missing after the restart", e.label, e.collection, e.id, e.run)
				continue
			}
			for k, want := range e.fields {
				if k == "expand" {
					continue
				}
				if !reflect.DeepEqual(got[k], want) {
					t.Errorf("%s %s/%s (run %d): %s = %v after the restart, acknowledged %v", e.label, e.collection, e.id, e.run, k, got[k], want)
				}
			}
			if e.run == run {
				for name, want := range e.files {
					files = append(files, fileCheck{e, name, want})
				}
			}
		case stateAbsent:
			if there {
				t.Errorf("%s %s/%s (run %d) is there after the restart; it was acknowledged deleted or never sent", e.label, e.collection, e.id, e.run)
			}
		case stateInDoubt:
			if e.run == run && there {
				committed++
			}
		}
	}
	errs := parallel(len(files), 8, func(i int) error {
		f := files[i]
		got, err := fileSum(context.Background(), su, f.e.collection, f.e.id, f.name, token)
		if err != nil {
			return fmt.Errorf("LOST: file of acknowledged %s: %w", f.e.label, err)
		}
		if got != f.want {
			return fmt.Errorf("file %s of %s/%s is served with other bytes than were sent", f.name, f.e.collection, f.e.id)
		}
		return nil
	})
	for _, err := range errs {
		t.Error(err)
	}
	return committed
}

// listAll lists a collection's records (those matching filter) as the
// superuser, by id, a page at a time from the last id seen, so a record
// the scheduler adds meanwhile shifts nothing.
func listAll(t testing.TB, su *client, collection, filter string) map[string]record {
	t.Helper()
	out := map[string]record{}
	last := ""
	for {
		f := fmt.Sprintf(`id > "%s"`, last)
		if filter != "" {
			f += " && (" + filter + ")"
		}
		var page struct {
			Items []record `json:"items"`
		}
		su.must(t, "GET", "/api/collections/"+collection+"/records?perPage=1000&skipTotal=1&sort=id&filter="+url.QueryEscape(f), nil, &page)
		for _, r := range page.Items {
			out[r["id"].(string)] = r
		}
		if len(page.Items) < 1000 {
			return out
		}
		last = page.Items[len(page.Items)-1]["id"].(string)
	}
}
