// Package pushfake is a fake Web Push service for tests: an HTTP server on
// loopback that plays the push service of RFC 8030 and the browsers
// subscribed to it. Subscribe makes a fake device with its own keys; each
// request is checked as a real push service checks it (the VAPID header of
// RFC 8292, the TTL, Topic and Urgency headers), decrypted with the
// package's own RFC 8291 decryptor, and recorded. Answers can be scripted
// (404, 410, 429 with Retry-After, 500, a hang) per device or for all.
//
// Point Hearth at it with HEARTH_PUSH_ALLOW set to HostPort():
//
//	fake := pushfake.New(t)
//	t.Setenv("HEARTH_PUSH_ALLOW", fake.HostPort())
//	dev := fake.Subscribe()
//	// ... create a push_subscriptions row with dev.Endpoint, dev.P256dh, dev.Auth
//	msgs := fake.Wait(t, 1, 5*time.Second)
package pushfake

import (
	"crypto/ecdh"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// MaxBody is the largest request body accepted: the 4096 octets every
// push service must take (RFC 8030 section 7.2); FCM and Apple refuse
// more with 413.
const MaxBody = 4096

// Answer is a scripted reply to one push request.
type Answer struct {
	// Status is the HTTP status to answer; 0 means 201 Created.
	Status int
	// RetryAfter is the Retry-After header to send, if any ("120", or an
	// HTTP date).
	RetryAfter string
	// Hang holds the request open, answering nothing, until the client
	// gives up (its deadline) or the server closes.
	Hang bool
}

// Ready answers.
var (
	Created     = Answer{Status: http.StatusCreated}
	NotFound    = Answer{Status: http.StatusNotFound}
	Gone        = Answer{Status: http.StatusGone}
	ServerError = Answer{Status: http.StatusInternalServerError}
	Hang        = Answer{Hang: true}
)

// TooMany is a 429 answer with a Retry-After of the given seconds.
func TooMany(seconds int) Answer {
	return Answer{Status: http.StatusTooManyRequests, RetryAfter: strconv.Itoa(seconds)}
}

// Device is a fake browser's push subscription: what PushSubscription
// .toJSON() gives a web app (endpoint, and keys p256dh and auth as
// unpadded base64url).
type Device struct {
	Endpoint string
	P256dh   string
	Auth     string

	key  *ecdh.PrivateKey
	auth []byte
}

// JSON is the subscription as a browser's PushSubscription.toJSON()
// gives it: {"endpoint": ..., "keys": {"p256dh": ..., "auth": ...}}.
func (d Device) JSON() string {
	b, _ := json.Marshal(map[string]any{
		"endpoint":       d.Endpoint,
		"expirationTime": nil,
		"keys":           map[string]string{"p256dh": d.P256dh, "auth": d.Auth},
	})
	return string(b)
}

// Message is one push request that passed the checks.
type Message struct {
	// Endpoint is the device's endpoint the request was sent to.
	Endpoint string
	// Topic, Urgency and TTL are the request's headers ("" if absent).
	Topic, Urgency, TTL string
	// VAPID is what the verified Authorization header said.
	VAPID VAPID
	// Plain is the decrypted payload; JSON the same decoded (nil if it is
	// not a JSON object).
	Plain []byte
	JSON  map[string]any
	// BodySize is the encrypted body's length.
	BodySize int
	// Status is what the fake answered (0 while a hang was in progress).
	Status int
	// At is when the request arrived.
	At time.Time
}

// Server is the fake push service.
type Server struct {
	// AllowFailures, when set, keeps requests that fail the checks from
	// failing the test (they are still answered 400/401/403 and listed in
	// Failures).
	AllowFailures bool

	t       testing.TB
	srv     *httptest.Server
	closing chan struct{}
	ch      chan Message

	mu        sync.Mutex
	devices   map[string]*Device // by path
	gone      map[string]bool    // unsubscribed paths
	scripts   map[string][]Answer
	all       []Answer
	requests  []Message
	delivered []Message
	failures  []string
}

// New starts a fake push service on 127.0.0.1 and stops it when the test
// ends. A request that fails the checks fails the test (see
// AllowFailures).
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		t:       t,
		closing: make(chan struct{}),
		ch:      make(chan Message, 4096),
		devices: map[string]*Device{},
		gone:    map[string]bool{},
		scripts: map[string][]Answer{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.closing)
		s.srv.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.AllowFailures && len(s.failures) > 0 {
			t.Errorf("pushfake: %d push request(s) failed the checks:\n%s", len(s.failures), strings.Join(s.failures, "\n"))
		}
	})
	return s
}

// HostPort is the service's host:port, for HEARTH_PUSH_ALLOW.
func (s *Server) HostPort() string { return strings.TrimPrefix(s.srv.URL, "http://") }

// Origin is the service's origin (http://127.0.0.1:port): the VAPID aud
// its requests must carry.
func (s *Server) Origin() string { return s.srv.URL }

// Subscribe makes a new fake device: its own P-256 key pair and 16-byte
// auth secret, and an endpoint on this service.
func (s *Server) Subscribe() Device {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		s.t.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	id := make([]byte, 16)
	rand.Read(id)
	path := "/wpush/v2/" + base64.RawURLEncoding.EncodeToString(id)
	d := &Device{
		Endpoint: s.srv.URL + path,
		P256dh:   base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes()),
		Auth:     base64.RawURLEncoding.EncodeToString(auth),
		key:      key,
		auth:     auth,
	}
	s.mu.Lock()
	s.devices[path] = d
	s.mu.Unlock()
	return *d
}

