package hooks

import (
	"encoding/json/v2"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// bindFilterGuard refuses, for everyone but superusers, filters and sorts
// that reach through a back-relation (`posts_via_author`,
// `reports_via_reporter`, ...), in requests and in realtime subscription
// options alike, and refuses subscription options the server cannot read.
//
// PocketBase v0.40 applies the related collection's rules to a
// back-relation only in "any of" conditions: in negated or "every"
// conditions (`!=`, `!~`, `=` on `*_via_*`) its subquery reads the rows
// unfiltered. A resident could then ask yes-or-no questions about rows
// the rules hide (a hidden post's words, who reported a post, another
// house's check-in notes) and read them out letter by letter. The web app
// only expands back-relations, which applies each record's view rule, and
// never filters or sorts on them.
//
// The guard looks at exactly what PocketBase will use: every value of the
// request's query parameters (PocketBase takes the first), and a
// subscription's options as PocketBase's own subscriptions client reads
// them. Options that PocketBase would read only in part (a repeated key, a
// malformed JSON document) are refused rather than guessed at. See
// docs/API.md, "Filters, sorts and subscriptions".
func bindFilterGuard(app core.App) {
	g := &filterGuard{}
	// A middleware on every route, not a list hook: PocketBase runs the
	// query before its list hooks, and the refusal must come before any
	// query runs. Every path, not only /api/collections/: a guard keyed on
	// the path would have to agree with the router on every spelling of it.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g.learn(se.App)
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthFilterGuard",
			Priority: apis.DefaultRateLimitMiddlewarePriority + 20, // after the auth token is read
			Func:     g.guardQueryFilters,
		})
		return se.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(g.guardSubscriptionOptions)
	// A collection added or changed may bring a new multi-relation.
	relearn := func(e *core.CollectionEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		g.learn(e.App)
		return nil
	}
	app.OnCollectionAfterCreateSuccess().BindFunc(relearn)
	app.OnCollectionAfterUpdateSuccess().BindFunc(relearn)
	app.OnCollectionAfterDeleteSuccess().BindFunc(relearn)
}

// filterGuard knows the names of the schema's multi-relation fields
// (chores.rotation): PocketBase's "every item" subquery for `!=`, `!~` and
// `=` on a multi-relation reads the related rows with no rule and no email
// visibility, as it does for back-relations, so a path through one is
// refused too.
type filterGuard struct {
	multi atomic.Pointer[[]string]
}

// learn reads the multi-relation field names from the schema.
func (g *filterGuard) learn(app core.App) {
	collections, err := app.FindAllCollections()
	if err != nil {
		app.Logger().Error("filter guard: reading the collections", "error", err)
		return
	}
	var names []string
	for _, c := range collections {
		for _, f := range c.Fields {
			if rel, ok := f.(*core.RelationField); ok && rel.IsMultiple() {
				names = append(names, strings.ToLower(rel.Name))
			}
		}
	}
	g.multi.Store(&names)
}

// refusal is the words refusing a filter or sort for param, or "" when
// PocketBase may run it.
func (g *filterGuard) refusal(param, expr string) string {
	lower := strings.ToLower(expr)
	if reachesBack(lower) {
		return backRelationRefusal(param)
	}
	// Emails are shown only to those the owner allows, and PocketBase
	// checks that on its main join only: a condition or an order on an
	// email (users.email, author.email, rotation.email) would read hidden
	// ones, one letter at a time.
	if strings.Contains(lower, "email") {
		return fmt.Sprintf("The %s can't use email addresses.", param)
	}
	if names := g.multi.Load(); names != nil {
		for _, n := range *names {
			if strings.Contains(lower, n+".") {
				return fmt.Sprintf("The %s can't look inside %q; use expand to read it.", param, n)
			}
		}
	}
	return ""
}

// filteringParams are the query parameters PocketBase reads as filter or
// sort expressions.
var filteringParams = []string{"filter", "sort"}

func (g *filterGuard) guardQueryFilters(e *core.RequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	q := e.Request.URL.Query()
	for _, param := range filteringParams {
		for _, v := range q[param] {
			if msg := g.refusal(param, v); msg != "" {
				return e.BadRequestError(msg, nil)
			}
		}
	}
	return e.Next()
}

func (g *filterGuard) guardSubscriptionOptions(e *core.RealtimeSubscribeRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	for _, s := range e.Subscriptions {
		query, err := subscriptionQuery(s)
		if err != nil {
			return e.BadRequestError(unreadableOptions, nil)
		}
		for param, v := range query {
			if msg := g.refusal(param, v); msg != "" {
				return e.BadRequestError(msg, nil)
			}
		}
	}
	return e.Next()
}

// reachesBack reports whether a filter or sort names a back-relation.
func reachesBack(expr string) bool {
	return strings.Contains(strings.ToLower(expr), "_via_")
}

func backRelationRefusal(param string) string {
	return fmt.Sprintf("The %s can't look through related records (\"_via_\"); use expand to read them.", param)
}

// errUnreadableOptions is a subscription whose options PocketBase would
// read only in part, or not at all; unreadableOptions are the words that
// refuse it.
var errUnreadableOptions = errors.New("unreadable subscription options")

const unreadableOptions = `The subscription's options could not be read. Send them as one JSON object, for example options={"query":{"filter":"..."}}, with each key once.`

// subscriptionQuery returns the query options PocketBase will apply to a
// realtime subscription ("topic?options={\"query\":{...}}"), read by
// PocketBase's own subscriptions client, or an error when the subscription
// or its options cannot be read whole: PocketBase ignores a topic it cannot
// parse and keeps whatever it decoded of a JSON document before an error
// (the first of two repeated keys), so a guard that decoded the same text
// any other way could see something else than PocketBase applies.
func subscriptionQuery(subscription string) (map[string]string, error) {
	u, err := url.Parse(subscription)
	if err != nil {
		return nil, errUnreadableOptions
	}
	values := u.Query()
	if len(values["options"]) > 1 {
		return nil, errUnreadableOptions
	}
	if raw := values.Get("options"); raw != "" {
		// The shape PocketBase decodes into, with the same decoder: an
		// error here is an error PocketBase ignores halfway through.
		var options struct {
			Query   map[string]any `json:"query"`
			Headers map[string]any `json:"headers"`
		}
		if err := json.Unmarshal([]byte(raw), &options); err != nil {
			return nil, errUnreadableOptions
		}
	}
	client := subscriptions.NewDefaultClient()
	defer client.Discard()
	client.Subscribe(subscription)
	for _, options := range client.Subscriptions() {
		return options.Query, nil
	}
	return nil, nil
}
