package demo

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
	"hearth/hooks"
)

// localMeeting is an outside meeting near Maple House, held every week.
type localMeeting struct {
	weekday               time.Weekday
	at                    domain.Clock // house-local start
	program, name, format string
}

// The meetings the residents go to.
var (
	sundaySerenity    = localMeeting{time.Sunday, domain.Clock{Hour: 9}, "aa", "Sunday Morning Serenity", "in_person"}
	mondayJustFor     = localMeeting{time.Monday, domain.Clock{Hour: 19}, "na", "Just for Today", "in_person"}
	mondayRefuge      = localMeeting{time.Monday, domain.Clock{Hour: 18}, "refuge", "Refuge Recovery Online", "online"}
	tuesdayBigBook    = localMeeting{time.Tuesday, domain.Clock{Hour: 19, Minute: 30}, "aa", "Tuesday Night Big Book", "in_person"}
	wednesdaySMART    = localMeeting{time.Wednesday, domain.Clock{Hour: 18, Minute: 30}, "smart", "SMART Recovery Midweek", "online"}
	wednesdayClean    = localMeeting{time.Wednesday, domain.Clock{Hour: 19}, "na", "Clean and Serene", "in_person"}
	thursdaySimple    = localMeeting{time.Thursday, domain.Clock{Hour: 19, Minute: 30}, "ca", "Keep It Simple", "in_person"}
	thursdayDharma    = localMeeting{time.Thursday, domain.Clock{Hour: 18}, "recovery_dharma", "Recovery Dharma Midtown", "in_person"}
	fridayCelebrate   = localMeeting{time.Friday, domain.Clock{Hour: 18, Minute: 30}, "celebrate_recovery", "Celebrate Recovery at Grace Church", "in_person"}
	saturdaySpeaker   = localMeeting{time.Saturday, domain.Clock{Hour: 19}, "aa", "Saturday Night Speaker Meeting", "in_person"}
	wednesdayWellness = localMeeting{time.Wednesday, domain.Clock{Hour: 12}, "other", "Wellness Group at the Community Center", "in_person"}
)

// dayNote is a daily check-in that stands out from a resident's usual.
type dayNote struct {
	mood, craving int
	note          string
}

// habit is how one demo resident checks in. Days are counted back from
// the seeding day: 0 is today, 1 yesterday. A night is named by the day
// it begins, as CurfewNight names it.
type habit struct {
	email         string
	mood, craving int   // usual mood (1–5) and craving (0–10)
	morning       bool  // checks in in the morning; otherwise in the evening
	skipped       []int // days without a daily check-in
	days          map[int]dayNote
	lateNights    map[int]int // night → minutes home after curfew
	meetings      []localMeeting
	missed        []int // days a regular meeting was missed
}

// habits are the demo residents who check in: most days, with a few gaps,
// so the streaks differ. Taylor's runs unbroken through today; Sam's runs
// through yesterday, today's not in yet; Jordan's broke two days ago.
var habits = []habit{
	{email: "alex@maple.example", mood: 4, craving: 1, morning: true, skipped: []int{6},
		days: map[int]dayNote{
			8: {5, 0, "Got the job at the bakery! I start Monday."},
		},
		lateNights: map[int]int{8: 12},
		meetings:   []localMeeting{sundaySerenity, tuesdayBigBook, wednesdaySMART, fridayCelebrate}},
	{email: "jordan@maple.example", mood: 3, craving: 2, skipped: []int{0, 2, 11},
		days: map[int]dayNote{
			3: {2, 6, "Rough day at work, called my sponsor."},
			1: {3, 3, "Forgot to check in yesterday. Feeling steadier today."},
		},
		lateNights: map[int]int{9: 20},
		meetings:   []localMeeting{mondayJustFor, thursdaySimple},
		missed:     []int{5}},
	{email: "sam@maple.example", mood: 4, craving: 1, morning: true, skipped: []int{0, 9},
		days: map[int]dayNote{
			10: {2, 4, "Missing my dad today. Going to my meeting tonight and calling my sister."},
		},
		meetings: []localMeeting{mondayJustFor, wednesdayClean, saturdaySpeaker}},
	{email: "casey@maple.example", mood: 3, craving: 2, skipped: []int{10},
		days: map[int]dayNote{
			3: {4, 1, "Packing for my pass. Can't wait to see my daughter."},
		},
		meetings: []localMeeting{mondayRefuge, wednesdaySMART}},
	{email: "taylor@maple.example", mood: 4, craving: 0, morning: true,
		days: map[int]dayNote{
			6: {5, 0, "Good meeting this morning. Grateful for this house."},
		},
		meetings: []localMeeting{sundaySerenity, tuesdayBigBook, thursdayDharma}},
	{email: "morgan@maple.example", mood: 3, craving: 3,
		days: map[int]dayNote{
			4: {2, 5, "First night here. Nervous, but everyone has been kind."},
			3: {3, 4, ""},
		},
		meetings: []localMeeting{wednesdayWellness, thursdayDharma, fridayCelebrate, saturdaySpeaker}},
}

