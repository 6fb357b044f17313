package hooks

import (
	"regexp"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// Pass statuses: see domain.PassRequested and the others.
const (
	// PassRequested is domain.PassRequested.
	PassRequested = domain.PassRequested
	// PassApproved is domain.PassApproved.
	PassApproved = domain.PassApproved
	// PassDeclined is domain.PassDeclined.
	PassDeclined = domain.PassDeclined
	// PassCancelled is domain.PassCancelled.
	PassCancelled = domain.PassCancelled
)

// bindPassesValidation keeps passes (docs/API.md, "passes") as the sign-out
// sheet would be kept: the resident asks for themselves and may only
// cancel; a manager of the house approves or declines (with a reason) or
// ends an approved pass early, and nothing else; the server says who
// decided and when. The checks are in plain words: the days, the length,
// no two passes on the same day, a phone number, a reason to decline.
//
// What follows a decision happens in the same transaction as the pass, so
// a pass saved has been followed through: a new request tells the
// managers, a decision tells the resident, an approved pass that has
// started makes the membership away at once, and a running pass cancelled
// makes it active again.
func bindPassesValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("passes").BindFunc(func(e *core.RecordRequestEvent) error {
		r := e.Record
		if !e.HasSuperuserAuth() {
			// The server's fields: a new pass waits for a manager.
			r.Set("status", PassRequested)
			r.Set("decided_by", "")
			r.Set("decided_at", "")
			r.Set("reason", "")
			if r.GetString("user") != e.Auth.Id {
				msg := "You can ask for a pass for yourself only."
				return e.BadRequestError(msg, validation.Errors{"user": fieldError("pass_for_yourself", msg)})
			}
		} else if r.GetString("status") == "" {
			r.Set("status", PassRequested)
		}
		return passInTransaction(e, func(tx core.App) error {
			return afterPassSaved(tx, r, "", false, clock)
		})
	})
	app.OnRecordUpdateRequest("passes").BindFunc(func(e *core.RecordRequestEvent) error {
		byResident, err := checkPassUpdate(e, clock)
		if err != nil {
			return err
		}
		before := e.Record.Original().GetString("status")
		return passInTransaction(e, func(tx core.App) error {
			return afterPassSaved(tx, e.Record, before, byResident, clock)
		})
	})
	app.OnRecordValidate("passes").BindFunc(fieldErrors(func(e *core.RecordEvent) validation.Errors {
		return validatePass(e, clock)
	}))
}

// passInTransaction saves the pass (the rest of the request's chain) and
// runs then in one transaction; the answer is written after it commits.
func passInTransaction(e *core.RecordRequestEvent, then func(tx core.App) error) error {
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return then(tx)
	})
}

// passFieldsResident are the fields a resident may change on their pass
// (to cancel it); passFieldsManager a manager's (to decide).
var (
	passFieldsResident = []string{"status"}
	passFieldsManager  = []string{"status", "reason"}
)

