package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// swName is the web app's service worker, served from the root so that it
// controls every page of the app.
const swName = "sw.js"

// swBuildPlaceholder is the line of sw.js the server fills in as it loads
// the web app: the app's version and the files to keep for offline use.
const swBuildPlaceholder = `const BUILD = {"version":"dev","shell":[]};`

// pageRef finds what the page itself loads: src and href attributes
// naming the app's own files.
var pageRef = regexp.MustCompile(`(?:src|href)="(/[^"#?]*)"`)

// staticImport finds a module's static imports and re-exports (not
// import(), which loads a screen when it is opened).
var staticImport = regexp.MustCompile(`(?m)(?:^|;)\s*(?:import|export)(?:\s|\{)(?:[^;'"]*?from\s*)?['"]([^'"]+)['"]`)

// importMap reads the page's import map (bare names to paths).
var importMap = regexp.MustCompile(`(?s)<script type="importmap">(.*?)</script>`)

// startShell is what the page needs to start: the files the page names and
// every module they import, statically, to the end. Screens loaded with
// import() when opened, and the managers' screens, are left to be kept
// when first opened, so that a phone's first visit downloads only what the
// home screen needs.
func (w *webApp) startShell() []string {
	page := w.files["index.html"]
	if page == nil {
		return nil
	}
	bare := map[string]string{}
	if m := importMap.FindSubmatch(page.data); m != nil {
		var im struct {
			Imports map[string]string `json:"imports"`
		}
		if json.Unmarshal(m[1], &im) == nil {
			bare = im.Imports
		}
	}
	seen := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		f := w.files[name]
		if f == nil || seen[name] {
			return
		}
		seen[name] = true
		if !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".mjs") {
			return
		}
		for _, m := range staticImport.FindAllSubmatch(f.data, -1) {
			spec := string(m[1])
			switch {
			case strings.HasPrefix(spec, "./"), strings.HasPrefix(spec, "../"):
				walk(path.Clean(path.Join(path.Dir(name), spec)))
			case strings.HasPrefix(spec, "/"):
				walk(strings.TrimPrefix(spec, "/"))
			case bare[spec] != "":
				walk(strings.TrimPrefix(bare[spec], "/"))
			}
		}
	}
	for _, m := range pageRef.FindAllSubmatch(page.data, -1) {
		ref := strings.TrimPrefix(string(m[1]), "/")
		// PNG icons are the platforms' (a favicon where SVG is not
		// drawn, the iPhone's home screen icon), fetched when they need
		// them and kept then.
		if strings.HasSuffix(ref, ".png") {
			continue
		}
		walk(ref)
	}
	shell := []string{"/"}
	for name := range seen {
		if name != "index.html" {
			shell = append(shell, "/"+name)
		}
	}
	slices.Sort(shell)
	return shell
}

// fillServiceWorker writes the app's version and offline shell into sw.js.
// The version is a hash of every other file of the app, so the worker's
// own bytes change whenever any file does (or the release: a new binary):
// the browser then installs the
// new worker, which keeps the new files under a new cache name and clears
// the old one (docs/API.md, "Web app").
func (w *webApp) fillServiceWorker(release string) {
	sw := w.files[swName]
	if sw == nil || !bytes.Contains(sw.data, []byte(swBuildPlaceholder)) {
		return
	}
	names := make([]string, 0, len(w.files))
	for name := range w.files {
		if name != swName {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	h := sha256.New()
	h.Write([]byte(release))
	h.Write([]byte{0})
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write([]byte(w.files[name].etag))
	}
	shell := w.startShell()
	version := base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:9])
	build, _ := json.Marshal(map[string]any{"version": version, "shell": shell})
	data := bytes.Replace(sw.data, []byte(swBuildPlaceholder), []byte("const BUILD = "+string(build)+";"), 1)
	sum := sha256.Sum256(data)
	sw.data = data
	sw.etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	w.version = version
}

// StartShell lists what the web app in public needs to start (the page,
// what it names and every module they import statically): what a phone
// downloads on its first visit and the service worker keeps.
func StartShell(public fs.FS) ([]string, error) {
	w, err := loadWebApp(public, "")
	if err != nil {
		return nil, err
	}
	return w.startShell(), nil
}
