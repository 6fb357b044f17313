package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// choreHistoryDays is how far back generation reads past assignments:
// loads come from the last domain.ChoreWindowDays days, and the older ones
// break ties (who did this chore longest ago), so that a weekly chore goes
// round a house of twelve in turn.
const choreHistoryDays = 84

// ChoreDayResult is what one generation did for a house.
type ChoreDayResult struct {
	// Day is the house-local day, YYYY-MM-DD.
	Day string
	// Already is true when the day had been generated before: nothing was
	// made this time.
	Already bool
	// Assigned counts the assignments made.
	Assigned int
	// Unassigned lists the chores due that nobody present could take.
	Unassigned []string
	// Skipped lists the chores due that day whose due time plus the
	// house's grace had already passed when the day was generated: they
	// are nobody's, rather than missed the moment they are handed out.
	Skipped []string
}

// GenerateChores makes the house's chore assignments for the house-local day
// at now: each active chore due that day goes, at its due time, to the
// resident the fair rotation picks (domain.AssignChores) among the active
// residents. It runs in one transaction that also records the day in
// chore_days, so a day is generated once: a second call, a restart or a
// generation racing this one finds the day recorded and makes nothing.
// A chore whose due time plus grace is already past at now is skipped.
// Managers are told of any chore nobody present could take.
func GenerateChores(app core.App, houseID string, now time.Time) (ChoreDayResult, error) {
	var res ChoreDayResult
	err := app.RunInTransaction(func(tx core.App) error {
		house, err := tx.FindRecordById("houses", houseID)
		if err != nil {
			return err
		}
		loc := houseLocation(tx, house)
		res = ChoreDayResult{Day: domain.LocalDate(now, loc)}
		if done, err := choreDayRecorded(tx, houseID, res.Day); err != nil || done {
			res.Already = done
			return err
		}
		plan, err := loadChoreDay(tx, house, loc, res.Day, now)
		if err != nil {
			return err
		}
		picks := domain.AssignChores(plan.input)
		if err := plan.save(tx, picks, &res); err != nil {
			return err
		}
		res.Skipped = plan.late
		return notifyUnassigned(tx, plan, res.Unassigned)
	})
	if err != nil {
		return ChoreDayResult{}, fmt.Errorf("generating chores of house %s: %w", houseID, err)
	}
	if !res.Already {
		app.Logger().Info("chores assigned", "house", houseID, "day", res.Day,
			"assigned", res.Assigned, "unassigned", len(res.Unassigned), "skipped", len(res.Skipped))
	}
	return res, nil
}

// choreDayRecorded reports whether the house's day has been generated.
func choreDayRecorded(app core.App, houseID, day string) (bool, error) {
	var id string
	err := app.DB().Select("id").From("chore_days").
		Where(dbx.HashExp{"house": houseID, "day": day}).Limit(1).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// choreDay is one house-local day to generate: what the rotation needs and
// what saving its picks needs.
type choreDay struct {
	house   *core.Record
	day     string
	input   domain.ChoreRotationInput
	chores  map[string]*core.Record
	dueAt   map[string]time.Time
	present []string // the residents present today
	late    []string // chores due today whose time had passed when the day was generated
}

// loadChoreDay reads the house's chores, residents, presence ledger and
// assignment history for the day.
func loadChoreDay(app core.App, house *core.Record, loc *time.Location, day string, now time.Time) (*choreDay, error) {
	today, err := domain.ParseCivilDay(day)
	if err != nil {
		return nil, err
	}
	grace := time.Duration(house.GetInt("chore_grace")) * time.Minute
	d := &choreDay{house: house, day: day, chores: map[string]*core.Record{}, dueAt: map[string]time.Time{}}
	d.input.Day = today

	history, err := choreHistory(app, house.Id, loc, today)
	if err != nil {
		return nil, err
	}
	d.input.History = history
	assignedToday := map[string]bool{}
	for _, h := range history {
		if h.Day == today {
			assignedToday[h.Chore] = true
		}
	}

	chores, err := app.FindAllRecords("chores", dbx.HashExp{"house": house.Id})
	if err != nil {
		return nil, err
	}
	for _, c := range chores {
		d.chores[c.Id] = c
		d.input.Chores = append(d.input.Chores, domain.RotationChore{
			ID: c.Id, Points: chorePoints(c), Rotation: c.GetStringSlice("rotation"),
		})
		if !c.GetBool("active") || assignedToday[c.Id] {
			continue
		}
		due, err := domain.ChoreDueOn(c.GetString("cadence"), c.GetInt("weekday"), c.GetInt("monthday"), day)
		if err != nil || !due {
			continue // a chore the validation hooks would refuse today waits for a manager to fix it
		}
		clock, err := domain.ParseClock(c.GetString("due_time"))
		if err != nil {
			continue
		}
		at, err := domain.LocalInstant(day, clock, loc)
		if err != nil {
			return nil, err
		}
		if !at.Add(grace).After(now) {
			// Generated too late to be done in time (the machine was off,
			// the house moved east): nobody is handed a chore already missed.
			d.late = append(d.late, c.Id)
			continue
		}
		d.dueAt[c.Id] = at
		d.input.Due = append(d.input.Due, c.Id)
	}
	slices.Sort(d.input.Due)

	d.input.Residents, d.present, err = choreResidents(app, house.Id, today)
	return d, err
}

// chorePoints is a chore's points, at least 1.
func chorePoints(c *core.Record) int {
	return max(c.GetInt("points"), 1)
}

// choreHistory reads the house's assignments due from choreHistoryDays
// before today on, with the house-local day each is due.
func choreHistory(app core.App, houseID string, loc *time.Location, today domain.CivilDay) ([]domain.RotationRecord, error) {
	first := (today - choreHistoryDays + 1).String()
	from, err := domain.LocalInstant(first, domain.Clock{}, loc)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Chore    string         `db:"chore"`
		Assignee string         `db:"assignee"`
		Points   int            `db:"points"`
		Due      types.DateTime `db:"due"`
	}
	err = app.DB().Select("chore", "assignee", "points", "due").From("chore_assignments").
		Where(dbx.HashExp{"house": houseID}).
		AndWhere(dbx.NewExp("due >= {:from}", dbx.Params{"from": from.UTC().Format(types.DefaultDateLayout)})).
		All(&rows)
	if err != nil {
		return nil, err
	}
	history := make([]domain.RotationRecord, len(rows))
	for i, r := range rows {
		history[i] = domain.RotationRecord{
			Chore: r.Chore, Assignee: r.Assignee, Points: r.Points,
			Day: domain.CivilDayOf(r.Due.Time().In(loc)),
		}
	}
	return history, nil
}

