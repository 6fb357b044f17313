package hooks_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
	"hearth/testkit/pushfake"
)

// pushSetup is a world app whose residentA1 has a device on a fake push
// service (HEARTH_PUSH_ALLOW names it), and whose admin set a real sender
// address.
func pushSetup(t *testing.T) (*tests.TestApp, *pushfake.Server, *core.Record) {
	t.Helper()
	fake := pushfake.New(t)
	t.Setenv("HEARTH_PUSH_ALLOW", fake.HostPort())
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	app.Settings().Meta.SenderAddress = "alerts@sunrise-house.org"
	dev := fake.Subscribe()
	sub := saveOrFail(t, app, "push_subscriptions", map[string]any{
		"user": tk.Seeded(t).People[tk.ResidentA1].ID, "endpoint": dev.Endpoint, "p256dh": dev.P256dh, "auth": dev.Auth,
	})
	return app, fake, sub
}

var testPayload = hooks.PushPayload{ID: "n0tification0a1", Kind: "support", Title: "Cedar House",
	Body: "Someone in Cedar House asked for support", URL: "https://hearth.sunrise-house.org/board/posts/p1"}

// sendPush against a push service that answers each way: what it returns,
// what the service received, and whether the subscription is kept.
func TestSendPushAnswers(t *testing.T) {
	type outcome int
	const (
		delivered outcome = iota
		gone
		retry
		permanent
	)
	cases := []struct {
		name   string
		answer pushfake.Answer
		urgent bool
		want   outcome
		after  time.Duration // retry: the Retry-After honoured
	}{
		{"201 created", pushfake.Created, false, delivered, 0},
		{"201 urgent", pushfake.Created, true, delivered, 0},
		{"200 ok", pushfake.Answer{Status: 200}, false, delivered, 0},
		{"404 not found", pushfake.NotFound, false, gone, 0},
		{"410 gone", pushfake.Gone, false, gone, 0},
		{"429 with Retry-After", pushfake.TooMany(30), false, retry, 30 * time.Second},
		{"429 without Retry-After", pushfake.Answer{Status: 429}, false, retry, 0},
		{"500", pushfake.ServerError, false, retry, 0},
		{"503 with Retry-After", pushfake.Answer{Status: 503, RetryAfter: "120"}, false, retry, 2 * time.Minute},
		{"400", pushfake.Answer{Status: 400}, false, permanent, 0},
		{"403 (Apple: bad JWT)", pushfake.Answer{Status: 403}, false, permanent, 0},
		{"413", pushfake.Answer{Status: 413}, false, permanent, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, fake, sub := pushSetup(t)
			fake.Script(sub.GetString("endpoint"), c.answer)
			delivery := saveOrFail(t, app, "deliveries", map[string]any{
				"user": sub.GetString("user"), "channel": "push", "subscription": sub.Id, "status": "pending",
			})
			err := hooks.SendPush(context.Background(), app, sub, testPayload, c.urgent)

			after, isRetry := hooks.RetryLater(err)
			isGone := hooks.IsDeliveryGone(err)
			switch c.want {
			case delivered:
				if err != nil {
					t.Fatalf("err %v, want nil", err)
				}
			case gone:
				if !isGone {
					t.Fatalf("err %v, want errDeliveryGone", err)
				}
			case retry:
				if !isRetry || after != c.after {
					t.Fatalf("err %v (retry %v, after %s), want retry after %s", err, isRetry, after, c.after)
				}
			case permanent:
				if err == nil || isRetry || isGone {
					t.Fatalf("err %v, want a permanent error", err)
				}
			}
			_, subErr := app.FindRecordById("push_subscriptions", sub.Id)
			_, delErr := app.FindRecordById("deliveries", delivery.Id)
			if kept := subErr == nil; kept == (c.want == gone) {
				t.Fatalf("subscription kept = %v", kept)
			}
			if kept := delErr == nil; kept == (c.want == gone) {
				t.Fatalf("its delivery row kept = %v", kept)
			}

			reqs := fake.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests reached the push service, want 1", len(reqs))
			}
			m := reqs[0]
			wantUrgency := "normal"
			if c.urgent {
				wantUrgency = "high"
			}
			if m.Topic != testPayload.ID || m.Urgency != wantUrgency || m.TTL != "86400" {
				t.Errorf("headers Topic %q Urgency %q TTL %q", m.Topic, m.Urgency, m.TTL)
			}
			var got hooks.PushPayload
			if err := json.Unmarshal(m.Plain, &got); err != nil || got != testPayload {
				t.Errorf("payload %s (%v), want %+v", m.Plain, err, testPayload)
			}
			for _, k := range []string{"id", "kind", "title", "body", "url"} {
				if _, ok := m.JSON[k]; !ok {
					t.Errorf("payload has no %q: %s", k, m.Plain)
				}
			}
			if m.VAPID.Subject != "mailto:alerts@sunrise-house.org" {
				t.Errorf("VAPID sub %q", m.VAPID.Subject)
			}
			if want := worldVAPIDKey(t); m.VAPID.Key != want {
				t.Errorf("VAPID k %q, want the server's %q", m.VAPID.Key, want)
			}
			if m.BodySize != 2048 {
				t.Errorf("body of %d bytes, want every push padded to 2048", m.BodySize)
			}
		})
	}
}

