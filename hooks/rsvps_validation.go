package hooks

import (
	"errors"
	"fmt"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindRsvpsValidation keeps RSVPs and attendance straight: a member
// answers yes, no or maybe for themselves until the event starts; a
// manager of the house takes attendance once it has started, for anyone
// in the house, making the row when the person never answered. Nobody
// answers for someone else, and only managers write `attended`.
func bindRsvpsValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("rsvps").BindFunc(func(e *core.RecordRequestEvent) error {
		return checkRsvpWrite(e, clock, true)
	})
	app.OnRecordUpdateRequest("rsvps").BindFunc(func(e *core.RecordRequestEvent) error {
		return checkRsvpWrite(e, clock, false)
	})
	app.OnRecordValidate("rsvps").BindFunc(fieldErrors(validateRsvp))
}

// Words of the RSVP checks.
const (
	rsvpStatusRequired = "Choose yes, no or maybe."
	rsvpClosed         = "This event has already started, so answers are closed. If something changed, let a manager know."
	rsvpNotYours       = "Only %s can answer for themselves."
	rsvpManagersOnly   = "Attendance is taken by a house manager."
	rsvpTooEarly       = "Attendance can be taken once the event has started."
	rsvpAnsweredBefore = "There's already an answer from this person for this event; change that one instead."
	rsvpNoMove         = "An answer belongs to one person and one event; make a new one instead."
)

func checkRsvpWrite(e *core.RecordRequestEvent, clock clockwork.Clock, create bool) error {
	if e.HasSuperuserAuth() {
		return rsvpNext(e)
	}
	r := e.Record
	if !create && changed(r, "event", "user") {
		return e.ForbiddenError(rsvpNoMove, nil)
	}
	event, err := e.App.FindRecordById("events", r.GetString("event"))
	if err != nil {
		return rsvpNext(e) // PocketBase answers for a missing event
	}
	started := !event.GetDateTime("starts").Time().After(clock.Now())
	manager := IsManagerOf(e.App, e.Auth.Id, event.GetString("house"))
	own := r.GetString("user") == e.Auth.Id
	statusChanged, attendedChanged := changed(r, "status"), changed(r, "attended")
	// A manager taking attendance: on an update, a change of attended;
	// on a create, an attended in the body, true or false.
	takingAttendance := manager && attendedChanged
	if create {
		info, err := e.RequestInfo()
		if err != nil {
			return err
		}
		_, inBody := info.Body["attended"]
		statusChanged = r.GetString("status") != ""
		attendedChanged = r.GetBool("attended")
		takingAttendance = manager && inBody && (attendedChanged || !own)
	}

	// Who may write which field: a refused update is a 403, as for
	// the other collections; a refused create a 400 on the field.
	refuse := func(field, code, msg string) error {
		if create {
			return e.BadRequestError(msg, validation.Errors{field: fieldError(code, msg)})
		}
		return e.ForbiddenError(msg, nil)
	}
	if statusChanged && !own {
		return refuse("status", "not_yours", fmt.Sprintf(rsvpNotYours, personName(e.App, r.GetString("user"), event.GetString("house"), "this person")))
	}
	if attendedChanged && !manager {
		return refuse("attended", "managers_only", rsvpManagersOnly)
	}

	// When: answers close as the event starts, attendance opens.
	var field, code, msg string
	switch {
	case statusChanged && started:
		field, code, msg = "status", "event_started", rsvpClosed
	case takingAttendance && !started:
		field, code, msg = "attended", "too_early", rsvpTooEarly
	case create && r.GetString("status") == "" && !takingAttendance:
		field, code, msg = "status", "status_required", rsvpStatusRequired
	}
	if field != "" {
		return e.BadRequestError(msg, validation.Errors{field: fieldError(code, msg)})
	}
	if create && rsvpExists(e.App, r.GetString("event"), r.GetString("user")) {
		return e.BadRequestError(rsvpAnsweredBefore, validation.Errors{"user": fieldError("already_answered", rsvpAnsweredBefore)})
	}
	return rsvpNext(e)
}

// rsvpNext saves, answering a second answer for the same event and person
// that raced past rsvpExists (the unique index refuses it) in words.
func rsvpNext(e *core.RecordRequestEvent) error {
	err := e.Next()
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		if raw, ok := apiErr.RawData().(error); ok && isNotUnique(raw) {
			err = raw
		}
	}
	if err != nil && isNotUnique(err) {
		return e.BadRequestError(rsvpAnsweredBefore, validation.Errors{"user": fieldError("already_answered", rsvpAnsweredBefore)})
	}
	return err
}

// rsvpExists reports whether the person has answered for the event.
func rsvpExists(app core.App, eventID, userID string) bool {
	var id string
	err := app.DB().Select("id").From("rsvps").
		Where(dbx.HashExp{"event": eventID, "user": userID}).Limit(1).Row(&id)
	return err == nil
}

// personName is the person's name for a message, or fallback when they
// have never had a place in the house (a manager sees the names of the
// house's people, present and past, and must not learn anyone else's from
// an id) or have no name.
func personName(app core.App, userID, houseID, fallback string) string {
	if membershipStatus(app, userID, houseID) == "" {
		return fallback
	}
	if u, err := app.FindRecordById("users", userID); err == nil && u.GetString("name") != "" {
		return u.GetString("name")
	}
	return fallback
}

// validateRsvp checks every save: the person is a member of the event's
// house.
func validateRsvp(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if !changed(r, "event", "user") {
		return errs
	}
	event, err := e.App.FindRecordById("events", r.GetString("event"))
	if err != nil {
		return errs // PocketBase says the relation is missing
	}
	if !IsMemberOf(e.App, r.GetString("user"), event.GetString("house")) {
		errs["user"] = fieldError("not_housemate",
			fmt.Sprintf("%s isn't a member of this house, so they aren't on its events.", personName(e.App, r.GetString("user"), event.GetString("house"), "This person")))
	}
	return errs
}
