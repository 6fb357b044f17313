package testkit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Serve starts the app's full router (PocketBase's routes and every route
// bound in OnServe) on a loopback test server, for tests that need a real
// connection such as realtime subscriptions.
func Serve(tb testing.TB, app *tests.TestApp) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(Handler(tb, app))
	tb.Cleanup(srv.Close)
	return srv
}

// Handler builds the app's full router (PocketBase's routes and every
// route bound in OnServe) as an http.Handler, for tests that send many
// requests in process, such as fuzz targets: build it once, then serve
// each request with ServeHTTP and an httptest.ResponseRecorder. Each of
// before changes the router before OnServe runs, as `serve` does (WithCORS).
func Handler(tb testing.TB, app *tests.TestApp, before ...func(*router.Router[*core.RequestEvent])) http.Handler {
	tb.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range before {
		f(r)
	}
	se := new(core.ServeEvent)
	se.App = app
	se.Router = r
	var h http.Handler
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		if err != nil {
			return err
		}
		h = mux
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// WithCORS binds PocketBase's CORS middleware for origins as `serve
// --origins` does (apis.Serve, before OnServe), for Handler.
func WithCORS(origins []string) func(*router.Router[*core.RequestEvent]) {
	return func(r *router.Router[*core.RequestEvent]) {
		r.Bind(apis.CORS(apis.CORSConfig{
			AllowOrigins: origins,
			AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodPost, http.MethodDelete},
		}))
	}
}

// RealtimeEvent is one message a realtime subscriber received.
type RealtimeEvent struct {
	Topic  string
	Action string
	Record map[string]any
	Raw    string
}

// Subscriber is a realtime client connected as one actor.
type Subscriber struct {
	Events <-chan RealtimeEvent
}

// Subscribe connects to /api/realtime with the token (empty for a guest)
// and subscribes to the topics; it returns once the subscription is set.
func Subscribe(tb testing.TB, baseURL, token string, topics ...string) *Subscriber {
	tb.Helper()
	status, sub := TrySubscribe(tb, baseURL, token, topics...)
	if status != http.StatusNoContent {
		tb.Fatalf("setting realtime subscriptions: status %d", status)
	}
	return sub
}

// TrySubscribe is Subscribe for a subscription the server may refuse: it
// returns the status of the request that sets the subscriptions (204 when
// they are set) and the connected client.
func TrySubscribe(tb testing.TB, baseURL, token string, topics ...string) (int, *Subscriber) {
	tb.Helper()
	s := Connect(tb, http.DefaultClient, baseURL, nil)
	return s.Subscribe(tb, http.DefaultClient, baseURL, token, topics...), &Subscriber{Events: s.Events}
}

// Stream is one connection to /api/realtime, read until it ends.
type Stream struct {
	Response *http.Response       // the connection's response, its body being read
	ClientID string               // from PB_CONNECT
	Events   <-chan RealtimeEvent // every event after PB_CONNECT; closed when the connection ends
	Cancel   context.CancelFunc   // closes the connection
}

// Connect opens /api/realtime with client (and the request headers given)
// and returns once PB_CONNECT has come.
func Connect(tb testing.TB, client *http.Client, baseURL string, header http.Header) *Stream {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/realtime", nil)
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	events := make(chan RealtimeEvent, 100)
	connected := make(chan string, 1)
	go func() {
		defer res.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				name = strings.TrimPrefix(line, "event:")
			case strings.HasPrefix(line, "data:"):
				data := strings.TrimPrefix(line, "data:")
				if name == "PB_CONNECT" {
					var c struct {
						ClientID string `json:"clientId"`
					}
					_ = json.Unmarshal([]byte(data), &c)
					connected <- c.ClientID
					continue
				}
				var msg struct {
					Action string         `json:"action"`
					Record map[string]any `json:"record"`
				}
				_ = json.Unmarshal([]byte(data), &msg)
				events <- RealtimeEvent{Topic: name, Action: msg.Action, Record: msg.Record, Raw: data}
			}
		}
	}()

	s := &Stream{Response: res, Events: events, Cancel: cancel}
	select {
	case s.ClientID = <-connected:
	case <-time.After(5 * time.Second):
		tb.Fatal("no PB_CONNECT from /api/realtime")
	}
	if s.ClientID == "" {
		tb.Fatal("PB_CONNECT without a client id")
	}
	return s
}

