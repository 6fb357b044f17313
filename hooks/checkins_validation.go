package hooks

import (
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// bindCheckinsValidation stamps what the server decides on a new check-in
// (its day or night, and whether it was late) and refuses a second one.
// Updates and deletes are refused by the collection's rules: a check-in is
// a record of what happened.
func bindCheckinsValidation(app core.App, clock clockwork.Clock) {
	houses := bindHouseClocks(app)
	app.OnRecordCreateRequest("checkins").BindFunc(func(e *core.RecordRequestEvent) error {
		return prepareCheckin(e, clock, houses)
	})
	app.OnRecordValidate("checkins").BindFunc(fieldErrors(validateCheckin))
}

// Words for a second check-in.
// phoneClockSlack is how far ahead of the server a phone's clock may be
// before its phone_time is not believed; phoneTimeKept how far back a
// phone_time is still shown (a day: the night of a curfew check-in).
const (
	phoneClockSlack = 5 * time.Minute
	phoneTimeKept   = 24 * time.Hour
)

const (
	againDaily  = "You've already checked in today. Thank you, and see you tomorrow."
	againCurfew = "You're already checked in as home tonight."
)

func prepareCheckin(e *core.RecordRequestEvent, clock clockwork.Clock, houses *houseClocks) error {
	r := e.Record
	// What a check-in needs of its house (its timezone and curfews), kept
	// in memory between check-ins: houses_cache.go.
	house, err := houses.get(r.GetString("house"))
	if err != nil {
		return e.NotFoundError("", err)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	loc := house.loc
	now := clock.Now()
	again := againDaily

	switch r.GetString("kind") {
	case CheckinDaily:
		errs := validation.Errors{}
		if _, ok := info.Body["mood"]; !ok || r.GetInt("mood") == 0 {
			errs["mood"] = fieldError("mood_required", "Pick the face that fits how you feel today.")
		}
		if v, ok := info.Body["craving"]; !ok || v == nil || v == "" {
			errs["craving"] = fieldError("craving_required", "Choose how strong any craving is, from 0 (none) to 10.")
		}
		if len(errs) > 0 {
			return e.BadRequestError("Please fill in the check-in.", errs)
		}
		r.Set("day", domain.CheckinDay(now, loc))
		r.Set("late", false)
	case CheckinCurfew:
		if membershipStatus(e.App, e.Auth.Id, house.id) == StatusAway {
			msg := "You're away on a pass, so there's no curfew check-in for you tonight."
			return e.BadRequestError(msg, validation.Errors{"kind": fieldError("away_exempt", msg)})
		}
		night := domain.CurfewNight(now, loc)
		late, err := domain.CurfewLate(now, night, house.curfew, house.curfewWeekend, loc)
		if err != nil {
			e.App.Logger().Warn("house has a bad curfew; check-in not judged late", "house", house.id, "error", err)
		}
		r.Set("day", night)
		r.Set("late", late)
		r.Set("mood", 0)
		r.Set("craving", 0)
		again = againCurfew
	default:
		return e.Next() // the select field refuses it with PocketBase's words
	}

	// phone_time is the phone's word for when it was made (sent late,
	// offline): information for the managers, never a judge of the day or
	// of lateness. A time ahead of the house's clock, or more than a day
	// old, is not believed, and the check-in is kept without it rather
	// than refused.
	if pt := r.GetDateTime("phone_time"); !pt.IsZero() &&
		(pt.Time().After(now.Add(phoneClockSlack)) || pt.Time().Before(now.Add(-phoneTimeKept))) {
		r.Set("phone_time", "")
	}
	// A check-in made on an earlier day (or night) and sent late does not
	// take today's place: it is refused in words, and today's can be made.
	if pt := r.GetDateTime("phone_time"); !pt.IsZero() {
		madeOn := domain.CheckinDay(pt.Time(), loc)
		if r.GetString("kind") == CheckinCurfew {
			madeOn = domain.CurfewNight(pt.Time(), loc)
		}
		if madeOn != r.GetString("day") {
			msg := "This check-in was made on an earlier day while your phone was offline, so it can't count for today. Please check in again now."
			return e.BadRequestError(msg, validation.Errors{"phone_time": fieldError("made_earlier_day", msg)})
		}
	}

	// A second check-in of the day is refused by the unique index
	// (idx_checkins_user_house_kind_day) when it is saved, so the common
	// case, a first check-in, reads nothing more. When a save fails, for
	// that index or another reason (a field PocketBase refuses, an id that
	// is already another record's), the day's check-in is looked for, and
	// only when there is one is that what the person is told.
	err = e.Next()
	if err != nil && (r.IsNew() || isNotUnique(err)) && checkinExists(e.App, r) {
		return e.BadRequestError(again, validation.Errors{"kind": fieldError("already_checked_in", again)})
	}
	return err
}

// checkinExists reports whether the person already has a check-in of this
// kind for the record's day.
func checkinExists(app core.App, r *core.Record) bool {
	var id string
	err := app.DB().Select("id").From("checkins").Where(dbx.HashExp{
		"user": r.GetString("user"), "house": r.GetString("house"), "kind": r.GetString("kind"), "day": r.GetString("day"),
	}).Limit(1).Row(&id)
	return err == nil
}

// validateCheckin checks every save, from the API, the dashboard or Go: a
// daily check-in has a mood, and every check-in has its day.
func validateCheckin(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if r.GetString("kind") == CheckinDaily && r.GetInt("mood") == 0 {
		errs["mood"] = fieldError("mood_required", "Pick the face that fits how you feel today.")
	}
	if _, err := domain.ParseCivilDay(r.GetString("day")); err != nil {
		errs["day"] = fieldError("invalid_day", "The day must be a date like 2026-11-23.")
	}
	return errs
}
