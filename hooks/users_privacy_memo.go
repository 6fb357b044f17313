package hooks

import (
	"runtime"
	"sync"
	"weak"

	"github.com/pocketbase/pocketbase/core"
)

// managedMemo is what one request learned of its viewer: the people the
// viewer manages, read once however many users the response holds (a
// roster, a board page's authors, their expands).
type managedMemo struct {
	once   sync.Once
	viewer string
	people map[string]bool
	err    error
}

// managedByRequest holds one memo per request, keyed by the request's
// RequestInfo (PocketBase hands the same one to every enrich of a
// response). An entry goes when its RequestInfo is collected.
var managedByRequest sync.Map // weak.Pointer[core.RequestInfo] -> *managedMemo

// viewerManages reports whether the request's viewer actively manages a
// house the person belongs to, asking the database once per request.
func viewerManages(app core.App, info *core.RequestInfo, personID string) bool {
	viewer := info.Auth
	if viewer == nil || personID == "" {
		return false
	}
	key := weak.Make(info)
	v, loaded := managedByRequest.LoadOrStore(key, &managedMemo{viewer: viewer.Id})
	memo := v.(*managedMemo)
	if !loaded {
		runtime.AddCleanup(info, func(k weak.Pointer[core.RequestInfo]) { managedByRequest.Delete(k) }, key)
	}
	if memo.viewer != viewer.Id {
		// The request changed hands (a sign-in answering with its new
		// auth): ask for this viewer without keeping the answer.
		people, err := managedPeople(app, viewer.Id)
		return err == nil && people[personID]
	}
	memo.once.Do(func() { memo.people, memo.err = managedPeople(app, viewer.Id) })
	if memo.err != nil {
		app.Logger().Warn("users privacy: reading the viewer's houses failed", "viewer", viewer.Id, "error", memo.err)
		return false
	}
	return memo.people[personID]
}