// A push service that does not answer: the send gives up at its deadline
// and asks to be retried.
func TestSendPushHang(t *testing.T) {
	app, fake, sub := pushSetup(t)
	fake.Script(sub.GetString("endpoint"), pushfake.Hang)
	defer hooks.SetPushTimeout(300 * time.Millisecond)()
	start := time.Now()
	err := hooks.SendPush(context.Background(), app, sub, testPayload, false)
	if _, ok := hooks.RetryLater(err); !ok {
		t.Fatalf("err %v, want retry later", err)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Fatalf("gave up after %s", waited)
	}
	// The caller's own deadline counts too.
	fake.Script(sub.GetString("endpoint"), pushfake.Hang)
	defer hooks.SetPushTimeout(time.Hour)()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, ok := hooks.RetryLater(hooks.SendPush(ctx, app, sub, testPayload, false)); !ok {
		t.Fatal("a hung send past the caller's deadline is not retried")
	}
}

// A redirect is never followed: it would take the request past the
// endpoint rule.
func TestSendPushFollowsNoRedirect(t *testing.T) {
	fake := pushfake.New(t)
	fake.AllowFailures = true
	dev := fake.Subscribe()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, dev.Endpoint, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	t.Setenv("HEARTH_PUSH_ALLOW", fake.HostPort()+","+strings.TrimPrefix(redirector.URL, "http://"))
	app := tk.NewApp(t)
	defer app.Cleanup()
	sub := saveOrFail(t, app, "push_subscriptions", map[string]any{
		"user": tk.Seeded(t).People[tk.ResidentA1].ID, "endpoint": redirector.URL + "/push/x", "p256dh": dev.P256dh, "auth": dev.Auth,
	})
	err := hooks.SendPush(context.Background(), app, sub, testPayload, false)
	if _, retry := hooks.RetryLater(err); err == nil || retry || hooks.IsDeliveryGone(err) {
		t.Fatalf("err %v, want a permanent error", err)
	}
	if n := len(fake.Requests()) + len(fake.Failures()); n != 0 {
		t.Fatalf("the redirect was followed: %d request(s) reached its target", n)
	}
}

// The endpoint is checked again before each send: a subscription that the
// rule no longer allows is not sent to.
func TestSendPushChecksEndpointAgain(t *testing.T) {
	app, fake, sub := pushSetup(t)
	t.Setenv("HEARTH_PUSH_ALLOW", "")
	err := hooks.SendPush(context.Background(), app, sub, testPayload, false)
	if _, retry := hooks.RetryLater(err); err == nil || retry || hooks.IsDeliveryGone(err) {
		t.Fatalf("err %v, want a permanent error", err)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("%d requests sent to an endpoint no longer allowed", n)
	}
}

// With HEARTH_PUSH_ALLOW unset the push client connects to public
// addresses only, whatever a push service's name resolves to.
func TestPushDialControl(t *testing.T) {
	t.Setenv("HEARTH_PUSH_ALLOW", "")
	cases := []struct {
		addr string
		ok   bool
	}{
		{"142.250.74.42:443", true},
		{"[2a00:1450:4007:80e::200a]:443", true},
		{"127.0.0.1:443", false},
		{"10.1.2.3:443", false},
		{"192.168.1.20:443", false},
		{"172.16.0.1:443", false},
		{"169.254.169.254:80", false},
		{"100.64.0.1:443", false},
		{"0.0.0.0:443", false},
		{"[::1]:443", false},
		{"[fd00::1]:443", false},
		{"[fe80::1]:443", false},
		{"[::ffff:127.0.0.1]:443", false},
	}
	for _, c := range cases {
		if err := hooks.PushDialControl("tcp", c.addr); (err == nil) != c.ok {
			t.Errorf("%s: %v, want allowed=%v", c.addr, err, c.ok)
		}
	}
	t.Setenv("HEARTH_PUSH_ALLOW", "127.0.0.1:9")
	if err := hooks.PushDialControl("tcp", "127.0.0.1:9"); err != nil {
		t.Errorf("with HEARTH_PUSH_ALLOW: %v", err)
	}
}

