package durability_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/testkit/pushfake"
)

// deliveryHouse is a house whose members turned push on: the alert
// tests' and benchmark's world.
type deliveryHouse struct {
	house   string
	author  *client            // the member who posts
	devices []pushfake.Device  // every other member's devices
	byUser  map[string]*client // members' signed-in clients, by id
}

// newDeliveryHouse makes a house of size members (one manager), each with
// perMember push devices on the fake service when fake is not nil.
func newDeliveryHouse(t testing.TB, srv *server, su *client, fake *pushfake.Server, size, perMember int) *deliveryHouse {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 15))
	h := &deliveryHouse{byUser: map[string]*client{}}
	var house record
	su.must(t, "POST", "/api/collections/houses/records", map[string]any{
		"name": "Delivery House", "timezone": "UTC", "capacity": 0,
	}, &house)
	h.house = house["id"].(string)
	for i := range size {
		role := "resident"
		if i == 0 {
			role = "manager"
		}
		var u record
		email := fmt.Sprintf("member%d-%s@durability.example", i, newID(rng)[:6])
		su.must(t, "POST", "/api/collections/users/records", map[string]any{
			"email": email, "name": fmt.Sprintf("Member %d", i), "verified": true,
			"password": userPassword, "passwordConfirm": userPassword,
		}, &u)
		id := u["id"].(string)
		su.must(t, "POST", "/api/collections/memberships/records", map[string]any{
			"house": h.house, "user": id, "role": role, "status": "active",
			"move_in": time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02"),
		}, nil)
		c := signIn(t, srv.base, "users", email, userPassword)
		h.byUser[id] = c
		if i == 1 {
			h.author = c
			continue // the author's own devices are not alerted
		}
		for range perMember {
			if fake == nil {
				break
			}
			dev := fake.Subscribe()
			c.must(t, "POST", "/api/collections/push_subscriptions/records", map[string]any{
				"endpoint": dev.Endpoint, "p256dh": dev.P256dh, "auth": dev.Auth, "user_agent": "Fake phone",
			}, nil)
			h.devices = append(h.devices, dev)
		}
	}
	return h
}

// postSupport posts a need-support post as the author and returns its id
// and how long the request took.
func (h *deliveryHouse) postSupport(t testing.TB, words string) (string, time.Duration) {
	t.Helper()
	var me record
	h.author.must(t, "POST", "/api/collections/users/auth-refresh", nil, &me)
	authorID := me["record"].(map[string]any)["id"].(string)
	var post record
	start := time.Now()
	h.author.must(t, "POST", "/api/collections/posts/records", map[string]any{
		"house": h.house, "author": authorID, "kind": "support", "body": words,
	}, &post)
	return post["id"].(string), time.Since(start)
}

// checkAlerts checks that every device got exactly one push of each
// notification id in want (one per device and post), urgent, with no
// word of the posts.
func checkAlerts(t testing.TB, h *deliveryHouse, msgs []pushfake.Message, posts int, secret string) {
	t.Helper()
	perDevice := map[string]map[string]int{}
	for _, m := range msgs {
		if perDevice[m.Endpoint] == nil {
			perDevice[m.Endpoint] = map[string]int{}
		}
		perDevice[m.Endpoint][m.Topic]++
		if m.Urgency != "high" {
			t.Errorf("a need-support push with Urgency %q", m.Urgency)
		}
		if strings.Contains(string(m.Plain), secret) {
			t.Errorf("a push carries the post's words: %s", m.Plain)
		}
		if m.JSON["kind"] != "support" || m.JSON["id"] != m.Topic {
			t.Errorf("payload %s with Topic %q", m.Plain, m.Topic)
		}
	}
	for _, d := range h.devices {
		got := perDevice[d.Endpoint]
		if len(got) != posts {
			t.Errorf("device %s got %d alerts, want %d", d.Endpoint, len(got), posts)
		}
		for topic, n := range got {
			if n != 1 {
				t.Errorf("device %s got notification %s %d times", d.Endpoint, topic, n)
			}
		}
	}
}

