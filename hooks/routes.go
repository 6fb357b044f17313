package hooks

import (
	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// The route table: every Hearth route, in the manner of PocketBase's
// apis.NewRouter. Each line shows the method, the path under /api/hearth,
// the handler and its auth; the comment names the rate-limit rule that
// covers it (docs/API.md#rate-limits: PocketBase's limiter takes the rule
// labelled exactly "METHOD /path", else the first rule whose label is a
// prefix of the path, so a route falls under "/api/hearth/", 120 per 10 s,
// unless it has its own label).
// A route without RequireAuth is open to anyone; its handler checks what
// it needs. The handlers live in the capability files.

// bindRoutes binds the /api/hearth routes once the server starts.
func bindRoutes(app core.App, clock clockwork.Clock) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		rg := se.Router.Group("/api/hearth")
		bindNotificationsApi(app, rg)
		bindInvitesApi(app, rg, clock)
		bindChoresApi(app, rg, clock)
		bindTodayApi(app, rg, clock)
		bindHouseStatusApi(app, rg, clock)
		bindBoardApi(app, rg)
		bindPushApi(app, rg)
		bindReportsApi(app, rg, clock)
		bindMeRecordApi(rg)
		bindStaffRecordsApi(app, rg, clock)
		bindFirstDayApi(rg, clock)
		return se.Next()
	})
}

// bindNotificationsApi binds the notification routes.
func bindNotificationsApi(app core.App, rg *router.RouterGroup[*core.RequestEvent]) {
	sub := rg.Group("/notifications").Bind(apis.RequireAuth("users"))
	sub.POST("/read-all", markAllRead) // rate limit: /api/hearth/
}

// bindInvitesApi binds the invite routes: a manager makes an invite, and
// anyone holding its code looks it up and redeems it.
func bindInvitesApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	h := invitesHandlers{clock: clock}
	rg.POST("/houses/{id}/invites", h.create).Bind(apis.RequireAuth("users", core.CollectionNameSuperusers)) // rate limit: /api/hearth/
	sub := rg.Group("/invites")
	sub.POST("/lookup", h.lookup) // no auth; rate limit: POST /api/hearth/invites/lookup (20 per 300 s)
	sub.POST("/redeem", h.redeem) // no auth; rate limit: POST /api/hearth/invites/redeem (10 per 300 s)
}

// bindChoresApi binds the managers' 4-week chore table.
func bindChoresApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.GET("/houses/{id}/chores/summary", func(e *core.RequestEvent) error {
		return choreSummary(e, clock)
	}).Bind(apis.RequireAuth("users", core.CollectionNameSuperusers)) // rate limit: /api/hearth/
}

// bindTodayApi binds GET /api/hearth/today, the resident's day in one
// request: what the home screen shows.
func bindTodayApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.GET("/today", func(e *core.RequestEvent) error {
		return today(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
}

// bindHouseStatusApi binds GET /api/hearth/houses/{id}/status, the
// managers' "Today and tonight" board.
func bindHouseStatusApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.GET("/houses/{id}/status", func(e *core.RequestEvent) error {
		return houseStatus(e, clock)
	}).Bind(apis.RequireAuth("users", core.CollectionNameSuperusers)) // rate limit: /api/hearth/
}

// bindBoardApi binds GET /api/hearth/houses/{id}/board, a page of
// the house board with each post's author, reactions and comments (with
// their authors): what board.js used to ask PocketBase's list for with
// expand=author,reactions_via_post,comments_via_post.author, in four
// queries where the list runs two per post and one per person.
func bindBoardApi(app core.App, rg *router.RouterGroup[*core.RequestEvent]) {
	rg.GET("/houses/{id}/board", boardPage).Bind(apis.RequireAuth("users", core.CollectionNameSuperusers)) // rate limit: /api/hearth/
}

// bindPushApi binds GET /api/hearth/push/key, the VAPID public key a
// device turns push on with, and POST /api/hearth/push/test, a test
// notification by push to every device of the requester.
func bindPushApi(app core.App, rg *router.RouterGroup[*core.RequestEvent]) {
	rg.GET("/push/key", pushKey).Bind(apis.RequireAuth("users", core.CollectionNameSuperusers)) // rate limit: /api/hearth/
	rg.POST("/push/test", pushTest).Bind(apis.RequireAuth("users"))                             // rate limit: /api/hearth/
}

// bindStaffRecordsApi binds the staff records' routes: a person named in an
// incident acknowledges its agreement; a manager has Hearth pick
// residents for a random test.
func bindStaffRecordsApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.POST("/incidents/{id}/acknowledge", func(e *core.RequestEvent) error {
		return acknowledgeIncident(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
	rg.POST("/houses/{id}/random-tests", func(e *core.RequestEvent) error {
		return pickRandomTests(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
}
