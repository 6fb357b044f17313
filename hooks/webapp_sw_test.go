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
		"index.html":             {Data: []byte("<!doctype html><title>x</title>")},
		"sw.js":                  {Data: []byte(`const BUILD = {"version":"dev","shell":[]};` + "\nself.x = 1;\n")},
		"js/main.js":             {Data: []byte("1")},
		"vendor/x@1/x.js":        {Data: []byte("2")},
		"vendor/x@1/LICENSE":     {Data: []byte("MIT")},
		"icons/icon-192.png":     {Data: []byte("png")},
		"icons/icon-512.png":     {Data: []byte("big png")},
		"manifest.webmanifest":   {Data: []byte("{}")},
		"js/screens/profile.js":  {Data: []byte("3")},
		"js/screens/manage-x.js": {Data: []byte("4")},
	}
	build, cache := serveSW(t, files)
	if cache != "no-cache" {
		t.Errorf("/sw.js Cache-Control = %q, want no-cache", cache)
	}
	want := []string{"/", "/icons/icon-192.png", "/js/main.js", "/js/screens/manage-x.js", "/js/screens/profile.js",
		"/manifest.webmanifest", "/vendor/x@1/x.js"}
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
	changed["js/main.js"] = &fstest.MapFile{Data: []byte("1 changed")}
	again, _ := serveSW(t, changed)
	if again.Version == build.Version {
		t.Errorf("the version stayed %q after a file changed", build.Version)
	}
	same, _ := serveSW(t, files)
	if same.Version != build.Version {
		t.Errorf("the version changed (%q, %q) with the same files", build.Version, same.Version)
	}
}
