package hooks

import (
	"errors"
	"net/url"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// loggedQueryParams are the query parameters whose values PocketBase's
// request log keeps: paging, field and relation names, record ids. Every
// other value (a filter or sort, which can spell a check-in note; a file
// token; anything a route adds later) is stored as "redacted".
var loggedQueryParams = map[string]bool{
	"page": true, "perPage": true, "skipTotal": true, "expand": true, "fields": true,
	"thumb": true, "download": true, "house": true, "before": true,
}

// redactedValue stands in the log for a value left out.
const redactedValue = "redacted"

// bindLogsRedaction keeps health data out of the request log (`_logs`,
// kept for the days set in the dashboard): PocketBase stores each request's
// full URL and referer, and an error's raw details, so a filter such as
// note~"relapse" would sit there with the requester's address. It runs
// inside PocketBase's activity logger: once a request has been answered,
// and before the logger reads it, the query's values and the referer's
// query are redacted, and an error's raw details are replaced by what the
// client was told. The answer itself is unchanged. See docs/OPERATIONS.md,
// "What Hearth logs".
func bindLogsRedaction(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthLogsRedaction",
			Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				err := e.Next()
				query, redacted := redactQuery(e.Request.URL.RawQuery)
				e.Request.URL.RawQuery = query
				if ref := e.Request.Header.Get("Referer"); ref != "" {
					e.Request.Header.Set("Referer", redactURL(ref))
				}
				if redacted {
					// The raw error may quote what was redacted.
					return withoutRawDetails(err)
				}
				return err
			},
		})
		return se.Next()
	})
}

// redactQuery returns a raw query with the values of every parameter but
// loggedQueryParams replaced, and whether any was.
func redactQuery(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		// A pair that does not parse is left out of values: log nothing
		// of a query that is not wholly readable.
		return redactedValue, true
	}
	redacted := false
	for name, vs := range values {
		if loggedQueryParams[name] {
			continue
		}
		for i := range vs {
			vs[i] = redactedValue
			redacted = true
		}
	}
	if !redacted {
		return raw, false
	}
	return values.Encode(), true
}

// redactURL is redactQuery for a whole URL (a referer); what cannot be
// parsed is left out entirely.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return redactedValue
	}
	u.RawQuery, _ = redactQuery(u.RawQuery)
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// withoutRawDetails returns an API error whose logged details are the
// field errors the client sees, not the raw error (which for a bad filter
// can quote the filter). The client's answer is built from the same fields
// and stays the same. Errors of requests with nothing redacted keep their
// raw details, for the operator.
func withoutRawDetails(err error) error {
	var apiErr *router.ApiError
	if err == nil || !errors.As(err, &apiErr) {
		return err
	}
	clean := router.NewApiError(apiErr.Status, apiErr.Message, nil)
	clean.Data = apiErr.Data
	return clean
}
