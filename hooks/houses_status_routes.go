package hooks

import (
	"net/http"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// houseStatusResponse is the house's day: docs/API.md's rows, one per
// current resident (active or away), with the day, the night and their
// deadlines, and who needs a manager now (domain.Attention).
type houseStatusResponse struct {
	Date           string                 `json:"date"`
	Night          string                 `json:"night"`
	Deadline       string                 `json:"deadline"`  // the daily check-in's HH:MM
	CurfewAt       string                 `json:"curfew_at"` // tonight's curfew HH:MM, "" for none
	SupportCraving int                    `json:"support_craving"`
	Attention      []domain.AttentionItem `json:"attention"`
	Residents      []houseStatusRow       `json:"residents"`
}

// houseStatusRow is one resident's day. DailyCheckin and CurfewCheckin are
// null until made; Late is the curfew check-in's. Chores: open counts open
// and rejected ones due by the end of today, missed those missed today,
// to review those marked done and waiting for a manager.
type houseStatusRow struct {
	User   string `json:"user" db:"user"`
	Name   string `json:"name" db:"name"`
	Status string `json:"status" db:"status"`
	MoveIn string `json:"-" db:"move_in"`
	// Mood and Craving are today's daily check-in's, null without one.
	Mood           *int           `json:"mood"`
	Craving        *int           `json:"craving"`
	DailyCheckin   *statusCheckin `json:"daily_checkin"`
	CurfewCheckin  *statusCheckin `json:"curfew_checkin"`
	Late           bool           `json:"late"`
	ChoresOpen     int            `json:"chores_open"`
	ChoresMissed   int            `json:"chores_missed"`
	ChoresToReview int            `json:"chores_to_review"`
}

// statusCheckin is a resident's check-in as the board shows it.
type statusCheckin struct {
	ID      string         `json:"id" db:"id"`
	User    string         `json:"-" db:"user"`
	Kind    string         `json:"-" db:"kind"`
	Day     string         `json:"-" db:"day"`
	Mood    int            `json:"mood,omitzero" db:"mood"`
	Craving int            `json:"craving" db:"craving"`
	Late    bool           `json:"late" db:"late"`
	Created types.DateTime `json:"created" db:"created"`
	// PhoneTime is when the phone made a check-in it sent late, offline.
	PhoneTime types.DateTime `json:"phone_time,omitzero" db:"phone_time"`
}

// houseStatus answers in six queries whatever the size of the house: the
// house, the residents, the day's and night's check-ins, the chore counts,
// the open support posts and the passes waiting for a decision.
func houseStatus(e *core.RequestEvent, clock clockwork.Clock) error {
	house, err := e.App.FindRecordById("houses", e.Request.PathValue("id"))
	if err != nil || !(e.HasSuperuserAuth() || IsManagerOf(e.App, e.Auth.Id, house.Id)) {
		return e.NotFoundError("", err)
	}
	loc := houseLocation(e.App, house)
	now := clock.Now()
	res := houseStatusResponse{
		Date:           domain.CheckinDay(now, loc),
		Night:          domain.CurfewNight(now, loc),
		Deadline:       house.GetString("checkin_by"),
		SupportCraving: house.GetInt("support_craving"),
	}
	if res.Deadline == "" {
		res.Deadline = domain.DefaultCheckinBy.String()
	}
	if at, ok, err := domain.NightCurfew(res.Night, house.GetString("curfew"), house.GetString("curfew_weekend")); err == nil && ok {
		res.CurfewAt = at.String()
	}

	res.Residents = []houseStatusRow{}
	err = e.App.DB().NewQuery(`
		SELECT m.user AS user, COALESCE(u.name, '') AS name, m.status AS status,
			substr(COALESCE(m.move_in, ''), 1, 10) AS move_in
		FROM memberships m LEFT JOIN users u ON u.id = m.user
		WHERE m.house = {:house} AND ` + residentSQL("m") + `
		ORDER BY u.name`,
	).Bind(dbx.Params{"house": house.Id}).All(&res.Residents)
	if err != nil {
		return e.InternalServerError("", err)
	}
	rows := make(map[string]*houseStatusRow, len(res.Residents))
	for i := range res.Residents {
		rows[res.Residents[i].User] = &res.Residents[i]
	}

	var checkins []statusCheckin
	// kind IN and day IN keep the read within the (house, kind, day)
	// index; the pairs that are not the day's daily or the night's curfew
	// check-in are skipped below.
	err = e.App.DB().Select("id", "user", "kind", "mood", "craving", "late", "day", "created", "phone_time").From("checkins").
		Where(dbx.HashExp{"house": house.Id,
			"kind": []any{CheckinDaily, CheckinCurfew}, "day": []any{res.Date, res.Night}}).All(&checkins)
	if err != nil {
		return e.InternalServerError("", err)
	}
	for i, c := range checkins {
		row := rows[c.User]
		if row == nil {
			continue // someone who has moved out since
		}
		if !(c.Kind == CheckinDaily && c.Day == res.Date) && !(c.Kind == CheckinCurfew && c.Day == res.Night) {
			continue // a pair the IN lists matched but the board does not show
		}
		if c.Kind == CheckinDaily {
			row.DailyCheckin = &checkins[i]
			row.Mood, row.Craving = &checkins[i].Mood, &checkins[i].Craving
		} else {
			row.CurfewCheckin = &checkins[i]
			row.Late = c.Late
		}
	}

	read := make([]string, 0, len(res.Residents))
	for _, r := range res.Residents {
		if r.DailyCheckin != nil || r.CurfewCheckin != nil {
			read = append(read, r.User)
		}
	}
	auditRoute(e, "list", "checkins", house.Id, read)

	if err := houseChoreCounts(e.App, house.Id, res.Date, loc, rows); err != nil {
		return e.InternalServerError("", err)
	}
	support, err := openSupportPosts(e.App, house.Id, now)
	if err != nil {
		return e.InternalServerError("", err)
	}
	passes, err := requestedPasses(e.App, house.Id, res.Date)
	if err != nil {
		return e.InternalServerError("", err)
	}
	res.Attention = domain.Attention(now, domain.HouseDay{
		Date: res.Date, Night: res.Night, CheckinBy: res.Deadline,
		Curfew: house.GetString("curfew"), CurfewWeekend: house.GetString("curfew_weekend"),
		SupportCraving: res.SupportCraving, Loc: loc,
	}, residentDays(res.Residents, support, passes))
	return e.JSON(http.StatusOK, res)
}

// residentDays are the rows as domain.Attention reads them.
func residentDays(rows []houseStatusRow, support, passes map[string]string) []domain.ResidentDay {
	days := make([]domain.ResidentDay, len(rows))
	for i, r := range rows {
		d := domain.ResidentDay{User: r.User, Name: r.Name, Away: r.Status == StatusAway, MoveIn: r.MoveIn,
			Daily: r.DailyCheckin != nil, Curfew: r.CurfewCheckin != nil,
			SupportPost: support[r.User], ChoresMissed: r.ChoresMissed, PassRequested: passes[r.User]}
		if r.DailyCheckin != nil {
			d.Mood, d.Craving = r.DailyCheckin.Mood, r.DailyCheckin.Craving
		}
		days[i] = d
	}
	return days
}

// openSupportPosts maps the authors of the house's open need-support
// posts to their newest one: every support post of the last
// domain.SupportOpenFor that nobody has marked resolved. One query, on the
// (house, pinned, created) index.
func openSupportPosts(app core.App, houseID string, now time.Time) (map[string]string, error) {
	var posts []struct {
		ID     string `db:"id"`
		Author string `db:"author"`
	}
	err := app.DB().NewQuery(`
		SELECT id, author FROM posts
		WHERE house = {:house} AND pinned IN (FALSE, TRUE) AND kind = {:kind} AND resolved = FALSE AND created >= {:since}
		ORDER BY created, id`,
	).Bind(dbx.Params{
		"house": houseID, "kind": PostSupport,
		"since": now.Add(-domain.SupportOpenFor).UTC().Format(types.DefaultDateLayout),
	}).All(&posts)
	if err != nil {
		return nil, err
	}
	open := make(map[string]string, len(posts))
	for _, p := range posts {
		open[p.Author] = p.ID // the newest last
	}
	return open, nil
}

// requestedPasses maps the residents with a pass waiting for a decision
// to their oldest such pass. A request whose last day is before the
// house-local today is over: it can no longer be approved, so it does not
// wait for anyone. One query, on the (house, user, status) index.
func requestedPasses(app core.App, houseID, today string) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		User string `db:"user"`
	}
	err := app.DB().NewQuery(`
		SELECT id, user FROM passes
		WHERE house = {:house} AND status = {:requested} AND ends >= {:today}
		ORDER BY created DESC, id DESC`,
	).Bind(dbx.Params{"house": houseID, "requested": PassRequested, "today": today + " 00:00:00.000Z"}).All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.User] = r.ID // the oldest last
	}
	return out, nil
}

