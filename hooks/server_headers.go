package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/spf13/cobra"
)

// hstsValue asks browsers to use HTTPS for a year once they have seen the
// house's server over it. Not includeSubDomains: the house's name may be
// one of many under a domain it does not own.
const hstsValue = "max-age=31536000"

// bindServerHeaders sets what the whole server answers with:
//
//   - Strict-Transport-Security on every response served over TLS (when
//     Hearth has its own certificate; a reverse proxy that ends TLS sets
//     it there, see docs/OPERATIONS.md);
//   - no cross-origin access to the API unless `serve --origins` names the
//     origins: the web app is served from the same origin and needs none,
//     and PocketBase's default ("*") would let any page a resident opens
//     call the API from their browser.
//
// root is the command tree whose serve command's flags are read; nil
// leaves PocketBase's CORS as it is (API tests do not serve through it).
func bindServerHeaders(app core.App, root *cobra.Command) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if !originsChosen(root) {
			se.Router.Unbind(apis.DefaultCorsMiddlewareId)
		}
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthHSTS",
			Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				if e.Request.TLS != nil {
					e.Response.Header().Set("Strict-Transport-Security", hstsValue)
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}

// originsChosen reports whether the serve command was given --origins.
func originsChosen(root *cobra.Command) bool {
	if root == nil {
		return true
	}
	for _, c := range root.Commands() {
		if c.Name() == "serve" {
			f := c.Flags().Lookup("origins")
			return f != nil && f.Changed
		}
	}
	return false
}
