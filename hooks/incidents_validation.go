package hooks

import (
	"strings"

	"net/http"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Incident severities and statuses the hooks act on.
const (
	// IncidentCritical is the severity that emails every superuser.
	IncidentCritical = "critical"
	// IncidentOpen is a new incident's status.
	IncidentOpen = "open"
)

// bindIncidentsValidation stamps who recorded an incident, keeps the
// acknowledgements the server's own, keeps an incident from being changed
// after its first day except to open or close it, checks it in plain words
// (not in the future, the people named live in the house, a critical one
// says what was done). The acknowledge route is in routes.go.
func bindIncidentsValidation(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateRequest("incidents").BindFunc(func(e *core.RecordRequestEvent) error {
		stampStaffRecord(e, clock)
		e.Record.Set("acknowledged", map[string]any{})
		if e.Record.GetString("status") == "" {
			e.Record.Set("status", IncidentOpen)
		}
		return e.Next()
	})
	app.OnRecordUpdateRequest("incidents").BindFunc(func(e *core.RecordRequestEvent) error {
		e.Record.Set("acknowledged", e.Record.Original().Get("acknowledged"))
		return checkStaffRecordUpdate(e, clock, "incident", "status")
	})
	app.OnRecordValidate("incidents").BindFunc(fieldErrors(func(e *core.RecordEvent) validation.Errors {
		return validateIncident(e, clock)
	}))
}

func validateIncident(e *core.RecordEvent, clock clockwork.Clock) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	notInFuture(errs, r, "occurred_at", clock.Now(), "An incident is written once it has happened: pick a time that has passed.")
	if house := r.GetString("house"); house != "" && (changedOrNew(r, "people") || changedOrNew(r, "house")) {
		for _, id := range r.GetStringSlice("people") {
			if !livesIn(e.App, id, house) {
				errs["people"] = fieldError("not_in_house", "Everyone named must live in this house; one of the people picked doesn't.")
				break
			}
		}
	}
	if r.GetString("severity") == IncidentCritical && strings.TrimSpace(r.GetString("actions")) == "" {
		errs["actions"] = fieldError("actions_required", "A critical incident says what was done: fill in the actions taken.")
	}
	checkCorrects(e, errs, "incident")
	return errs
}

// acknowledgeIncident records that the requester, a person named in the
// incident, has read its agreement: acknowledged[their id] = now. Others
// are refused; acknowledging twice keeps the first time.
func acknowledgeIncident(e *core.RequestEvent, clock clockwork.Clock) error {
	var out *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById("incidents", e.Request.PathValue("id"))
		if err != nil {
			return router.NewNotFoundError("", nil)
		}
		named := false
		for _, id := range r.GetStringSlice("people") {
			named = named || id == e.Auth.Id
		}
		if !named {
			// Indistinguishable from an incident that does not exist.
			return router.NewNotFoundError("", nil)
		}
		if r.GetString("agreement") == "" {
			msg := "This incident has no agreement to acknowledge."
			return router.NewBadRequestError(msg, validation.Errors{"agreement": fieldError("no_agreement", msg)})
		}
		acks := map[string]any{}
		_ = r.UnmarshalJSONField("acknowledged", &acks)
		if _, done := acks[e.Auth.Id]; !done {
			now, _ := types.ParseDateTime(clock.Now())
			acks[e.Auth.Id] = now.String()
			r.Set("acknowledged", acks)
			// The audit trail's update row names the person who acknowledged.
			auditWriters.Store(r, auditWriter{actor: e.Auth.Id, kind: actorKind(e.Auth), ip: e.RealIP()})
			defer auditWriters.Delete(r)
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"id": out.Id, "acknowledged": out.Get("acknowledged")})
}
