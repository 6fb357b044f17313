package hooks

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// eventDefaultLength is how long an event lasts when a manager gives no end.
const eventDefaultLength = time.Hour

// maxEventTitle is the longest title, in characters.
const maxEventTitle = 200

// bindEventsValidation checks every save of an event, from the API, the
// dashboard or Go code; stamps what the server decides on a new one (who
// made it, its series, an end an hour after its start when none is given);
// starts and extends weekly series; and tells the house about a new
// required house meeting.
func bindEventsValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("events").BindFunc(func(e *core.RecordRequestEvent) error {
		return createEvent(e, clock)
	})
	app.OnRecordUpdateRequest("events").BindFunc(func(e *core.RecordRequestEvent) error {
		return updateEvent(e, clock)
	})
	app.OnRecordValidate("events").BindFunc(fieldErrors(validateEvent))
}

func createEvent(e *core.RecordRequestEvent, clock clockwork.Clock) error {
	r := e.Record
	// The server names every event: a weekly series takes its first
	// event's id, and a chosen id could join another house's series.
	r.Set("id", "")
	r.Set("series", "")
	r.Set("created_by", "")
	if e.Auth != nil && e.Auth.Collection().Name == "users" {
		r.Set("created_by", e.Auth.Id)
	}
	if starts := r.GetDateTime("starts"); !starts.IsZero() && r.GetDateTime("ends").IsZero() {
		r.Set("ends", starts.Time().Add(eventDefaultLength))
	}
	startSeries(r)
	if err := e.Next(); err != nil {
		return err
	}
	now := clock.Now()
	if r.GetString("series") != "" {
		if n, err := ExtendEventSeriesOf(e.App, r.GetString("series"), now); err != nil {
			// The record stands; the sweep extends the series later.
			e.App.Logger().Error("extending a new event series", "event", r.Id, "error", err)
		} else {
			e.App.Logger().Info("event series started", "event", r.Id, "house", r.GetString("house"), "occurrences", n+1)
		}
	}
	if r.GetString("kind") == EventHouseMeeting && r.GetBool("required") && r.GetDateTime("starts").Time().After(now) {
		notifyRequiredMeeting(e.App, r, e.Auth)
	}
	return nil
}

func updateEvent(e *core.RecordRequestEvent, clock clockwork.Clock) error {
	r := e.Record
	o := r.Original()
	if !e.HasSuperuserAuth() {
		r.Set("series", o.GetString("series"))
		r.Set("created_by", o.GetString("created_by"))
	}
	startSeries(r)
	seriesChanged := r.GetString("series") != "" &&
		(r.GetString("series") != o.GetString("series") || changed(r, "repeat", "repeat_until"))
	if err := e.Next(); err != nil {
		return err
	}
	if seriesChanged {
		if err := applySeriesChange(e.App, r, clock.Now()); err != nil {
			e.App.Logger().Error("applying a change to an event series", "event", r.Id, "series", r.GetString("series"), "error", err)
			return e.InternalServerError("The event was saved, but its later weeks could not be updated. Please try again.", err)
		}
	}
	return nil
}

// startSeries makes a weekly event without a series the first of its own:
// its series is its id.
func startSeries(r *core.Record) {
	if r.GetString("repeat") != RepeatWeekly || r.GetString("series") != "" {
		return
	}
	if r.Id == "" {
		r.Set("id", core.GenerateDefaultRandomId())
	}
	r.Set("series", r.Id)
}

// validateEvent checks an event in words a house manager understands.
func validateEvent(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	title := strings.TrimSpace(r.GetString("title"))
	switch {
	case title == "":
		errs["title"] = fieldError("title_required", "Give the event a name, like \"House meeting\" or \"Bowling night\".")
	case utf8.RuneCountInString(r.GetString("title")) > maxEventTitle:
		errs["title"] = fieldError("title_too_long", "Keep the event's name under 200 characters; the details can go in the description.")
	}
	if kind := r.GetString("kind"); !slices.Contains(domain.EventKinds, kind) {
		errs["kind"] = fieldError("invalid_kind", "Pick what kind of event this is: a house meeting, a social, service, or other.")
	}
	starts, ends := r.GetDateTime("starts"), r.GetDateTime("ends")
	switch {
	case starts.IsZero():
		errs["starts"] = fieldError("starts_required", "Pick the day and time the event starts.")
	case ends.IsZero():
		errs["ends"] = fieldError("ends_required", "Pick the time the event ends.")
	case !ends.Time().After(starts.Time()):
		errs["ends"] = fieldError("ends_before_starts", "The event has to end after it starts.")
	}
	if until := r.GetDateTime("repeat_until"); !until.IsZero() && !starts.IsZero() && r.GetString("repeat") == RepeatWeekly {
		loc := houseLocationByID(e.App, r.GetString("house"))
		if until.Time().UTC().Format(domain.DateLayout) < domain.LocalDate(starts.Time(), loc) {
			errs["repeat_until"] = fieldError("repeat_until_before_starts",
				"The last week of the series can't be before the event starts.")
		}
	}
	return errs
}

// notifyRequiredMeeting tells every member of the house but its author
// about a new required house meeting: once for a weekly series, not once
// a week.
func notifyRequiredMeeting(app core.App, ev *core.Record, author *core.Record) {
	var except []string
	if author != nil {
		except = append(except, author.Id)
	}
	loc := houseLocationByID(app, ev.GetString("house"))
	if err := NotifyHouse(app, ev.GetString("house"), requiredMeetingMessage(ev, loc), except...); err != nil {
		app.Logger().Error("notifying a required house meeting", "event", ev.Id, "house", ev.GetString("house"), "error", err)
	}
}
