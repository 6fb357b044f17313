package hooks_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// The web app's page carries a Content-Security-Policy that lets its own
// files run and, of inline scripts, only the import map it shipped with
// (by hash): a script injected into the page by any means does not run.
// The browser tests check the shipped page against Chromium
// (e2e.TestPagePolicy).
func TestWebAppContentSecurityPolicy(t *testing.T) {
	importMap := "\n  {\"imports\": {\"preact\": \"/vendor/preact@1/preact.mjs\"}}\n  "
	page := `<!doctype html><html><head><script type="importmap">` + importMap + `</script>` +
		`<script type="module" src="/js/main.js"></script></head><body></body></html>`
	sum := sha256.Sum256([]byte(importMap))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	files := fstest.MapFS{"index.html": {Data: []byte(page)}, "js/main.js": {Data: []byte("1")}}
	factory := func(t testing.TB) *tests.TestApp {
		app, err := tests.NewTestApp(tk.Seeded(t).Dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := hooks.Register(app, hooks.Config{Public: files, NoJobs: true}); err != nil {
			t.Fatal(err)
		}
		return app
	}
	for _, path := range []string{"/", "/profile", "/join/CEDR-HSE4"} {
		s := tests.ApiScenario{
			Name: "the page at " + path, Method: http.MethodGet, URL: path, TestAppFactory: factory,
			ExpectedStatus: 200, ExpectedContent: []string{"importmap"},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				csp := res.Header.Get("Content-Security-Policy")
				directives := map[string]string{}
				for _, d := range strings.Split(csp, ";") {
					name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
					directives[name] = value
				}
				for name, want := range map[string]string{
					"default-src":     "'self'",
					"script-src":      "'self' " + hash,
					"style-src":       "'self'",
					"img-src":         "'self' data: blob:",
					"connect-src":     "'self'",
					"object-src":      "'none'",
					"base-uri":        "'none'",
					"frame-ancestors": "'none'",
				} {
					if directives[name] != want {
						t.Errorf("%s = %q, want %q (policy: %s)", name, directives[name], want, csp)
					}
				}
				if strings.Contains(csp, "unsafe-") {
					t.Errorf("the policy allows something unsafe: %s", csp)
				}
			},
		}
		s.Test(t)
	}
}
