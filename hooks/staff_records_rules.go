package hooks

import (
	"slices"
	"time"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// What drug tests and incidents share (docs/API.md, "Staff records"): the
// server stamps who recorded one and when, a record is changed only in its
// first day, and a correction after that is a new record pointing at the
// old one, so history is never rewritten.

// correctionWindow is how long after it was recorded a staff record may
// still be changed.
const correctionWindow = 24 * time.Hour

// stampStaffRecord sets what the server decides on a new staff record: who
// recorded it (a person; empty for a superuser) and when, on Hearth's clock.
func stampStaffRecord(e *core.RecordRequestEvent, clock clockwork.Clock) {
	r := e.Record
	r.Set("recorded_by", "")
	if e.Auth != nil && !e.HasSuperuserAuth() {
		r.Set("recorded_by", e.Auth.Id)
	}
	now, _ := types.ParseDateTime(clock.Now())
	r.SetRaw("created", now)
}

// checkStaffRecordUpdate keeps what the server set, refuses moving a
// record to another house, and refuses a change after the correction
// window unless only the fields in lateFields changed. what names the
// record in words ("test", "incident").
func checkStaffRecordUpdate(e *core.RecordRequestEvent, clock clockwork.Clock, what string, lateFields ...string) error {
	r := e.Record
	orig := r.Original()
	r.Set("recorded_by", orig.Get("recorded_by"))
	if r.GetString("house") != orig.GetString("house") {
		msg := "A " + what + " stays with the house it was recorded in."
		return e.BadRequestError(msg, validation.Errors{"house": fieldError("house_fixed", msg)})
	}
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	created := orig.GetDateTime("created").Time()
	if clock.Now().Sub(created) > correctionWindow {
		if field, ok := onlyChanged(r, lateFields...); !ok {
			msg := "This " + what + " was recorded more than 24 hours ago, so it can't be changed any more. " +
				"Record a correction instead: a new " + what + " that says which one it corrects."
			return e.BadRequestError(msg, validation.Errors{field: fieldError("correction_needed", msg)})
		}
	}
	return e.Next()
}

// livesIn reports whether the person is a member (active or away) of the
// house.
func livesIn(app core.App, userID, houseID string) bool {
	return domain.IsMember(membershipStatus(app, userID, houseID))
}

// checkCorrects refuses a corrects that points at a record of another house
// (or differing in one of sameFields, such as the resident), or at itself.
func checkCorrects(e *core.RecordEvent, errs validation.Errors, what string, sameFields ...string) {
	r := e.Record
	id := r.GetString("corrects")
	if id == "" || (!r.IsNew() && id == r.Original().GetString("corrects")) {
		return
	}
	old, err := e.App.FindRecordById(r.Collection().Id, id)
	if err != nil || id == r.Id {
		errs["corrects"] = fieldError("corrects_missing", "The "+what+" this corrects was not found.")
		return
	}
	for _, f := range append([]string{"house"}, sameFields...) {
		if old.GetString(f) != r.GetString(f) {
			thing := "person"
			if f == "house" {
				thing = "house"
			}
			errs["corrects"] = fieldError("corrects_other", "A correction is about the same "+thing+" as the "+what+" it corrects.")
			return
		}
	}
}

// notInFuture adds an error for a time after now (a few minutes' slack for
// a phone's clock).
func notInFuture(errs validation.Errors, r *core.Record, field string, now time.Time, msg string) {
	t := r.GetDateTime(field)
	if !t.IsZero() && t.Time().After(now.Add(phoneClockSlack)) {
		errs[field] = fieldError("in_future", msg)
	}
}

// changedOrNew reports whether the record is new or the field changed.
func changedOrNew(r *core.Record, field string) bool {
	return r.IsNew() || !slices.Equal(r.GetStringSlice(field), r.Original().GetStringSlice(field))
}