// TestDeliveriesSurviveKill: need-support alerts are committed while the
// push service hangs; the server is killed (-9) with pushes under way and
// others not yet tried; the service comes back; after the restart every
// device gets each alert exactly once (the pushes cut off by the kill had
// not been answered, so they count as not delivered), and another restart
// sends nothing again.
func TestDeliveriesSurviveKill(t *testing.T) {
	fake := pushfake.New(t)
	t.Setenv("HEARTH_PUSH_ALLOW", fake.HostPort())
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	su := superuser(t, srv)
	openTheGates(t, su)
	h := newDeliveryHouse(t, srv, su, fake, 6, 2) // 5 alerted members, 10 devices
	const workers = 4                             // the sender's
	fake.ScriptAll(slices.Repeat([]pushfake.Answer{pushfake.Hang}, workers)...)

	const secret = "the words nobody else may read"
	h.postSupport(t, secret+" 1")
	h.postSupport(t, secret+" 2")
	// The sender is sending the first pushes, which hang; the others wait
	// in the outbox.
	deadline := time.Now().Add(20 * time.Second)
	for len(fake.Requests()) < workers {
		if time.Now().After(deadline) {
			t.Fatalf("only %d push requests under way", len(fake.Requests()))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(fake.Delivered()); n != 0 {
		t.Fatalf("%d pushes delivered before the kill", n)
	}
	srv.kill()
	// The service answers again (the hangs are used up); restart.
	srv.start()
	want := 2 * len(h.devices)
	// Only the alerts count: the server runs on the real clock, so a house
	// job that is due (the managers' weekly summary on a Monday) may push
	// too.
	alerts := func() []pushfake.Message {
		var out []pushfake.Message
		for _, m := range fake.Delivered() {
			if m.JSON["kind"] == "support" {
				out = append(out, m)
			}
		}
		return out
	}
	deadline = time.Now().Add(60 * time.Second)
	for len(alerts()) < want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	checkAlerts(t, h, alerts(), 2, secret)

	srv.stop()
	srv.start()
	time.Sleep(2 * time.Second)
	if got := len(alerts()); got != want {
		t.Fatalf("%d alerts delivered after another restart, want %d", got, want)
	}
	if got := count(t, superuser(t, srv), "deliveries", "channel = 'push' && status = 'sent' && notification.kind = 'support'"); got != want {
		t.Fatalf("%d push rows sent, want %d", got, want)
	}
}

// BenchmarkSupportAlertPush: a need-support post in a house of 20 with
// two devices each (38 devices besides the author's): the time from the
// post's response (its commit) to the last push request at the fake push
// service, and the post's own request time, against a house of 20 with no
// devices. Run with -benchtime=40x; see BENCHMARKS.md.
func BenchmarkSupportAlertPush(b *testing.B) {
	fake := pushfake.New(b)
	b.Setenv("HEARTH_PUSH_ALLOW", fake.HostPort())
	dir := filepath.Join(testDir(b), "data")
	srv := newServer(b, dir)
	su := superuser(b, srv)
	openTheGates(b, su)
	withPush := newDeliveryHouse(b, srv, su, fake, 20, 2)
	without := newDeliveryHouse(b, srv, su, nil, 20, 0)
	n := len(withPush.devices)

	var lastPush, reqPush, reqPlain []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, d := without.postSupport(b, "plain")
		reqPlain = append(reqPlain, d)

		_, d = withPush.postSupport(b, "pushed")
		committed := time.Now()
		reqPush = append(reqPush, d)
		msgs := fake.Wait(b, n, 30*time.Second)
		last := msgs[0].At
		for _, m := range msgs {
			if m.At.After(last) {
				last = m.At
			}
		}
		lastPush = append(lastPush, last.Sub(committed))
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(percentile(lastPush, 50)), "last-push-p50-ms")
	b.ReportMetric(ms(percentile(lastPush, 95)), "last-push-p95-ms")
	b.ReportMetric(ms(percentile(reqPush, 50)), "post-push-p50-ms")
	b.ReportMetric(ms(percentile(reqPush, 95)), "post-push-p95-ms")
	b.ReportMetric(ms(percentile(reqPlain, 50)), "post-nopush-p50-ms")
	b.ReportMetric(ms(percentile(reqPlain, 95)), "post-nopush-p95-ms")
	b.ReportMetric(float64(n), "devices")
}

// percentile is the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(i, 0)]
}
