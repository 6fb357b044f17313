package hooks_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// worldVAPIDKey is the public key of the world's VAPID key pair.
func worldVAPIDKey(t *testing.T) string {
	t.Helper()
	app := tk.NewApp(t)
	defer app.Cleanup()
	r := findOrFail(t, app, "vapid_keys", tk.Seeded(t).VAPIDKeys)
	return r.GetString("public_key")
}

// withoutVAPIDKeys is a factory of world apps whose VAPID key pair is gone,
// as on a first start.
func withoutVAPIDKeys(tb testing.TB) *tests.TestApp {
	app := tk.NewApp(tb)
	if _, err := app.DB().NewQuery("DELETE FROM vapid_keys").Execute(); err != nil {
		tb.Fatal(err)
	}
	return app
}

func countRows(tb testing.TB, app core.App, collection string, where dbx.Expression) int {
	tb.Helper()
	var n int
	q := app.DB().Select("count(*)").From(collection)
	if where != nil {
		q = q.Where(where)
	}
	if err := q.Row(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// GET /api/hearth/push/key: signed-in people get the server's VAPID
// public key, the same every time; the key is made when the server starts.
func TestPushKeyRoute(t *testing.T) {
	w := tk.Seeded(t)
	key := worldVAPIDKey(t)
	if b, err := base64.RawURLEncoding.DecodeString(key); err != nil || len(b) != 65 || b[0] != 4 {
		t.Fatalf("world key %q is not an uncompressed P-256 point", key)
	}
	scenarios := []tests.ApiScenario{
		{Name: "anonymous", Method: http.MethodGet, URL: "/api/hearth/push/key",
			ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}, NotExpectedContent: []string{key}},
		{Name: "resident", Method: http.MethodGet, URL: "/api/hearth/push/key", Headers: w.Headers(tk.ResidentA1),
			ExpectedStatus: 200, ExpectedContent: []string{`{"public_key":"` + key + `"}`}},
		{Name: "newcomer", Method: http.MethodGet, URL: "/api/hearth/push/key", Headers: w.Headers(tk.Newcomer),
			ExpectedStatus: 200, ExpectedContent: []string{`{"public_key":"` + key + `"}`}},
		{Name: "superuser", Method: http.MethodGet, URL: "/api/hearth/push/key", Headers: w.Headers(tk.Superuser),
			ExpectedStatus: 200, ExpectedContent: []string{`{"public_key":"` + key + `"}`}},
		// First start: the server makes the pair when it starts serving,
		// before anyone asks.
		{Name: "made at start", Method: http.MethodGet, URL: "/api/health", ExpectedStatus: 200,
			ExpectedContent: []string{`"code":200`}, TestAppFactory: withoutVAPIDKeys,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := countRows(t, app, "vapid_keys", nil); n != 1 {
					t.Errorf("%d VAPID key pairs after start, want 1", n)
				}
			}},
		// A new pair is a new key: never the old one.
		{Name: "first start makes a new key", Method: http.MethodGet, URL: "/api/hearth/push/key",
			Headers: w.Headers(tk.ResidentA1), TestAppFactory: withoutVAPIDKeys,
			ExpectedStatus: 200, ExpectedContent: []string{`"public_key":"B`}, NotExpectedContent: []string{key}},
	}
	for _, s := range scenarios {
		if s.TestAppFactory == nil {
			s.TestAppFactory = tk.Factory
		}
		s.Test(t)
	}
}

// The key pair survives a restart of the app on the same data directory.
func TestPushKeyStableAcrossRestarts(t *testing.T) {
	first := withoutVAPIDKeys(t)
	key, err := hooks.EnsureVAPIDKeys(first)
	if err != nil {
		t.Fatal(err)
	}
	// Close the first app's databases, then open its data directory again.
	_ = first.ClearBootstrap()
	defer first.Cleanup()
	for restart := range 2 {
		s := tests.ApiScenario{
			Name: fmt.Sprintf("restart %d", restart), Method: http.MethodGet, URL: "/api/hearth/push/key",
			Headers: tk.Seeded(t).Headers(tk.ResidentA1), ExpectedStatus: 200,
			ExpectedContent: []string{`{"public_key":"` + key + `"}`},
			TestAppFactory: func(tb testing.TB) *tests.TestApp {
				app, err := tests.NewTestApp(first.DataDir())
				if err != nil {
					tb.Fatal(err)
				}
				if err := hooks.Register(app, hooks.Config{NoJobs: true}); err != nil {
					tb.Fatal(err)
				}
				return app
			},
		}
		s.Test(t)
	}
}

