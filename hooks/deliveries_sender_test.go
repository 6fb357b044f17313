package hooks_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// pushCall is one push the fake channel was asked to send.
type pushCall struct {
	sub     string
	payload hooks.PushPayload
	urgent  bool
}

// fakePush is a push channel that records what it is asked to send and
// answers with answer (nil: every push succeeds).
type fakePush struct {
	mu     sync.Mutex
	calls  []pushCall
	answer func(call int, app core.App, sub *core.Record) error
}

func (f *fakePush) send(ctx context.Context, app core.App, sub *core.Record, p hooks.PushPayload, urgent bool) error {
	f.mu.Lock()
	f.calls = append(f.calls, pushCall{sub.Id, p, urgent})
	n := len(f.calls)
	answer := f.answer
	f.mu.Unlock()
	if answer != nil {
		return answer(n, app, sub)
	}
	return nil
}

func (f *fakePush) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakePush) all() []pushCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]pushCall(nil), f.calls...)
}

// waitFor polls cond until it holds, or fails the test after 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// blockUntilWaiting waits until the sender's loop sleeps on the fake
// clock (its timer for the next due row).
func blockUntilWaiting(t testing.TB, clock *clockwork.FakeClock) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := clock.BlockUntilContext(ctx, 1); err != nil {
		t.Fatalf("the sender never waited for its next row: %v", err)
	}
}

// deliveryRow is one stored deliveries row, by id.
func deliveryRow(t testing.TB, app core.App, id string) *core.Record {
	t.Helper()
	return findOrFail(t, app, "deliveries", id)
}

// rowsWhere is the ids of the deliveries rows matching where.
func rowsWhere(t testing.TB, app core.App, where dbx.Expression) []string {
	t.Helper()
	var ids []string
	if err := app.DB().Select("id").From("deliveries").Where(where).OrderBy("created").Column(&ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

// startSender starts a sender on app with the fake push and stops it at
// the test's end.
func startSender(t testing.TB, app core.App, clock clockwork.Clock, push *fakePush, email hooks.EmailFunc, invite hooks.InviteFunc) *hooks.DeliverySender {
	t.Helper()
	s := hooks.NewDeliverySenderWith(app, clock, push.send, email, invite)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// TestSenderDeliversAfterCommit: a need-support alert to a house reaches
// every device of every member once, after the transaction commits (the
// commit wakes the sender: nothing else would), with only lock-screen
// words, urgent, and a link at the Application URL. Rows committed while
// no sender ran are sent when one starts.
func TestSenderDeliversAfterCommit(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	app.Settings().Meta.AppURL = "https://hearth.example.org"
	members := []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA}
	for _, m := range members {
		addDevices(t, app, w.People[m].ID, 2)
	}
	// Committed before any sender runs: picked up at start.
	if err := hooks.NotifyUser(app, w.People[tk.ResidentA1].ID, hooks.Message{Kind: "comment", Title: "Before"}); err != nil {
		t.Fatal(err)
	}
	push := &fakePush{}
	startSender(t, app, clock, push, nil, nil)
	waitFor(t, "the rows committed before the start", func() bool { return push.count() == 2 })

	msg := hooks.Message{Kind: "support", Title: "Dana needs support", Body: "the secret words of the post", Link: "/board/posts/abc"}
	if err := hooks.NotifyHouse(app, w.HouseA, msg); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a push to every device", func() bool { return push.count() == 2+2*len(members) })
	waitFor(t, "every row marked sent", func() bool {
		return len(rowsWhere(t, app, dbx.HashExp{"status": "pending", "channel": "push"})) == 0
	})
	seen := map[string]bool{}
	for _, c := range push.all()[2:] {
		key := c.payload.ID + " " + c.sub
		if seen[key] {
			t.Errorf("sent twice: %s", key)
		}
		seen[key] = true
		if !c.urgent {
			t.Error("a need-support push is not urgent")
		}
		if strings.Contains(c.payload.Title+c.payload.Body, "secret") || strings.Contains(c.payload.Title, "Dana") {
			t.Errorf("the push carries the post's words: %+v", c.payload)
		}
		if c.payload.Kind != "support" || c.payload.URL != "https://hearth.example.org/board/posts/abc" {
			t.Errorf("payload = %+v", c.payload)
		}
	}
	for _, id := range rowsWhere(t, app, dbx.HashExp{"channel": "push"}) {
		r := deliveryRow(t, app, id)
		if r.GetString("status") != "sent" || r.GetDateTime("sent_at").Time() != clock.Now() || r.GetInt("attempts") != 1 {
			t.Errorf("row %s: status %s, sent_at %s, attempts %d", id, r.GetString("status"), r.GetDateTime("sent_at"), r.GetInt("attempts"))
		}
	}
	// Nothing is sent again.
	time.Sleep(50 * time.Millisecond)
	if got := push.count(); got != 2+2*len(members) {
		t.Fatalf("%d pushes, want %d", got, 2+2*len(members))
	}
}

// TestSenderQuietHours: a push held by quiet hours is sent when they end
// on the fake clock, and a need-support alert is sent at once.
func TestSenderQuietHours(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow) // 22:00 in house A
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	me := w.People[tk.ResidentA1].ID
	setRecord("users", me, map[string]any{"quiet_start": "21:00", "quiet_end": "07:00"})(t, app)
	addDevices(t, app, me, 1)
	push := &fakePush{}
	startSender(t, app, clock, push, nil, nil)
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "comment", Title: "Held"}); err != nil {
		t.Fatal(err)
	}
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "support", Title: "Now"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the need-support push", func() bool { return push.count() == 1 })
	blockUntilWaiting(t, clock)
	if got := push.all()[0].payload.Kind; got != "support" {
		t.Fatalf("first push %q, want the need-support alert", got)
	}
	clock.Advance(9*time.Hour - time.Minute) // 06:59 in Los Angeles
	time.Sleep(50 * time.Millisecond)
	if got := push.count(); got != 1 {
		t.Fatalf("%d pushes before quiet hours end, want 1", got)
	}
	blockUntilWaiting(t, clock)
	clock.Advance(time.Minute) // 07:00
	waitFor(t, "the held push", func() bool { return push.count() == 2 })
	if got := push.all()[1].payload.Kind; got != "comment" {
		t.Fatalf("second push %q", got)
	}
}

