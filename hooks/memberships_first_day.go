package hooks

import (
	"net/http"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// The first-day guide's times on a membership (docs/API.md, "The
// first-day guide"): hidden fields that only the server sets.
const (
	fieldRulesReadAt = "rules_read_at"
	fieldGuideDoneAt = "guide_done_at"
)

// bindFirstDayApi binds the two routes of the first-day guide: the
// resident says they have read the house rules, and finishes (or closes)
// the guide. Each writes the time, now, on the requester's own membership.
func bindFirstDayApi(rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.POST("/memberships/{id}/rules-read", func(e *core.RequestEvent) error {
		return markFirstDay(e, clock, fieldRulesReadAt)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
	rg.POST("/memberships/{id}/guide-done", func(e *core.RequestEvent) error {
		return markFirstDay(e, clock, fieldGuideDoneAt)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
}

// joinedByInvite marks the save of a place made by redeeming an invite
// (joinHouse), as a context value.
type joinedByInvite struct{}

// bindFirstDayDefaults makes every new place but one made by an invite
// start with its guide done: the guide is for the person who just came
// through the door, while a place added by a superuser or
// `hearth house create` is for someone already living there (clearing
// guide_done_at in the dashboard offers it to them).
func bindFirstDayDefaults(app core.App, clock clockwork.Clock) {
	app.OnRecordCreateExecute("memberships").BindFunc(func(e *core.RecordEvent) error {
		if byInvite, _ := e.Context.Value(joinedByInvite{}).(bool); !byInvite && e.Record.GetDateTime(fieldGuideDoneAt).IsZero() {
			e.Record.Set(fieldGuideDoneAt, clock.Now())
		}
		return e.Next()
	})
}

// firstDayResponse answers both routes: the membership's two times, as
// PocketBase writes dates ("" for not yet).
type firstDayResponse struct {
	ID          string `json:"id"`
	RulesReadAt string `json:"rules_read_at"`
	GuideDoneAt string `json:"guide_done_at"`
}

// markFirstDay sets field to now on the requester's own membership, which
// must be current (active or away): nobody records it for someone else,
// managers and partners included (404, as for a membership that does not
// exist), and someone who moved out has no first day to record (403).
// Saying the rules were read needs rules to read. A later call records the
// later time: the resident read them again.
func markFirstDay(e *core.RequestEvent, clock clockwork.Clock, field string) error {
	var out *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		m, err := tx.FindRecordById("memberships", e.Request.PathValue("id"))
		if err != nil || m.GetString("user") != e.Auth.Id {
			return router.NewNotFoundError("", nil)
		}
		if !domain.IsMember(m.GetString("status")) {
			return router.NewForbiddenError("You no longer live in this house, so there is nothing to record here.", nil)
		}
		if field == fieldRulesReadAt {
			house, err := tx.FindRecordById("houses", m.GetString("house"))
			if err != nil {
				return err
			}
			if strings.TrimSpace(house.GetString("rules")) == "" {
				msg := "This house has no rules written down yet, so there is nothing to mark as read."
				return router.NewBadRequestError(msg, validation.Errors{"rules": fieldError("no_rules", msg)})
			}
		}
		now, err := types.ParseDateTime(clock.Now())
		if err != nil {
			return err
		}
		m.Set(field, now)
		if err := tx.Save(m); err != nil {
			return err
		}
		out = m
		return nil
	})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, firstDayResponse{
		ID:          out.Id,
		RulesReadAt: out.GetDateTime(fieldRulesReadAt).String(),
		GuideDoneAt: out.GetDateTime(fieldGuideDoneAt).String(),
	})
}

// refuseFirstDayFields refuses an API update of a membership whose body
// names a first-day time, whoever sends it but a superuser: PocketBase
// would drop the hidden field silently, and a manager or a resident should
// hear that the server alone records these. The body is read as a whole,
// so a key given twice is seen whichever of its values a parser keeps.
func refuseFirstDayFields(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	body := map[string]any{}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request body could not be read.", err)
	}
	errs := validation.Errors{}
	for _, f := range []string{fieldRulesReadAt, fieldGuideDoneAt} {
		if _, ok := body[f]; ok {
			errs[f] = fieldError("server_set", "Hearth records this itself, when the resident goes through their first-day guide.")
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Hearth records the first-day guide's times itself.", errs)
	}
	return e.Next()
}

// revealFirstDay shows a membership's first-day times to its own person
// and to the house's managers; housemates do not see who has read the
// rules.
func revealFirstDay(e *core.RecordEnrichEvent) error {
	viewer := e.RequestInfo.Auth
	r := e.Record
	if viewer == nil || viewer.IsSuperuser() {
		return e.Next()
	}
	if r.GetString(fieldRulesReadAt) == "" && r.GetString(fieldGuideDoneAt) == "" {
		return e.Next()
	}
	if viewer.Id == r.GetString("user") || viewerManagesHouse(e.App, e.RequestInfo, r.GetString("house")) {
		r.Unhide(fieldRulesReadAt, fieldGuideDoneAt)
	}
	return e.Next()
}

// managedHousesMemo is the houses one request's viewer manages, read once
// however many memberships the response holds (a roster of 200).
type managedHousesMemo struct {
	once   sync.Once
	viewer string
	houses map[string]bool
	err    error
}

// managedHousesByRequest holds one memo per request, keyed as
// managedByRequest is.
var managedHousesByRequest sync.Map // weak.Pointer[core.RequestInfo] -> *managedHousesMemo

// viewerManagesHouse reports whether the request's viewer is an active
// manager of the house, asking the database once per request.
func viewerManagesHouse(app core.App, info *core.RequestInfo, houseID string) bool {
	viewer := info.Auth
	if viewer == nil || houseID == "" {
		return false
	}
	key := weak.Make(info)
	v, loaded := managedHousesByRequest.LoadOrStore(key, &managedHousesMemo{viewer: viewer.Id})
	memo := v.(*managedHousesMemo)
	if !loaded {
		runtime.AddCleanup(info, func(k weak.Pointer[core.RequestInfo]) { managedHousesByRequest.Delete(k) }, key)
	}
	if memo.viewer != viewer.Id {
		return IsManagerOf(app, viewer.Id, houseID)
	}
	memo.once.Do(func() {
		var ids []string
		memo.err = app.DB().Select("house").From("memberships").
			Where(dbx.HashExp{"user": viewer.Id}).AndWhere(dbx.NewExp(managerSQL(""))).Column(&ids)
		memo.houses = map[string]bool{}
		for _, id := range ids {
			memo.houses[id] = true
		}
	})
	if memo.err != nil {
		app.Logger().Warn("first-day guide: reading the viewer's houses failed", "viewer", viewer.Id, "error", memo.err)
		return false
	}
	return memo.houses[houseID]
}
