package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindFilesPrivacy keeps protected files (a chore's proof photo, a
// meeting's slip) out of caches: PocketBase serves every file with
// `max-age=2592000`, so a shared or lost phone, or a proxy, would keep them
// for a month after the link's token expired. Public files keep
// PocketBase's caching.
func bindFilesPrivacy(app core.App) {
	app.OnFileDownloadRequest().BindFunc(func(e *core.FileDownloadRequestEvent) error {
		if e.FileField != nil && e.FileField.Protected {
			// PocketBase sets its own Cache-Control only when none is set.
			e.Response.Header().Set("Cache-Control", "private, no-store")
		}
		return e.Next()
	})
}
