package hooks

import (
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"hearth/domain"
)

// bindCommentsValidation writes a one-tap answer's words, holds the
// author of a comment to its body, and checks every save.
func bindCommentsValidation(app core.App) {
	// Before PocketBase's own validation, which requires a body.
	app.OnRecordValidate("comments").Bind(&hook.Handler[*core.RecordEvent]{
		Priority: -10,
		Func:     fillQuickAnswer,
	})
	app.OnRecordValidate("comments").BindFunc(fieldErrors(validateComment))
	app.OnRecordUpdateRequest("comments").BindFunc(checkCommentUpdate)
}

// fillQuickAnswer writes the words of a one-tap answer ("On my way") into
// the body, whatever the client sent with it.
func fillQuickAnswer(e *core.RecordEvent) error {
	r := e.Record
	if words, ok := domain.QuickAnswerWords[r.GetString("quick")]; ok && r.IsNew() {
		r.Set("body", words)
	}
	return e.Next()
}

// checkCommentUpdate lets the author change only the body; an edited
// one-tap answer becomes an ordinary comment.
func checkCommentUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	if _, ok := onlyChanged(r, "body"); !ok {
		return e.ForbiddenError("You can change only what your comment says.", nil)
	}
	if changed(r, "body") {
		r.Set("quick", "")
	}
	return e.Next()
}

// validateComment refuses an empty comment, and a one-tap answer anywhere
// but on a need-support post.
func validateComment(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if strings.TrimSpace(r.GetString("body")) == "" {
		errs["body"] = fieldError("body_empty", "Write a few words before sending.")
	}
	if r.GetString("quick") != "" && changed(r, "quick", "post") {
		post, err := e.App.FindRecordById("posts", r.GetString("post"))
		if err == nil && post.GetString("kind") != PostSupport {
			errs["quick"] = fieldError("quick_support_only", msgQuickNotSupport)
		}
	}
	return errs
}
