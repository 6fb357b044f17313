package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// A weekly event is stored as one event per week (an occurrence), all
// sharing `series`, the id of the first. RSVPs and attendance are then
// always about one evening, and every list, rule and index of events works
// on occurrences unchanged. The series goes on from its latest occurrence:
// same house-local weekday and wall-clock time, same length, title, kind,
// place and `required`, for EventSeriesWeeks ahead, until its
// `repeat_until` day. A new series gets its weeks at once; the scheduler's
// sweep extends every house's series once a house-local day.
//
// Each occurrence the server makes is claimed in job_runs (job
// "series:<series>", day = its house-local day) in the same transaction,
// so it is made once: an occurrence a manager deleted (a meeting cancelled
// for a holiday) stays deleted, and two extensions that race make one.

// jobEventSeries is the sweep's daily extension of a house's series in
// job_runs.
const jobEventSeries = "event_series"

// seriesJob is the job_runs job that claims the occurrences of a series.
func seriesJob(series string) string { return "series:" + series }

// eventSeriesHorizon is how far ahead of now a series' occurrences exist.
func eventSeriesHorizon(now time.Time) time.Time {
	return now.AddDate(0, 0, 7*domain.EventSeriesWeeks)
}

// ExtendEventSeries makes the missing upcoming occurrences of every weekly
// series of the house, up to EventSeriesWeeks after now, and returns how
// many it made. It never makes one twice, nor one a manager deleted.
func ExtendEventSeries(app core.App, houseID string, now time.Time) (int, error) {
	latest, err := latestOccurrences(app, dbx.HashExp{"house": houseID})
	if err != nil {
		return 0, err
	}
	return extendAll(app, latest, now)
}

// ExtendEventSeriesOf is ExtendEventSeries for one series.
func ExtendEventSeriesOf(app core.App, series string, now time.Time) (int, error) {
	latest, err := latestOccurrences(app, dbx.HashExp{"series": series})
	if err != nil {
		return 0, err
	}
	return extendAll(app, latest, now)
}

// extendHouseSeries is the sweep's job: the house's series, once a
// house-local day.
func extendHouseSeries(app core.App, house *core.Record, now time.Time) (int, error) {
	day := domain.LocalDate(now, houseLocation(app, house))
	return runOnce(app, house.Id, jobEventSeries, day, func(tx core.App) (int, error) {
		return ExtendEventSeries(tx, house.Id, now)
	})
}

// latestOccurrences finds the latest occurrence of each series that the
// condition selects.
func latestOccurrences(app core.App, where dbx.Expression) ([]*core.Record, error) {
	var latest []*core.Record
	err := app.RecordQuery("events").
		AndWhere(where).
		AndWhere(dbx.NewExp("[[events.series]] != '' AND [[events.starts]] = " +
			"(SELECT MAX(x.starts) FROM events x WHERE x.series = [[events.series]] AND x.house = [[events.house]])")).
		All(&latest)
	return latest, err
}

// extendAll extends each series from its latest occurrence, in one
// transaction.
func extendAll(app core.App, latest []*core.Record, now time.Time) (int, error) {
	made := 0
	err := app.RunInTransaction(func(tx core.App) error {
		for _, last := range latest {
			n, err := extendFrom(tx, last, now)
			made += n
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return made, nil
}

// extendFrom makes the occurrences that follow last, its series' latest.
func extendFrom(tx core.App, last *core.Record, now time.Time) (int, error) {
	if last.GetString("repeat") != RepeatWeekly {
		return 0, nil // the series ended with this occurrence
	}
	house, series := last.GetString("house"), last.GetString("series")
	loc := houseLocationByID(tx, house)
	until := ""
	if u := last.GetDateTime("repeat_until"); !u.IsZero() {
		until = u.Time().UTC().Format(domain.DateLayout)
	}
	starts := last.GetDateTime("starts").Time()
	length := last.GetDateTime("ends").Time().Sub(starts)
	next, err := domain.WeeklyStarts(starts, loc, now, eventSeriesHorizon(now), until)
	if err != nil {
		return 0, err
	}
	made := 0
	for _, at := range next {
		claimed, err := claimJobRun(tx, house, seriesJob(series), domain.LocalDate(at, loc))
		if err != nil {
			return made, err
		}
		if !claimed {
			continue // made before, and perhaps deleted since
		}
		occ := core.NewRecord(last.Collection())
		for _, f := range []string{"house", "title", "description", "kind", "location", "required",
			"repeat", "repeat_until", "series", "created_by"} {
			occ.Set(f, last.Get(f))
		}
		occ.Set("starts", at)
		occ.Set("ends", at.Add(length))
		if err := tx.Save(occ); err != nil {
			if isNotUnique(err) {
				continue // a manager moved another occurrence onto this start
			}
			return made, err
		}
		made++
	}
	return made, nil
}

// applySeriesChange carries a change of `repeat` or `repeat_until` on one
// occurrence to the later ones of its series: a series that stops
// repeating there loses its later occurrences, a new last day removes the
// ones after it, and the others take the new values. Then the series is
// extended, which makes the weeks a later end allows. Removed occurrences
// take their RSVPs with them.
func applySeriesChange(app core.App, changed *core.Record, now time.Time) error {
	var later []*core.Record
	err := app.RecordQuery("events").
		AndWhere(dbx.HashExp{"series": changed.GetString("series"), "house": changed.GetString("house")}).
		AndWhere(dbx.NewExp("[[starts]] > {:starts}", dbx.Params{"starts": changed.GetString("starts")})).
		All(&later)
	if err != nil {
		return err
	}
	weekly := changed.GetString("repeat") == RepeatWeekly
	until := ""
	if u := changed.GetDateTime("repeat_until"); !u.IsZero() {
		until = u.Time().UTC().Format(domain.DateLayout)
	}
	loc := houseLocationByID(app, changed.GetString("house"))
	return app.RunInTransaction(func(tx core.App) error {
		for _, occ := range later {
			if !weekly || (until != "" && domain.LocalDate(occ.GetDateTime("starts").Time(), loc) > until) {
				if err := tx.Delete(occ); err != nil {
					return err
				}
				// The series' end moved, so a later end may bring the
				// week back: release its claim (a manager's deletion of
				// one occurrence keeps it).
				day := domain.LocalDate(occ.GetDateTime("starts").Time(), loc)
				if _, err := tx.DB().Delete("job_runs", dbx.HashExp{
					"house": occ.GetString("house"), "job": seriesJob(occ.GetString("series")), "day": day,
				}).Execute(); err != nil {
					return err
				}
				continue
			}
			occ.Set("repeat", changed.Get("repeat"))
			occ.Set("repeat_until", changed.Get("repeat_until"))
			if err := tx.Save(occ); err != nil {
				return err
			}
		}
		if !weekly {
			return nil
		}
		latest, err := latestOccurrences(tx, dbx.HashExp{"series": changed.GetString("series")})
		if err != nil {
			return err
		}
		for _, last := range latest {
			if _, err := extendFrom(tx, last, now); err != nil {
				return err
			}
		}
		return nil
	})
}
