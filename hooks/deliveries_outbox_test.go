package hooks_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// outboxNow is the clock of the outbox tests: Sunday 2026-11-22 22:00 in
// Los Angeles (house A), 01:00 on Monday in New York (house B).
var outboxNow = time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)

// addDevices gives the person n push subscriptions, in place of any they
// had (residentA1 has SubscriptionA1), and returns their ids.
func addDevices(tb testing.TB, app core.App, userID string, n int) []string {
	tb.Helper()
	if _, err := app.DB().Delete("push_subscriptions", dbx.HashExp{"user": userID}).Execute(); err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for i := range n {
		sub := saveOrFail(tb, app, "push_subscriptions", map[string]any{
			"user": userID, "endpoint": fmt.Sprintf("https://fcm.googleapis.com/fcm/send/%s-%d", userID, i),
			"p256dh": tk.PushP256dh, "auth": tk.PushAuth,
		})
		ids = append(ids, sub.Id)
	}
	return ids
}

// outboxRow is a deliveries row as the tests look at it.
type outboxRow struct {
	Notification string `db:"notification"`
	Channel      string `db:"channel"`
	Subscription string `db:"subscription"`
	Status       string `db:"status"`
	NextAt       string `db:"next_at"`
}

// outboxOf is the person's deliveries rows, oldest first, but for the
// test world's DeliveryA1.
func outboxOf(tb testing.TB, app core.App, userID string) []outboxRow {
	tb.Helper()
	var rows []outboxRow
	err := app.DB().Select("notification", "channel", "subscription", "status", "next_at").From("deliveries").
		Where(dbx.HashExp{"user": userID}).AndWhere(dbx.Not(dbx.HashExp{"id": tk.Seeded(tb).DeliveryA1})).OrderBy("created", "channel", "subscription").All(&rows)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// summary is the rows as "push:pending" and "email:digest" words, sorted.
func summary(rows []outboxRow) string {
	var words []string
	for _, r := range rows {
		words = append(words, r.Channel+":"+r.Status)
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

// TestOutboxFollowsSettings: each notification gets, in its transaction,
// a push row per device and an email row as the person's settings, role
// and the kind's importance say.
func TestOutboxFollowsSettings(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name     string
		actor    string
		settings map[string]any
		invited  bool // the account redeemed an invite
		kind     string
		want     string
	}{
		{"resident, defaults, everyday kind", tk.ResidentA1, nil, false, "comment", "push:pending push:pending"},
		{"resident, defaults, support: no email by default", tk.ResidentA1, nil, false, "support", "push:pending push:pending"},
		{"manager, defaults, everyday kind: email is important only", tk.ManagerA, nil, false, "comment", "push:pending push:pending"},
		{"manager, defaults, support", tk.ManagerA, nil, false, "support", "email:pending push:pending push:pending"},
		{"manager, defaults, curfew summary", tk.ManagerA, nil, false, "curfew_summary", "email:pending push:pending push:pending"},
		{"manager with the digest", tk.ManagerA, map[string]any{"email_digest": true}, false, "support", "email:digest push:pending push:pending"},
		{"manager with email off", tk.ManagerA, map[string]any{"email_notifications": "off"}, false, "support", "push:pending push:pending"},
		{"resident with email all", tk.ResidentA1, map[string]any{"email_notifications": "all"}, false, "comment", "email:pending push:pending push:pending"},
		{"resident with email all and the digest: the digest is managers'", tk.ResidentA1,
			map[string]any{"email_notifications": "all", "email_digest": true}, false, "comment", "email:pending push:pending push:pending"},
		{"resident with email important, announcement", tk.ResidentA1, map[string]any{"email_notifications": "important"}, false, "announcement", "email:pending push:pending push:pending"},
		{"resident with email important, everyday kind", tk.ResidentA1, map[string]any{"email_notifications": "important"}, false, "comment", "push:pending push:pending"},
		{"unverified address: no email", tk.ResidentA1, map[string]any{"email_notifications": "all", "verified": false}, false, "comment", "push:pending push:pending"},
		{"unverified but made by an invite", tk.ResidentA1, map[string]any{"email_notifications": "all", "verified": false}, true, "comment", "email:pending push:pending push:pending"},
		{"push off", tk.ResidentA1, map[string]any{"push_notifications": "off"}, false, "support", ""},
		{"push important, everyday kind", tk.ResidentA1, map[string]any{"push_notifications": "important"}, false, "comment", ""},
		{"push important, chore sent back", tk.ResidentA1, map[string]any{"push_notifications": "important"}, false, "chore_rejected", "push:pending push:pending"},
		{"no house: email off by default", tk.Newcomer, nil, false, "support", "push:pending push:pending"},
		{"alumnus: not a manager", tk.AlumnusA, nil, false, "support", "push:pending push:pending"},
		{"email not set up: no email row", tk.ManagerA, map[string]any{"email_notifications": "all"}, false, "support", "push:pending push:pending"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(outboxNow))
			t.Cleanup(app.Cleanup)
			// An admin has set up email, except in the case that says not.
			app.Settings().SMTP.Enabled = !strings.HasPrefix(c.name, "email not set up")
			id := w.People[c.actor].ID
			if c.settings != nil {
				setRecord("users", id, c.settings)(t, app)
			}
			if c.invited {
				setRecord("invites", w.InviteA, map[string]any{"used_by": id})(t, app)
			}
			addDevices(t, app, id, 2)
			if err := hooks.NotifyUser(app, id, hooks.Message{Kind: c.kind, Title: "Hello"}); err != nil {
				t.Fatal(err)
			}
			rows := outboxOf(t, app, id)
			if got := summary(rows); got != c.want {
				t.Fatalf("outbox = %q, want %q", got, c.want)
			}
			n, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && title = 'Hello'", dbx.Params{"u": id})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Notification != n.Id {
					t.Errorf("row for notification %q, want %q", r.Notification, n.Id)
				}
				if r.Channel == "push" && r.Subscription == "" {
					t.Error("a push row without its subscription")
				}
			}
		})
	}
}