// Subscribe sets the stream's subscriptions as the token's person (empty
// for a guest) and returns the status of the request (204 when set).
func (s *Stream) Subscribe(tb testing.TB, client *http.Client, baseURL, token string, topics ...string) int {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"clientId": s.ClientID, "subscriptions": topics})
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/api/realtime", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// Drain collects every event that arrives within d.
func (s *Subscriber) Drain(d time.Duration) []RealtimeEvent {
	var got []RealtimeEvent
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-s.Events:
			if !ok {
				return got
			}
			got = append(got, e)
		case <-timeout:
			return got
		}
	}
}

// RealtimeMessage is one message a Listen client read, stamped with the
// moment its data line was read.
type RealtimeMessage struct {
	Topic string
	Data  []byte
	At    time.Time
}

// Listen is a lighter Subscribe for tests that connect many clients, such
// as a thousand residents with the board open. It connects to
// /api/realtime with the token (empty for a guest), subscribes to the
// topics and returns once the subscription is set, or an error: it never
// stops the test itself, so it may run on many goroutines at once. From
// then on its reading goroutine, which holds a 4 KB buffer and nothing
// else, hands every message to onMessage, stamped with the time it was
// read, until ctx is done or the server closes the stream. client is the
// HTTP client to connect with (nil for http.DefaultClient).
func Listen(ctx context.Context, client *http.Client, baseURL, token string, topics []string, onMessage func(RealtimeMessage)) error {
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/realtime", nil)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return fmt.Errorf("GET /api/realtime: status %d", res.StatusCode)
	}
	r := bufio.NewReaderSize(res.Body, 4096)
	clientID := ""
	for event := ""; clientID == ""; {
		line, err := r.ReadBytes('\n')
		if err != nil {
			res.Body.Close()
			return fmt.Errorf("waiting for PB_CONNECT: %w", err)
		}
		switch {
		case bytes.HasPrefix(line, []byte("event:")):
			event = string(bytes.TrimSpace(line[len("event:"):]))
		case bytes.HasPrefix(line, []byte("data:")) && event == "PB_CONNECT":
			var c struct {
				ClientID string `json:"clientId"`
			}
			if err := json.Unmarshal(line[len("data:"):], &c); err != nil || c.ClientID == "" {
				res.Body.Close()
				return fmt.Errorf("PB_CONNECT without a client id: %q", line)
			}
			clientID = c.ClientID
		}
	}

	body, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": topics})
	sreq, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/api/realtime", bytes.NewReader(body))
	if err != nil {
		res.Body.Close()
		return err
	}
	sreq.Header.Set("Content-Type", "application/json")
	if token != "" {
		sreq.Header.Set("Authorization", token)
	}
	sres, err := client.Do(sreq)
	if err != nil {
		res.Body.Close()
		return err
	}
	sres.Body.Close()
	if sres.StatusCode != http.StatusNoContent {
		res.Body.Close()
		return fmt.Errorf("setting realtime subscriptions: status %d", sres.StatusCode)
	}

	go func() {
		defer res.Body.Close()
		event := ""
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				return // ctx done or the stream closed: what it missed shows as missing
			}
			switch {
			case bytes.HasPrefix(line, []byte("event:")):
				event = string(bytes.TrimSpace(line[len("event:"):]))
			case bytes.HasPrefix(line, []byte("data:")):
				onMessage(RealtimeMessage{Topic: event, Data: bytes.TrimSpace(line[len("data:"):]), At: time.Now()})
			}
		}
	}()
	return nil
}