// Many first requests at once make one key pair, and all get its key:
// here every caller has looked and found no key while another caller's
// transaction, about to make one, holds the writer.
func TestPushKeyMadeOnce(t *testing.T) {
	app := withoutVAPIDKeys(t)
	defer app.Cleanup()
	const n = 8
	keys := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	var first string
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				keys[i], errs[i] = hooks.EnsureVAPIDKeys(app)
			}()
		}
		// Let them read (no key yet) and queue for the writer.
		time.Sleep(300 * time.Millisecond)
		var err error
		first, err = hooks.EnsureVAPIDKeys(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if keys[i] != first {
			t.Fatalf("caller %d got key %s, the first %s", i, keys[i], first)
		}
	}
	if got := countRows(t, app, "vapid_keys", nil); got != 1 {
		t.Fatalf("%d key pairs, want 1", got)
	}
}

// vapid_keys holds a real key pair only, also from a superuser.
func TestVAPIDKeysValidated(t *testing.T) {
	app := tk.NewApp(t)
	defer app.Cleanup()
	good := findOrFail(t, app, "vapid_keys", tk.Seeded(t).VAPIDKeys)
	other := unsavedRecord(t, app, "vapid_keys", map[string]any{
		"public_key": tk.PushP256dh, "private_key": good.GetString("private_key"),
	})
	if code := saveErrorCode(app.Save(other), "public_key"); code != "validation_vapid_key" {
		t.Fatalf("a public key of another pair: code %q", code)
	}
	junk := unsavedRecord(t, app, "vapid_keys", map[string]any{"public_key": "matrix", "private_key": "matrix"})
	if code := saveErrorCode(app.Save(junk), "public_key"); code != "validation_vapid_key" {
		t.Fatalf("junk: code %q", code)
	}
}

// subscriptionBody is a device's subscription as the web app posts it.
func subscriptionBody(endpoint string, extra map[string]any) map[string]any {
	b := map[string]any{"endpoint": endpoint, "p256dh": tk.PushP256dh, "auth": tk.PushAuth, "user_agent": "Phone"}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

const fcmMine = "https://fcm.googleapis.com/fcm/send/mine"

// Subscribing a device: the server makes it the requester's, refuses what
// cannot be sent to in words, and keeps one row per endpoint.
func TestPushSubscriptionCreate(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID
	owner := func(endpoint, want string) func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			r, err := app.FindFirstRecordByData("push_subscriptions", "endpoint", endpoint)
			if err != nil {
				t.Fatalf("no subscription for %s: %v", endpoint, err)
			}
			if got := r.GetString("user"); got != want {
				t.Errorf("subscription belongs to %s, want %s", got, want)
			}
		}
	}
	noRow := func(endpoint string) func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n := countRows(t, app, "push_subscriptions", dbx.HashExp{"endpoint": endpoint}); n != 0 {
				t.Errorf("%d rows for %s, want none", n, endpoint)
			}
		}
	}
	cases := []struct {
		name    string
		actor   string
		body    map[string]any
		status  int
		content []string
		after   func(t testing.TB, app *tests.TestApp, _ *http.Response)
	}{
		{"own device", tk.ResidentA2, subscriptionBody(fcmMine, nil), 200,
			[]string{`"user":"` + a2 + `"`}, owner(fcmMine, a2)},
		{"user in the body is ignored", tk.ResidentA2, subscriptionBody(fcmMine, map[string]any{"user": a1}), 200,
			[]string{`"user":"` + a2 + `"`}, owner(fcmMine, a2)},
		{"a manager subscribes for a resident: their own device", tk.ManagerA,
			subscriptionBody(fcmMine, map[string]any{"user": a1}), 200, nil, owner(fcmMine, w.People[tk.ManagerA].ID)},
		{"anonymous", tk.Anonymous, subscriptionBody(fcmMine, map[string]any{"user": a1}), 400, nil, noRow(fcmMine)},
		{"superuser names the user", tk.Superuser, subscriptionBody(fcmMine, map[string]any{"user": a2}), 200,
			nil, owner(fcmMine, a2)},
		// The same endpoint again replaces the row, whoever had it: the
		// device now belongs to residentA2.
		{"a device changes hands", tk.ResidentA2, subscriptionBody("https://fcm.googleapis.com/fcm/send/world-a1", nil), 200,
			nil, func(t testing.TB, app *tests.TestApp, res *http.Response) {
				owner("https://fcm.googleapis.com/fcm/send/world-a1", a2)(t, app, res)
				if _, err := app.FindRecordById("push_subscriptions", w.SubscriptionA1); err == nil {
					t.Error("residentA1's row of the device is still there")
				}
			}},
		{"http endpoint", tk.ResidentA2, subscriptionBody("http://fcm.googleapis.com/fcm/send/x", nil), 400,
			[]string{fieldErrJSON("endpoint", "validation_push_endpoint"), "https://"}, noRow("http://fcm.googleapis.com/fcm/send/x")},
		{"endpoint elsewhere", tk.ResidentA2, subscriptionBody("https://169.254.169.254/latest/meta-data/", nil), 400,
			[]string{fieldErrJSON("endpoint", "validation_push_endpoint"), "not a push service"}, noRow("https://169.254.169.254/latest/meta-data/")},
		{"endpoint userinfo", tk.ResidentA2, subscriptionBody("https://fcm.googleapis.com@evil.example/x", nil), 400,
			[]string{fieldErrJSON("endpoint", "validation_push_endpoint")}, noRow("https://fcm.googleapis.com@evil.example/x")},
		{"p256dh not on the curve", tk.ResidentA2,
			subscriptionBody(fcmMine, map[string]any{"p256dh": tk.PushP256dh[:len(tk.PushP256dh)-2] + "AA"}), 400,
			[]string{fieldErrJSON("p256dh", "validation_push_key")}, noRow(fcmMine)},
		{"p256dh compressed", tk.ResidentA2,
			subscriptionBody(fcmMine, map[string]any{"p256dh": "AyVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcx"}), 400,
			[]string{fieldErrJSON("p256dh", "validation_push_key")}, noRow(fcmMine)},
		{"p256dh not base64url", tk.ResidentA2, subscriptionBody(fcmMine, map[string]any{"p256dh": "BCVx+/=="}), 400,
			[]string{`"p256dh":{"code":"validation_`}, noRow(fcmMine)},
		{"auth of 15 bytes", tk.ResidentA2, subscriptionBody(fcmMine, map[string]any{"auth": "BTBZMqHH6r4Tts7J_aSI"}), 400,
			[]string{fieldErrJSON("auth", "validation_push_key")}, noRow(fcmMine)},
		{"padded keys are fine", tk.ResidentA2,
			subscriptionBody(fcmMine, map[string]any{"auth": tk.PushAuth + "==", "p256dh": tk.PushP256dh + "="}), 200, nil, owner(fcmMine, a2)},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/collections/push_subscriptions/records",
			Headers: w.Headers(c.actor), Body: bodyJSON(t, c.body), ExpectedStatus: c.status,
			ExpectedContent: c.content, TestAppFactory: tk.Factory, AfterTestFunc: c.after,
		}
		if len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{`"`}
		}
		s.Test(t)
	}
}