// TestSenderBackoff: a 429 or a 5xx (retryLaterError) is retried with
// exponential backoff and jitter on the fake clock, Retry-After is
// respected, and the row is sent once it goes through.
func TestSenderBackoff(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	me := w.People[tk.ResidentA1].ID
	addDevices(t, app, me, 1)
	push := &fakePush{answer: func(call int, app core.App, sub *core.Record) error {
		switch call {
		case 1:
			return &hooks.RetryLaterError{Err: errors.New("push service answered 500")}
		case 2:
			return &hooks.RetryLaterError{After: 10 * time.Minute, Err: errors.New("push service answered 429")}
		}
		return nil
	}}
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "comment", Title: "Hello"}); err != nil {
		t.Fatal(err)
	}
	row := rowsWhere(t, app, dbx.HashExp{"user": me, "channel": "push"})[0]
	startSender(t, app, clock, push, nil, nil)
	attempted := func(n int) func() bool {
		return func() bool { return deliveryRow(t, app, row).GetInt("attempts") == n }
	}

	waitFor(t, "the first attempt", attempted(1))
	r := deliveryRow(t, app, row)
	next := r.GetDateTime("next_at").Time()
	if r.GetString("status") != "pending" || next.Before(clock.Now().Add(15*time.Second)) || next.After(clock.Now().Add(30*time.Second)) {
		t.Fatalf("after a 500: status %s, next in %s; want pending, in 15–30 s", r.GetString("status"), next.Sub(clock.Now()))
	}
	if !strings.Contains(r.GetString("error"), "500") {
		t.Errorf("error = %q", r.GetString("error"))
	}
	blockUntilWaiting(t, clock)
	clock.Advance(next.Sub(clock.Now()))

	waitFor(t, "the second attempt", attempted(2))
	r = deliveryRow(t, app, row)
	next = r.GetDateTime("next_at").Time()
	if r.GetString("status") != "pending" || next.Sub(clock.Now()) != 10*time.Minute {
		t.Fatalf("after a 429 with Retry-After 10 min: status %s, next in %s", r.GetString("status"), next.Sub(clock.Now()))
	}
	blockUntilWaiting(t, clock)
	clock.Advance(10*time.Minute - time.Second)
	time.Sleep(50 * time.Millisecond)
	if push.count() != 2 {
		t.Fatalf("retried before Retry-After: %d pushes", push.count())
	}
	blockUntilWaiting(t, clock)
	clock.Advance(time.Second)

	waitFor(t, "the third attempt", attempted(3))
	r = deliveryRow(t, app, row)
	if r.GetString("status") != "sent" || r.GetString("error") != "" {
		t.Fatalf("after success: status %s, error %q", r.GetString("status"), r.GetString("error"))
	}
}

