package hooks

import (
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindReactionsValidation answers a second reaction of the same kind, by
// the same person on the same post, in words: the unique index
// (post, user, kind) refuses it anyway, also when two taps race. A
// reaction is toggled by deleting it.
func bindReactionsValidation(app core.App) {
	app.OnRecordCreateRequest("reactions").BindFunc(func(e *core.RecordRequestEvent) error {
		refused := e.BadRequestError(msgAlreadyReacted, validation.Errors{"kind": fieldError("already_reacted", msgAlreadyReacted)})
		r := e.Record
		var id string
		err := e.App.DB().Select("id").From("reactions").Where(dbx.HashExp{
			"post": r.GetString("post"), "user": r.GetString("user"), "kind": r.GetString("kind"),
		}).Limit(1).Row(&id)
		if err == nil {
			return refused
		}
		if err := e.Next(); err != nil {
			if isNotUnique(err) {
				return refused
			}
			return err
		}
		return nil
	})
}
