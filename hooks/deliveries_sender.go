package hooks

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The sender works the outbox (deliveries_outbox.go) after the
// transactions that fill it commit: never inside a request or a
// transaction. See docs/API.md, "Delivery".

const (
	// deliveryWorkers is how many deliveries are sent at once: enough to
	// reach a house of 20 with two phones each quickly, few enough for a
	// 2-core box that serves the app too.
	deliveryWorkers = 4

	// deliverySendTimeout bounds one send, whatever the channel does
	// itself (the SMTP client has no timeout of its own).
	deliverySendTimeout = 30 * time.Second

	// deliveryBatch is how many due rows one look at the outbox takes.
	deliveryBatch = 100

	// The retry backoff: the first retry about 30 s after a failure,
	// doubling to at most an hour, each with jitter; after a day a
	// delivery is given up (failed).
	retryBase    = 30 * time.Second
	retryMax     = time.Hour
	retryGiveUp  = 24 * time.Hour
	maxErrorText = 500
)

// DeliverySender delivers the outbox's pending rows by push and email. It
// is woken when a transaction that queued deliveries commits, and by a
// timer for the next row that is due later (quiet hours, a retry). At
// start it picks up everything committed and not yet delivered, such as
// what a crash left. A row is sent by one worker at a time and marked
// right after; a crash between the send and the mark sends it again after
// the restart (at least once).
type DeliverySender struct {
	app     core.App
	clock   clockwork.Clock
	workers int

	push   func(ctx context.Context, app core.App, sub *core.Record, p pushPayload, urgent bool) error
	email  func(ctx context.Context, app core.App, n, user *core.Record, title, body string) error
	invite func(ctx context.Context, app core.App, to string, payload map[string]any) error

	wake chan struct{}

	mu     sync.Mutex
	cancel context.CancelFunc // nil while stopped
	// cancelSends cuts off the sends under way (Stop, after stopGrace).
	cancelSends context.CancelFunc
	done        sync.WaitGroup
	hookID      string
	inflight    map[string]bool
}

// NewDeliverySender returns a stopped sender for app that tells time by
// clock and sends with the push and email channels.
func NewDeliverySender(app core.App, clock clockwork.Clock) *DeliverySender {
	return &DeliverySender{
		app:     app,
		clock:   clock,
		workers: deliveryWorkers,
		push:    sendPush,
		email:   sendNotificationEmail,
		invite:  sendAddressedEmail,
		wake:    make(chan struct{}, 1),
	}
}

// bindDeliveries starts the sender with the server (OnServe: other
// commands, such as migrate or superuser, never send) and stops it before
// the database closes.
func bindDeliveries(app core.App, clock clockwork.Clock) {
	s := NewDeliverySender(app, clock)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := se.Next(); err != nil {
			return err
		}
		return s.Start()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		s.Stop()
		return e.Next()
	})
}

// Start starts the workers and the loop that hands them due rows, and
// wakes it once for what is already due. Starting a started sender does
// nothing.
func (s *DeliverySender) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil
	}
	// Woken after commit: PocketBase runs a record's after-create-success
	// hooks once the transaction that saved it has committed (at once
	// outside one). notifyAll saves notifications as records and its
	// outbox rows in the same transaction; QueueInviteEmail saves its row
	// as a record.
	s.hookID = s.app.OnRecordAfterCreateSuccess("notifications", "deliveries").BindFunc(func(e *core.RecordEvent) error {
		s.Poke()
		return e.Next()
	})
	ctx, cancel := context.WithCancel(context.Background())
	// Sends have a context of their own: a stop ends the loop at once but
	// gives the sends under way stopGrace to finish and be recorded.
	sends, cancelSends := context.WithCancel(context.Background())
	s.cancel = cancel
	s.cancelSends = cancelSends
	s.inflight = map[string]bool{}
	jobs := make(chan string)
	for range s.workers {
		s.done.Add(1)
		go func() {
			defer s.done.Done()
			for id := range jobs {
				s.deliver(sends, id)
			}
		}()
	}
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		defer close(jobs)
		s.loop(ctx, jobs)
	}()
	s.Poke()
	s.app.Logger().Info("delivery sender started", "workers", s.workers)
	return nil
}

