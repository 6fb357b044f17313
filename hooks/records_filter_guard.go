package hooks

import (
	"encoding/json/v2"
	"errors"
	"fmt"
	"net/url"
	"strings"

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
	// A middleware on every route, not a list hook: PocketBase runs the
	// query before its list hooks, and the refusal must come before any
	// query runs. Every path, not only /api/collections/: a guard keyed on
	// the path would have to agree with the router on every spelling of it.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthFilterGuard",
			Priority: apis.DefaultRateLimitMiddlewarePriority + 20, // after the auth token is read
			Func:     guardQueryFilters,
		})
		return se.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(guardSubscriptionOptions)
}

// filteringParams are the query parameters PocketBase reads as filter or
// sort expressions.
var filteringParams = []string{"filter", "sort"}

func guardQueryFilters(e *core.RequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	q := e.Request.URL.Query()
	for _, param := range filteringParams {
		for _, v := range q[param] {
			if reachesBack(v) {
				return e.BadRequestError(backRelationRefusal(param), nil)
			}
		}
	}
	return e.Next()
}

func guardSubscriptionOptions(e *core.RealtimeSubscribeRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	for _, s := range e.Subscriptions {
		query, err := subscriptionQuery(s)
		if err != nil {
			return e.BadRequestError(err.Error(), nil)
		}
		for param, v := range query {
			if reachesBack(v) {
				return e.BadRequestError(backRelationRefusal(param), nil)
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
	return fmt.Sprintf("A %s can't look through related records (\"_via_\"); use expand to read them.", param)
}

// errUnreadableOptions refuses a subscription whose options PocketBase
// would read only in part, or not at all.
var errUnreadableOptions = errors.New(`The subscription's options could not be read. Send them as one JSON object, for example options={"query":{"filter":"..."}}, with each key once.`)

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
