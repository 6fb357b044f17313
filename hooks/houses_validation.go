package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// bindHousesValidation checks every save of a house, whether it comes from
// the API, the dashboard or Go code.
func bindHousesValidation(app core.App) {
	app.OnRecordCreateRequest("houses").BindFunc(applyHouseDefaults)
	app.OnRecordValidate("houses").BindFunc(fieldErrors(validateHouse))
}

// houseDefaults are the contract's defaults for a new house's settings.
var houseDefaults = map[string]any{
	"checkin_by":        DefaultCheckinBy,
	"chore_grace":       DefaultChoreGrace,
	"meetings_per_week": DefaultMeetingsPerWeek,
	"support_craving":   DefaultSupportCraving,
}

// applyHouseDefaults fills the defaults of a house created through the API
// (the dashboard included) for each setting the request left out or blank.
// Go code that creates a house sets what it means.
func applyHouseDefaults(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	for field, def := range houseDefaults {
		if v, ok := info.Body[field]; !ok || v == nil || v == "" {
			e.Record.Set(field, def)
		}
	}
	return e.Next()
}

func validateHouse(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record

	if _, err := domain.LoadTimezone(r.GetString("timezone")); err != nil {
		errs["timezone"] = fieldError("invalid_timezone",
			"Choose the house's timezone by its full name, like America/Los_Angeles or Europe/Madrid.")
	}
	for field, what := range map[string]string{
		"curfew":         "The curfew",
		"curfew_weekend": "The weekend curfew",
		"checkin_by":     "The check-in deadline",
	} {
		if v := r.GetString(field); v != "" {
			if _, err := domain.ParseClock(v); err != nil {
				errs[field] = fieldError("invalid_time",
					what+" needs a 24-hour time like 23:00 (hours 00 to 23, minutes 00 to 59).")
			}
		}
	}
	if r.GetFloat("capacity") < 0 || r.GetFloat("capacity") != float64(r.GetInt("capacity")) {
		errs["capacity"] = fieldError("invalid_capacity", "Enter the number of beds as a whole number, or 0 for no limit.")
	}
	if r.GetFloat("chore_grace") < 0 {
		errs["chore_grace"] = fieldError("invalid_grace", "The grace time is a number of minutes, 0 or more.")
	}
	if v := r.GetFloat("support_craving"); v < 0 || v > 10 || v != float64(r.GetInt("support_craving")) {
		errs["support_craving"] = fieldError("invalid_support_craving", "Choose a craving from 0 to 10 (a whole number) at which support shows.")
	}
	if r.GetFloat("meetings_per_week") < 0 {
		errs["meetings_per_week"] = fieldError("invalid_meetings", "Meetings per week is a number, 0 or more.")
	}
	return errs
}