// stopGrace is how long a stop waits for the sends under way to finish
// and be recorded before it cuts them off.
const stopGrace = 5 * time.Second

// Stop stops the sender and waits for its workers: no new row is taken;
// a send under way has stopGrace to finish and be recorded (so a push the
// service took is not sent again after the restart), then is cancelled
// and its row left pending, to be sent after the next start. Stopping a
// stopped sender does nothing.
func (s *DeliverySender) Stop() {
	s.mu.Lock()
	if s.cancel == nil {
		s.mu.Unlock()
		return
	}
	s.app.OnRecordAfterCreateSuccess().Unbind(s.hookID)
	s.cancel()
	cancelSends := s.cancelSends
	s.cancel, s.cancelSends = nil, nil
	s.mu.Unlock()
	cut := time.AfterFunc(stopGrace, cancelSends)
	s.done.Wait()
	cut.Stop()
	cancelSends()
}

// Poke wakes the sender to look for due rows. It never blocks.
func (s *DeliverySender) Poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop hands due rows to the workers, then sleeps until it is poked or
// the next row falls due.
func (s *DeliverySender) loop(ctx context.Context, jobs chan<- string) {
	for {
		now := s.clock.Now()
		ids, err := s.due(now)
		if err != nil {
			s.app.Logger().Error("deliveries: reading the outbox", "error", err)
		}
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
		if len(ids) == deliveryBatch {
			continue
		}
		var timer clockwork.Timer
		var fire <-chan time.Time
		if next, ok := s.nextDue(now); ok {
			// From the clock's time now, not the loop's: time may have
			// passed while it handed out rows.
			timer = s.clock.NewTimer(max(s.clock.Until(next), 0))
			fire = timer.Chan()
		}
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-fire:
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// due claims, for this process's workers, the pending rows due at now that
// no worker holds, oldest first.
func (s *DeliverySender) due(now time.Time) ([]string, error) {
	s.mu.Lock()
	held := make([]any, 0, len(s.inflight))
	for id := range s.inflight {
		held = append(held, id)
	}
	s.mu.Unlock()
	q := s.app.DB().Select("id").From("deliveries").
		Where(dbx.HashExp{"status": deliveryPending}).
		AndWhere(dbx.NewExp("next_at <= {:now}", dbx.Params{"now": dateText(now)})).
		OrderBy("next_at", "created").Limit(deliveryBatch)
	if len(held) > 0 {
		q.AndWhere(dbx.NotIn("id", held...))
	}
	var ids []string
	if err := q.Column(&ids); err != nil {
		return nil, err
	}
	s.mu.Lock()
	for _, id := range ids {
		s.inflight[id] = true
	}
	s.mu.Unlock()
	return ids, nil
}

// nextDue is when the next pending row after now falls due.
func (s *DeliverySender) nextDue(now time.Time) (time.Time, bool) {
	var next string
	err := s.app.DB().Select("COALESCE(MIN(next_at), '')").From("deliveries").
		Where(dbx.HashExp{"status": deliveryPending}).
		AndWhere(dbx.NewExp("next_at > {:now}", dbx.Params{"now": dateText(now)})).
		Row(&next)
	if err != nil || next == "" {
		return time.Time{}, false
	}
	at, err := types.ParseDateTime(next)
	if err != nil {
		return time.Time{}, false
	}
	return at.Time(), true
}

// deliver sends one row and records the outcome. A send a stop cut off
// leaves the row as it was; one that finished is recorded.
func (s *DeliverySender) deliver(ctx context.Context, id string) {
	defer func() {
		s.mu.Lock()
		delete(s.inflight, id)
		s.mu.Unlock()
	}()
	row, err := s.app.FindRecordById("deliveries", id)
	if err != nil || row.GetString("status") != deliveryPending {
		return // deleted with its notification, or already worked
	}
	sendCtx, cancel := context.WithTimeout(ctx, deliverySendTimeout)
	err = s.send(sendCtx, row)
	cancel()
	if err != nil && ctx.Err() != nil {
		return // cut off by a stop: the row stays pending
	}
	if s.record(row, err) {
		s.Poke() // a retry: the loop's timer must see its next_at
	}
}

// send hands the row to its channel, rendered in the recipient's language
// with only the words a lock screen may show.
func (s *DeliverySender) send(ctx context.Context, row *core.Record) error {
	if row.GetString("channel") == channelEmail && row.GetString("notification") == "" {
		var payload map[string]any
		if err := row.UnmarshalJSONField("payload", &payload); err != nil {
			return err
		}
		return s.invite(ctx, s.app, row.GetString("to"), payload)
	}
	n, err := s.app.FindRecordById("notifications", row.GetString("notification"))
	if err != nil {
		return errors.Join(errDeliveryGone, errors.New("the notification was removed"))
	}
	user, err := s.app.FindRecordById("users", row.GetString("user"))
	if err != nil {
		return errors.Join(errDeliveryGone, errors.New("the person was removed"))
	}
	title, body := renderNotification(n, user.GetString("language"), true)
	switch row.GetString("channel") {
	case channelPush:
		sub, err := s.app.FindRecordById("push_subscriptions", row.GetString("subscription"))
		if err != nil {
			return errors.Join(errDeliveryGone, errors.New("the device turned push off"))
		}
		kind := n.GetString("kind")
		p := pushPayload{ID: n.Id, Kind: kind, Title: title, Body: body, URL: appURL(s.app, n.GetString("link"))}
		return s.push(ctx, s.app, sub, p, kind == kindSupport)
	case channelEmail:
		return s.email(ctx, s.app, n, user, title, body)
	}
	return errors.New("unknown channel " + row.GetString("channel"))
}

// record marks the row after a send: sent, dropped (its target is gone),
// pending again later (retryLaterError, with backoff, for at most a day
// from its creation) or failed. It reports whether the row is to be
// retried.
func (s *DeliverySender) record(row *core.Record, sendErr error) bool {
	now := s.clock.Now()
	attempts := row.GetInt("attempts") + 1
	set := dbx.Params{"attempts": attempts, "updated": dateText(now)}
	final := true
	var retry *retryLaterError
	switch {
	case sendErr == nil:
		set["status"] = deliverySent
		set["sent_at"] = dateText(now)
		set["error"] = ""
	case errors.Is(sendErr, errDeliveryGone):
		set["status"] = deliveryDropped
		set["error"] = errorText(sendErr)
	case errors.As(sendErr, &retry) && now.Sub(row.GetDateTime("created").Time()) < retryGiveUp:
		final = false
		set["next_at"] = dateText(now.Add(retryDelay(attempts, retry.After)))
		set["error"] = errorText(sendErr)
	default:
		set["status"] = deliveryFailed
		set["error"] = errorText(sendErr)
	}
	if final && row.GetString("notification") == "" {
		set["payload"] = nil // an invite's code stays no longer than needed
	}
	_, err := s.app.DB().Update("deliveries", set, dbx.HashExp{"id": row.Id}).Execute()
	log := s.app.Logger().With("delivery", row.Id, "channel", row.GetString("channel"), "attempts", attempts)
	switch {
	case err != nil:
		log.Error("deliveries: recording an outcome", "error", err)
	case sendErr == nil:
		log.Debug("delivery sent")
	case !final:
		log.Warn("delivery will be retried", "next_at", set["next_at"], "error", set["error"])
	default:
		log.Warn("delivery not sent", "status", set["status"], "error", set["error"])
	}
	return !final
}

// retryDelay is how long to wait before the attempt after the given
// number: exponential from retryBase to retryMax, drawn between half and
// all of it (jitter, so deliveries that failed together do not come back
// together), and never sooner than the other side asked.
func retryDelay(attempts int, asked time.Duration) time.Duration {
	d := retryBase
	for i := 1; i < attempts && d < retryMax; i++ {
		d *= 2
	}
	d = min(d, retryMax)
	d = d/2 + rand.N(d/2+1)
	return max(d, asked)
}

// errorText is an error as the row keeps it for the operator.
func errorText(err error) string {
	return clip(strings.ReplaceAll(err.Error(), "\n", "; "), maxErrorText)
}

// appURL is an app path as an absolute link at the Application URL.
func appURL(app core.App, path string) string {
	if strings.HasPrefix(path, "https://") || strings.HasPrefix(path, "http://") {
		return path
	}
	if path == "" {
		path = "/"
	}
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + path
}
