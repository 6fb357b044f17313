package ops

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// drainWritesFor bounds how long an accepted restore waits for the writes
// in flight to finish before it answers.
const drainWritesFor = 30 * time.Second

// restoringMessage is the 503's words while a restore runs.
const restoringMessage = "Hearth is restoring a backup and restarts in a few seconds. Nothing was saved: try again in a moment."

// restoreGate refuses every write from the moment a backup restore is
// accepted until the process restarts on the restored data (or the restore
// fails): PocketBase answers the restore request at once and swaps the
// data a second later, so a write acknowledged in between would be lost.
// Writes hold a read lock while they run, so the gate, once closed, waits
// for the ones in flight before the restore is answered.
type restoreGate struct {
	closed   atomic.Bool
	inFlight sync.RWMutex
}

// isRestoreRequest reports whether the request asks PocketBase to restore
// a backup (POST /api/backups/{key}/restore).
func isRestoreRequest(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/backups/") &&
		strings.HasSuffix(r.URL.Path, "/restore")
}

// middleware gates every write.
func (g *restoreGate) middleware(e *core.RequestEvent) error {
	if !isWrite(e.Request.Method) {
		return e.Next()
	}
	if isRestoreRequest(e.Request) && e.HasSuperuserAuth() {
		return g.restore(e)
	}
	if g.closed.Load() {
		return g.refuse(e)
	}
	g.inFlight.RLock()
	defer g.inFlight.RUnlock()
	if g.closed.Load() { // closed while this write waited for the lock
		return g.refuse(e)
	}
	return e.Next()
}

// restore closes the gate, waits for the writes in flight, then lets
// PocketBase accept the restore; the gate opens again if it does not.
func (g *restoreGate) restore(e *core.RequestEvent) error {
	g.close(e.App)
	drained := make(chan struct{})
	go func() {
		g.inFlight.Lock()
		//lint:ignore SA2001 an empty section: waiting for the writers to finish is the point
		g.inFlight.Unlock()
		close(drained)
	}()
	select {
	case <-drained:
	case <-time.After(drainWritesFor):
		e.App.Logger().Warn("restore: writes still running after the wait; going on")
	}
	err := e.Next()
	if err != nil {
		g.open(e.App)
	}
	return err
}

func (g *restoreGate) close(app core.App) {
	if !g.closed.Swap(true) {
		app.Logger().Info("restore accepted: writes are refused until Hearth restarts on the restored data")
	}
}

func (g *restoreGate) open(app core.App) {
	if g.closed.Swap(false) {
		app.Logger().Info("restore not done: writes are accepted again")
	}
}

// refuse answers a write with 503 and Retry-After.
func (g *restoreGate) refuse(e *core.RequestEvent) error {
	e.Response.Header().Set("Retry-After", "5")
	return router.NewApiError(http.StatusServiceUnavailable, restoringMessage, nil)
}

// onRestore closes the gate for a restore however it was started, and
// opens it again when the restore fails (a success execs the process).
func (g *restoreGate) onRestore(e *core.BackupEvent) error {
	g.close(e.App)
	err := e.Next()
	if err != nil {
		g.open(e.App)
	}
	return err
}
