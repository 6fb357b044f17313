package hooks

import (
	"hearth/domain"

	"context"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
)

// NewSchedulerSweepingEvery is NewScheduler with the sweep running every
// interval instead of every minute: a day-long interval takes the sweep
// out of a test, which then sees what the other jobs do by themselves.
func NewSchedulerSweepingEvery(app core.App, clock clockwork.Clock, every time.Duration) *Scheduler {
	s := NewScheduler(app, clock)
	s.sweepEvery = every
	return s
}

// Sweep runs one sweep now, as the scheduler's minute job does, with ctx
// standing for the job's context.
func (s *Scheduler) Sweep(ctx context.Context) { s.sweep(ctx) }

// ReadsThroughPost is readsThroughPost, for its table test.
func ReadsThroughPost(posts *core.Collection, rule *string) bool {
	return readsThroughPost(posts, rule)
}

// SubscriptionQuery is subscriptionQuery, for its table test.
func SubscriptionQuery(subscription string) (map[string]string, error) {
	return subscriptionQuery(subscription)
}

// RetryLaterError is retryLaterError, for the sender's tests.
type RetryLaterError = retryLaterError

// ErrDeliveryGone is errDeliveryGone, for the sender's tests.
var ErrDeliveryGone = errDeliveryGone

// PushFunc and EmailFunc are the sender's channels.
type (
	PushFunc   = func(ctx context.Context, app core.App, sub *core.Record, p PushPayload, urgent bool) error
	EmailFunc  = func(ctx context.Context, app core.App, n, user *core.Record, title, body string) error
	InviteFunc = func(ctx context.Context, app core.App, to string, payload map[string]any) error
)

// NewDeliverySenderWith is NewDeliverySender sending through the given
// channels (nil keeps the real one).
func NewDeliverySenderWith(app core.App, clock clockwork.Clock, push PushFunc, email EmailFunc, invite InviteFunc) *DeliverySender {
	s := NewDeliverySender(app, clock)
	if push != nil {
		s.push = push
	}
	if email != nil {
		s.email = email
	}
	if invite != nil {
		s.invite = invite
	}
	return s
}

// RetryDelay is retryDelay, for its test.
func RetryDelay(attempts int, asked time.Duration) time.Duration { return retryDelay(attempts, asked) }

// InsertPushRows inserts pending push rows of the notification, one per
// subscription, as the outbox does (plain SQL), for its benchmark.
func InsertPushRows(tx core.App, notification, user string, subs []string) error {
	now := dateText(appClock(tx).Now())
	rows := make([]outboxRow, len(subs))
	for i, sub := range subs {
		rows[i] = outboxRow{notification, user, channelPush, sub, deliveryPending, now}
	}
	return insertOutboxRows(tx, rows, now)
}

// RenderHouseReport is renderHouseReport, for the report's benchmark.
func RenderHouseReport(app core.App, houseID, from, to, format string, now time.Time) ([]byte, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return nil, err
	}
	first, last, err := domain.ParseReportPeriod(from, to)
	if err != nil {
		return nil, err
	}
	body, _, err := renderHouseReport(app, house, first, last, format, "en", now)
	return body, err
}

// ReportWordKeys lists each language's report word keys.
func ReportWordKeys() map[string][]string {
	out := map[string][]string{}
	for lang, words := range reportWords {
		for k := range words {
			out[lang] = append(out[lang], k)
		}
	}
	return out
}

// AgeHouseClocks moves the app's house clock cache d into the future, as
// if its entries had been kept that long.
func AgeHouseClocks(app core.App, d time.Duration) {
	c := app.Store().Get(storeKeyHouseClocks).(*houseClocks)
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now
	c.now = func() time.Time { return now().Add(d) }
}