// TestSenderGivesUp: a delivery still failing for now a day after it was
// queued is marked failed.
func TestSenderGivesUp(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	me := w.People[tk.ResidentA1].ID
	addDevices(t, app, me, 1)
	push := &fakePush{answer: func(int, core.App, *core.Record) error {
		return &hooks.RetryLaterError{Err: errors.New("push service answered 503")}
	}}
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "comment", Title: "Hello"}); err != nil {
		t.Fatal(err)
	}
	row := rowsWhere(t, app, dbx.HashExp{"user": me, "channel": "push"})[0]
	startSender(t, app, clock, push, nil, nil)
	waitFor(t, "the first attempt", func() bool { return push.count() == 1 })
	blockUntilWaiting(t, clock)
	clock.Advance(25 * time.Hour)
	waitFor(t, "the row given up", func() bool { return deliveryRow(t, app, row).GetString("status") == "failed" })
	if got := push.count(); got != 2 {
		t.Errorf("%d attempts, want 2", got)
	}
	if e := deliveryRow(t, app, row).GetString("error"); !strings.Contains(e, "503") {
		t.Errorf("error = %q", e)
	}
}

// TestSenderDropsAndFails: a device that is gone (404/410: the channel
// removed its subscription) is never tried again, and another error fails
// the row with its text for the operator, without a retry.
func TestSenderDropsAndFails(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	me := w.People[tk.ResidentA1].ID
	subs := addDevices(t, app, me, 2)
	gone, broken := subs[0], subs[1]
	push := &fakePush{answer: func(_ int, app core.App, sub *core.Record) error {
		if sub.Id == gone {
			// As sendPush does on a 404 or 410; removed without its
			// deliveries (no cascade) so that the row shows what the
			// sender made of it.
			if _, err := app.DB().Delete("push_subscriptions", dbx.HashExp{"id": sub.Id}).Execute(); err != nil {
				return err
			}
			return hooks.ErrDeliveryGone
		}
		return errors.New("push service answered 400")
	}}
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "comment", Title: "Hello"}); err != nil {
		t.Fatal(err)
	}
	startSender(t, app, clock, push, nil, nil)
	waitFor(t, "both rows worked", func() bool {
		return len(rowsWhere(t, app, dbx.HashExp{"user": me, "status": "pending"})) == 0
	})
	if ids := rowsWhere(t, app, dbx.HashExp{"subscription": gone, "status": "dropped"}); len(ids) != 1 {
		t.Errorf("the gone device's row is not dropped: %v", ids)
	}
	failed := rowsWhere(t, app, dbx.HashExp{"subscription": broken, "status": "failed"})
	if len(failed) != 1 || !strings.Contains(deliveryRow(t, app, failed[0]).GetString("error"), "400") {
		t.Fatalf("the broken device's row: %v", failed)
	}
	time.Sleep(50 * time.Millisecond)
	if got := push.count(); got != 2 {
		t.Fatalf("%d pushes, want 2 (no retry)", got)
	}
	// The next notification goes to the device that is left only.
	if err := hooks.NotifyUser(app, me, hooks.Message{Kind: "comment", Title: "Again"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the next push", func() bool { return push.count() == 3 })
	if c := push.all()[2]; c.sub != broken {
		t.Fatalf("pushed to %s, want %s", c.sub, broken)
	}
}

// TestSenderEmails: a notification email gets the lock-screen words in
// the person's language; an invite email queued in a transaction is sent
// after it commits to its address, and its payload is cleared.
func TestSenderEmails(t *testing.T) {
	w := tk.Seeded(t)
	clock := clockwork.NewFakeClockAt(outboxNow)
	app := tk.NewAppWithClock(t, clock)
	t.Cleanup(app.Cleanup)
	type sent struct{ to, title, body, code string }
	var mu sync.Mutex
	var mails []sent
	email := func(ctx context.Context, app core.App, n, user *core.Record, title, body string) error {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := ctx.Deadline(); !ok {
			t.Error("an email without a deadline")
		}
		mails = append(mails, sent{to: user.Email(), title: title, body: body})
		return nil
	}
	invite := func(ctx context.Context, app core.App, to string, payload map[string]any) error {
		mu.Lock()
		defer mu.Unlock()
		code, _ := payload["code"].(string)
		mails = append(mails, sent{to: to, code: code})
		return nil
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(mails) }
	startSender(t, app, clock, &fakePush{}, email, invite)

	msg := hooks.Message{Kind: "support", Title: "Dana needs support", Body: "the secret words"}
	if err := hooks.NotifyManagers(app, w.HouseA, msg); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the manager's email", func() bool { return count() == 1 })
	if m := mails[0]; m.to != w.People[tk.ManagerA].Email || strings.Contains(m.title+m.body, "secret") || strings.Contains(m.title, "Dana") {
		t.Fatalf("email %+v", m)
	}

	err := app.RunInTransaction(func(tx core.App) error {
		return hooks.QueueInviteEmail(tx, "new@example.com", map[string]any{"code": "CEDR-HSE4-2345-6789"})
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the invite email", func() bool { return count() == 2 })
	if m := mails[1]; m.to != "new@example.com" || m.code != "CEDR-HSE4-2345-6789" {
		t.Fatalf("invite email %+v", m)
	}
	ids := rowsWhere(t, app, dbx.HashExp{"to": "new@example.com"})
	waitFor(t, "the invite row sent", func() bool { return deliveryRow(t, app, ids[0]).GetString("status") == "sent" })
	if p := deliveryRow(t, app, ids[0]).GetString("payload"); p != "" && p != "null" {
		t.Fatalf("the invite's payload is kept: %s", p)
	}
}

// TestRetryDelay: the backoff doubles from 30 s to an hour, drawn between
// half and all of it, and is never shorter than Retry-After.
func TestRetryDelay(t *testing.T) {
	cases := []struct {
		attempts int
		asked    time.Duration
		lo, hi   time.Duration
	}{
		{1, 0, 15 * time.Second, 30 * time.Second},
		{2, 0, 30 * time.Second, time.Minute},
		{3, 0, time.Minute, 2 * time.Minute},
		{8, 0, 30 * time.Minute, time.Hour},
		{30, 0, 30 * time.Minute, time.Hour},
		{1, 5 * time.Minute, 5 * time.Minute, 5 * time.Minute},
	}
	for _, c := range cases {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := hooks.RetryDelay(c.attempts, c.asked)
			if d < c.lo || d > c.hi {
				t.Fatalf("RetryDelay(%d, %s) = %s, want %s–%s", c.attempts, c.asked, d, c.lo, c.hi)
			}
			seen[d] = true
		}
		if c.lo != c.hi && len(seen) < 2 {
			t.Errorf("RetryDelay(%d, %s) is always %v: no jitter", c.attempts, c.asked, seen)
		}
	}
}
