package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Cache policies of the web app's files.
const (
	// cacheRevalidate: the app shell and its modules change with every
	// release, so browsers ask each time (cheaply, with an ETag).
	cacheRevalidate = "no-cache"
	// cacheImmutable: vendored libraries live under versioned folders
	// (vendor/preact@11.2.0/...) and never change at a given URL.
	cacheImmutable = "public, max-age=31536000, immutable"
)

// webFile is one file of the web app, read once at start-up.
type webFile struct {
	name        string
	data        []byte
	etag        string
	contentType string
	cache       string
}

// webApp serves the embedded web app.
type webApp struct {
	files map[string]*webFile
	index *webFile
	// csp is the Content-Security-Policy of the app's page: its own
	// files only, and of inline scripts only the import map, by hash.
	csp string
	// version names this build of the web app (see fillServiceWorker).
	version string
}

// bindWebApp serves the web app at "/" with a fallback to index.html for
// the app's own routes (paths without a file extension), a JSON 404 for
// unknown /api/ paths, and cache headers that suit each file. It binds as
// late as possible so every other route wins.
func bindWebApp(app core.App, public fs.FS, release string) error {
	w, err := loadWebApp(public, release)
	if err != nil {
		return err
	}
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			se.Router.GET("/{path...}", w.serve).Bind(apis.Gzip())
			return se.Next()
		},
		Priority: 999,
	})
	return nil
}

func loadWebApp(public fs.FS, release string) (*webApp, error) {
	w := &webApp{files: map[string]*webFile{}}
	err := fs.WalkDir(public, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(public, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f := &webFile{
			name:        p,
			data:        data,
			etag:        `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
			contentType: contentTypeOf(p),
			cache:       cacheRevalidate,
		}
		if strings.HasPrefix(p, "vendor/") {
			f.cache = cacheImmutable
		}
		w.files[p] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.index = w.files["index.html"]
	var page []byte
	if w.index != nil {
		page = w.index.data
	}
	w.csp = contentSecurityPolicy(page)
	w.fillServiceWorker(release)
	return w, nil
}

func contentTypeOf(name string) string {
	switch ext := path.Ext(name); ext {
	case ".webmanifest":
		return "application/manifest+json"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

func (w *webApp) serve(e *core.RequestEvent) error {
	p := strings.TrimPrefix(path.Clean("/"+e.Request.PathValue("path")), "/")

	if p == "api" || strings.HasPrefix(p, "api/") {
		return e.NotFoundError("There is no such API route. The API is described in docs/API.md.", nil)
	}
	if p == "" {
		p = "index.html"
	}

	f, ok := w.files[p]
	if !ok {
		// A path with an extension names a file that does not exist; any
		// other path is one of the app's own routes (/profile, /join/...).
		if path.Ext(p) != "" || w.index == nil {
			return e.NotFoundError("", nil)
		}
		f = w.index
	}

	h := e.Response.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cache)
	h.Set("ETag", f.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	if f == w.index {
		h.Set("Content-Security-Policy", w.csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
	}
	http.ServeContent(e.Response, e.Request, f.name, time.Time{}, bytes.NewReader(f.data))
	return nil
}
