package hooks

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// bindFilterGuard refuses, for everyone but superusers, list filters and
// sorts that reach through a back-relation (`posts_via_author`,
// `reports_via_reporter`, ...), in record lists and in realtime
// subscription options alike.
//
// PocketBase v0.40 applies the related collection's rules to a
// back-relation only in "any of" conditions: in negated or "every"
// conditions (`!=`, `!~`, `=` on `*_via_*`) its subquery reads the rows
// unfiltered. A resident could then ask yes-or-no questions about rows
// the rules hide (a hidden post's words, who reported a post, another
// house's check-in notes) and read them out letter by letter. The web app
// only expands back-relations, which applies each record's view rule, and
// never filters or sorts on them.
func bindFilterGuard(app core.App) {
	// A middleware, not a list hook: PocketBase runs the query before its
	// list hooks, and the refusal must come before any query runs.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthFilterGuard",
			Priority: apis.DefaultRateLimitMiddlewarePriority + 20, // after the auth token is read
			Func: func(e *core.RequestEvent) error {
				if !strings.HasPrefix(e.Request.URL.Path, "/api/collections/") || e.HasSuperuserAuth() {
					return e.Next()
				}
				q := e.Request.URL.Query()
				for _, param := range []string{"filter", "sort"} {
					for _, v := range q[param] {
						if reachesBack(v) {
							return e.BadRequestError(backRelationRefusal(param), nil)
						}
					}
				}
				return e.Next()
			},
		})
		return se.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		for _, s := range e.Subscriptions {
			for param, v := range subscriptionQuery(s) {
				if reachesBack(v) {
					return e.BadRequestError(backRelationRefusal(param), nil)
				}
			}
		}
		return e.Next()
	})
}

// reachesBack reports whether a filter or sort names a back-relation.
func reachesBack(expr string) bool {
	return strings.Contains(strings.ToLower(expr), "_via_")
}

func backRelationRefusal(param string) string {
	return fmt.Sprintf("A %s can't look through related records (\"_via_\"); use expand to read them.", param)
}

// subscriptionQuery reads a realtime subscription's query options the way
// PocketBase's subscriptions client does ("topic?options={\"query\":{...}}").
func subscriptionQuery(subscription string) map[string]string {
	u, err := url.Parse(subscription)
	if err != nil {
		// PocketBase ignores the options it cannot parse: so can we, but
		// refuse anything that still spells a back-relation.
		return map[string]string{"subscription": subscription}
	}
	raw := u.Query().Get("options")
	if raw == "" {
		return nil
	}
	var options struct {
		Query map[string]any `json:"query"`
	}
	if err := json.Unmarshal([]byte(raw), &options); err != nil {
		return nil
	}
	query := make(map[string]string, len(options.Query))
	for k, v := range options.Query {
		query[k] = fmt.Sprint(v)
	}
	return query
}
