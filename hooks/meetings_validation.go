package hooks

import (
	"fmt"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"hearth/domain"
)

// bindMeetingsValidation keeps the meeting log honest: a meeting is not in
// the future (house-local), the resident never verifies their own, and a
// manager's only change is to verify (or un-verify) one.
func bindMeetingsValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("meetings").BindFunc(func(e *core.RecordRequestEvent) error {
		e.Record.Set("verified_by", "")
		e.Record.Set("verified_at", "")
		return e.Next()
	})
	app.OnRecordUpdateRequest("meetings").BindFunc(func(e *core.RecordRequestEvent) error {
		return checkMeetingUpdate(e, clock)
	})
	app.OnRecordUpdateExecute("meetings").BindFunc(verificationUnchanged)
	app.OnRecordDeleteExecute("meetings").BindFunc(verificationUnchanged)
	app.OnRecordValidate("meetings").BindFunc(func(e *core.RecordEvent) error {
		return fieldErrors(func(e *core.RecordEvent) validation.Errors {
			return validateMeeting(e, clock)
		})(e)
	})
}

// The fields each actor may send on an update.
var (
	meetingOwnerFields   = []string{"date", "program", "name", "format", "proof"}
	meetingManagerFields = []string{"verified_by"}
)

func checkMeetingUpdate(e *core.RecordRequestEvent, clock clockwork.Clock) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	if r.Original().GetString("user") == e.Auth.Id {
		if field, ok := onlyChanged(r, meetingOwnerFields...); !ok {
			return e.ForbiddenError(fmt.Sprintf("You can't change %q of a meeting you logged.", field), nil)
		}
		return e.Next()
	}
	// The rule let a manager of the house through.
	if field, ok := onlyChanged(r, meetingManagerFields...); !ok {
		return e.ForbiddenError(fmt.Sprintf("Managers verify a meeting; %q is the resident's to change.", field), nil)
	}
	switch r.GetString("verified_by") {
	case e.Auth.Id:
		if r.Original().GetString("verified_by") != e.Auth.Id {
			r.Set("verified_at", clock.Now())
		}
	case "":
		r.Set("verified_at", "")
	default:
		msg := "You can only verify a meeting as yourself."
		return e.BadRequestError(msg, validation.Errors{"verified_by": fieldError("verify_as_yourself", msg)})
	}
	return e.Next()
}

// validateMeeting refuses a meeting dated after the house-local today.
func validateMeeting(e *core.RecordEvent, clock clockwork.Clock) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	date := r.GetDateTime("date")
	if date.IsZero() {
		return errs // PocketBase says it is required
	}
	house, err := e.App.FindRecordById("houses", r.GetString("house"))
	if err != nil {
		return errs
	}
	today := houseToday(e.App, house, clock.Now())
	if day := date.Time().UTC().Format(domain.DateLayout); day > today {
		errs["date"] = fieldError("date_in_future", "A meeting can be logged once it has happened: pick today or an earlier day.")
	}
	return errs
}

// verificationUnchanged refuses to save or delete a meeting whose
// verification changed since the request read it. The API rules let the
// owner edit or delete only an unverified meeting, but they are checked
// when the request starts: a manager verifying it meanwhile (while a slip
// photo uploads, say) must not be undone by the owner's stale copy. It runs
// under the transaction's write lock.
func verificationUnchanged(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		var stored string
		err := tx.DB().Select("verified_by").From("meetings").
			Where(dbx.HashExp{"id": e.Record.Id}).Limit(1).Row(&stored)
		if err != nil {
			return err
		}
		if stored != e.Record.Original().GetString("verified_by") {
			msg := "A house manager has just verified this meeting, so it can't be changed now. Reload to see it."
			return router.NewBadRequestError(msg, validation.Errors{"verified_by": fieldError("meeting_changed", msg)})
		}
		return e.Next()
	})
}
