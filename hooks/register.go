// Package hooks extends PocketBase into Hearth: validation and privacy hooks
// for the collections that pb_migrations defines, the notifier, the
// /api/hearth routes and the embedded web app. Register is its one entry
// point.
package hooks

import (
	"io/fs"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// Config is what Register needs besides the app.
type Config struct {
	// Public is the web app's file tree (the embedded pb_public folder).
	// Nil serves no web app, as in API tests.
	Public fs.FS

	// Clock tells the time to every rule that depends on it (invite expiry,
	// house-local days). Nil is the real clock; tests pass a fake one.
	Clock clockwork.Clock

	// NoJobs leaves the house schedules (chore generation, missed chores,
	// check-in reminders and summaries, milestones) and the delivery
	// sender (the outbox stays as written) out: API tests set it
	// so that nothing changes under them, and drive the jobs through
	// GenerateChores, MarkMissedChores, RemindCheckins, SummarizeCheckins,
	// SummarizeCurfew, PostMilestones or a Scheduler.
	NoJobs bool

	// NoDeliveries leaves the delivery sender out even when the jobs run:
	// the outbox is written but nothing is sent (tests of the jobs, whose
	// test world's devices are not real).
	NoDeliveries bool

	// Release names the build (version and commit): it is part of the web
	// app's version, so a new binary always gives phones a fresh service
	// worker and cache.
	Release string

	// Commands is the program's command tree: the serve command's
	// --origins flag, when given, allows cross-origin API calls from
	// those origins. Nil leaves PocketBase's CORS as it is.
	Commands *cobra.Command
}

// Register binds every Hearth hook, route and job to app.
func Register(app core.App, cfg Config) error {
	clock := cfg.Clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	app.Store().Set(storeKeyClock, clock)
	bindHousesValidation(app)
	bindUsersPrivacy(app)
	bindUsersValidation(app)
	bindUsersEmailChange(app)
	bindMembershipsRoster(app, clock)
	bindMembershipsValidation(app)
	bindAuditAccess(app)
	bindAuditRecorder(app)
	bindAuditReads(app)
	bindAuditWrites(app)
	bindMembershipsAccess(app)
	bindFirstDayDefaults(app, clock)
	bindNotificationsAccess(app)
	bindNotificationsWords(app)
	bindRoutes(app, clock)
	bindInvitesAccess(app)
	bindChoresValidation(app)
	bindChoreAssignmentsTransitions(app, clock)
	bindChoresTimezone(app, clock)
	bindCheckinsValidation(app, clock)
	bindRecordsReplay(app)
	bindMeetingsValidation(app, clock)
	bindEventsValidation(app, clock)
	bindRsvpsValidation(app, clock)
	bindPostsValidation(app)
	bindPostsSupport(app)
	bindPostsAnnouncement(app)
	bindPostsRealtime(app)
	bindRealtimeFanout(app)
	bindFilterGuard(app)
	bindServerHeaders(app, cfg.Commands)
	bindErrorsLanguage(app)
	bindFilesPrivacy(app)
	bindLogsRedaction(app)
	bindFilesSync(app)
	bindCommentsValidation(app)
	bindCommentsNotify(app)
	bindReactionsValidation(app)
	bindReportsValidation(app)
	bindMembershipsSupportAlerts(app)
	bindPushKeys(app)
	bindPushSubscriptions(app)
	bindDrugTestsValidation(app, clock)
	bindIncidentsValidation(app, clock)
	bindIncidentsCritical(app)
	bindPassesValidation(app, clock)
	if !cfg.NoJobs {
		bindJobs(app, clock)
		bindAuditRetention(app, clock)
		if !cfg.NoDeliveries {
			bindDeliveries(app, clock)
		}
	}

	if cfg.Public != nil {
		return bindWebApp(app, cfg.Public, cfg.Release)
	}
	return nil
}
