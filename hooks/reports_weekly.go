package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// jobWeeklySummary names the managers' weekly summary in job_runs; its day
// is the Monday of the week it was sent in.
const jobWeeklySummary = "weekly_summary"

// weeklySummaryLink is where the summary leads: the full report.
const weeklySummaryLink = "/manage/reports"

// SummarizeWeek sends the house's active managers one weekly_summary
// notification with last week's figures (the house report of its Monday
// to Sunday, domain.WeeklySummaryWeek) and the week before's, once a week,
// from Monday 08:00 house-local. It returns the number of managers
// notified. See docs/API.md, "Reports and exports".
func SummarizeWeek(app core.App, houseID string, now time.Time) (int, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return 0, fmt.Errorf("summarizing the week of house %s: %w", houseID, err)
	}
	return summarizeWeek(app, house, now)
}

// summarizeWeek is SummarizeWeek for a house already read.
func summarizeWeek(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	first, monday, due := domain.WeeklySummaryWeek(now, loc)
	if !due {
		return 0, nil
	}
	sent, err := runOnce(app, house.Id, jobWeeklySummary, monday.String(), func(tx core.App) (int, error) {
		ids, err := houseMemberIDs(tx, house.Id, true)
		if err != nil || len(ids) == 0 {
			return 0, err
		}
		week := func(from domain.CivilDay) (domain.HouseFigures, error) {
			in, err := reportInput(tx, house, loc, from, from+6, "")
			if err != nil {
				return domain.HouseFigures{}, err
			}
			in.Today = domain.CivilDayOf(now.In(loc))
			return domain.BuildReport(in, loc).House, nil
		}
		last, err := week(first)
		if err != nil {
			return 0, err
		}
		before, err := week(first - 7)
		if err != nil {
			return 0, err
		}
		return len(ids), notifyAll(tx, ids, weeklySummaryMessage(first, loc, last, before))
	})
	if err != nil {
		return 0, fmt.Errorf("summarizing the week of house %s: %w", house.Id, err)
	}
	if sent > 0 {
		app.Logger().Info("weekly summary sent", "house", house.Id, "week", first.String(), "managers", sent)
	}
	return sent, nil
}

// weeklySummaryMessage is the managers' summary of the week starting
// first, with the week before's figures beside it. Figures only: no names,
// nothing a person wrote.
func weeklySummaryMessage(first domain.CivilDay, loc *time.Location, last, before domain.HouseFigures) Message {
	return Message{Kind: kindWeeklySummary, Link: weeklySummaryLink, Params: Params{
		"from": first.String(), "tz": loc.String(),
		"checkins": last.CheckinsDone, "checkins_expected": last.CheckinsExpected,
		"meetings": last.MeetingsLogged, "meetings_expected": last.MeetingsExpected,
		"curfew_late": last.CurfewLate,
		"chores_done": last.ChoresDone, "chores_missed": last.ChoresMissed,
		"support":       last.SupportPosts,
		"prev_checkins": before.CheckinsDone, "prev_checkins_expected": before.CheckinsExpected,
		"prev_meetings": before.MeetingsLogged, "prev_curfew_late": before.CurfewLate,
		"prev_chores_missed": before.ChoresMissed,
	}}
}
