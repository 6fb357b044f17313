package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"modernc.org/sqlite"
)

// minFreeBytes is the free space under which the disk counts as full:
// SQLite needs room for the WAL and PocketBase for its temporary files, so
// a disk with less than this fails writes any moment.
const minFreeBytes = 8 << 20

// databaseCheckEvery is how long a quick_check result is trusted at
// least: the check reads every page, so it never runs per request. A big
// database is checked less often: never more than 5% of the time.
const databaseCheckEvery = 10 * time.Second

// checkShare bounds the time spent checking: the interval is at least
// this many times the last check's duration.
const checkShare = 20

// diskFullMessage is the 507's words.
const diskFullMessage = "Hearth could not save this because the disk of the computer it runs on is full. " +
	"Nothing was saved. Ask the person who looks after Hearth to free some space, then try again."

// isDiskFull reports whether err (or the error an ApiError carries) says
// the disk or the database is full.
func isDiskFull(err error) bool {
	for err != nil {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
			return true
		}
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == 13 { // SQLITE_FULL
			return true
		}
		msg := err.Error()
		if strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "no space left on device") {
			return true
		}
		var apiErr *router.ApiError
		if !errors.As(err, &apiErr) {
			return false
		}
		raw, _ := apiErr.RawData().(error)
		if raw == err {
			return false
		}
		err = raw
	}
	return false
}

// isCorrupt reports whether err is SQLite's "malformed" or "not a
// database".
func isCorrupt(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "file is not a database")
}

// diskFree is the free space, in bytes, for an unprivileged process on
// the file system that holds dir.
func diskFree(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}

// monitor answers "is the data sound and is there room", cheaply: the
// disk's free space is read per call (one statfs), the database's
// quick_check at most every databaseCheckEvery, in the background once a
// first result exists.
type monitor struct {
	app    core.App
	stderr io.Writer

	mu        sync.Mutex
	database  string // "ok" or what the check found
	checkedAt time.Time
	took      time.Duration // the last check's duration
	checking  bool
}

// databaseStatus is the latest quick_check result ("ok" or what is
// wrong). A result older than databaseCheckEvery is refreshed in the
// background: no request waits for the check.
func (m *monitor) databaseStatus() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if time.Since(m.checkedAt) > max(databaseCheckEvery, checkShare*m.took) && !m.checking {
		m.checking = true
		go m.refresh()
	}
	if m.database == "" {
		return "ok" // serve checked it before starting (checkAtStart)
	}
	return m.database
}

// checked records a check's result made elsewhere (at start-up).
func (m *monitor) checked(res string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.database, m.checkedAt = res, time.Now()
}

// refresh runs quick_check on the data database through a connection of
// its own, read-only: the app's connections keep pages in their caches,
// and a damaged disk shows only in what is read from it again.
func (m *monitor) refresh() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	res, err := checkDatabaseFile(ctx, filepath.Join(m.app.DataDir(), "data.db"), false)
	took := time.Since(start)
	if err != nil {
		res = err.Error()
	}
	if res == "" {
		res = "no answer from quick_check"
	}
	m.mu.Lock()
	was := m.database
	m.database, m.checkedAt, m.took, m.checking = res, time.Now(), took, false
	m.mu.Unlock()
	if res != "ok" && res != was {
		fmt.Fprintf(m.stderr, "hearth: the database failed its check: %s. %s\n", res, restoreAdvice(m.app.DataDir()))
		m.app.Logger().Error("the database failed its check", "result", res)
	}
}

// diskStatus is the free space of the data directory's disk and whether it
// counts as full.
func (m *monitor) diskStatus() (free uint64, full bool, err error) {
	free, err = diskFree(m.app.DataDir())
	return free, err == nil && free < minFreeBytes, err
}

// sickness is why GET /api/health should answer 503, or "".
func (m *monitor) sickness() string {
	if db := m.databaseStatus(); db != "ok" {
		return "The database failed its check (" + db + "): restore a backup (hearth doctor says which)."
	}
	if free, full, _ := m.diskStatus(); full {
		return fmt.Sprintf("The disk is full (%d bytes free): writes fail until space is freed.", free)
	}
	return ""
}

// isWrite reports whether a request method changes data.
func isWrite(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// faultsMiddleware answers 503 on GET /api/health while the database
// fails its check or the disk is full, and turns a write that failed for
// lack of space into a 507 with plain words, logged to standard error
// (the app's own log is a database on the same full disk).
func (m *monitor) faultsMiddleware(e *core.RequestEvent) error {
	if e.Request.URL.Path == "/api/health" && !isWrite(e.Request.Method) {
		if why := m.sickness(); why != "" {
			return router.NewApiError(http.StatusServiceUnavailable, why, nil)
		}
	}
	err := e.Next()
	if err == nil || !isDiskFull(err) {
		return err
	}
	free, _ := diskFree(m.app.DataDir())
	fmt.Fprintf(m.stderr, "hearth: %s %s refused: the disk is full (%d bytes free for %s): %v\n",
		e.Request.Method, e.Request.URL.Path, free, m.app.DataDir(), rawError(err))
	return router.NewApiError(http.StatusInsufficientStorage, diskFullMessage, nil)
}

// rawError is the error an ApiError carries, or err itself.
func rawError(err error) error {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		if raw, ok := apiErr.RawData().(error); ok {
			return raw
		}
	}
	return err
}
