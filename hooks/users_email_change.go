package hooks

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/mails"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/routine"
)

// emailChangePattern is the route PocketBase serves email change requests
// on, as its router names the matched pattern.
const emailChangePattern = "POST /api/collections/{collection}/request-email-change"

// bindUsersEmailChange makes an email change request answer the same
// whether or not the new address belongs to another account. PocketBase
// refuses a taken address with `validation_invalid_new_email`, which told
// any signed-in person whether someone (a former housemate, a relative)
// has an account. See docs/API.md, "Changing one's email".
func bindUsersEmailChange(app core.App) {
	app.OnRecordRequestEmailChangeRequest().BindFunc(sendEmailChangeLater)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthQuietEmailChange",
			Priority: apis.DefaultRateLimitMiddlewarePriority + 20, // after the auth token is read
			Func:     quietEmailChange,
		})
		return se.Next()
	})
}

// quietEmailChange lets PocketBase handle the request (its rate limit, its
// checks), then answers a refusal that can only mean "this address is
// taken" as PocketBase answers a request it accepted: 204, with no email
// sent to anybody.
func quietEmailChange(e *core.RequestEvent) error {
	if e.Request.Pattern != emailChangePattern || e.Auth == nil || e.Auth.IsSuperuser() {
		return e.Next()
	}
	// The body as PocketBase's handler will read it (the same binder on
	// the same re-readable body).
	var form struct {
		NewEmail string `form:"newEmail" json:"newEmail"`
	}
	if err := e.BindBody(&form); err != nil || form.NewEmail == "" {
		return e.Next()
	}
	owner, _ := e.App.FindAuthRecordByEmail(e.Auth.Collection(), form.NewEmail)
	taken := owner != nil && owner.Id != e.Auth.Id

	err := e.Next()
	if err == nil || !taken {
		return err
	}
	// A stored address is well formed and not the requester's own, so a
	// refusal of newEmail can only be the uniqueness check.
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest && refusesOnly(apiErr, "newEmail") {
		return e.NoContent(http.StatusNoContent)
	}
	return err
}

// sendEmailChangeLater answers a request for a free address at once and
// sends its link after the answer, as PocketBase would have sent it inside
// the request: a send that fails (no mail server set up) or takes the time
// a mail server takes would otherwise tell a free address from a taken one,
// which is answered at once with nothing sent. A failed send is logged.
func sendEmailChangeLater(e *core.RecordRequestEmailChangeRequestEvent) error {
	app, record, newEmail := e.App, e.Record, e.NewEmail
	routine.FireAndForget(func() {
		if err := mails.SendRecordChangeEmail(app, record, newEmail); err != nil {
			app.Logger().Error("sending an email change link", "user", record.Id, "error", err)
		}
	})
	return e.NoContent(http.StatusNoContent)
}

// refusesOnly reports whether an API error's field errors name field and
// nothing else.
func refusesOnly(apiErr *router.ApiError, field string) bool {
	if len(apiErr.Data) != 1 {
		return false
	}
	_, ok := apiErr.Data[field]
	return ok
}