// checkPassUpdate decides whether the requester may make this change, and
// sets what the server decides. It reports whether the change is the
// resident's own (their pass). The rule let through only the pass's
// resident and the house's managers (and superusers).
func checkPassUpdate(e *core.RecordRequestEvent, clock clockwork.Clock) (byResident bool, err error) {
	r := e.Record
	orig := r.Original()
	// The server's fields, whatever the body says.
	r.Set("decided_by", orig.Get("decided_by"))
	r.Set("decided_at", orig.Get("decided_at"))
	for _, f := range []string{"house", "user"} {
		if r.GetString(f) != orig.GetString(f) {
			msg := "A pass stays with the person and the house it was asked for. To change it, cancel it and ask again."
			return false, e.BadRequestError(msg, validation.Errors{f: fieldError("pass_fixed", msg)})
		}
	}
	if e.HasSuperuserAuth() {
		return false, nil
	}
	from, to := orig.GetString("status"), r.GetString("status")
	refuse := func(field, code, msg string) (bool, error) {
		return false, e.BadRequestError(msg, validation.Errors{field: fieldError(code, msg)})
	}
	ended := passEnded(e.App, orig, clock.Now())

	if orig.GetString("user") == e.Auth.Id {
		if field, ok := onlyChanged(r, passFieldsResident...); !ok {
			return refuse(field, "pass_cancel_only",
				"You can cancel your pass, not change it. To change the days or the place, cancel it and ask again.")
		}
		if from == to {
			return true, nil // nothing changes
		}
		switch {
		case to != PassCancelled:
			return refuse("status", "pass_cancel_only", "You can cancel your pass. A house manager approves or declines it.")
		case from == PassRequested:
		case from == PassApproved && !ended:
		case from == PassApproved:
			return refuse("status", "pass_over", "This pass is over, so there is nothing to cancel.")
		default:
			return refuse("status", "pass_closed", "This pass was already "+from+", so there is nothing to cancel.")
		}
		return true, nil
	}

	// A manager of the house.
	if field, ok := onlyChanged(r, passFieldsManager...); !ok {
		return refuse(field, "pass_resident_fields",
			"The days, the place and the phone number are the resident's to give. A manager approves or declines the pass, with a reason.")
	}
	if from == to {
		if r.GetString("reason") != orig.GetString("reason") {
			return refuse("reason", "pass_decided", "A decision's reason is given with it: it can't be changed afterwards.")
		}
		return false, nil
	}
	switch {
	case from == PassRequested && (to == PassApproved || to == PassDeclined):
		if to == PassApproved && ended {
			return refuse("status", "pass_over", "This pass's days have passed, so it can't be approved now.")
		}
		now, _ := types.ParseDateTime(clock.Now())
		r.Set("decided_by", e.Auth.Id)
		r.Set("decided_at", now)
	case from == PassApproved && to == PassCancelled:
		if ended {
			return refuse("status", "pass_over", "This pass is over, so there is nothing to end.")
		}
	case from == PassRequested:
		return refuse("status", "pass_decide", "A manager approves or declines a pass; the resident cancels it.")
	default:
		return refuse("status", "pass_closed", "This pass was already "+from+": its decision stands. The resident can ask for a new one.")
	}
	return false, nil
}

// passEnded reports whether the pass's last day has passed in its house.
func passEnded(app core.App, pass *core.Record, now time.Time) bool {
	today := domain.PassDay(now, houseLocationByID(app, pass.GetString("house")))
	return passDay(pass, "ends") < today
}

// passDay is a date field of a pass as a house-local day (passes store
// the day at midnight UTC).
func passDay(pass *core.Record, field string) domain.CivilDay {
	return domain.CivilDayOf(pass.GetDateTime(field).Time().UTC())
}

// passSpan is the pass as the jobs read it.
func passSpan(pass *core.Record) domain.PassSpan {
	return domain.PassSpan{ID: pass.Id, User: pass.GetString("user"),
		Starts: passDay(pass, "starts"), Ends: passDay(pass, "ends")}
}

// phonePattern is a phone number as people write it: digits, spaces,
// dashes, dots and brackets, a leading +, and an extension after "x".
var phonePattern = regexp.MustCompile(`^\+?[0-9 ().\-]{7,30}( ?(x|ext\.?) ?[0-9]{1,6})?$`)

