package hooks

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/pocketbase/core"
)

// Web Push (RFC 8030) with payload encryption (RFC 8291, aes128gcm) and
// VAPID (RFC 8292), through github.com/SherClockHolmes/webpush-go v1.4.0.
// What that library does, read from its source, and what Hearth does about
// it:
//   - It writes "mailto:" before the Subscriber unless it starts with
//     "https:": Hearth passes a bare address or an https origin, never a
//     "mailto:" of its own (it would be doubled).
//   - Its JWT's aud is the endpoint's scheme://host, and its exp is always
//     12 hours from now (Options.VapidExpiration is ignored): within the
//     24 hours RFC 8292 allows.
//   - It encrypts with aes128gcm and pads every message to RecordSize:
//     Hearth sets pushRecordSize, since Firefox for Android's push service
//     refuses 4096-byte bodies (webpush-go issue 23).
//   - Its default http.Client follows redirects and has no timeout: Hearth
//     gives it pushClient instead.

// pushPayload is what a push message carries, as JSON {"id", "kind",
// "title", "body", "url"}: the notification's id, kind, lock-screen
// words (renderNotification with lockScreen) and absolute app link. The
// service worker shows title and body and opens url on tap.
type pushPayload struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

// pushRecordSize is the size of every encrypted push body: the message is
// padded to it, so its length tells nothing about the words. 2048 bytes
// passes every push service (Firefox for Android's refuses 4096), and
// leaves pushPayloadMax bytes for the JSON.
const pushRecordSize = 2048

// pushPayloadMax is the JSON that fits in pushRecordSize: the aes128gcm
// header (86 bytes), the record delimiter (1) and the AEAD tag (16) take
// the rest.
const pushPayloadMax = pushRecordSize - 86 - 1 - 16

// pushTTL is how long a push service keeps a message for a device that is
// off (the TTL header). A day for every kind: a need-support alert seen
// the next morning still says someone asked, and the phone shows one per
// notification at most (Topic).
const pushTTL = 24 * time.Hour

// pushTimeout bounds one send when the caller's context has no earlier
// deadline.
var pushTimeout = 15 * time.Second

// pushRetryAfterMax caps a push service's Retry-After.
const pushRetryAfterMax = 24 * time.Hour

// pushTopicRe is RFC 8030's Topic: up to 32 base64url characters.
var pushTopicRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// pushClient sends every push: it never follows a redirect (a redirect
// would take the request past the endpoint rule), has a timeout, uses no
// proxy, and, unless HEARTH_PUSH_ALLOW is set, never connects to a
// loopback, private, link-local or otherwise non-public address, whatever
// a push service's name resolves to.
var pushClient = &http.Client{
	Timeout: 30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
	Transport: &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
			Control:   pushDialControl,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
	},
}

// pushDialControl refuses a connection to a non-public address unless
// HEARTH_PUSH_ALLOW is set (tests and an operator's own push relay).
func pushDialControl(network, address string, _ syscall.RawConn) error {
	if os.Getenv(pushAllowEnv) != "" {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsGlobalUnicast() || ip.IsPrivate() || sharedAddressSpace.Contains(ip) {
		return fmt.Errorf("push: refusing to connect to non-public address %s", host)
	}
	return nil
}

// sharedAddressSpace is 100.64.0.0/10 (RFC 6598, carrier-grade NAT and
// some VPNs), which net.IP.IsPrivate leaves out.
var sharedAddressSpace = &net.IPNet{IP: net.IPv4(100, 64, 0, 0), Mask: net.CIDRMask(10, 32)}

// pushDoer is pushClient that remembers whether the request went out, so
// that a network error (retry) is told from an error before it (the
// subscription's keys: permanent).
type pushDoer struct{ sent bool }

func (d *pushDoer) Do(r *http.Request) (*http.Response, error) {
	d.sent = true
	return pushClient.Do(r)
}

// sendPush sends p to one push subscription (a push_subscriptions
// record), urgent ones with Urgency high, and says how it went:
//   - nil: the push service took it (2xx);
//   - errDeliveryGone: the service answered 404 or 410, the device is gone;
//     the subscription has been deleted (and with it, by cascade, its
//     deliveries rows);
//   - *retryLaterError: 429, 5xx, a network error or a timeout; After is
//     the service's Retry-After, if it gave one;
//   - any other error: permanent (a 4xx such as 400, 403 or 413, a
//     redirect, an endpoint the rule no longer allows, bad keys).
//
// The endpoint is checked again against the rule before the request. It
// never runs inside a transaction; ctx bounds it (pushTimeout if ctx has
// no earlier deadline).
func sendPush(ctx context.Context, app core.App, sub *core.Record, p pushPayload, urgent bool) error {
	endpoint := sub.GetString("endpoint")
	if msg := pushEndpointProblem(endpoint, pushAllowList()); msg != "" {
		return fmt.Errorf("push endpoint no longer allowed: %s", msg)
	}
	pub, priv, err := vapidKeys(app)
	if err != nil {
		return &retryLaterError{Err: fmt.Errorf("push: reading the VAPID keys: %w", err)}
	}
	body, err := encodePushPayload(p)
	if err != nil {
		return err
	}
	opts := &webpush.Options{
		RecordSize:      pushRecordSize,
		Subscriber:      pushSubscriber(app),
		TTL:             int(pushTTL / time.Second),
		Urgency:         webpush.UrgencyNormal,
		VAPIDPublicKey:  pub,
		VAPIDPrivateKey: priv,
	}
	if urgent {
		opts.Urgency = webpush.UrgencyHigh
	}
	if pushTopicRe.MatchString(p.ID) {
		opts.Topic = p.ID
	}
	doer := &pushDoer{}
	opts.HTTPClient = doer

	ctx, cancel := context.WithTimeout(ctx, pushTimeout)
	defer cancel()
	resp, err := webpush.SendNotificationWithContext(ctx, body, &webpush.Subscription{
		Endpoint: endpoint,
		Keys:     webpush.Keys{P256dh: sub.GetString("p256dh"), Auth: sub.GetString("auth")},
	}, opts)
	if err != nil {
		if doer.sent {
			return &retryLaterError{Err: fmt.Errorf("push: %w", err)}
		}
		return fmt.Errorf("push: %w", err)
	}
	defer resp.Body.Close()
	detail, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	status := resp.StatusCode
	switch {
	case status >= 200 && status < 300:
		return nil
	case status == http.StatusNotFound || status == http.StatusGone:
		if err := app.Delete(sub); err != nil {
			app.Logger().Warn("Could not delete a gone push subscription", "subscription", sub.Id, "error", err.Error())
		}
		app.Logger().Info("Push subscription gone; deleted", "subscription", sub.Id, "user", sub.GetString("user"), "status", status)
		return errDeliveryGone
	case status == http.StatusTooManyRequests || status >= 500:
		return &retryLaterError{
			After: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			Err:   fmt.Errorf("push service answered %d: %s", status, pushDetail(detail)),
		}
	default:
		return fmt.Errorf("push service answered %d: %s", status, pushDetail(detail))
	}
}

// pushDetail is a push service's error text, cut short, for the operator.
func pushDetail(b []byte) string {
	s := strings.ToValidUTF8(strings.TrimSpace(string(b)), "")
	if s == "" {
		return "(no detail)"
	}
	return s
}

// retryAfter reads a Retry-After header (seconds or an HTTP date) as a
// wait from now, 0 if absent or unreadable, at most pushRetryAfterMax.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(h); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	if d < 0 {
		return 0
	}
	return min(d, pushRetryAfterMax)
}

