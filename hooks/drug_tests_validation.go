package hooks

import (
	"strings"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindDrugTestsValidation stamps who recorded a test, keeps it from being
// changed after its first day (a correction is a new test with corrects),
// and checks it in plain words: not in the future, a positive result names
// what was found, and the person lives in the house.
func bindDrugTestsValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("drug_tests").BindFunc(func(e *core.RecordRequestEvent) error {
		stampStaffRecord(e, clock)
		return e.Next()
	})
	app.OnRecordUpdateRequest("drug_tests").BindFunc(func(e *core.RecordRequestEvent) error {
		return checkStaffRecordUpdate(e, clock, "test")
	})
	app.OnRecordValidate("drug_tests").BindFunc(fieldErrors(func(e *core.RecordEvent) validation.Errors {
		return validateDrugTest(e, clock)
	}))
}

// DrugTestPositive is the result that must name its substances.
const DrugTestPositive = "positive"

func validateDrugTest(e *core.RecordEvent, clock clockwork.Clock) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	notInFuture(errs, r, "tested_at", clock.Now(), "A test is recorded once it has been taken: pick a time that has passed.")
	var substances []any
	_ = r.UnmarshalJSONField("substances", &substances)
	named := 0
	for _, s := range substances {
		str, ok := s.(string)
		if !ok || strings.TrimSpace(str) == "" {
			errs["substances"] = fieldError("substances_list", "Substances are a list of names, like \"alcohol\" or \"opioids\".")
			break
		}
		named++
	}
	if r.GetString("result") == DrugTestPositive && named == 0 && errs["substances"] == nil {
		errs["substances"] = fieldError("substances_required", "A positive result names what was found: pick at least one substance.")
	}
	if house, user := r.GetString("house"), r.GetString("user"); house != "" && user != "" &&
		(changedOrNew(r, "user") || changedOrNew(r, "house")) && !livesIn(e.App, user, house) {
		errs["user"] = fieldError("not_in_house", "This person doesn't live in this house, so a test for them can't be recorded here.")
	}
	checkCorrects(e, errs, "test", "user")
	return errs
}