// passDays is the length of a demo resident's pass: an away resident left
// this many days before their away_until.
const passDays = 4

// checker is a demo resident who checks in, and the days they were in the
// house: from their move-in through the day before their pass, or today.
type checker struct {
	habit
	i        int // their place in habits, the seed of their variation
	user     string
	from, to domain.CivilDay
}

// present reports whether they were in the house on the day k days ago.
func (c checker) present(today domain.CivilDay, k int) bool {
	d := today - domain.CivilDay(k)
	return c.from <= d && d <= c.to
}

// checkers finds the demo residents who check in, as the house holds them
// (role resident, status active or away): alumni, managers and anyone
// else the house has since taken in check in for themselves.
func checkers(tx core.App, house *core.Record, today domain.CivilDay) ([]checker, error) {
	var out []checker
	for i, h := range habits {
		u, err := tx.FindAuthRecordByEmail("users", h.email)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.email, err)
		}
		m, err := tx.FindFirstRecordByFilter("memberships",
			"house = {:h} && user = {:u} && role = {:role} && (status = {:active} || status = {:away})",
			dbx.Params{"h": house.Id, "u": u.Id, "role": hooks.RoleResident, "active": hooks.StatusActive, "away": hooks.StatusAway})
		if errors.Is(err, sql.ErrNoRows) {
			continue // no longer a resident here
		} else if err != nil {
			return nil, err
		}
		c := checker{habit: h, i: i, user: u.Id, from: today - historyDays + 1, to: today}
		if in, err := domain.ParseCivilDay(m.GetString("move_in")); err == nil && in > c.from {
			c.from = in
		}
		if m.GetString("status") == hooks.StatusAway {
			c.to = today - 1
			if back, err := domain.ParseCivilDay(m.GetString("away_until")); err == nil {
				c.to = min(c.to, back-passDays-1)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// history is where a seeder of the house's past starts: the collection it
// writes, the house-local today and the residents with their habits.
type history struct {
	collection *core.Collection
	today      domain.CivilDay
	residents  []checker
}

// beginHistory returns nil, and no error, when the house already has
// records in the collection: a second run of the demo adds nothing.
func beginHistory(tx core.App, house *core.Record, collection string, now time.Time, loc *time.Location) (*history, error) {
	n, err := tx.CountRecords(collection, dbx.HashExp{"house": house.Id})
	if err != nil || n > 0 {
		return nil, err
	}
	c, err := tx.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	today, err := domain.ParseCivilDay(domain.LocalDate(now, loc))
	if err != nil {
		return nil, err
	}
	residents, err := checkers(tx, house, today)
	if err != nil {
		return nil, err
	}
	return &history{collection: c, today: today, residents: residents}, nil
}

// seedCheckins adds two weeks of daily and curfew check-ins for the
// residents who check in, each made at the moment a resident would have
// made it (none after now): daily ones between 08:00 and 21:00,
// house-local, with the usual mood and craving and now and then a harder
// day and a note; curfew ones before the night's curfew, and twice after
// it, late. It does nothing if the house has check-ins. It returns the
// records it added.
func seedCheckins(tx core.App, house *core.Record, now time.Time, loc *time.Location) (int, error) {
	h, err := beginHistory(tx, house, "checkins", now, loc)
	if err != nil || h == nil {
		return 0, err
	}
	c, today, residents := h.collection, h.today, h.residents
	curfew, weekend := house.GetString("curfew"), house.GetString("curfew_weekend")

	added := 0
	for _, p := range residents {
		for k := historyDays - 1; k >= 0; k-- {
			if !p.present(today, k) {
				continue
			}
			day := (today - domain.CivilDay(k)).String()

			if !slices.Contains(p.skipped, k) {
				at, err := domain.LocalInstant(day, p.checkinClock(k), loc)
				if err != nil {
					return 0, err
				}
				if at.Before(now) {
					mood, craving, note := p.daily(k)
					r := core.NewRecord(c)
					r.Load(map[string]any{
						"user": p.user, "house": house.Id, "kind": hooks.CheckinDaily, "day": day,
						"mood": mood, "craving": craving, "note": note, "late": false,
					})
					if err := saveAt(tx, r, at); err != nil {
						return 0, fmt.Errorf("daily check-in of %s on %s: %w", p.email, day, err)
					}
					added++
				}
			}

			// The night that begins on the day, if it has a curfew.
			cl, ok, err := domain.NightCurfew(day, curfew, weekend)
			if err != nil {
				return 0, err
			}
			if !ok {
				continue
			}
			due, err := domain.CurfewInstant(day, cl, loc)
			if err != nil {
				return 0, err
			}
			at := due.Add(-time.Duration(10+(p.i*41+k*29)%170) * time.Minute)
			if after, ok := p.lateNights[k]; ok {
				at = due.Add(time.Duration(after) * time.Minute)
			}
			if !at.Before(now) {
				continue // not home yet, or the night has not come
			}
			late, err := domain.CurfewLate(at, day, curfew, weekend, loc)
			if err != nil {
				return 0, err
			}
			r := core.NewRecord(c)
			r.Load(map[string]any{
				"user": p.user, "house": house.Id, "kind": hooks.CheckinCurfew, "day": day, "late": late,
			})
			if err := saveAt(tx, r, at); err != nil {
				return 0, fmt.Errorf("curfew check-in of %s on %s: %w", p.email, day, err)
			}
			added++
		}
	}
	return added, nil
}

// checkinClock is when the resident checks in on the day k days ago:
// between 08:00 and 10:59 for a morning person, otherwise between 17:30
// and 20:49, before the 21:00 deadline.
func (c checker) checkinClock(k int) domain.Clock {
	start, minutes := 8*60, (c.i*17+k*11)%180
	if !c.morning {
		start, minutes = 17*60+30, (c.i*23+k*13)%200
	}
	t := start + minutes
	return domain.Clock{Hour: t / 60, Minute: t % 60}
}

// daily is the resident's mood, craving and note on the day k days ago:
// their usual, a point up or down now and then.
func (c checker) daily(k int) (mood, craving int, note string) {
	if d, ok := c.days[k]; ok {
		return d.mood, d.craving, d.note
	}
	mood, craving = c.mood, c.craving
	switch (c.i*5 + k*3) % 7 {
	case 0:
		mood--
	case 3:
		mood++
	}
	if (c.i*3+k*5)%4 == 0 {
		craving++
	}
	return min(max(mood, 1), 5), min(craving, 10), ""
}

// seedMeetings adds two weeks of the residents' outside meetings, each
// logged an hour or two after it ended (none after now), the older ones
// mostly verified by the manager a couple of days later. Each resident
// goes to their own regular meetings, one to four a week, so "this week"
// differs from one to the next. It does nothing if the house has
// meetings. It returns the records it added.
func seedMeetings(tx core.App, house *core.Record, manager string, now time.Time, loc *time.Location) (int, error) {
	h, err := beginHistory(tx, house, "meetings", now, loc)
	if err != nil || h == nil {
		return 0, err
	}
	c, today, residents := h.collection, h.today, h.residents

	added := 0
	for _, p := range residents {
		for k := historyDays - 1; k >= 0; k-- {
			if !p.present(today, k) || slices.Contains(p.missed, k) {
				continue
			}
			d := today - domain.CivilDay(k)
			day := d.String()
			date, err := time.Parse(domain.DateLayout, day)
			if err != nil {
				return 0, err
			}
			for _, m := range p.meetings {
				if m.weekday != date.Weekday() {
					continue
				}
				start, err := domain.LocalInstant(day, m.at, loc)
				if err != nil {
					return 0, err
				}
				logged := start.Add(time.Duration(90+(p.i*13+k*7)%90) * time.Minute)
				if !logged.Before(now) {
					continue
				}
				r := core.NewRecord(c)
				// As the web app sends it: the day alone, which
				// PocketBase keeps as that day at 00:00 UTC.
				r.Load(map[string]any{
					"user": p.user, "house": house.Id, "date": day,
					"program": m.program, "name": m.name, "format": m.format,
				})
				updated := logged
				if k >= 3 && (p.i+k)%5 != 0 {
					verified, err := domain.LocalInstant((d + 2).String(), domain.Clock{Hour: 9, Minute: (p.i * 7) % 60}, loc)
					if err != nil {
						return 0, err
					}
					if verified.Before(now) {
						r.Set("verified_by", manager)
						r.Set("verified_at", verified)
						updated = verified
					}
				}
				r.SetRaw("updated", dateTime(updated))
				if err := saveAt(tx, r, logged); err != nil {
					return 0, fmt.Errorf("meeting of %s on %s: %w", p.email, day, err)
				}
				added++
			}
		}
	}
	return added, nil
}

// saveAt saves a new record as made at the instant: PocketBase stamps the
// created autodate with the clock unless it was set with SetRaw.
func saveAt(tx core.App, r *core.Record, at time.Time) error {
	r.SetRaw("created", dateTime(at))
	return tx.Save(r)
}

func dateTime(t time.Time) types.DateTime {
	dt, _ := types.ParseDateTime(t.UTC())
	return dt
}
