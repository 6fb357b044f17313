package ops

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/cron"

	"hearth/hooks"
)

// healthDetails is GET /api/hearth/health's answer (docs/API.md).
type healthDetails struct {
	Version       string           `json:"version"`
	Database      string           `json:"database"`
	DiskFreeBytes uint64           `json:"disk_free_bytes"`
	Scheduler     schedulerDetails `json:"scheduler"`
	Backups       backupsDetails   `json:"backups"`
}

type schedulerDetails struct {
	LastSweep *time.Time `json:"last_sweep"`
	// Clock is "ok", or why the house jobs are skipped.
	Clock string `json:"clock"`
}

type backupsDetails struct {
	Last *time.Time `json:"last"`
	Next *time.Time `json:"next"`
}

// bindHealthRoutes adds GET /api/hearth/health for superusers, and the
// faults middleware (the 503 of /api/health, the 507 of a full disk).
func bindHealthRoutes(se *core.ServeEvent, m *monitor) {
	se.Router.BindFunc(m.faultsMiddleware)
	se.Router.GET("/api/hearth/health", func(e *core.RequestEvent) error {
		return e.JSON(http.StatusOK, m.details(e.Request.Context(), time.Now()))
	}).Bind(apis.RequireSuperuserAuth())
}

// details gathers the health details at now.
func (m *monitor) details(ctx context.Context, now time.Time) healthDetails {
	d := healthDetails{Version: Build().String(), Database: m.databaseStatus()}
	if free, _, err := m.diskStatus(); err == nil {
		d.DiskFreeBytes = free
	}
	st := hooks.SchedulerStatus(m.app)
	if !st.LastSweep.IsZero() {
		t := st.LastSweep.UTC()
		d.Scheduler.LastSweep = &t
	}
	d.Scheduler.Clock = "ok"
	if st.ClockBehind != "" {
		d.Scheduler.Clock = st.ClockBehind
	}
	d.Backups.Last = lastBackup(ctx, m.app)
	d.Backups.Next = nextBackup(m.app.Settings().Backups.Cron, now)
	return d
}

// lastBackup is the time of the newest backup in the app's backups storage
// (local or S3), or nil.
func lastBackup(ctx context.Context, app core.App) *time.Time {
	fsys, err := app.NewBackupsFilesystem()
	if err != nil {
		return nil
	}
	defer fsys.Close()
	fsys.SetContext(ctx)
	files, err := fsys.List("")
	if err != nil {
		return nil
	}
	var last time.Time
	for _, f := range files {
		if strings.HasSuffix(f.Key, ".zip") && !strings.HasPrefix(f.Key, beforeRestorePrefix) && f.ModTime.After(last) {
			last = f.ModTime
		}
	}
	if last.IsZero() {
		return nil
	}
	last = last.UTC()
	return &last
}

// nextBackup is the next minute after now that the backups' cron
// expression (in UTC, as PocketBase's scheduler runs it) is due, or nil
// when automatic backups are off.
func nextBackup(expr string, now time.Time) *time.Time {
	if expr == "" {
		return nil
	}
	s, err := cron.NewSchedule(expr)
	if err != nil {
		return nil
	}
	t := now.UTC().Truncate(time.Minute)
	for range 366 * 24 * 60 {
		t = t.Add(time.Minute)
		if s.IsDue(cron.NewMoment(t)) {
			return &t
		}
	}
	return nil
}
