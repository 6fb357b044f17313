package hooks_test

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// Attacks from outside on the realtime connections Hearth takes over
// from net/http (hooks/realtime_conn.go): raw requests that try to split
// or smuggle through the hand-written response, peers that leave in odd
// ways, and connections that come and go faster than the watcher looks.

// TestAttack20SSERawRequests: odd requests to /api/realtime. A request
// pipelined after the connect is never answered inside the stream (it is
// not read at all), nothing the client sends becomes a header line of its
// own, and only a plain HTTP/1.1 GET is taken over.
func TestAttack20SSERawRequests(t *testing.T) {
	tk.Seeded(t)
	const origin = "https://maple.example"
	scenarios := []struct {
		name    string
		req     string
		status  string // the first line's prefix
		taken   int    // connections taken over while it is open
		noMatch []string
	}{
		{"pipelined request after the GET", "GET /api/realtime HTTP/1.1\r\nHost: x\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200", 1, []string{"HTTP/1.1 200 OK\r\n", "\"code\":200"}},
		{"a body on the GET", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nContent-Length: 41\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200", 1, []string{"\"code\":200"}},
		{"a chunked body on the GET", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n29\r\nGET /api/health HTTP/1.1\r\nHost: x\r\n\r\n\r\n0\r\n\r\n", "HTTP/1.1 200", 1, []string{"\"code\":200"}},
		{"Connection: upgrade", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", "HTTP/1.1 200", 1, []string{"Upgrade"}},
		{"absolute-form URL", "GET http://evil.example/api/realtime HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200", 1, []string{"evil"}},
		{"an allowed Origin, CORS", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nOrigin: " + origin + "\r\n\r\n", "HTTP/1.1 200", 1, nil},
		{"an Origin not allowed", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n", "HTTP/1.1 200", 1, []string{"evil"}},
		{"an Origin with a bare CR", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nOrigin: " + origin + "\rX-Injected: 1\r\n\r\n", "HTTP/1.1 400", 0, []string{"X-Injected"}},
		{"an Origin with obs-fold", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nOrigin: " + origin + "\r\n X-Injected: 1\r\n\r\n", "HTTP/1.1 200", 1, []string{"X-Injected", "Access-Control-Allow-Origin"}},
		{"X-Forwarded-For and -Proto", "GET /api/realtime HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4\r\nX-Forwarded-Proto: https\r\n\r\n", "HTTP/1.1 200", 1, []string{"1.2.3.4"}},
		{"HTTP/1.0 stays PocketBase's", "GET /api/realtime HTTP/1.0\r\nHost: x\r\n\r\n", "HTTP/1.0 200", 0, nil},
		{"HEAD stays PocketBase's", "HEAD /api/realtime HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200", 0, []string{"PB_CONNECT"}},
		{"OPTIONS preflight", "OPTIONS /api/realtime HTTP/1.1\r\nHost: x\r\nOrigin: " + origin + "\r\nAccess-Control-Request-Method: GET\r\n\r\n", "HTTP/1.1 204", 0, nil},
		{"a trailing slash", "GET /api/realtime/ HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 404", 0, nil},
		{"an encoded path", "GET /api/%72ealtime HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200", 1, nil},
		{"a dot segment", "GET /api/x/../realtime HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 ", 0, nil},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			srv := httptest.NewServer(tk.Handler(t, app, tk.WithCORS([]string{origin})))
			defer srv.Close()
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, sc.req); err != nil {
				t.Fatal(err)
			}
			_ = conn.SetReadDeadline(time.Now().Add(700 * time.Millisecond))
			b, _ := io.ReadAll(conn)
			got := string(b)
			taken := hooks.RealtimeConnections(app)
			if !strings.HasPrefix(got, sc.status) {
				t.Errorf("response %q, want it to start %q", firstLine(got), sc.status)
			}
			if taken != sc.taken {
				t.Errorf("%d connections taken over, want %d", taken, sc.taken)
			}
			if taken == 1 {
				head, _, _ := strings.Cut(got, "\r\n\r\n")
				if n := strings.Count(head, "\r\nConnection: close"); n != 1 {
					t.Errorf("%d Connection: close in the head, want 1:\n%s", n, head)
				}
				for _, h := range []string{"Content-Length", "Transfer-Encoding"} {
					if strings.Contains(head, h) {
						t.Errorf("the head of a stream that ends with the connection has %s:\n%s", h, head)
					}
				}
			}
			for _, bad := range sc.noMatch {
				if strings.Count(got, bad) > 0 && !(bad == "HTTP/1.1 200 OK\r\n" && strings.Count(got, bad) == 1) {
					t.Errorf("response holds %q:\n%s", bad, got)
				}
			}
		})
	}
}

// firstLine is the status line of a raw response.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\r\n")
	return line
}

