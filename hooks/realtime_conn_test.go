package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// Realtime connections that hold no goroutine (hooks/realtime_conn.go):
// Hearth takes each realtime connection over from PocketBase's handler,
// so that a connected phone costs its client and its socket, not two
// goroutines and net/http's buffers. These tests show the connection is
// PocketBase's in every way a client sees (headers, CORS, PB_CONNECT,
// events in order), that it holds no goroutine while idle, and that it
// ends as PocketBase's did: when the peer goes, when idle or too old, and
// when the app stops.

// subscribed connects a stream and sets its subscriptions, or fails.
func subscribed(t *testing.T, client *http.Client, base string, header http.Header, token string, topics ...string) *tk.Stream {
	t.Helper()
	s := tk.Connect(t, client, base, header)
	if status := s.Subscribe(t, client, base, token, topics...); status != http.StatusNoContent {
		t.Fatalf("subscribing: status %d", status)
	}
	return s
}

// ended waits up to d for the server to end the stream.
func ended(s *tk.Stream, d time.Duration) bool {
	deadline := time.After(d)
	for {
		select {
		case _, ok := <-s.Events:
			if !ok {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// goroutinesIn counts the goroutines whose stack names fn.
func goroutinesIn(fn string) int {
	buf := make([]byte, 8<<20)
	n := runtime.Stack(buf, true)
	count := 0
	for _, g := range strings.Split(string(buf[:n]), "\n\n") {
		if strings.Contains(g, fn) {
			count++
		}
	}
	return count
}

// within polls cond for up to d.
func within(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// TestRealtimeConnectionsHoldNoGoroutine: thirty connected clients, each
// subscribed as a person of house A, are held without a goroutine of
// their own (PocketBase's handler waited in apis.realtimeConnect for each,
// beside net/http's), and events of their house still reach them, in
// order, through the same headers a browser saw from PocketBase.
func TestRealtimeConnectionsHoldNoGoroutine(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	const origin = "https://maple.example"
	srv := httptest.NewServer(tk.Handler(t, app, tk.WithCORS([]string{origin})))
	defer srv.Close()

	people := []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA}
	var streams []*tk.Stream
	for i := range 30 {
		streams = append(streams, subscribed(t, http.DefaultClient, srv.URL, http.Header{"Origin": {origin}}, w.People[people[i%len(people)]].Token, "posts"))
	}

	res := streams[0].Response
	for k, want := range map[string]string{
		"Content-Type":                "text/event-stream",
		"Cache-Control":               "no-store",
		"X-Accel-Buffering":           "no",
		"Access-Control-Allow-Origin": origin,
	} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	if res.StatusCode != http.StatusOK || res.ProtoMajor != 1 || res.ProtoMinor != 1 {
		t.Errorf("response %s %d, want HTTP/1.1 200", res.Proto, res.StatusCode)
	}

	if got := hooks.RealtimeConnections(app); got != 30 {
		t.Errorf("%d connections taken over, want 30", got)
	}
	if got := goroutinesIn("apis.realtimeConnect"); got != 0 {
		t.Errorf("%d goroutines wait in PocketBase's realtime handler, want 0", got)
	}
	if got := goroutinesIn("hooks.(*sseConns).watch"); got != 1 {
		t.Errorf("%d watchers run, want 1 for every connection", got)
	}

	var ids []string
	for i := range 3 {
		p := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Post " + string(rune('a'+i))})
		ids = append(ids, p.Id)
	}
	for i, s := range streams {
		for j, id := range ids {
			select {
			case ev := <-s.Events:
				if ev.Topic != "posts" || !strings.Contains(ev.Raw, id) {
					t.Fatalf("client %d, event %d: %q %q, want the post %s", i, j, ev.Topic, ev.Raw, id)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("client %d heard %d of 3 posts", i, j)
			}
		}
	}
	if !within(2*time.Second, func() bool { return goroutinesIn("hooks.(*sseConn).flush") == 0 }) {
		t.Errorf("%d writers still run once every message is written", goroutinesIn("hooks.(*sseConn).flush"))
	}
}

// TestRealtimeConnectionEnds: a taken-over connection ends, and its
// client leaves the broker and the client index, when its peer closes it,
// when it has been idle for the connect event's IdleTimeout, when it is
// older than its MaxTimeout, and when the app stops; the watcher ends
// with the last connection.
func TestRealtimeConnectionEnds(t *testing.T) {
	w := tk.Seeded(t)
	scenarios := []struct {
		name    string
		idle    time.Duration
		max     time.Duration
		endedBy func(app core.App, s *tk.Stream)
	}{
		{"the peer closes it", 0, 0, func(app core.App, s *tk.Stream) { s.Cancel() }},
		{"idle", 300 * time.Millisecond, 0, func(core.App, *tk.Stream) {}},
		{"too old", 0, 300 * time.Millisecond, func(core.App, *tk.Stream) {}},
		{"the app stops", 0, 0, func(app core.App, s *tk.Stream) {
			_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error { return nil })
		}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			hooks.SetRealtimeWatch(app, 50*time.Millisecond)
			app.OnRealtimeConnectRequest().BindFunc(func(e *core.RealtimeConnectRequestEvent) error {
				if sc.idle > 0 {
					e.IdleTimeout = sc.idle
				}
				if sc.max > 0 {
					e.MaxTimeout = sc.max
				}
				return e.Next()
			})
			srv := tk.Serve(t, app)
			s := subscribed(t, http.DefaultClient, srv.URL, nil, w.People[tk.ResidentA1].Token, "posts")
			if sc.max > 0 {
				// Busy, never idle: only its age ends it.
				stop := make(chan struct{})
				defer close(stop)
				go func() {
					for {
						select {
						case <-stop:
							return
						case <-time.After(50 * time.Millisecond):
							saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID, "kind": "share", "body": "Still here"})
						}
					}
				}()
			}
			if got := hooks.RealtimeConnections(app); got != 1 {
				t.Fatalf("%d connections taken over, want 1", got)
			}
			sc.endedBy(app, s)
			if !ended(s, 5*time.Second) {
				t.Fatal("the server did not end the connection")
			}
			if !within(5*time.Second, func() bool {
				return hooks.RealtimeConnections(app) == 0 && app.SubscriptionsBroker().TotalClients() == 0
			}) {
				t.Fatalf("%d connections and %d broker clients left", hooks.RealtimeConnections(app), app.SubscriptionsBroker().TotalClients())
			}
			if !within(2*time.Second, func() bool { return goroutinesIn("hooks.(*sseConns).watch") == 0 }) {
				t.Error("the watcher still runs with no connection")
			}
		})
	}
}

// TestRealtimeConnectionHTTP2: over HTTP/2 a connection cannot be taken
// over; it stays on PocketBase's path, and its events still come.
func TestRealtimeConnectionHTTP2(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := httptest.NewUnstartedServer(tk.Handler(t, app))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	client := srv.Client()

	s := subscribed(t, client, srv.URL, nil, w.People[tk.ResidentA2].Token, "posts")
	if s.Response.ProtoMajor != 2 {
		t.Fatalf("connected with %s, want HTTP/2", s.Response.Proto)
	}
	if got := hooks.RealtimeConnections(app); got != 0 {
		t.Errorf("%d HTTP/2 connections taken over, want 0", got)
	}
	p := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Over h2"})
	select {
	case ev := <-s.Events:
		if !strings.Contains(ev.Raw, p.Id) {
			t.Errorf("heard %q, want the post", ev.Raw)
		}
	case <-time.After(5 * time.Second):
		t.Error("no event over HTTP/2")
	}
	s.Cancel()
}

// TestRealtimeClientsPerPerson: one person may have ten realtime clients
// subscribed at once; the eleventh subscription is refused (429) in words
// a resident understands, while the ten keep working and a housemate is
// not affected; once one of the ten has gone, the eleventh may subscribe,
// and a client of the ten may change its subscriptions.
func TestRealtimeClientsPerPerson(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	hooks.SetRealtimeWatch(app, 20*time.Millisecond)
	srv := tk.Serve(t, app)
	token := w.People[tk.ResidentA1].Token

	var ten []*tk.Stream
	for range 10 {
		ten = append(ten, subscribed(t, http.DefaultClient, srv.URL, nil, token, "posts"))
	}
	eleventh := tk.Connect(t, http.DefaultClient, srv.URL, nil)
	if status := eleventh.Subscribe(t, http.DefaultClient, srv.URL, token, "posts"); status != http.StatusTooManyRequests {
		t.Fatalf("the eleventh subscription: status %d, want 429", status)
	}
	if status := ten[9].Subscribe(t, http.DefaultClient, srv.URL, token, "posts", "comments"); status != http.StatusNoContent {
		t.Errorf("one of the ten changing its subscriptions: status %d, want 204", status)
	}
	housemate := subscribed(t, http.DefaultClient, srv.URL, nil, w.People[tk.ResidentA2].Token, "posts")

	p := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ManagerA].ID, "kind": "announcement", "body": "House meeting at 7"})
	for i, s := range append(ten, housemate) {
		select {
		case ev := <-s.Events:
			if !strings.Contains(ev.Raw, p.Id) {
				t.Errorf("client %d heard %q, want the post", i, ev.Raw)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("client %d heard nothing", i)
		}
	}

	ten[0].Cancel()
	if !within(5*time.Second, func() bool {
		return eleventh.Subscribe(t, http.DefaultClient, srv.URL, token, "posts") == http.StatusNoContent
	}) {
		t.Error("the eleventh may not subscribe after one of the ten has gone")
	}
}
