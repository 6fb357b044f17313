package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// The check-in jobs' names in the job_runs ledger, which are also the kinds
// of the notifications they send.
const (
	jobCheckinReminder = "checkin_reminder"
	jobCheckinSummary  = "checkin_summary"
	jobCurfewSummary   = "curfew_summary"
)

// CurfewSummaryDelay is how long after a night's curfew the managers get
// the list of residents without a curfew check-in.
const CurfewSummaryDelay = 15 * time.Minute

// RemindCheckins reminds the house's expected residents (see
// expectedResidents) who have no daily check-in for the house-local day at
// now, once a day, from domain.CheckinReminderAt (an hour before the
// house's checkin_by) until the deadline itself. It does nothing before
// the reminder instant and nothing once the deadline has passed: a
// reminder to check in "before 9:00 PM" sent at 9:30 comes too late to
// help, so a machine that was off through the whole hour sends no
// reminder that day and records nothing. It returns the number of residents reminded,
// 0 when none was due, the day's reminder was already sent (job_runs
// ledger, see runOnce), or everyone had checked in.
func RemindCheckins(app core.App, houseID string, now time.Time) (int, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return 0, fmt.Errorf("reminding check-ins of house %s: %w", houseID, err)
	}
	return remindCheckins(app, house, now)
}

// SummarizeCheckins sends the house's active managers one checkin_summary
// notification listing the expected residents without a daily check-in,
// once per house-local day, at the house's checkin_by. A machine that was
// off then sends it late, at its first run while the day is still the
// current one for the managers: until the next day's reminder instant.
// Later than that the next day's summary is on its way and the board
// shows the day. When every expected resident has checked in the managers
// get a short all-clear instead: a summary that says nothing when all is
// well could not be told from a machine that was off, and managers rely
// on it. A house without expected residents gets nothing. It returns the
// number of managers notified, 0 when nothing was due or it was already
// sent.
func SummarizeCheckins(app core.App, houseID string, now time.Time) (int, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return 0, fmt.Errorf("summarizing check-ins of house %s: %w", houseID, err)
	}
	return summarizeCheckins(app, house, now)
}

// SummarizeCurfew sends the house's active managers one curfew_summary
// notification listing the expected residents without a curfew check-in
// for the night at now (domain.CurfewNight), once per night,
// CurfewSummaryDelay after the night's curfew (domain.NightCurfew and
// domain.CurfewInstant: curfew_weekend on Friday and Saturday nights). A
// machine that was off then sends it late, while the night lasts (until
// 12:00 house-local); a night without a curfew gets none, and so does a
// curfew so close to noon that its summary would fall after the night
// ends. As for the daily summary, everyone home gives a short all-clear
// and a house without expected residents gets nothing. It returns the
// number of managers notified.
func SummarizeCurfew(app core.App, houseID string, now time.Time) (int, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return 0, fmt.Errorf("summarizing the curfew of house %s: %w", houseID, err)
	}
	return summarizeCurfew(app, house, now)
}

// remindCheckins is RemindCheckins for a house already read.
func remindCheckins(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	day := domain.CheckinDay(now, loc)
	deadline, err := domain.CheckinDeadline(day, house.GetString("checkin_by"), loc)
	if err != nil {
		return 0, fmt.Errorf("reminding check-ins of house %s: %w", house.Id, err)
	}
	if now.Before(deadline.Add(-domain.CheckinReminderLead)) || !now.Before(deadline) {
		return 0, nil
	}
	sent, err := runOnce(app, house.Id, jobCheckinReminder, day, func(tx core.App) (int, error) {
		residents, err := expectedResidents(tx, house.Id, CheckinDaily, day)
		if err != nil {
			return 0, err
		}
		var ids []string
		for _, r := range residents {
			if !r.Done {
				ids = append(ids, r.User)
			}
		}
		return len(ids), notifyAll(tx, ids, checkinReminderMessage(deadline, loc))
	})
	if err != nil {
		return 0, fmt.Errorf("reminding check-ins of house %s: %w", house.Id, err)
	}
	if sent > 0 {
		app.Logger().Info("check-in reminders sent", "house", house.Id, "day", day, "reminded", sent)
	}
	return sent, nil
}

// summarizeCheckins is SummarizeCheckins for a house already read.
func summarizeCheckins(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	day, deadline, due, err := checkinSummaryDue(house, loc, now)
	if err != nil {
		return 0, fmt.Errorf("summarizing check-ins of house %s: %w", house.Id, err)
	}
	if !due {
		return 0, nil
	}
	var missing int
	sent, err := runOnce(app, house.Id, jobCheckinSummary, day, func(tx core.App) (int, error) {
		names, expected, err := missingNames(tx, house.Id, CheckinDaily, day)
		if err != nil || expected == 0 {
			return 0, err
		}
		missing = len(names)
		return notifyManagersCounted(tx, house.Id, checkinSummaryMessage(day, deadline, loc, names))
	})
	if err != nil {
		return 0, fmt.Errorf("summarizing check-ins of house %s: %w", house.Id, err)
	}
	if sent > 0 {
		app.Logger().Info("check-in summary sent", "house", house.Id, "day", day,
			"missing", missing, "managers", sent, "late", now.Sub(deadline) > time.Minute)
	}
	return sent, nil
}

