package hooks

import (
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindReportsValidation files a report with its post's house, refuses a
// second report of the same post by the same person, and tells the
// house's managers in the same transaction as the report. The managers
// notified are the active managers of the house except the post's author
// (who never learns of a report, nor who made it) and the reporter.
func bindReportsValidation(app core.App) {
	app.OnRecordCreateRequest("reports").BindFunc(prepareReport)
	app.OnRecordValidate("reports").BindFunc(fieldErrors(validateReport))
	app.OnRecordCreateExecute("reports").BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return notifyReport(tx, e.Record)
		})
	})
}

// prepareReport sets the report's house from its post, whatever the
// client sent, and refuses a second report in words.
func prepareReport(e *core.RecordRequestEvent) error {
	r := e.Record
	post, err := e.App.FindRecordById("posts", r.GetString("post"))
	if err != nil {
		return e.NotFoundError("", err)
	}
	r.Set("house", post.GetString("house"))
	refused := e.BadRequestError(msgAlreadyReported, validation.Errors{"post": fieldError("already_reported", msgAlreadyReported)})
	var id string
	if err := e.App.DB().Select("id").From("reports").Where(dbx.HashExp{
		"post": post.Id, "reporter": r.GetString("reporter"),
	}).Limit(1).Row(&id); err == nil {
		return refused
	}
	if err := e.Next(); err != nil {
		if isNotUnique(err) {
			return refused
		}
		return err
	}
	return nil
}

// validateReport asks for a reason with words in it, and keeps a report
// with its post's house, where its managers read it.
func validateReport(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if strings.TrimSpace(r.GetString("reason")) == "" {
		errs["reason"] = fieldError("reason_empty", msgReasonEmpty)
	}
	var house string
	err := e.App.DB().Select("house").From("posts").Where(dbx.HashExp{"id": r.GetString("post")}).Row(&house)
	if err == nil && house != r.GetString("house") {
		errs["house"] = fieldError("report_house", "A report belongs to the house of the post it reports.")
	}
	return errs
}

// notifyReport tells the house's managers, except the post's author and
// the reporter.
func notifyReport(app core.App, report *core.Record) error {
	post, err := app.FindRecordById("posts", report.GetString("post"))
	if err != nil {
		return err
	}
	return NotifyManagers(app, report.GetString("house"), reportMessage(report.GetString("reason"), post.Id),
		post.GetString("author"), report.GetString("reporter"))
}
