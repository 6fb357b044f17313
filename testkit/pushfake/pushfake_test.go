package pushfake_test

import (
	"context"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"

	"hearth/testkit/pushfake"
)

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RFC 8291 Appendix A: the user agent's keys and the message it receives.
func TestDecryptRFC8291AppendixA(t *testing.T) {
	ua, err := ecdh.P256().NewPrivateKey(b64(t, "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
	if err != nil {
		t.Fatal(err)
	}
	if got := base64.RawURLEncoding.EncodeToString(ua.PublicKey().Bytes()); got != "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4" {
		t.Fatalf("ua_public %s", got)
	}
	auth := b64(t, "BTBZMqHH6r4Tts7J_aSIgg")
	body := b64(t, "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN")
	got, err := pushfake.Decrypt(ua, auth, body)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "When I grow up, I want to be a watermelon" {
		t.Fatalf("plaintext %q", got)
	}

	// Any changed byte (auth, header, record) fails to decrypt.
	badAuth := append([]byte(nil), auth...)
	badAuth[0] ^= 1
	if _, err := pushfake.Decrypt(ua, badAuth, body); err == nil {
		t.Error("decrypted with a wrong auth secret")
	}
	for _, i := range []int{0, 20, 40, len(body) - 1} {
		bad := append([]byte(nil), body...)
		bad[i] ^= 1
		if _, err := pushfake.Decrypt(ua, auth, bad); err == nil {
			t.Errorf("decrypted with byte %d changed", i)
		}
	}
}

func vapidKeys(t *testing.T) (priv, pub string) {
	t.Helper()
	priv, pub, err := webpush.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	return priv, pub
}

func send(t *testing.T, d pushfake.Device, msg string, o *webpush.Options) (*http.Response, error) {
	t.Helper()
	sub := &webpush.Subscription{Endpoint: d.Endpoint, Keys: webpush.Keys{P256dh: d.P256dh, Auth: d.Auth}}
	resp, err := webpush.SendNotificationWithContext(context.Background(), []byte(msg), sub, o)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

// A message sent with webpush-go arrives decrypted, with its headers and
// the VAPID claims; scripted answers come in order, then 201 again.
func TestRoundTripAndScript(t *testing.T) {
	fake := pushfake.New(t)
	priv, pub := vapidKeys(t)
	d := fake.Subscribe()
	var sub map[string]any
	if err := json.Unmarshal([]byte(d.JSON()), &sub); err != nil || sub["endpoint"] != d.Endpoint {
		t.Fatalf("JSON %s: %v", d.JSON(), err)
	}
	o := &webpush.Options{Subscriber: "ops@hearth.example.org", VAPIDPublicKey: pub, VAPIDPrivateKey: priv,
		TTL: 3600, Topic: "abc123", Urgency: webpush.UrgencyHigh}

	fake.Script(d.Endpoint, pushfake.TooMany(30), pushfake.ServerError, pushfake.NotFound, pushfake.Gone)
	for _, want := range []int{429, 500, 404, 410, 201} {
		resp, err := send(t, d, `{"id":"abc123","title":"Hi"}`, o)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != want {
			t.Fatalf("status %d, want %d", resp.StatusCode, want)
		}
		if want == 429 && resp.Header.Get("Retry-After") != "30" {
			t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
		}
	}
	m := fake.Wait(t, 1, 5*time.Second)[0]
	if m.Endpoint != d.Endpoint || m.Topic != "abc123" || m.Urgency != "high" || m.TTL != "3600" {
		t.Fatalf("message %+v", m)
	}
	if m.JSON["title"] != "Hi" || string(m.Plain) != `{"id":"abc123","title":"Hi"}` {
		t.Fatalf("payload %s", m.Plain)
	}
	if m.VAPID.Subject != "mailto:ops@hearth.example.org" || m.VAPID.Key != pub || m.VAPID.Audience != fake.Origin() {
		t.Fatalf("vapid %+v", m.VAPID)
	}
	if n := len(fake.Requests()); n != 5 {
		t.Fatalf("%d requests recorded, want 5", n)
	}
	if n := len(fake.Delivered()); n != 1 {
		t.Fatalf("%d delivered, want 1", n)
	}

	// An unsubscribed device answers 410; an unknown endpoint 404.
	fake.Unsubscribe(d.Endpoint)
	if resp, err := send(t, d, `{}`, o); err != nil || resp.StatusCode != 410 {
		t.Fatalf("unsubscribed: %v %v", resp, err)
	}
	other := d
	other.Endpoint = fake.Origin() + "/wpush/v2/nobody"
	if resp, err := send(t, other, `{}`, o); err != nil || resp.StatusCode != 404 {
		t.Fatalf("unknown: %v %v", resp, err)
	}
}

// A hung request answers nothing until the client's deadline.
func TestHang(t *testing.T) {
	fake := pushfake.New(t)
	priv, pub := vapidKeys(t)
	d := fake.Subscribe()
	fake.ScriptAll(pushfake.Hang)
	o := &webpush.Options{Subscriber: "ops@hearth.example.org", VAPIDPublicKey: pub, VAPIDPrivateKey: priv, TTL: 60,
		HTTPClient: &http.Client{Timeout: 200 * time.Millisecond}}
	if _, err := send(t, d, `{}`, o); err == nil {
		t.Fatal("a hung request returned")
	}
}

func signJWT(t *testing.T, key *ecdsa.PrivateKey, alg string, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"typ": "JWT", "alg": alg})
	c, _ := json.Marshal(claims)
	in := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	digest := sha256.Sum256([]byte(in))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return in + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// VerifyVAPID refuses what a push service refuses.
func TestVerifyVAPID(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	k := func(key *ecdsa.PrivateKey) string {
		b, _ := key.PublicKey.Bytes()
		return base64.RawURLEncoding.EncodeToString(b)
	}
	now := time.Unix(1_800_000_000, 0)
	origin := "https://fcm.googleapis.com"
	good := map[string]any{"aud": origin, "exp": now.Add(12 * time.Hour).Unix(), "sub": "mailto:ops@hearth.example.org"}
	with := func(name string, v any) map[string]any {
		c := map[string]any{}
		for n, x := range good {
			c[n] = x
		}
		c[name] = v
		return c
	}
	cases := []struct {
		name   string
		header string
		ok     bool
	}{
		{"good", "vapid t=" + signJWT(t, key, "ES256", good) + ", k=" + k(key), true},
		{"https sub", "vapid t=" + signJWT(t, key, "ES256", with("sub", "https://hearth.example.org")) + ", k=" + k(key), true},
		{"signed by another key", "vapid t=" + signJWT(t, other, "ES256", good) + ", k=" + k(key), false},
		{"alg none", "vapid t=" + signJWT(t, key, "none", good) + ", k=" + k(key), false},
		{"aud with path", "vapid t=" + signJWT(t, key, "ES256", with("aud", origin+"/fcm/send")) + ", k=" + k(key), false},
		{"aud another origin", "vapid t=" + signJWT(t, key, "ES256", with("aud", "https://evil.example")) + ", k=" + k(key), false},
		{"expired", "vapid t=" + signJWT(t, key, "ES256", with("exp", now.Add(-time.Second).Unix())) + ", k=" + k(key), false},
		{"exp over 24h", "vapid t=" + signJWT(t, key, "ES256", with("exp", now.Add(25*time.Hour).Unix())) + ", k=" + k(key), false},
		{"sub bare address", "vapid t=" + signJWT(t, key, "ES256", with("sub", "ops@hearth.example.org")) + ", k=" + k(key), false},
		{"sub mailto twice", "vapid t=" + signJWT(t, key, "ES256", with("sub", "mailto:mailto:ops@hearth.example.org")) + ", k=" + k(key), false},
		{"sub http", "vapid t=" + signJWT(t, key, "ES256", with("sub", "http://hearth.example.org")) + ", k=" + k(key), false},
		{"no k", "vapid t=" + signJWT(t, key, "ES256", good), false},
		{"WebPush scheme", "WebPush " + signJWT(t, key, "ES256", good), false},
		{"empty", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := pushfake.VerifyVAPID(c.header, origin, now)
			if (err == nil) != c.ok {
				t.Fatalf("ok=%v, err=%v", c.ok, err)
			}
		})
	}
}

// A request that fails the checks is answered 401 and listed.
func TestFailuresAreListed(t *testing.T) {
	fake := pushfake.New(t)
	fake.AllowFailures = true
	d := fake.Subscribe()
	req, _ := http.NewRequest("POST", d.Endpoint, strings.NewReader("x"))
	req.Header.Set("TTL", "60")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || len(fake.Failures()) != 1 {
		t.Fatalf("status %d, failures %v", resp.StatusCode, fake.Failures())
	}
}