// Reading and removing devices: the owner only, managers of the house
// included among the refused; nobody updates one.
func TestPushSubscriptionAccess(t *testing.T) {
	w := tk.Seeded(t)
	id := w.SubscriptionA1
	view, list := "/api/collections/push_subscriptions/records/"+id, "/api/collections/push_subscriptions/records"
	cases := []struct {
		name, actor, method, url string
		status                   int
		content, hidden          []string
	}{
		{"owner lists", tk.ResidentA1, http.MethodGet, list, 200, []string{`"id":"` + id + `"`}, nil},
		{"housemate lists", tk.ResidentA2, http.MethodGet, list, 200, []string{`"items":[]`}, []string{id}},
		{"manager lists", tk.ManagerA, http.MethodGet, list, 200, []string{`"items":[]`}, []string{id}},
		{"manager filters by user", tk.ManagerA, http.MethodGet, list + "?filter=user='" + w.People[tk.ResidentA1].ID + "'", 200,
			[]string{`"items":[]`}, []string{id}},
		{"anonymous lists", tk.Anonymous, http.MethodGet, list, 200, []string{`"items":[]`}, []string{id}},
		{"owner views", tk.ResidentA1, http.MethodGet, view, 200, []string{`"endpoint":"https://fcm.googleapis.com/fcm/send/world-a1"`}, nil},
		{"manager views", tk.ManagerA, http.MethodGet, view, 404, nil, []string{"world-a1"}},
		{"housemate views", tk.ResidentA2, http.MethodGet, view, 404, nil, []string{"world-a1"}},
		{"superuser views", tk.Superuser, http.MethodGet, view, 200, []string{"world-a1"}, nil},
		{"owner updates", tk.ResidentA1, http.MethodPatch, view, 403, nil, []string{"world-a1"}},
		{"manager deletes", tk.ManagerA, http.MethodDelete, view, 404, []string{`"status":404`}, nil},
		{"anonymous deletes", tk.Anonymous, http.MethodDelete, view, 404, []string{`"status":404`}, nil},
		{"owner deletes", tk.ResidentA1, http.MethodDelete, view, 204, nil, nil},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: c.method, URL: c.url, Headers: w.Headers(c.actor),
			ExpectedStatus: c.status, ExpectedContent: c.content, NotExpectedContent: c.hidden, TestAppFactory: tk.Factory,
		}
		if c.method == http.MethodPatch {
			s.Body = strings.NewReader(`{"endpoint":"https://fcm.googleapis.com/fcm/send/elsewhere"}`)
		}
		s.Test(t)
	}
}

