package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// swBuild reads the BUILD line the server wrote into /sw.js.
var swBuild = regexp.MustCompile(`const BUILD = (\{.*\});`)

// serveSW serves files and returns /sw.js's BUILD and its Cache-Control.
func serveSW(t *testing.T, files fstest.MapFS) (build struct {
	Version string   `json:"version"`
	Shell   []string `json:"shell"`
}, cache string) {
	t.Helper()
	app, err := tests.NewTestApp(tk.Seeded(t).Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := hooks.Register(app, hooks.Config{Public: files, NoJobs: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(tk.Handler(t, app))
	t.Cleanup(srv.Close)
	res, err := http.Get(srv.URL + "/sw.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := swBuild.FindSubmatch(body)
	if m == nil {
		t.Fatalf("/sw.js has no BUILD line: %s", body)
	}
	if err := json.Unmarshal(m[1], &build); err != nil {
		t.Fatal(err)
	}
	return build, res.Header.Get("Cache-Control")
}

// The service worker is served with the app's version and offline shell
// filled in, never cached by the browser; the version changes whenever any
// file of the app does, so phones take the new app.
func TestServiceWorkerBuild(t *testing.T) {
	files := fstest.MapFS{
		"index.html": {Data: []byte(`<!doctype html><link rel="stylesheet" href="/app.css">` +
			`<script type="importmap">{"imports": {"bare": "/vendor/x@1/x.js"}}</script>` +
			`<script type="module" src="/js/main.js"></script>`)},
		"sw.js":   {Data: []byte(`const BUILD = {"version":"dev","shell":[]};` + "\nself.x = 1;\n")},
		"app.css": {Data: []byte("body{}")},
		"js/main.js": {Data: []byte("import { a } from './a.js';\nimport {b} from \"./sub/b.js\";\n" +
			"export function go() { return import('./screens/lazy.js'); }\n")},
		"js/a.js":                {Data: []byte("import x from 'bare';\nexport const a = x;\n")},
		"js/sub/b.js":            {Data: []byte("export * from '../a.js';\nexport const b = 1;\n")},
		"js/screens/lazy.js":     {Data: []byte("export const lazy = 1;\n")},
		"js/screens/manage-x.js": {Data: []byte("import { a } from '../a.js';\n")},
		"vendor/x@1/x.js":        {Data: []byte("import{y as z}from\"./y.js\";export default 2")},
		"vendor/x@1/y.js":        {Data: []byte("export const y = 3")},
		"vendor/x@1/LICENSE":     {Data: []byte("MIT")},
	}
	build, cache := serveSW(t, files)
	if cache != "no-cache" {
		t.Errorf("/sw.js Cache-Control = %q, want no-cache", cache)
	}
	// What the page needs to start: what it names and what they import,
	// statically (a screen loaded with import() is kept when opened).
	want := []string{"/", "/app.css", "/js/a.js", "/js/main.js", "/js/sub/b.js", "/vendor/x@1/x.js", "/vendor/x@1/y.js"}
	if !slices.Equal(build.Shell, want) {
		t.Errorf("shell = %v, want %v", build.Shell, want)
	}
	if build.Version == "" || build.Version == "dev" {
		t.Errorf("version = %q, want a hash", build.Version)
	}

	changed := fstest.MapFS{}
	for k, v := range files {
		changed[k] = v
	}
	changed["js/screens/lazy.js"] = &fstest.MapFile{Data: []byte("export const lazy = 2;\n")}
	again, _ := serveSW(t, changed)
	if again.Version == build.Version {
		t.Errorf("the version stayed %q after a file changed", build.Version)
	}
	same, _ := serveSW(t, files)
	if same.Version != build.Version {
		t.Errorf("the version changed (%q, %q) with the same files", build.Version, same.Version)
	}
}