// choreResidents lists the house's residents with the days of the window
// they were present, and the ids of those present today. Today, present
// means an active membership whose move_in is not after today. Past days are read from chore_days; a day
// missing there (the machine was off) falls back to the membership's stay,
// from move_in through move_out.
func choreResidents(app core.App, houseID string, today domain.CivilDay) ([]domain.RotationResident, []string, error) {
	members, err := app.FindAllRecords("memberships", dbx.HashExp{"house": houseID, "role": "resident"})
	if err != nil {
		return nil, nil, err
	}
	first := today - domain.ChoreWindowDays + 1
	ledger, err := app.FindAllRecords("chore_days", dbx.HashExp{"house": houseID},
		dbx.Between("day", first.String(), (today-1).String()))
	if err != nil {
		return nil, nil, err
	}
	presentOn := map[domain.CivilDay]map[string]bool{}
	for _, row := range ledger {
		day, err := domain.ParseCivilDay(row.GetString("day"))
		if err != nil {
			continue
		}
		var ids []string
		if err := row.UnmarshalJSONField("present", &ids); err != nil {
			continue
		}
		set := make(map[string]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		presentOn[day] = set
	}

	var residents []domain.RotationResident
	var present []string
	for _, m := range members {
		user := m.GetString("user")
		stay := stayOf(m)
		var spans []domain.DaySpan
		for d := first; d <= today; d++ {
			var here bool
			switch set, known := presentOn[d]; {
			case d == today:
				here = m.GetString("status") == StatusActive && stay.Contains(d)
			case known:
				here = set[user]
			default:
				here = stay.Contains(d)
			}
			if !here {
				continue
			}
			if n := len(spans); n > 0 && spans[n-1].To == d-1 {
				spans[n-1].To = d
			} else {
				spans = append(spans, domain.DaySpan{From: d, To: d})
			}
		}
		if len(spans) == 0 {
			continue
		}
		residents = append(residents, domain.RotationResident{User: user, Present: spans})
		if spans[len(spans)-1].To == today {
			present = append(present, user)
		}
	}
	slices.Sort(present)
	return residents, present, nil
}

// stayOf is the span of a membership's stay, from move_in (or always)
// through move_out (or for good).
func stayOf(m *core.Record) domain.DaySpan {
	span := domain.DaySpan{From: -1 << 30, To: 1 << 30}
	if d, err := domain.ParseCivilDay(m.GetString("move_in")); err == nil {
		span.From = d
	}
	if d, err := domain.ParseCivilDay(m.GetString("move_out")); err == nil {
		span.To = d
	}
	return span
}

// save stores the picks as open assignments and the day in chore_days.
func (d *choreDay) save(tx core.App, picks []domain.ChorePick, res *ChoreDayResult) error {
	assignments, err := tx.FindCachedCollectionByNameOrId("chore_assignments")
	if err != nil {
		return err
	}
	for _, p := range picks {
		if p.Assignee == "" {
			res.Unassigned = append(res.Unassigned, p.Chore)
			continue
		}
		a := core.NewRecord(assignments)
		a.Set("chore", p.Chore)
		a.Set("house", d.house.Id)
		a.Set("assignee", p.Assignee)
		a.Set("due", d.dueAt[p.Chore])
		a.Set("status", domain.ChoreOpen)
		a.Set("points", chorePoints(d.chores[p.Chore]))
		if err := tx.Save(a); err != nil {
			return err
		}
		res.Assigned++
	}

	days, err := tx.FindCachedCollectionByNameOrId("chore_days")
	if err != nil {
		return err
	}
	row := core.NewRecord(days)
	row.Set("house", d.house.Id)
	row.Set("day", d.day)
	row.Set("present", nonNil(d.present))
	row.Set("assigned", res.Assigned)
	row.Set("unassigned", nonNil(res.Unassigned))
	return tx.Save(row)
}

// notifyUnassigned tells the managers, in one notification, which of the
// day's chores nobody present could take.
func notifyUnassigned(tx core.App, d *choreDay, unassigned []string) error {
	if len(unassigned) == 0 {
		return nil
	}
	titles := make([]string, len(unassigned))
	for i, id := range unassigned {
		titles[i] = d.chores[id].GetString("title")
	}
	msg := Message{Kind: kindChoreUnassigned, Link: "/manage/chores",
		Params: Params{"chore": titles[0], "day": d.day}}
	if len(titles) > 1 {
		msg.Params = Params{"variant": "many", "count": len(titles), "chores": titles, "day": d.day}
	}
	// The day's assignments stand even if the managers cannot be told.
	if err := NotifyManagers(tx, d.house.Id, msg); err != nil {
		tx.Logger().Error("telling managers of unassigned chores", "house", d.house.Id, "error", err)
	}
	return nil
}

// nonNil turns a nil slice into an empty one, so JSON fields hold [] and
// not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