// The VAPID subscriber: the admin's sender address, else an https
// Application URL, else what there is; never a placeholder when a real
// one is set, never "mailto:" twice.
func TestPushSubscriber(t *testing.T) {
	cases := []struct {
		sender, appURL, want string
	}{
		{"alerts@sunrise-house.org", "http://localhost:8090", "alerts@sunrise-house.org"},
		{"alerts@sunrise-house.org", "https://hearth.sunrise-house.org", "alerts@sunrise-house.org"},
		{"support@example.com", "https://hearth.sunrise-house.org", "https://hearth.sunrise-house.org"},
		{"support@example.com", "HTTPS://Hearth.Sunrise-House.org/app/", "https://hearth.sunrise-house.org"},
		{"noreply@hearth.local", "https://hearth.sunrise-house.org:8443", "https://hearth.sunrise-house.org:8443"},
		{"noreply@localhost", "https://192.168.1.20", "noreply@localhost"},
		{"support@example.com", "http://hearth.sunrise-house.org", "support@example.com"},
		{"support@example.com", "https://hearth.example.org", "support@example.com"},
		{"mailto:alerts@sunrise-house.org", "", "alerts@sunrise-house.org"},
		{"", "http://localhost:8090", "noreply@example.com"},
	}
	app := tk.NewApp(t)
	defer app.Cleanup()
	for _, c := range cases {
		app.Settings().Meta.SenderAddress = c.sender
		app.Settings().Meta.AppURL = c.appURL
		if got := hooks.PushSubscriber(app); got != c.want {
			t.Errorf("sender %q, app URL %q: subscriber %q, want %q", c.sender, c.appURL, got, c.want)
		}
	}
}

// An https Application URL reaches the push service as the VAPID sub
// itself (not as a mailto:).
func TestSendPushHTTPSSubscriber(t *testing.T) {
	app, fake, sub := pushSetup(t)
	app.Settings().Meta.SenderAddress = "support@example.com"
	app.Settings().Meta.AppURL = "https://hearth.sunrise-house.org"
	if err := hooks.SendPush(context.Background(), app, sub, testPayload, false); err != nil {
		t.Fatal(err)
	}
	if m := fake.Wait(t, 1, 5*time.Second)[0]; m.VAPID.Subject != "https://hearth.sunrise-house.org" {
		t.Fatalf("VAPID sub %q", m.VAPID.Subject)
	}
}

// A long body is clipped, on a character, so the JSON fits a push.
func TestPushPayloadClipped(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("a", 5000),
		strings.Repeat("ñ", 3000),
		strings.Repeat("<&>", 2000), // escaped as \u003c: six bytes each
		strings.Repeat("😊", 1000),
	} {
		p := testPayload
		p.Body = body
		b, err := hooks.EncodePushPayload(p)
		if err != nil {
			t.Fatal(err)
		}
		var got hooks.PushPayload
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if len(b) > hooks.PushPayloadMax || !strings.HasSuffix(got.Body, "…") || !utf8.ValidString(got.Body) {
			t.Fatalf("%d bytes, body ending %q", len(b), got.Body[max(0, len(got.Body)-10):])
		}
		if len(b) < hooks.PushPayloadMax-40 {
			t.Errorf("clipped to %d bytes of %d: more than needed", len(b), hooks.PushPayloadMax)
		}
		if got.Title != p.Title || got.URL != p.URL || got.ID != p.ID {
			t.Fatalf("clipping changed more than the body: %+v", got)
		}
	}
	short, _ := hooks.EncodePushPayload(testPayload)
	if want, _ := json.Marshal(testPayload); string(short) != string(want) {
		t.Fatalf("a short payload changed: %s", short)
	}
}

// A clipped payload goes through a push service and decrypts whole.
func TestSendPushLongBody(t *testing.T) {
	app, fake, sub := pushSetup(t)
	p := testPayload
	p.Body = strings.Repeat("word ", 2000)
	if err := hooks.SendPush(context.Background(), app, sub, p, false); err != nil {
		t.Fatal(err)
	}
	m := fake.Wait(t, 1, 5*time.Second)[0]
	if b, _ := m.JSON["body"].(string); !strings.HasSuffix(b, "word…") || m.BodySize > pushfake.MaxBody {
		t.Fatalf("body %d bytes, ends %q", m.BodySize, b[max(0, len(b)-10):])
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{" 30 ", 30 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"soon", 0},
		{now.Add(2 * time.Minute).Format(http.TimeFormat), 2 * time.Minute},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"999999999", 24 * time.Hour},
	}
	for _, c := range cases {
		if got := hooks.RetryAfter(c.header, now); got != c.want {
			t.Errorf("Retry-After %q: %s, want %s", c.header, got, c.want)
		}
	}
}