// encodePushPayload is p as JSON, its body clipped (at a word if one ends
// near the cut, else at a character, with an ellipsis) until the whole
// fits in pushPayloadMax bytes.
func encodePushPayload(p pushPayload) ([]byte, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if len(b) <= pushPayloadMax {
		return b, nil
	}
	fits := func(body string) bool {
		q := p
		q.Body = body
		b, err := json.Marshal(q)
		return err == nil && len(b) <= pushPayloadMax
	}
	if !fits("…") {
		return nil, fmt.Errorf("push: the payload is over %d bytes without its body", pushPayloadMax)
	}
	// The longest prefix that fits with the ellipsis, by binary search over
	// byte lengths (the JSON of a prefix grows with it).
	lo, hi := 0, len(p.Body)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(p.Body[:mid] + "…") {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for lo > 0 && !utf8.RuneStart(p.Body[lo]) {
		lo--
	}
	body := p.Body[:lo]
	if i := strings.LastIndexAny(body, " \n"); i >= 0 && len(body)-i <= 30 {
		body = body[:i]
	}
	p.Body = strings.TrimRight(body, " \n") + "…"
	return json.Marshal(p)
}

// pushSubscriber is the VAPID subscriber (the JWT's sub) push services
// may contact about Hearth's pushes: the admin's sender address (Settings
// > Mail, as mailto:) or else the Application URL if it is https. Apple
// refuses a sub on a placeholder domain (example.com, localhost) with 403
// BadJwtToken; when neither is usable, Hearth warns once in the logs and
// uses what there is (FCM and Mozilla accept it). webpush-go writes the
// "mailto:" itself, so an address is returned bare.
func pushSubscriber(app core.App) string {
	meta := app.Settings().Meta
	addr := strings.TrimPrefix(strings.TrimSpace(meta.SenderAddress), "mailto:")
	if a, err := mail.ParseAddress(addr); err == nil && a.Address == addr {
		if _, domain, ok := strings.Cut(addr, "@"); ok && !placeholderHost(domain) {
			return addr
		}
	}
	if u, err := url.Parse(strings.TrimSpace(meta.AppURL)); err == nil && strings.EqualFold(u.Scheme, "https") && u.Host != "" && !placeholderHost(u.Hostname()) {
		return "https://" + strings.ToLower(u.Host)
	}
	app.Store().GetOrSet("hearth.pushSubscriberWarned", func() any {
		app.Logger().Warn("Web Push: set a real sender address (Settings > Mail) or an https Application URL; Apple refuses pushes whose VAPID contact is a placeholder",
			"sender_address", meta.SenderAddress, "app_url", meta.AppURL)
		return true
	})
	if addr != "" && !strings.HasPrefix(addr, "https:") {
		return addr
	}
	return "noreply@example.com"
}

// placeholderHost reports whether a host name is one no push service
// accepts as a contact: example domains, localhost, reserved test names, a
// name without a dot, or an IP address.
func placeholderHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" || !strings.Contains(host, ".") || net.ParseIP(host) != nil {
		return true
	}
	for _, d := range []string{"example.com", "example.org", "example.net", "localhost"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	for _, tld := range []string{".example", ".invalid", ".test", ".local", ".localhost", ".internal", ".lan", ".home.arpa"} {
		if strings.HasSuffix(host, tld) {
			return true
		}
	}
	return false
}
