package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// bindAuditAccess keeps audit_events append-only, superusers included:
// no update and no delete by any path that goes through records (the API,
// app.Save and app.Delete from code), and no create through the API (the
// server writes rows, chained, with AppendAudit). Only the retention job
// removes the oldest rows, by SQL, and records that it did.
func bindAuditAccess(app core.App) {
	app.OnRecordUpdate("audit_events").BindFunc(func(e *core.RecordEvent) error {
		return errAuditChange
	})
	app.OnRecordDelete("audit_events").BindFunc(func(e *core.RecordEvent) error {
		return errAuditDelete
	})
	app.OnRecordCreateRequest("audit_events").BindFunc(func(e *core.RecordRequestEvent) error {
		return e.ForbiddenError("Only Hearth itself writes the audit trail.", nil)
	})
	app.OnRecordUpdateRequest("audit_events").BindFunc(func(e *core.RecordRequestEvent) error {
		return e.ForbiddenError("The audit trail cannot be changed.", nil)
	})
	app.OnRecordDeleteRequest("audit_events").BindFunc(func(e *core.RecordRequestEvent) error {
		return e.ForbiddenError("The audit trail cannot be deleted from.", nil)
	})
}

var (
	errAuditChange = errors.New("the audit trail cannot be changed")
	errAuditDelete = errors.New("the audit trail cannot be deleted from")
)