// Unsubscribe forgets a device as a browser does when push is turned off:
// every later request to its endpoint is answered 410 Gone.
func (s *Server) Unsubscribe(endpoint string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gone[s.path(endpoint)] = true
}

// Script queues answers for a device's next requests, in order; after
// them the device answers as before (201, or the answers queued by
// ScriptAll).
func (s *Server) Script(endpoint string, answers ...Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.path(endpoint)
	s.scripts[p] = append(s.scripts[p], answers...)
}

// ScriptAll queues answers for the next requests to any device that has
// no answer of its own queued.
func (s *Server) ScriptAll(answers ...Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all = append(s.all, answers...)
}

// Wait returns the next n delivered messages (answered 2xx), in the
// order they arrived, failing the test if they do not all arrive within
// timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Message {
	t.Helper()
	out := make([]Message, 0, n)
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for len(out) < n {
		select {
		case m := <-s.ch:
			out = append(out, m)
		case <-deadline.C:
			t.Fatalf("pushfake: %d of %d push message(s) arrived within %s", len(out), n, timeout)
		}
	}
	return out
}

// Delivered is every message answered 2xx so far.
func (s *Server) Delivered() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.delivered...)
}

// Requests is every request that passed the checks so far, whatever it
// was answered.
func (s *Server) Requests() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.requests...)
}

// Failures lists the requests that failed the checks, with why.
func (s *Server) Failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.failures...)
}

func (s *Server) path(endpoint string) string {
	return strings.TrimPrefix(endpoint, s.srv.URL)
}

// topicRe is RFC 8030 section 5.4: at most 32 characters of the URL and
// filename safe base64 alphabet.
var topicRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, format string, args ...any) {
	msg := fmt.Sprintf("%s %s: %s", r.Method, r.URL.Path, fmt.Sprintf(format, args...))
	s.mu.Lock()
	s.failures = append(s.failures, msg)
	s.mu.Unlock()
	http.Error(w, msg, status)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	s.mu.Lock()
	dev, known := s.devices[r.URL.Path]
	gone := s.gone[r.URL.Path]
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		s.fail(w, r, http.StatusMethodNotAllowed, "method is not POST")
		return
	}
	if !known {
		http.NotFound(w, r)
		return
	}
	if gone {
		http.Error(w, "push subscription has unsubscribed or expired", http.StatusGone)
		return
	}
	vapid, err := VerifyVAPID(r.Header.Get("Authorization"), s.srv.URL, at)
	if err != nil {
		s.fail(w, r, http.StatusUnauthorized, "VAPID: %v", err)
		return
	}
	ttl := r.Header.Get("TTL")
	if n, err := strconv.Atoi(ttl); err != nil || n < 0 {
		s.fail(w, r, http.StatusBadRequest, "TTL header %q is not a non-negative integer", ttl)
		return
	}
	topic := r.Header.Get("Topic")
	if topic != "" && !topicRe.MatchString(topic) {
		s.fail(w, r, http.StatusBadRequest, "Topic %q is not up to 32 base64url characters", topic)
		return
	}
	urgency := r.Header.Get("Urgency")
	switch urgency {
	case "", "very-low", "low", "normal", "high":
	default:
		s.fail(w, r, http.StatusBadRequest, "Urgency %q is not very-low, low, normal or high", urgency)
		return
	}
	if ce := r.Header.Get("Content-Encoding"); ce != "aes128gcm" {
		s.fail(w, r, http.StatusUnsupportedMediaType, "Content-Encoding %q, want aes128gcm", ce)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "reading body: %v", err)
		return
	}
	if len(body) > MaxBody {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "body over %d bytes", MaxBody)
		return
	}
	plain, err := Decrypt(dev.key, dev.auth, body)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "RFC 8291: %v", err)
		return
	}
	m := Message{
		Endpoint: dev.Endpoint, Topic: topic, Urgency: urgency, TTL: ttl,
		VAPID: vapid, Plain: plain, BodySize: len(body), At: at,
	}
	if err := json.Unmarshal(plain, &m.JSON); err != nil {
		s.fail(w, r, http.StatusBadRequest, "payload is not a JSON object: %v", err)
		return
	}

	s.mu.Lock()
	var a Answer
	if q := s.scripts[r.URL.Path]; len(q) > 0 {
		a, s.scripts[r.URL.Path] = q[0], q[1:]
	} else if len(s.all) > 0 {
		a, s.all = s.all[0], s.all[1:]
	}
	if a.Status == 0 && !a.Hang {
		a.Status = http.StatusCreated
	}
	m.Status = a.Status
	s.requests = append(s.requests, m)
	if a.Status >= 200 && a.Status < 300 {
		s.delivered = append(s.delivered, m)
	}
	s.mu.Unlock()

	if a.Hang {
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		return
	}
	if a.Status >= 200 && a.Status < 300 {
		// Before answering, so a Wait after the sender's return sees it.
		select {
		case s.ch <- m:
		default:
			s.t.Errorf("pushfake: more than %d messages waiting; call Wait", cap(s.ch))
		}
	}
	if a.RetryAfter != "" {
		w.Header().Set("Retry-After", a.RetryAfter)
	}
	if a.Status == http.StatusCreated {
		w.Header().Set("Location", dev.Endpoint+"/msg/"+strconv.FormatInt(at.UnixNano(), 36))
	}
	w.WriteHeader(a.Status)
}

func ecdsaP256() elliptic.Curve { return elliptic.P256() }