// validPhone reports whether s reads as a phone number: the pattern, with
// 7 to 15 digits before any extension.
func validPhone(s string) bool {
	if !phonePattern.MatchString(s) {
		return false
	}
	main, _, _ := strings.Cut(strings.ToLower(s), "x")
	main, _, _ = strings.Cut(main, "ext")
	digits := 0
	for _, c := range main {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	return digits >= 7 && digits <= 15
}

// validatePass checks a pass in plain words, for every save: the days
// (the last not before the first, not in the past, at most PassMaxDays),
// no other pass of the person asked for or approved on one of its days, a
// place and a phone number there, a reason to decline, and a resident of
// the house.
func validatePass(e *core.RecordEvent, clock clockwork.Clock) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	house, err := e.App.FindRecordById("houses", r.GetString("house"))
	if err != nil {
		return errs // PocketBase says the house is missing
	}
	// Days are kept at midnight UTC, whatever time of day was sent.
	for _, f := range []string{"starts", "ends"} {
		if t := r.GetDateTime(f); !t.IsZero() {
			d := domain.CivilDayOf(t.Time().UTC())
			if midnight, err := types.ParseDateTime(d.String()); err == nil {
				r.Set(f, midnight)
			}
		}
	}
	today := domain.PassDay(clock.Now(), houseLocation(e.App, house))
	hasDays := !r.GetDateTime("starts").IsZero() && !r.GetDateTime("ends").IsZero()
	span := passSpan(r)
	if hasDays && changed(r, "starts", "ends") {
		switch {
		case span.Starts < today:
			errs["starts"] = fieldError("pass_starts_past", "A pass starts today or later: pick today or a day ahead.")
		case int(span.Starts-today) > domain.PassMaxAhead:
			errs["starts"] = fieldError("pass_too_far", "A pass can be asked for up to a year ahead.")
		}
		switch {
		case span.Ends < span.Starts:
			errs["ends"] = fieldError("pass_ends_before_starts", "The last day can't be before the first day.")
		case int(span.Ends-span.Starts)+1 > domain.PassMaxDays:
			errs["ends"] = fieldError("pass_too_long",
				"A pass is at most 30 days. For a longer time away, talk with your house manager.")
		}
	}
	if changed(r, "destination") && r.GetString("destination") != "" && strings.TrimSpace(r.GetString("destination")) == "" {
		errs["destination"] = fieldError("pass_destination", "Say where you'll be, like \"my mom's house in Fresno\".")
	}
	if phone := strings.TrimSpace(r.GetString("phone")); changed(r, "phone") && phone != "" && !validPhone(phone) {
		errs["phone"] = fieldError("pass_phone",
			"Give a phone number you can be reached at there, like 555-123-4567 or +1 555 123 4567.")
	}
	status := r.GetString("status")
	if status == PassDeclined && strings.TrimSpace(r.GetString("reason")) == "" {
		errs["reason"] = fieldError("pass_reason_required", "Say why in a few kind words: the resident reads them.")
	}
	user := r.GetString("user")
	if user != "" && changed(r, "house", "user") && !residentOf(e.App, user, house.Id) {
		errs["user"] = fieldError("pass_not_resident", "Passes are for the residents of the house.")
	}
	if hasDays && user != "" && (status == PassRequested || status == PassApproved) &&
		changed(r, "starts", "ends", "status") && errs["starts"] == nil && errs["ends"] == nil {
		if other := overlappingPass(e.App, r, span); other != nil {
			errs["starts"] = fieldError("pass_overlap",
				"You already have a pass on some of these days, from "+passDay(other, "starts").String()+" to "+
					passDay(other, "ends").String()+". Pick other days, or cancel that pass first.")
		}
	}
	return errs
}

// residentOf reports whether the person is a resident (active or away) of
// the house.
func residentOf(app core.App, userID, houseID string) bool {
	var n int
	_ = app.DB().Select("count(*)").From("memberships").
		Where(dbx.HashExp{"house": houseID, "user": userID, "role": RoleResident}).
		AndWhere(dbx.NewExp(memberSQL(""))).Row(&n)
	return n > 0
}

// overlappingPass finds another pass of the same person and house, asked
// for or approved, that shares a day with span; nil when there is none.
func overlappingPass(app core.App, r *core.Record, span domain.PassSpan) *core.Record {
	from, _ := types.ParseDateTime(span.Starts.String())
	to, _ := types.ParseDateTime(span.Ends.String())
	others, err := app.FindRecordsByFilter("passes",
		"house = {:house} && user = {:user} && id != {:id} && (status = {:requested} || status = {:approved}) && starts <= {:to} && ends >= {:from}",
		"starts", 1, 0, dbx.Params{"house": r.GetString("house"), "user": r.GetString("user"), "id": r.Id,
			"requested": PassRequested, "approved": PassApproved, "from": from.String(), "to": to.String()})
	if err != nil || len(others) == 0 {
		return nil
	}
	return others[0]
}
