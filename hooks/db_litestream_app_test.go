package hooks_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"hearth/hooks"
)

// TestLitestreamModeNightlyJob runs PocketBase's own nightly job
// (__pbDBOptimize__: wal_checkpoint(TRUNCATE) on both databases, then
// PRAGMA optimize) on an app whose data.db has a reader holding an older
// snapshot, as Litestream always does. With HEARTH_LITESTREAM=1 the job
// does not wait for that reader (it would for the whole 10 s
// busy_timeout, holding the write lock).
func TestLitestreamModeNightlyJob(t *testing.T) {
	t.Setenv(hooks.EnvLitestream, "1")
	app := newAppWithConnect(t, hooks.DBConnect)
	defer app.Cleanup()

	reader, err := sql.Open("sqlite", filepath.Join(app.DataDir(), "data.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	rtx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer rtx.Rollback()
	var n int
	if err := rtx.QueryRow("SELECT COUNT(*) FROM _params").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if _, err := app.NonconcurrentDB().NewQuery("CREATE TABLE litestream_drill (v TEXT)").Execute(); err != nil {
		t.Fatal(err)
	}

	var run func()
	for _, j := range app.Cron().Jobs() {
		if j.Id() == "__pbDBOptimize__" {
			run = j.Run
		}
	}
	if run == nil {
		t.Fatal("PocketBase's nightly __pbDBOptimize__ job is not registered: check what it became")
	}
	done := make(chan struct{})
	go func() { run(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the nightly job waited for the reader: its TRUNCATE checkpoint holds the write lock meanwhile")
	}
}