// checkinSummaryDue says which day's summary is due at now, if any: today's
// from its deadline on; before that, until today's reminder instant,
// yesterday's (sent late when the machine was off at its deadline).
func checkinSummaryDue(house *core.Record, loc *time.Location, now time.Time) (day string, deadline time.Time, due bool, err error) {
	checkinBy := house.GetString("checkin_by")
	day = domain.CheckinDay(now, loc)
	if deadline, err = domain.CheckinDeadline(day, checkinBy, loc); err != nil {
		return "", time.Time{}, false, err
	}
	if !now.Before(deadline) {
		return day, deadline, true, nil
	}
	if !now.Before(deadline.Add(-domain.CheckinReminderLead)) {
		return "", time.Time{}, false, nil // today's reminder hour: yesterday is closed
	}
	today, err := domain.ParseCivilDay(day)
	if err != nil {
		return "", time.Time{}, false, err
	}
	day = (today - 1).String()
	if deadline, err = domain.CheckinDeadline(day, checkinBy, loc); err != nil {
		return "", time.Time{}, false, err
	}
	return day, deadline, !now.Before(deadline), nil
}

// summarizeCurfew is SummarizeCurfew for a house already read.
func summarizeCurfew(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	night := domain.CurfewNight(now, loc)
	c, ok, err := domain.NightCurfew(night, house.GetString("curfew"), house.GetString("curfew_weekend"))
	if err != nil || !ok {
		if err != nil {
			err = fmt.Errorf("summarizing the curfew of house %s: %w", house.Id, err)
		}
		return 0, err
	}
	curfew, err := domain.CurfewInstant(night, c, loc)
	if err != nil {
		return 0, fmt.Errorf("summarizing the curfew of house %s: %w", house.Id, err)
	}
	if now.Before(curfew.Add(CurfewSummaryDelay)) {
		return 0, nil
	}
	var missing int
	sent, err := runOnce(app, house.Id, jobCurfewSummary, night, func(tx core.App) (int, error) {
		names, expected, err := missingNames(tx, house.Id, CheckinCurfew, night)
		if err != nil || expected == 0 {
			return 0, err
		}
		missing = len(names)
		return notifyManagersCounted(tx, house.Id, curfewSummaryMessage(night, curfew, loc, names))
	})
	if err != nil {
		return 0, fmt.Errorf("summarizing the curfew of house %s: %w", house.Id, err)
	}
	if sent > 0 {
		app.Logger().Info("curfew summary sent", "house", house.Id, "night", night,
			"missing", missing, "managers", sent, "late", now.Sub(curfew) > CurfewSummaryDelay+time.Minute)
	}
	return sent, nil
}

// expectedResident is a resident expected to check in, and whether they
// have.
type expectedResident struct {
	User string `db:"user"`
	Name string `db:"name"`
	Done bool   `db:"done"`
}

// expectedResidents lists, in one query, the residents of the house
// expected to check in of the kind for the day (the check-in day, or the
// night for curfew), by name, each with whether they have. Expected means
// a membership with role resident and status active that began before the
// day: residents away on a pass are exempt, and so is someone who moved in
// that day (or has a move-in date still to come). Managers, alumni and
// discharged residents are never expected.
func expectedResidents(app core.App, houseID, kind, day string) ([]expectedResident, error) {
	var rows []expectedResident
	err := app.DB().NewQuery(`
		SELECT m.user AS user, COALESCE(u.name, '') AS name,
			EXISTS (SELECT 1 FROM checkins c
				WHERE c.user = m.user AND c.house = m.house AND c.kind = {:kind} AND c.day = {:day}) AS done
		FROM memberships m LEFT JOIN users u ON u.id = m.user
		WHERE m.house = {:house} AND m.role = {:role} AND m.status = {:status}
			AND (COALESCE(m.move_in, '') = '' OR substr(m.move_in, 1, 10) < {:day})
		ORDER BY name, m.user`,
	).Bind(dbx.Params{
		"house": houseID, "kind": kind, "day": day, "role": RoleResident, "status": StatusActive,
	}).All(&rows)
	return rows, err
}

// missingNames is the names of the expected residents who have not checked
// in of the kind for the day, and how many residents were expected.
func missingNames(app core.App, houseID, kind, day string) (names []string, expected int, err error) {
	residents, err := expectedResidents(app, houseID, kind, day)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range residents {
		if !r.Done {
			names = append(names, r.Name)
		}
	}
	return names, len(residents), nil
}

// notifyManagersCounted is NotifyManagers returning how many were
// notified.
func notifyManagersCounted(app core.App, houseID string, msg Message) (int, error) {
	ids, err := houseMemberIDs(app, houseID, true)
	if err != nil {
		return 0, err
	}
	return len(ids), notifyAll(app, ids, msg)
}
