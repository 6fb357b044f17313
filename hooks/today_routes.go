package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// todayResponse is docs/API.md's {house, date, days_sober, checkin, chores,
// events, unread}, with the house's name and the week's meetings added.
type todayResponse struct {
	House     string        `json:"house"`
	HouseName string        `json:"house_name"`
	Date      string        `json:"date"`
	DaysSober *int          `json:"days_sober"` // null without a sobriety date
	Status    string        `json:"status"`     // the requester's membership status
	Checkin   todayCheckins `json:"checkin"`
	Chores    []todayChore  `json:"chores"`
	Events    []todayEvent  `json:"events"`
	Unread    int           `json:"unread"`
	Meetings  todayMeetings `json:"meetings"`
}

// todayCheckins are the day's daily check-in and the night's curfew one
// (null until made), with what the screen needs to ask for them.
type todayCheckins struct {
	Daily    *todayCheckin `json:"daily"`
	Curfew   *todayCheckin `json:"curfew"`
	Streak   int           `json:"streak"`    // consecutive days with a daily check-in
	Deadline string        `json:"deadline"`  // the daily check-in's HH:MM
	Night    string        `json:"night"`     // the curfew night, YYYY-MM-DD
	CurfewAt string        `json:"curfew_at"` // tonight's curfew HH:MM, "" for none
}

// todayCheckin is one check-in of the requester's.
type todayCheckin struct {
	ID      string         `json:"id" db:"id"`
	Kind    string         `json:"kind" db:"kind"`
	Mood    int            `json:"mood,omitzero" db:"mood"`
	Craving int            `json:"craving" db:"craving"`
	Late    bool           `json:"late" db:"late"`
	Day     string         `json:"day" db:"day"`
	Created types.DateTime `json:"created" db:"created"`
	// PhoneTime is when the phone made a check-in it sent late, offline.
	PhoneTime types.DateTime `json:"phone_time,omitzero" db:"phone_time"`
}

// todayChore is an open or rejected assignment due today or earlier.
type todayChore struct {
	ID         string         `json:"id" db:"id"`
	Chore      string         `json:"chore" db:"chore"`
	Title      string         `json:"title" db:"title"`
	Due        types.DateTime `json:"due" db:"due"`
	Status     string         `json:"status" db:"status"`
	Points     int            `json:"points" db:"points"`
	NeedsPhoto bool           `json:"needs_photo" db:"needs_photo"`
	ReviewNote string         `json:"review_note" db:"review_note"`
}

// todayEvent is one of the house's events of the coming week, with the
// requester's own answer: Rsvp is "yes", "no", "maybe" or null, Attended
// what a manager recorded.
type todayEvent struct {
	ID       string         `json:"id" db:"id"`
	Title    string         `json:"title" db:"title"`
	Kind     string         `json:"kind" db:"kind"`
	Starts   types.DateTime `json:"starts" db:"starts"`
	Ends     types.DateTime `json:"ends" db:"ends"`
	Location string         `json:"location" db:"location"`
	Required bool           `json:"required" db:"required"`
	Series   string         `json:"series" db:"series"`
	Rsvp     *string        `json:"rsvp" db:"rsvp"`
	Attended bool           `json:"attended" db:"attended"`
}

// todayEventsDays is how far ahead the home screen shows events.
const todayEventsDays = 7

// todayEventsMax bounds the home screen's list of events.
const todayEventsMax = 20

// todayMeetings is the week's outside meetings against the house's
// expectation; weeks run Monday to Sunday.
type todayMeetings struct {
	Done     int    `json:"done"`
	Expected int    `json:"expected"`
	From     string `json:"from"`
	To       string `json:"to"`
}

// todayMembership is the requester's membership with its house's settings.
type todayMembership struct {
	House           string `db:"house"`
	Status          string `db:"status"`
	Name            string `db:"name"`
	Timezone        string `db:"timezone"`
	Curfew          string `db:"curfew"`
	CurfewWeekend   string `db:"curfew_weekend"`
	CheckinBy       string `db:"checkin_by"`
	MeetingsPerWeek int    `db:"meetings_per_week"`
}