// TestAttack20SSEPeerLeaves: a taken-over connection whose peer goes
// away ends, and its client leaves the broker, whichever way it goes.
func TestAttack20SSEPeerLeaves(t *testing.T) {
	tk.Seeded(t)
	type dialer func(t *testing.T, srv *httptest.Server) (net.Conn, func())
	plain := func(t *testing.T, srv *httptest.Server) (net.Conn, func()) {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		return c, func() {}
	}
	overTLS := func(t *testing.T, srv *httptest.Server) (net.Conn, func()) {
		c, err := tls.Dial("tcp", srv.Listener.Addr().String(), &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"http/1.1"}})
		if err != nil {
			t.Fatal(err)
		}
		return c, func() {}
	}
	scenarios := []struct {
		name  string
		proto string
		tls   bool
		dial  dialer
		leave func(c net.Conn)
	}{
		{"closes", "1.1", false, plain, func(c net.Conn) { c.Close() }},
		{"half-closes", "1.1", false, plain, func(c net.Conn) { c.(*net.TCPConn).CloseWrite() }},
		{"sends a byte, then closes", "1.1", false, plain, func(c net.Conn) { _, _ = c.Write([]byte("x")); c.Close() }},
		{"closes over TLS (HTTP/1.1)", "1.1", true, overTLS, func(c net.Conn) { c.Close() }},
		{"PocketBase's path: closes over TLS", "1.0", true, overTLS, func(c net.Conn) { c.Close() }},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			hooks.SetRealtimeWatch(app, 20*time.Millisecond)
			srv := httptest.NewUnstartedServer(tk.Handler(t, app))
			if sc.tls {
				srv.StartTLS()
			} else {
				srv.Start()
			}
			defer srv.Close()
			c, _ := sc.dial(t, srv)
			defer c.Close()
			io.WriteString(c, "GET /api/realtime HTTP/"+sc.proto+"\r\nHost: x\r\n\r\n")
			br := bufio.NewReader(c)
			_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					t.Fatalf("no PB_CONNECT: %v", err)
				}
				if strings.HasPrefix(line, "event:PB_CONNECT") {
					break
				}
			}
			if got := app.SubscriptionsBroker().TotalClients(); got != 1 {
				t.Fatalf("%d clients, want 1", got)
			}
			sc.leave(c)
			if !within(3*time.Second, func() bool {
				return hooks.RealtimeConnections(app) == 0 && app.SubscriptionsBroker().TotalClients() == 0
			}) {
				t.Errorf("the peer left; %d connections and %d broker clients still held", hooks.RealtimeConnections(app), app.SubscriptionsBroker().TotalClients())
			}
		})
	}
}

// TestAttack20SSEConnectAndGo: clients that send the connect and close at
// once, thousands of them, while the watcher looks as often as it can:
// every client leaves the broker and the connection set.
func TestAttack20SSEConnectAndGo(t *testing.T) {
	tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	hooks.SetRealtimeWatch(app, time.Microsecond)
	app.Settings().RateLimits.Enabled = false // thousands of connects from one address
	srv := tk.Serve(t, app)
	// one connection held, so that the watcher runs throughout
	hold, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	_, _ = io.WriteString(hold, "GET /api/realtime HTTP/1.1\r\nHost: x\r\n\r\n")
	if !within(3*time.Second, func() bool { return hooks.RealtimeConnections(app) == 1 }) {
		t.Fatal("the held connection was not taken over")
	}
	for round := range 10 {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 50)
		for range 1000 {
			c, err := net.Dial("tcp", srv.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.WriteString(c, "GET /api/realtime HTTP/1.1\r\nHost: x\r\n\r\n")
			_ = c.(*net.TCPConn).CloseWrite()
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
				_, _ = io.Copy(io.Discard, c) // until the server ends it
				c.Close()
			}()
		}
		wg.Wait()
		if !within(5*time.Second, func() bool {
			return hooks.RealtimeConnections(app) == 1 && app.SubscriptionsBroker().TotalClients() == 1
		}) {
			discarded := 0
			for _, c := range app.SubscriptionsBroker().Clients() {
				if c.IsDiscarded() {
					discarded++
				}
			}
			t.Fatalf("round %d: %d connections and %d broker clients (%d of them discarded) held, want the 1 still open", round, hooks.RealtimeConnections(app), app.SubscriptionsBroker().TotalClients(), discarded)
		}
	}
}