// A person keeps at most hooks.PushDevicesMax devices: one more replaces
// the oldest.
func TestPushSubscriptionsPerPerson(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	a1 := w.People[tk.ResidentA1].ID
	for i := range hooks.PushDevicesMax {
		saveOrFail(t, app, "push_subscriptions", map[string]any{
			"user": a1, "endpoint": fmt.Sprintf("https://fcm.googleapis.com/fcm/send/device-%d", i),
			"p256dh": tk.PushP256dh, "auth": tk.PushAuth,
		})
	}
	if n := countRows(t, app, "push_subscriptions", dbx.HashExp{"user": a1}); n != hooks.PushDevicesMax {
		t.Fatalf("%d devices, want %d", n, hooks.PushDevicesMax)
	}
	if _, err := app.FindRecordById("push_subscriptions", w.SubscriptionA1); err == nil {
		t.Fatal("the oldest device (the world's) is still there")
	}
	// Others' devices are untouched.
	saveOrFail(t, app, "push_subscriptions", map[string]any{
		"user": w.People[tk.ResidentA2].ID, "endpoint": "https://fcm.googleapis.com/fcm/send/a2",
		"p256dh": tk.PushP256dh, "auth": tk.PushAuth,
	})
	if n := countRows(t, app, "push_subscriptions", dbx.HashExp{"user": a1}); n != hooks.PushDevicesMax {
		t.Fatalf("%d devices of residentA1 after another's, want %d", n, hooks.PushDevicesMax)
	}
}

// otherP256dh is a valid P-256 point that is not tk.PushP256dh: the keys
// of a device that is not the one behind an endpoint.
const otherP256dh = "BKUeigzaP3Z2FMzctxlAesrox88lVs0ww4TkbW92SoxbbrNpcbS-kzFjaUFzCWDu6CDD_6sJFGjGtz1oIwcv6aM"

// TestPushSubscriptionNoHijack: a device changes hands only with its own
// keys. Someone who has learned another person's endpoint (a shared
// computer's devtools, a log, a backup) and posts it with keys of their
// own would otherwise delete that person's device (a manager's phone
// stops getting need-support alerts, silently) and point it at pushes the
// phone cannot decrypt. The same endpoint with the same keys is the same
// browser subscription (a shared device, another account signed in):
// that still moves, as TestPushSubscriptionCreate checks.
func TestPushSubscriptionNoHijack(t *testing.T) {
	w := tk.Seeded(t)
	a1 := w.People[tk.ResidentA1].ID
	const worldA1 = "https://fcm.googleapis.com/fcm/send/world-a1"
	stillA1s := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById("push_subscriptions", w.SubscriptionA1)
		if err != nil {
			t.Fatalf("residentA1's device was deleted: %v", err)
		}
		if r.GetString("user") != a1 || r.GetString("p256dh") != tk.PushP256dh {
			t.Fatalf("residentA1's device changed: user %s, p256dh %s", r.GetString("user"), r.GetString("p256dh"))
		}
		if n := countRows(t, app, "push_subscriptions", dbx.HashExp{"endpoint": worldA1}); n != 1 {
			t.Fatalf("%d rows for the endpoint, want 1", n)
		}
	}
	cases := []struct {
		name  string
		actor string
		body  map[string]any
	}{
		{"other p256dh", tk.ResidentA2, subscriptionBody(worldA1, map[string]any{"p256dh": otherP256dh})},
		{"other auth", tk.ResidentA2, subscriptionBody(worldA1, map[string]any{"auth": "g7A1UX0K0u6kbM2OyyjsQg"})},
		{"a manager, other keys", tk.ManagerA, subscriptionBody(worldA1, map[string]any{"p256dh": otherP256dh, "auth": "g7A1UX0K0u6kbM2OyyjsQg"})},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/collections/push_subscriptions/records",
			Headers: w.Headers(c.actor), Body: bodyJSON(t, c.body), ExpectedStatus: 400,
			ExpectedContent: []string{fieldErrJSON("endpoint", "validation_push_endpoint_taken")},
			TestAppFactory:  tk.Factory, AfterTestFunc: stillA1s,
		}
		s.Test(t)
	}
}
