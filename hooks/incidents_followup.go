package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// jobIncidentFollowup is the follow-up reminder's name in the job_runs
// ledger (one row per house and house-local day) and its notification
// kind.
const jobIncidentFollowup = "incident_followup"

// incidentsLink is the managers' incidents screen.
const incidentsLink = "/manage/incidents"

// remindIncidentFollowups tells the house's active managers, once on the
// house-local day before, from domain.FollowUpRemindAt, how many open
// incidents have their follow-up date the next day: one notification for
// them all, which names nobody and says nothing of what happened (a
// manager opens the incidents screen for that). The day is claimed in
// job_runs with the notifications (runOnce), so a restart or a second
// sweep never reminds twice; a day with nothing due claims nothing, so an
// incident written later that day with tomorrow's follow-up is still
// reminded of, unless the reminder for other incidents has already gone.
// Before the time, it costs nothing; after it, one indexed read of
// job_runs and, until it is sent, one of incidents. It returns the number
// of incidents reminded of.
func remindIncidentFollowups(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	today, tomorrow, due := domain.FollowUpReminder(now, loc)
	if !due {
		return 0, nil
	}
	if done, err := jobRunRecorded(app, house.Id, jobIncidentFollowup, today); err != nil || done {
		return 0, err
	}
	var rows []struct {
		ID     string `db:"id"`
		By     string `db:"follow_up_by"`
		Status string `db:"status"`
	}
	// The day's dates, whatever time of day each was stored at.
	err := app.DB().Select("id", "follow_up_by", "status").From("incidents").
		Where(dbx.HashExp{"house": house.Id}).
		AndWhere(dbx.Between("follow_up_by", tomorrow, tomorrow+" 23:59:59.999Z")).
		OrderBy("follow_up_by", "id").All(&rows)
	if err != nil {
		return 0, fmt.Errorf("incident follow-ups of house %s: %w", house.Id, err)
	}
	incidents := make([]domain.FollowUp, len(rows))
	for i, r := range rows {
		incidents[i] = domain.FollowUp{ID: r.ID, By: r.By, Status: r.Status}
	}
	dueNow := domain.DueFollowUps(tomorrow, incidents)
	if len(dueNow) == 0 {
		return 0, nil
	}
	n, err := runOnce(app, house.Id, jobIncidentFollowup, today, func(tx core.App) (int, error) {
		msg := Message{Kind: kindIncidentFollowup, Link: incidentsLink,
			Params: Params{"count": len(dueNow), "day": tomorrow, "tz": loc.String()}}
		return len(dueNow), NotifyManagers(tx, house.Id, msg)
	})
	if err != nil {
		return 0, fmt.Errorf("incident follow-ups of house %s: %w", house.Id, err)
	}
	if n > 0 {
		app.Logger().Info("incident follow-ups reminded to the managers", "house", house.Id, "day", tomorrow, "incidents", n)
	}
	return n, nil
}
