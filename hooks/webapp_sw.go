package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"path"
	"slices"
	"strings"
)

// swName is the web app's service worker, served from the root so that it
// controls every page of the app.
const swName = "sw.js"

// swBuildPlaceholder is the line of sw.js the server fills in as it loads
// the web app: the app's version and the files to keep for offline use.
const swBuildPlaceholder = `const BUILD = {"version":"dev","shell":[]};`

// onDemand reports whether a file of the web app is left out of the
// offline shell and fetched (then kept) only when the page asks for it:
// the icons the page itself does not show, and licences. Every module the
// page imports at start must be in the shell, or the app cannot start
// offline.
func onDemand(name string) bool {
	base := path.Base(name)
	switch {
	case strings.HasPrefix(name, "icons/") && base != "icon.svg" && base != "icon-192.png":
		return true
	case strings.HasSuffix(name, "/LICENSE"), name == swName:
		return true
	}
	return false
}

// fillServiceWorker writes the app's version and offline shell into sw.js.
// The version is a hash of every other file of the app, so the worker's
// own bytes change whenever any file does: the browser then installs the
// new worker, which keeps the new files under a new cache name and clears
// the old one (docs/API.md, "Web app").
func (w *webApp) fillServiceWorker() {
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
	shell := []string{"/"}
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write([]byte(w.files[name].etag))
		if !onDemand(name) && name != "index.html" {
			shell = append(shell, "/"+name)
		}
	}
	version := base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:9])
	build, _ := json.Marshal(map[string]any{"version": version, "shell": shell})
	data := bytes.Replace(sw.data, []byte(swBuildPlaceholder), []byte("const BUILD = "+string(build)+";"), 1)
	sum := sha256.Sum256(data)
	sw.data = data
	sw.etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	w.version = version
}