// houseChoreCounts adds each resident's chore counts for the day, in one
// query.
func houseChoreCounts(app core.App, houseID, date string, loc *time.Location, rows map[string]*houseStatusRow) error {
	day, err := domain.ParseCivilDay(date)
	if err != nil {
		return err
	}
	start, err := domain.LocalInstant(date, domain.Clock{}, loc)
	if err != nil {
		return err
	}
	end, err := domain.LocalInstant((day + 1).String(), domain.Clock{}, loc)
	if err != nil {
		return err
	}
	var counts []struct {
		User     string `db:"user"`
		Open     int    `db:"open"`
		Missed   int    `db:"missed"`
		ToReview int    `db:"to_review"`
	}
	err = app.DB().NewQuery(`
		SELECT assignee AS user,
			SUM(CASE WHEN status IN ('open', 'rejected') AND due < {:end} THEN 1 ELSE 0 END) AS open,
			SUM(CASE WHEN status = 'missed' AND due >= {:start} AND due < {:end} THEN 1 ELSE 0 END) AS missed,
			SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS to_review
		FROM (
			SELECT assignee, status, due FROM chore_assignments
			WHERE house = {:house} AND status IN ('open', 'rejected', 'done')
			UNION ALL
			SELECT assignee, status, due FROM chore_assignments
			WHERE house = {:house} AND status = 'missed' AND due >= {:start} AND due < {:end})
		GROUP BY assignee`,
	).Bind(dbx.Params{
		"house": houseID,
		"start": start.UTC().Format(types.DefaultDateLayout),
		"end":   end.UTC().Format(types.DefaultDateLayout),
	}).All(&counts)
	if err != nil {
		return err
	}
	for _, c := range counts {
		if row := rows[c.User]; row != nil {
			row.ChoresOpen, row.ChoresMissed, row.ChoresToReview = c.Open, c.Missed, c.ToReview
		}
	}
	return nil
}
