package hooks

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// reportInput reads what a house report over first through last is made
// of, in eight queries whatever the size of the house: the residents, the
// chore ledger, the check-ins, the meetings, the chore assignments, the
// support posts with their first answers, the drug tests and the
// incidents (a test or incident another one corrects left out: the
// correction stands for it). user, when set, keeps the
// rows about that one resident (a resident's own letter).
func reportInput(app core.App, house *core.Record, loc *time.Location, first, last domain.CivilDay, user string) (domain.ReportInput, error) {
	in := domain.ReportInput{
		From: first, To: last,
		Capacity:        house.GetInt("capacity"),
		MeetingsPerWeek: house.GetInt("meetings_per_week"),
		Present:         map[domain.CivilDay]map[string]bool{},
	}
	start, err := domain.LocalInstant(first.String(), domain.Clock{}, loc)
	if err != nil {
		return in, err
	}
	end, err := domain.LocalInstant((last + 1).String(), domain.Clock{}, loc)
	if err != nil {
		return in, err
	}
	params := dbx.Params{
		"house": house.Id, "user": user,
		"first": first.String(), "last": last.String(),
		"start": start.UTC().Format(types.DefaultDateLayout),
		"end":   end.UTC().Format(types.DefaultDateLayout),
		// Meetings hold their house-local day at 00:00 UTC.
		"dfirst": first.String() + " 00:00:00.000Z",
		"dend":   (last + 1).String() + " 00:00:00.000Z",
	}
	mine := func(column string) string {
		if user == "" {
			return ""
		}
		return " AND " + column + " = {:user}"
	}

	var residents []struct {
		User    string `db:"user"`
		Name    string `db:"name"`
		MoveIn  string `db:"move_in"`
		MoveOut string `db:"move_out"`
		Status  string `db:"status"`
	}
	err = app.DB().NewQuery(`
		SELECT m.user AS user, COALESCE(u.name, '') AS name, m.move_in AS move_in, m.move_out AS move_out, m.status AS status
		FROM memberships m LEFT JOIN users u ON u.id = m.user
		WHERE m.house = {:house} AND m.role = 'resident'` + mine("m.user")).Bind(params).All(&residents)
	if err != nil {
		return in, err
	}
	for _, r := range residents {
		in.Residents = append(in.Residents, domain.ReportResident{User: r.User, Name: r.Name, MoveIn: r.MoveIn, MoveOut: r.MoveOut, Status: r.Status})
	}

	var ledger []struct {
		Day     string        `db:"day"`
		Present types.JSONRaw `db:"present"`
	}
	err = app.DB().NewQuery(`SELECT day, present FROM chore_days WHERE house = {:house} AND day >= {:first} AND day <= {:last}`).
		Bind(params).All(&ledger)
	if err != nil {
		return in, err
	}
	for _, row := range ledger {
		d, err := domain.ParseCivilDay(row.Day)
		if err != nil {
			continue
		}
		var ids []string
		if err := json.Unmarshal(row.Present, &ids); err != nil {
			continue
		}
		set := make(map[string]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		in.Present[d] = set
	}

	var checkins []struct {
		User string `db:"user"`
		Kind string `db:"kind"`
		Day  string `db:"day"`
		Late bool   `db:"late"`
	}
	err = app.DB().NewQuery(`SELECT user, kind, day, late FROM checkins
		WHERE house = {:house} AND kind IN ('daily', 'curfew') AND day >= {:first} AND day <= {:last}` + mine("user")).
		Bind(params).All(&checkins)
	if err != nil {
		return in, err
	}
	in.Checkins = make([]domain.ReportCheckin, len(checkins))
	for i, c := range checkins {
		in.Checkins[i] = domain.ReportCheckin{User: c.User, Kind: c.Kind, Day: c.Day, Late: c.Late}
	}

	var meetings []struct {
		User     string `db:"user"`
		Date     string `db:"date"`
		Verified bool   `db:"verified"`
	}
	err = app.DB().NewQuery(`SELECT user, date, (COALESCE(verified_by, '') != '') AS verified FROM meetings
		WHERE house = {:house} AND date >= {:dfirst} AND date < {:dend}` + mine("user")).Bind(params).All(&meetings)
	if err != nil {
		return in, err
	}
	in.Meetings = make([]domain.ReportMeeting, len(meetings))
	for i, m := range meetings {
		in.Meetings[i] = domain.ReportMeeting{User: m.User, Day: m.Date, Verified: m.Verified}
	}

	var chores []struct {
		User   string         `db:"assignee"`
		Due    types.DateTime `db:"due"`
		Status string         `db:"status"`
	}
	err = app.DB().NewQuery(`SELECT assignee, due, status FROM chore_assignments
		WHERE house = {:house} AND due >= {:start} AND due < {:end}` + mine("assignee")).Bind(params).All(&chores)
	if err != nil {
		return in, err
	}
	in.Chores = make([]domain.ReportChore, len(chores))
	for i, c := range chores {
		in.Chores[i] = domain.ReportChore{User: c.User, Due: c.Due.Time(), Status: c.Status}
	}

	if user != "" {
		return in, nil // a resident's letter has no house figures, drug tests nor incidents
	}
	var support []struct {
		Created types.DateTime `db:"created"`
		Answer  types.DateTime `db:"answer"`
	}
	err = app.DB().NewQuery(`
		SELECT p.created AS created,
			COALESCE((SELECT MIN(c.created) FROM comments c WHERE c.post = p.id AND c.author != p.author), '') AS answer
		FROM posts p
		WHERE p.house = {:house} AND p.kind = 'support' AND p.created >= {:start} AND p.created < {:end}`).
		Bind(params).All(&support)
	if err != nil {
		return in, err
	}
	in.Support = make([]domain.ReportSupportPost, len(support))
	for i, p := range support {
		in.Support[i] = domain.ReportSupportPost{Created: p.Created.Time(), FirstAnswer: p.Answer.Time()}
	}

	var tests []struct {
		User     string         `db:"user"`
		TestedAt types.DateTime `db:"tested_at"`
		Result   string         `db:"result"`
	}
	err = app.DB().NewQuery(`SELECT t.user AS user, t.tested_at AS tested_at, t.result AS result FROM drug_tests t
		WHERE t.house = {:house} AND t.tested_at >= {:start} AND t.tested_at < {:end}
		AND NOT EXISTS (SELECT 1 FROM drug_tests c WHERE c.corrects = t.id)`).Bind(params).All(&tests)
	if err != nil {
		return in, err
	}
	in.DrugTests = make([]domain.ReportDrugTest, len(tests))
	for i, t := range tests {
		in.DrugTests[i] = domain.ReportDrugTest{User: t.User, At: t.TestedAt.Time(), Result: t.Result}
	}

	var incidents []struct {
		OccurredAt types.DateTime `db:"occurred_at"`
		Severity   string         `db:"severity"`
		Status     string         `db:"status"`
		People     types.JSONRaw  `db:"people"`
		FollowUpBy string         `db:"follow_up_by"`
	}
	err = app.DB().NewQuery(`SELECT i.occurred_at AS occurred_at, i.severity AS severity, i.status AS status,
			i.people AS people, i.follow_up_by AS follow_up_by FROM incidents i
		WHERE i.house = {:house} AND i.occurred_at >= {:start} AND i.occurred_at < {:end}
		AND NOT EXISTS (SELECT 1 FROM incidents c WHERE c.corrects = i.id)`).Bind(params).All(&incidents)
	if err != nil {
		return in, err
	}
	in.Incidents = make([]domain.ReportIncident, len(incidents))
	for i, inc := range incidents {
		var people []string
		if len(inc.People) > 0 {
			_ = json.Unmarshal(inc.People, &people) // a single id is stored as a list too
		}
		in.Incidents[i] = domain.ReportIncident{At: inc.OccurredAt.Time(), Severity: inc.Severity, Status: inc.Status,
			People: people, FollowUpBy: inc.FollowUpBy}
	}
	return in, nil
}