// TestOutboxRollsBackWithTheNotification: the rows are written in the
// caller's transaction, so a rolled-back notification leaves none.
func TestOutboxRollsBackWithTheNotification(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(outboxNow))
	t.Cleanup(app.Cleanup)
	id := w.People[tk.ResidentA1].ID
	addDevices(t, app, id, 2)
	err := app.RunInTransaction(func(tx core.App) error {
		if err := hooks.NotifyUser(tx, id, hooks.Message{Kind: "comment", Title: "Hello"}); err != nil {
			return err
		}
		if got := len(outboxOf(t, tx, id)); got != 2 {
			t.Errorf("inside the transaction: %d rows, want 2", got)
		}
		return fmt.Errorf("rolled back")
	})
	if err == nil {
		t.Fatal("the transaction committed")
	}
	if rows := outboxOf(t, app, id); len(rows) != 0 {
		t.Fatalf("rows after the rollback: %v", rows)
	}
}

// TestOutboxQuietHours: a notification in a person's quiet hours waits
// until they end, in the zone of the person's house; a need-support alert
// does not wait.
func TestOutboxQuietHours(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name       string
		actor      string
		start, end string
		kind       string
		want       time.Time
	}{
		// 22:00 in Los Angeles: quiet until 07:00 there (15:00 UTC).
		{"across midnight, house A", tk.ResidentA1, "21:00", "07:00", "comment", time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)},
		{"support is not held", tk.ResidentA1, "21:00", "07:00", "support", outboxNow},
		{"outside quiet hours", tk.ResidentA1, "08:00", "21:00", "comment", outboxNow},
		{"equal start and end: none", tk.ResidentA1, "22:00", "22:00", "comment", outboxNow},
		// 01:00 in New York: quiet until 02:00 there (07:00 UTC).
		{"house B's zone", tk.ResidentB, "00:00", "02:00", "comment", time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)},
		// No house: UTC, where it is 06:00.
		{"no house: UTC", tk.Newcomer, "05:00", "06:30", "comment", time.Date(2026, 11, 23, 6, 30, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(outboxNow))
			t.Cleanup(app.Cleanup)
			app.Settings().SMTP.Enabled = true // email is set up
			id := w.People[c.actor].ID
			setRecord("users", id, map[string]any{"quiet_start": c.start, "quiet_end": c.end, "email_notifications": "all"})(t, app)
			addDevices(t, app, id, 1)
			if err := hooks.NotifyUser(app, id, hooks.Message{Kind: c.kind, Title: "Hello"}); err != nil {
				t.Fatal(err)
			}
			rows := outboxOf(t, app, id)
			if len(rows) != 2 {
				t.Fatalf("rows = %v, want a push and an email", rows)
			}
			for _, r := range rows {
				if r.NextAt != c.want.Format("2006-01-02 15:04:05.000Z") {
					t.Errorf("%s next_at = %s, want %s", r.Channel, r.NextAt, c.want)
				}
			}
		})
	}
}

