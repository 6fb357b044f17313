package hooks

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// sweepEvery is how often the sweep runs: it sends the check-in reminders
// and summaries that are due, marks missed chores and, as a safety net,
// generates any house's day that its midnight job did not (a machine that
// slept through midnight, a zone whose midnight is skipped). It is also
// the most a reminder or a summary can be late.
const sweepEvery = time.Minute

// Scheduler runs docs/API.md's jobs on gocron: for every house a midnight
// job in the house's own timezone that assigns the day's chores, and one
// sweep a minute across houses for everything else (the check-in jobs
// compute their instants in each house's zone from its settings, so a
// changed checkin_by or curfew counts from the next minute). Every job is
// a singleton, reads the time from the clock it was given, and can run
// twice without doing anything twice, so a restart never repeats work.
type Scheduler struct {
	app        core.App
	clock      clockwork.Clock
	sweepEvery time.Duration

	mu   sync.Mutex
	cron gocron.Scheduler // nil while stopped

	guard clockGuard // skips the jobs while the clock reads earlier than their last run
}

// NewScheduler returns a stopped scheduler for app that tells time by
// clock.
func NewScheduler(app core.App, clock clockwork.Clock) *Scheduler {
	return &Scheduler{app: app, clock: clock, sweepEvery: sweepEvery}
}

// bindJobs starts the scheduler with the server and stops it before the
// database closes, and keeps each house's schedule in step with the house.
func bindJobs(app core.App, clock clockwork.Clock) {
	s := NewScheduler(app, clock)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := se.Next(); err != nil {
			return err
		}
		return s.Start()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		if err := s.Stop(); err != nil {
			e.App.Logger().Error("stopping the scheduler", "error", err)
		}
		return e.Next()
	})
	resync := func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		s.SyncHouse(e.Record.Id)
		return nil
	}
	app.OnRecordAfterCreateSuccess("houses").BindFunc(resync)
	app.OnRecordAfterUpdateSuccess("houses").BindFunc(resync)
	app.OnRecordAfterDeleteSuccess("houses").BindFunc(resync)
}

// Start schedules every house and the sweep, then catches up with one
// sweep before returning: each house's current day is generated if the
// machine was off at its midnight, a check-in summary whose instant passed
// meanwhile is sent late (see SummarizeCheckins and SummarizeCurfew), a
// reminder already sent is not sent again, and chores that passed their
// grace are marked missed. Starting a started scheduler does nothing.
func (s *Scheduler) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return nil
	}
	cron, err := gocron.NewScheduler(
		gocron.WithClock(s.clock),
		gocron.WithGlobalJobOptions(gocron.WithSingletonMode(gocron.LimitModeReschedule)),
	)
	if err != nil {
		return err
	}
	houses, err := s.app.FindAllRecords("houses")
	if err != nil {
		return err
	}
	if err := s.guard.loadFloor(s.app, houses); err != nil {
		return err
	}
	for _, h := range houses {
		if err := s.scheduleHouse(cron, h); err != nil {
			return err
		}
	}
	if _, err := cron.NewJob(gocron.DurationJob(s.sweepEvery), gocron.NewTask(s.sweep),
		gocron.WithName("sweep")); err != nil {
		return err
	}
	s.sweep(context.Background())
	cron.Start()
	s.cron = cron
	s.app.Logger().Info("scheduler started", "houses", len(houses))
	return nil
}

// Stop stops the scheduler, waiting for running jobs to finish. Stopping a
// stopped scheduler does nothing.
func (s *Scheduler) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return nil
	}
	err := s.cron.Shutdown()
	s.cron = nil
	return err
}

// SyncHouse brings one house's jobs in line with the house as stored: a new
// house gets its jobs, a deleted one loses them, and a changed timezone
// moves them, with the day in the new zone generated at once if its
// midnight has already passed. A stopped scheduler ignores it.
func (s *Scheduler) SyncHouse(houseID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron == nil {
		return
	}
	s.cron.RemoveByTags(houseTag(houseID))
	house, err := s.app.FindRecordById("houses", houseID)
	if err != nil {
		return // deleted: its jobs are gone
	}
	if err := s.scheduleHouse(s.cron, house); err != nil {
		s.app.Logger().Error("scheduling a house", "house", houseID, "error", err)
		return
	}
	s.ensureDay(house.Id)
}

// houseTag tags every job of one house, to remove them together.
func houseTag(houseID string) string { return "house:" + houseID }

// scheduleHouse adds the house's jobs: the chores at 00:00 house-local.
// gocron's daylight-saving policies judge a cron job by the scheduler's
// zone, not by its CRON_TZ, so none is set: a midnight that a change of
// the clocks skips (a few zones move at 00:00) is covered by the sweep,
// which generates any missing current day within a minute, and a midnight
// that happens twice generates nothing the second time (chore_days).
func (s *Scheduler) scheduleHouse(cron gocron.Scheduler, house *core.Record) error {
	tz := houseLocation(s.app, house).String()
	_, err := cron.NewJob(
		gocron.CronJob(fmt.Sprintf("CRON_TZ=%s 0 0 * * *", tz), false),
		gocron.NewTask(s.ensureDay, house.Id),
		gocron.WithName("chores "+house.Id),
		gocron.WithTags(houseTag(house.Id)),
	)
	return err
}