// today answers in a fixed number of queries whatever the size of the
// house or of the requester's history: the membership with its house, the
// day's and night's check-ins, the streak's days, the chores, the events
// with the requester's answers, the unread count and the week's meetings.
func today(e *core.RequestEvent, clock clockwork.Clock) error {
	m, err := todayHouse(e.App, e.Auth.Id, e.Request.URL.Query().Get("house"))
	if errors.Is(err, sql.ErrNoRows) {
		return e.NotFoundError("You're not a member of that house.", nil)
	} else if err != nil {
		return e.InternalServerError("", err)
	}
	loc, err := domain.LoadTimezone(m.Timezone)
	if err != nil {
		loc = time.UTC
	}
	now := clock.Now()
	res := todayResponse{
		House: m.House, HouseName: m.Name, Status: m.Status,
		Date: domain.CheckinDay(now, loc),
	}
	if sober := e.Auth.GetDateTime("sobriety_date"); !sober.IsZero() {
		if days, ok := domain.DaysSober(sober.String(), res.Date); ok {
			res.DaysSober = &days
		}
	}

	c := &res.Checkin
	c.Night = domain.CurfewNight(now, loc)
	c.Deadline = m.CheckinBy
	if c.Deadline == "" {
		c.Deadline = domain.DefaultCheckinBy.String()
	}
	if at, ok, err := domain.NightCurfew(c.Night, m.Curfew, m.CurfewWeekend); err == nil && ok {
		c.CurfewAt = at.String()
	}
	if err := todayCheckinsOf(e.App, e.Auth.Id, m.House, res.Date, c); err != nil {
		return e.InternalServerError("", err)
	}

	day, _ := domain.ParseCivilDay(res.Date)
	endOfDay, err := domain.LocalInstant((day + 1).String(), domain.Clock{}, loc)
	if err != nil {
		return e.InternalServerError("", err)
	}
	res.Chores = []todayChore{}
	err = e.App.DB().NewQuery(`
		SELECT a.id, a.chore, COALESCE(c.title, '') AS title, a.due, a.status, a.points,
			COALESCE(c.needs_photo, FALSE) AS needs_photo, a.review_note
		FROM chore_assignments a LEFT JOIN chores c ON c.id = a.chore
		WHERE a.assignee = {:user} AND a.house = {:house} AND a.due < {:end} AND a.status IN ('open', 'rejected')
		ORDER BY +a.due`,
	).Bind(dbx.Params{"user": e.Auth.Id, "house": m.House, "end": endOfDay.UTC().Format(types.DefaultDateLayout)}).
		All(&res.Chores)
	if err != nil {
		return e.InternalServerError("", err)
	}

	// The coming week's events: those starting from the beginning of
	// today (house-local) that have not ended, through 7 days from now.
	// The start bound keeps the read within the house's (house, starts)
	// index range; an event that began before today is over by now for
	// all but a rare multi-day retreat.
	startOfDay, err := domain.LocalInstant(res.Date, domain.Clock{}, loc)
	if err != nil {
		return e.InternalServerError("", err)
	}
	res.Events = []todayEvent{}
	err = e.App.DB().NewQuery(`
		SELECT ev.id, ev.title, ev.kind, ev.starts, ev.ends, ev.location, ev.required, ev.series,
			NULLIF(r.status, '') AS rsvp, COALESCE(r.attended, FALSE) AS attended
		FROM events ev LEFT JOIN rsvps r ON r.event = ev.id AND r.user = {:user}
		WHERE ev.house = {:house} AND ev.starts >= {:from} AND ev.starts < {:to} AND ev.ends > {:now}
		ORDER BY ev.starts LIMIT {:max}`,
	).Bind(dbx.Params{
		"user": e.Auth.Id, "house": m.House, "max": todayEventsMax,
		"from": startOfDay.UTC().Format(types.DefaultDateLayout),
		"to":   now.AddDate(0, 0, todayEventsDays).UTC().Format(types.DefaultDateLayout),
		"now":  now.UTC().Format(types.DefaultDateLayout),
	}).All(&res.Events)
	if err != nil {
		return e.InternalServerError("", err)
	}

	err = e.App.DB().Select("COUNT(*)").From("notifications").
		Where(dbx.HashExp{"user": e.Auth.Id, "read": false}).Row(&res.Unread)
	if err != nil {
		return e.InternalServerError("", err)
	}

	from, to, _ := domain.WeekBounds(res.Date)
	res.Meetings = todayMeetings{Expected: m.MeetingsPerWeek, From: from, To: to}
	err = e.App.DB().Select("COUNT(*)").From("meetings").
		Where(dbx.HashExp{"user": e.Auth.Id, "house": m.House}).
		AndWhere(dbx.Between("date", from+" 00:00:00.000Z", res.Date+" 23:59:59.999Z")).
		Row(&res.Meetings.Done)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, res)
}

// todayHouse finds the requester's membership (active or away) of the
// house asked for, or of their first house when none is.
func todayHouse(app core.App, userID, houseID string) (todayMembership, error) {
	q := app.DB().Select("m.house", "m.status", "h.name", "h.timezone", "h.curfew", "h.curfew_weekend",
		"h.checkin_by", "h.meetings_per_week").
		From("memberships m").InnerJoin("houses h", dbx.NewExp("h.id = m.house")).
		Where(dbx.HashExp{"m.user": userID}).AndWhere(dbx.NewExp(memberSQL("m"))).
		OrderBy("m.created").Limit(1)
	if houseID != "" {
		q.AndWhere(dbx.HashExp{"m.house": houseID})
	}
	var m todayMembership
	err := q.One(&m)
	return m, err
}

// maxStreakDays bounds the rows the streak reads: a streak longer than ten
// years shows as ten years.
const maxStreakDays = 3653

// todayCheckinsOf fills the day's and the night's check-ins and the streak,
// in two queries.
func todayCheckinsOf(app core.App, userID, houseID, day string, c *todayCheckins) error {
	var rows []todayCheckin
	err := app.DB().Select("id", "kind", "mood", "craving", "late", "day", "created", "phone_time").From("checkins").
		Where(dbx.HashExp{"user": userID, "house": houseID,
			"kind": []any{CheckinDaily, CheckinCurfew}, "day": []any{day, c.Night}}).All(&rows)
	if err != nil {
		return err
	}
	// The IN lists also match a daily check-in of the night's day and a
	// curfew one of today's: the pairs are picked here.
	for i := range rows {
		switch {
		case rows[i].Kind == CheckinDaily && rows[i].Day == day:
			c.Daily = &rows[i]
		case rows[i].Kind == CheckinCurfew && rows[i].Day == c.Night:
			c.Curfew = &rows[i]
		}
	}
	var days []string
	err = app.DB().Select("day").From("checkins").
		Where(dbx.HashExp{"user": userID, "house": houseID, "kind": CheckinDaily}).
		OrderBy("day DESC").Limit(maxStreakDays).Column(&days)
	if err != nil {
		return err
	}
	c.Streak = domain.CheckinStreak(days, day)
	return nil
}