// TestPushTestRoute: POST /api/hearth/push/test queues a push to each of
// the requester's devices, due now even in quiet hours, and says how
// many; without a device, or with push off, it says what is missing.
func TestPushTestRoute(t *testing.T) {
	w := tk.Seeded(t)
	me := w.People[tk.ResidentA1].ID
	clock := func(tb testing.TB) *tests.TestApp { return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(outboxNow)) }
	scenarios := []tests.ApiScenario{
		{
			Name: "anonymous", Method: http.MethodPost, URL: "/api/hearth/push/test",
			TestAppFactory: clock, ExpectedStatus: 401, ExpectedContent: []string{`"status":401`},
		},
		{
			Name: "no device", Method: http.MethodPost, URL: "/api/hearth/push/test", Headers: w.Headers(tk.ResidentA2),
			TestAppFactory: clock, ExpectedStatus: 400, ExpectedContent: []string{fieldErrJSON("devices", "validation_no_device")},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "push off", Method: http.MethodPost, URL: "/api/hearth/push/test", Headers: w.Headers(tk.ResidentA1),
			TestAppFactory: clock,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				setRecord("users", me, map[string]any{"push_notifications": "off"})(t, app)
				addDevices(t, app, me, 1)
			},
			ExpectedStatus: 400, ExpectedContent: []string{fieldErrJSON("push_notifications", "validation_push_off")},
		},
		{
			Name: "two devices, in quiet hours, email on", Method: http.MethodPost, URL: "/api/hearth/push/test", Headers: w.Headers(tk.ResidentA1),
			TestAppFactory: clock,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				setRecord("users", me, map[string]any{"quiet_start": "21:00", "quiet_end": "07:00", "email_notifications": "all"})(t, app)
				addDevices(t, app, me, 2)
				addDevices(t, app, w.People[tk.ResidentA2].ID, 1)
			},
			ExpectedStatus: 200, ExpectedContent: []string{`{"devices":2}`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				rows := outboxOf(t, app, me)
				if got := summary(rows); got != "push:pending push:pending" {
					t.Fatalf("outbox = %q, want two pushes", got)
				}
				for _, r := range rows {
					if r.NextAt != outboxNow.Format("2006-01-02 15:04:05.000Z") {
						t.Errorf("next_at = %s, want now", r.NextAt)
					}
				}
				n := findOrFail(t, app, "notifications", rows[0].Notification)
				if n.GetString("kind") != "push_test" || n.GetString("user") != me {
					t.Errorf("notification kind %q for %q", n.GetString("kind"), n.GetString("user"))
				}
				if others := outboxOf(t, app, w.People[tk.ResidentA2].ID); len(others) != 0 {
					t.Errorf("another person's device got a test: %v", others)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestPushTestRouteLimited: a person may send a few test notifications a
// minute, not more: each is a push to every device, and the general
// /api/hearth/ limit (120 per 10 s per address) let one account keep the
// server hammering a push service with its VAPID key (the attack on issue
// 15 sent 30 tests, 60 pushes, in a second). The refused request queues
// nothing.
func TestPushTestRouteLimited(t *testing.T) {
	w := tk.Seeded(t)
	me := w.People[tk.ResidentA1].ID
	clock := func(tb testing.TB) *tests.TestApp { return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(outboxNow)) }
	before := func(sent int) func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		return func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			addDevices(t, app, me, 2)
			for range sent {
				saveOrFail(t, app, "notifications", map[string]any{"user": me, "kind": "push_test", "title": "Test notification"})
			}
			// Another person's tests do not count against me.
			for range 5 {
				saveOrFail(t, app, "notifications", map[string]any{"user": w.People[tk.ResidentA2].ID, "kind": "push_test", "title": "Test notification"})
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "two sent this minute: a third is fine", Method: http.MethodPost, URL: "/api/hearth/push/test", Headers: w.Headers(tk.ResidentA1),
			TestAppFactory: clock, BeforeTestFunc: before(2),
			ExpectedStatus: 200, ExpectedContent: []string{`{"devices":2}`},
		},
		{
			Name: "three sent this minute: refused", Method: http.MethodPost, URL: "/api/hearth/push/test", Headers: w.Headers(tk.ResidentA1),
			TestAppFactory: clock, BeforeTestFunc: before(3),
			ExpectedStatus: 429, ExpectedContent: []string{`"status":429`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if rows := outboxOf(t, app, me); len(rows) != 0 {
					t.Fatalf("a refused test queued %v", summary(rows))
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