// ensureDay generates the house's current day unless it exists, after
// the day's passes hold (ApplyPasses): a resident whose pass starts today
// is away before the chores are handed out.
func (s *Scheduler) ensureDay(houseID string) {
	now := s.clock.Now()
	if !s.guard.check(s.app, now) {
		return
	}
	if house, err := s.app.FindRecordById("houses", houseID); err == nil {
		s.passes(house, now)
	}
	if _, err := GenerateChores(s.app, houseID, now); err != nil {
		s.app.Logger().Error("assigning chores", "house", houseID, "error", err)
	}
}

// sweep, for each house, makes its approved passes hold on the day (away
// from the first day, back the day after the last), generates its
// current day if missing, sends
// the check-in reminder and summaries that are due, alerts the managers
// again about a need-support post unanswered for 30 minutes, posts the day's
// milestones from 08:00, reminds the managers from 09:00 of tomorrow's
// incident follow-ups and, once a house-local day, extends the house's
// weekly event series, then marks missed chores. Each check-in job first
// compares now with its instant in the house's zone, from the house record
// the sweep already holds, so a job that is not due costs no query; one
// that is due but already done costs one indexed read of job_runs (a
// summary's window stays open for hours), as do the milestones and the
// series extension once done for the day.
// It stops between houses when ctx is done: gocron cancels it when the
// scheduler shuts down, so a stop does not wait for a sweep of every
// house.
func (s *Scheduler) sweep(ctx context.Context) {
	now := s.clock.Now()
	if !s.guard.check(s.app, now) {
		return
	}
	s.guard.swept(s.app, now)
	houses, err := s.app.FindAllRecords("houses")
	if err != nil {
		s.app.Logger().Error("sweep: listing houses", "error", err)
		return
	}
	for _, h := range houses {
		if ctx.Err() != nil {
			s.app.Logger().Info("sweep stopped: the scheduler is shutting down")
			return
		}
		s.passes(h, now)
		day := domain.LocalDate(now, houseLocation(s.app, h))
		if done, err := choreDayRecorded(s.app, h.Id, day); err == nil && !done {
			s.ensureDay(h.Id)
		}
		s.checkinJobs(h, now)
		if _, err := summarizeWeek(s.app, h, now); err != nil {
			s.app.Logger().Error("weekly summary", "house", h.Id, "error", err)
		}
		if _, err := realertSupportPosts(s.app, h, now); err != nil {
			s.app.Logger().Error("need-support re-alert", "house", h.Id, "error", err)
		}
		if _, err := postMilestones(s.app, h, now); err != nil {
			s.app.Logger().Error("milestone job", "house", h.Id, "error", err)
		}
		if _, err := remindIncidentFollowups(s.app, h, now); err != nil {
			s.app.Logger().Error("incident follow-up reminder", "house", h.Id, "error", err)
		}
		if n, err := extendHouseSeries(s.app, h, now); err != nil {
			s.app.Logger().Error("extending event series", "house", h.Id, "error", err)
		} else if n > 0 {
			s.app.Logger().Info("event series extended", "house", h.Id, "occurrences", n)
		}
	}
	if ctx.Err() != nil {
		return
	}
	if n, err := MarkMissedChores(s.app, now); err != nil {
		s.app.Logger().Error("marking missed chores", "error", err, "marked", n)
	} else if n > 0 {
		s.app.Logger().Info("missed chores marked", "count", n)
	}
	s.digests(ctx, now)
}

// passes makes the house's approved passes hold today (ApplyPasses), once
// a house-local day.
func (s *Scheduler) passes(house *core.Record, now time.Time) {
	if _, err := ApplyPasses(s.app, house, now); err != nil {
		s.app.Logger().Error("passes job", "house", house.Id, "error", err)
	}
}

// checkinJobs runs the house's check-in reminder, check-in summary and
// curfew summary, each of which does nothing unless it is due and not yet
// done.
func (s *Scheduler) checkinJobs(house *core.Record, now time.Time) {
	jobs := []struct {
		name string
		run  func(core.App, *core.Record, time.Time) (int, error)
	}{
		{jobCheckinReminder, remindCheckins},
		{jobCheckinSummary, summarizeCheckins},
		{jobCurfewSummary, summarizeCurfew},
	}
	for _, j := range jobs {
		if _, err := j.run(s.app, house, now); err != nil {
			s.app.Logger().Error("check-in job", "job", j.name, "house", house.Id, "error", err)
		}
	}
}

// digests sends the managers' daily digests that are due (07:00 in each
// one's house, see SendDigests), last in the sweep: an email takes at most
// emailSendTimeout, a digest the mail server refused waits for its backoff
// before the next try, and a scheduler shutting down cuts a send short.
func (s *Scheduler) digests(ctx context.Context, now time.Time) {
	if ctx.Err() != nil {
		return
	}
	if n, err := SendDigests(ctx, s.app, now); err != nil && ctx.Err() == nil {
		s.app.Logger().Error("sending the daily digests", "error", err)
	} else if n > 0 {
		s.app.Logger().Info("daily digests sent", "count", n)
	}
}
