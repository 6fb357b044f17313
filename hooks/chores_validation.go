package hooks

import (
	"fmt"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// bindChoresValidation checks every save of a chore, from the API, the
// dashboard or Go code, and fills a new chore's defaults.
func bindChoresValidation(app core.App) {
	app.OnRecordCreateRequest("chores").BindFunc(applyChoreDefaults)
	app.OnRecordValidate("chores").BindFunc(fieldErrors(validateChore))
}

// applyChoreDefaults makes a chore created through the API active and worth
// one point unless the request says otherwise.
func applyChoreDefaults(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	if _, ok := info.Body["active"]; !ok {
		e.Record.Set("active", true)
	}
	if v, ok := info.Body["points"]; !ok || v == nil || v == "" {
		e.Record.Set("points", 1)
	}
	return e.Next()
}

func validateChore(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if v := r.GetString("due_time"); v != "" {
		if _, err := domain.ParseClock(v); err != nil {
			errs["due_time"] = fieldError("invalid_time", "The due time needs a 24-hour time like 09:30 (hours 00 to 23, minutes 00 to 59).")
		}
	}
	if r.GetString("cadence") == domain.CadenceMonthly && r.GetInt("monthday") < 1 {
		errs["monthday"] = fieldError("monthday_required",
			"Pick the day of the month, from 1 to 28 (every month has those).")
	}
	if r.GetInt("points") < 1 {
		errs["points"] = fieldError("invalid_points", "Points are a whole number from 1 to 10: how much effort the chore takes.")
	}
	if changed(r, "rotation", "house") {
		for _, id := range r.GetStringSlice("rotation") {
			if !IsMemberOf(e.App, id, r.GetString("house")) {
				name := personName(e.App, id, r.GetString("house"), "Someone in the list")
				errs["rotation"] = fieldError("rotation_not_housemate",
					fmt.Sprintf("%s doesn't live in this house, so they can't share its chores.", name))
				break
			}
		}
	}
	return errs
}
