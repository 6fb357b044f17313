package hooks

import (
	"context"
	"hearth/domain"
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
	return renderHouseReport(app, house, first, last, format, now)
}
