package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"hearth/hooks"
	tk "hearth/testkit"
)

// webIndex is the test web app's index.html; its marker tells it apart
// from anything else a route could answer.
const webIndex = `<!doctype html><html><head><title>hearth-test-index</title></head><body></body></html>`

var webFiles = fstest.MapFS{
	"index.html":           {Data: []byte(webIndex)},
	"js/main.js":           {Data: []byte(`console.log("hearth-test-main");`)},
	"vendor/x@1.0.0/x.js":  {Data: []byte(`export const x = "hearth-test-vendor";`)},
	"app.css":              {Data: []byte(`body { color: black; } /* hearth-test-css */`)},
	"manifest.webmanifest": {Data: []byte(`{"name":"hearth-test-manifest"}`)},
}

// webAppFactory is a fresh app of the seeded world serving webFiles, with
// PocketBase's dashboard at /_/ as `hearth serve` has it (apis.Serve binds
// the dashboard, the test router does not).
func webAppFactory(t testing.TB) *tests.TestApp {
	app, err := tests.NewTestApp(tk.Seeded(t).Dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := hooks.Register(app, hooks.Config{Public: webFiles, NoJobs: true}); err != nil {
		t.Fatal(err)
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/_/{path...}", apis.Static(ui.DistDirFS, false))
		return se.Next()
	})
	return app
}

// wantHeaders checks response headers after the request.
func wantHeaders(want map[string]string) func(t testing.TB, app *tests.TestApp, res *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		for k, v := range want {
			if got := res.Header.Get(k); got != v {
				t.Errorf("header %s = %q, want %q", k, got, v)
			}
		}
	}
}

func TestWebAppRoutes(t *testing.T) {
	etag := indexETagOf(t)
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 4 {
		t.Errorf("ETag of / = %q, want a quoted strong validator", etag)
	}
	index := map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"Cache-Control":          "no-cache",
		"ETag":                   etag,
		"X-Frame-Options":        "DENY",
		"X-Content-Type-Options": "nosniff",
	}
	notFound := map[string]string{"Content-Type": "application/json"}
	cases := []struct {
		name     string
		method   string
		url      string
		headers  map[string]string
		status   int
		content  []string
		hidden   []string
		wantHead map[string]string
	}{
		{name: "GET / is the index", method: "GET", url: "/", status: 200,
			content: []string{"hearth-test-index"}, wantHead: index},
		{name: "HEAD / has the index's headers and no body", method: "HEAD", url: "/", status: 200, wantHead: index},
		{name: "GET /index.html is the index", method: "GET", url: "/index.html", status: 200,
			content: []string{"hearth-test-index"}, wantHead: index},
		{name: "GET /profile falls back to the index", method: "GET", url: "/profile", status: 200,
			content: []string{"hearth-test-index"}, wantHead: index},
		{name: "GET /join/abc falls back to the index", method: "GET", url: "/join/abc", status: 200,
			content: []string{"hearth-test-index"}, wantHead: index},
		{name: "GET /missing.js is a 404", method: "GET", url: "/missing.js", status: 404,
			content: []string{`"status":404`}, hidden: []string{"hearth-test-index"}, wantHead: notFound},
		{name: "GET /js/missing.css is a 404", method: "GET", url: "/js/missing.css", status: 404,
			content: []string{`"status":404`}, hidden: []string{"hearth-test-index"}, wantHead: notFound},
		{name: "GET /js/main.js revalidates", method: "GET", url: "/js/main.js", status: 200,
			content:  []string{"hearth-test-main"},
			wantHead: map[string]string{"Cache-Control": "no-cache", "Content-Type": "text/javascript; charset=utf-8"}},
		{name: "GET a vendored file is immutable", method: "GET", url: "/vendor/x@1.0.0/x.js", status: 200,
			content: []string{"hearth-test-vendor"},
			wantHead: map[string]string{"Cache-Control": "public, max-age=31536000, immutable",
				"Content-Type": "text/javascript; charset=utf-8", "X-Content-Type-Options": "nosniff"}},
		{name: "GET /app.css", method: "GET", url: "/app.css", status: 200,
			content:  []string{"hearth-test-css"},
			wantHead: map[string]string{"Cache-Control": "no-cache", "Content-Type": "text/css; charset=utf-8"}},
		{name: "GET /manifest.webmanifest", method: "GET", url: "/manifest.webmanifest", status: 200,
			content:  []string{"hearth-test-manifest"},
			wantHead: map[string]string{"Content-Type": "application/manifest+json"}},
		{name: "GET /api/typo is a JSON 404", method: "GET", url: "/api/typo", status: 404,
			content: []string{`"status":404`}, hidden: []string{"hearth-test-index"}, wantHead: notFound},
		{name: "GET /api is a JSON 404", method: "GET", url: "/api", status: 404,
			content: []string{`"status":404`}, hidden: []string{"hearth-test-index"}, wantHead: notFound},
		{name: "GET /api/hearth/nothing is a JSON 404", method: "GET", url: "/api/hearth/nothing", status: 404,
			content: []string{`"status":404`}, hidden: []string{"hearth-test-index"}, wantHead: notFound},
		{name: "GET /api/health is still PocketBase's", method: "GET", url: "/api/health", status: 200,
			content: []string{`"code":200`}, hidden: []string{"hearth-test-index"}},
		{name: "GET / with the current ETag is a 304", method: "GET", url: "/", status: 304,
			headers: map[string]string{"If-None-Match": etag}, wantHead: map[string]string{"ETag": etag}},
		{name: "GET /profile with the index's ETag is a 304", method: "GET", url: "/profile", status: 304,
			headers: map[string]string{"If-None-Match": etag}},
		{name: "GET / with a stale ETag is the index", method: "GET", url: "/", status: 200,
			headers: map[string]string{"If-None-Match": `"stale"`},
			content: []string{"hearth-test-index"}, wantHead: index},
		{name: "GET /_/ is PocketBase's dashboard", method: "GET", url: "/_/", status: 200,
			content: []string{"<title>PocketBase</title>"}, hidden: []string{"hearth-test-index"}},
	}
	for _, c := range cases {
		s := tests.ApiScenario{
			Name:               c.name,
			Method:             c.method,
			URL:                c.url,
			Headers:            c.headers,
			TestAppFactory:     webAppFactory,
			ExpectedStatus:     c.status,
			ExpectedContent:    c.content,
			NotExpectedContent: c.hidden,
			AfterTestFunc:      wantHeaders(c.wantHead),
		}
		s.Test(t)
	}
}

// indexETagOf is the ETag that a fresh app answers GET / with.
func indexETagOf(t testing.TB) string {
	app := webAppFactory(t)
	defer app.Cleanup()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var etag string
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		if err != nil {
			return err
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		etag = rec.Result().Header.Get("ETag")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return etag
}