// TestAttack20SSEClientIDs: the subscribe request names a client by its
// id; no one but the person who first subscribed it can change a
// connected client's subscriptions (not another house's resident or
// manager, not a guest, not a stolen superuser token), and a client
// whose connection has ended is gone for everyone, its owner too.
func TestAttack20SSEClientIDs(t *testing.T) {
	w := tk.Seeded(t)
	scenarios := []struct {
		name   string
		token  func() string
		end    func(app core.App, s *tk.Stream) // nil: the victim stays connected
		status int
	}{
		{"resident of another house", func() string { return w.People[tk.ResidentB].Token }, nil, http.StatusForbidden},
		{"manager of another house", func() string { return w.People[tk.ManagerB].Token }, nil, http.StatusForbidden},
		{"a housemate", func() string { return w.People[tk.ResidentA2].Token }, nil, http.StatusForbidden},
		{"a guest", func() string { return "" }, nil, http.StatusForbidden},
		{"a superuser's token", func() string { return w.People[tk.Superuser].Token }, nil, http.StatusForbidden},
		{"the owner, after the peer closed", func() string { return w.People[tk.ResidentA1].Token }, func(app core.App, s *tk.Stream) { s.Cancel() }, http.StatusNotFound},
		{"another resident, after the peer closed", func() string { return w.People[tk.ResidentB].Token }, func(app core.App, s *tk.Stream) { s.Cancel() }, http.StatusNotFound},
		{"the owner, after the app stopped", func() string { return w.People[tk.ResidentA1].Token }, func(app core.App, s *tk.Stream) {
			_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error { return nil })
		}, http.StatusNotFound},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			hooks.SetRealtimeWatch(app, 20*time.Millisecond)
			srv := tk.Serve(t, app)
			victim := subscribed(t, http.DefaultClient, srv.URL, nil, w.People[tk.ResidentA1].Token, "posts")
			if sc.end != nil {
				sc.end(app, victim)
				if !ended(victim, 5*time.Second) {
					t.Fatal("the connection did not end")
				}
				if !within(5*time.Second, func() bool { return hooks.RealtimeConnections(app) == 0 }) {
					t.Fatal("the connection is still held")
				}
			}
			body, _ := json.Marshal(map[string]any{"clientId": victim.ClientID, "subscriptions": []string{"posts", "passes", "memberships"}})
			status, _ := atkDo(t, srv.URL, http.MethodPost, "/api/realtime", sc.token(), "application/json", bytes.NewReader(body))
			if status != sc.status {
				t.Errorf("subscribing the victim's client: status %d, want %d", status, sc.status)
			}
			if sc.end == nil {
				pb := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseB, "author": w.People[tk.ResidentB].ID, "kind": "share", "body": "B only"})
				pa := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID, "kind": "share", "body": "A's"})
				deadline := time.After(5 * time.Second)
				for heardA := false; !heardA; {
					select {
					case ev, ok := <-victim.Events:
						if !ok {
							t.Fatal("the victim's stream ended")
						}
						if strings.Contains(ev.Raw, pb.Id) || ev.Topic == "passes" || ev.Topic == "memberships" {
							t.Errorf("the victim's stream carries %s %.200s", ev.Topic, ev.Raw)
						}
						heardA = strings.Contains(ev.Raw, pa.Id)
					case <-deadline:
						t.Fatal("the victim no longer hears its own house")
					}
				}
			}
		})
	}
}

// TestAttack20SSEOrderUnderConcurrentWriters: eight writers each create,
// update and delete their own post at the same time; every connected
// client of the house hears each post's create, update and delete in
// that order, and hears every one.
func TestAttack20SSEOrderUnderConcurrentWriters(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	people := []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA}
	var streams []*tk.Stream
	for i := range 6 {
		s := subscribed(t, http.DefaultClient, srv.URL, nil, w.People[people[i%len(people)]].Token, "posts")
		streams = append(streams, s)
	}
	const writers, rounds = 8, 5
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				p := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": fmt.Sprintf("w%d r%d", i, r)})
				p.Set("body", fmt.Sprintf("w%d r%d edited", i, r))
				save(t, app, p)
				if err := app.Delete(p); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	want := writers * rounds * 3
	for i, s := range streams {
		seen := map[string][]string{}
		for n := 0; n < want; n++ {
			select {
			case ev, ok := <-s.Events:
				if !ok {
					t.Fatalf("client %d: the stream ended after %d events", i, n)
				}
				var m struct {
					Action string `json:"action"`
					Record struct {
						ID string `json:"id"`
					} `json:"record"`
				}
				if err := json.Unmarshal([]byte(ev.Raw), &m); err != nil {
					t.Fatalf("client %d: %v in %q", i, err, ev.Raw)
				}
				seen[m.Record.ID] = append(seen[m.Record.ID], m.Action)
			case <-time.After(10 * time.Second):
				t.Fatalf("client %d heard %d of %d events", i, n, want)
			}
		}
		for id, actions := range seen {
			if strings.Join(actions, ",") != "create,update,delete" {
				t.Errorf("client %d heard post %s as %v, want create, update, delete", i, id, actions)
			}
		}
	}
}
