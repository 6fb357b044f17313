package hooks

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPassiveCheckpoint(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		{"PRAGMA wal_checkpoint(TRUNCATE)", passiveCheckpoint},
		{"pragma wal_checkpoint(truncate);", passiveCheckpoint},
		{"PRAGMA main.wal_checkpoint( RESTART )", passiveCheckpoint},
		{"PRAGMA wal_checkpoint(FULL)", passiveCheckpoint},
		{"PRAGMA wal_checkpoint(PASSIVE)", "PRAGMA wal_checkpoint(PASSIVE)"},
		{"PRAGMA wal_checkpoint", "PRAGMA wal_checkpoint"},
		{"PRAGMA optimize", "PRAGMA optimize"},
		{"SELECT 'PRAGMA wal_checkpoint(TRUNCATE)'", "SELECT 'PRAGMA wal_checkpoint(TRUNCATE)'"},
		{"PRAGMA aux.wal_checkpoint(TRUNCATE)", "PRAGMA aux.wal_checkpoint(TRUNCATE)"},
	}
	for _, tt := range tests {
		if got := passive(tt.query); got != tt.want {
			t.Errorf("passive(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// TestLitestreamModeCheckpoints: with HEARTH_LITESTREAM=1, PocketBase's
// TRUNCATE checkpoint of data.db (nightly, and in every backup) does not
// wait for a reader that holds an older snapshot, as Litestream always
// does: it answers at once, not busy, and leaves the WAL in place. Without
// the mode it would wait the whole busy_timeout (10 s) holding the write
// lock; the context's 3 s bound turns that wait into the test's failure.
// The auxiliary database and the mode off keep SQLite's own checkpoints.
func TestLitestreamModeCheckpoints(t *testing.T) {
	t.Setenv(EnvLitestream, "1")
	dir := t.TempDir()
	path := filepath.Join(dir, "data.db")
	db, err := DBConnect(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('before')"} {
		if _, err := db.NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}

	// Litestream's long read transaction, then a write after it.
	reader, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
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
	if err := rtx.QueryRow("SELECT COUNT(*) FROM t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewQuery("INSERT INTO t VALUES ('after')").Execute(); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var busy, logFrames, checkpointed int
	row := db.NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").WithContext(ctx)
	if err := row.Row(&busy, &logFrames, &checkpointed); err != nil {
		t.Fatalf("the checkpoint waited for the reader: %v", err)
	}
	if busy != 0 {
		t.Errorf("the checkpoint answered busy=%d: it tried to wait for the reader", busy)
	}
	if info, err := os.Stat(path + "-wal"); err != nil || info.Size() == 0 {
		t.Errorf("the WAL was truncated (%v): Litestream would lose its place", err)
	}

	// Outside the mode, and for any other database, the driver is SQLite's own.
	other, err := DBConnect(filepath.Join(dir, "auxiliary.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, ok := other.DB().Driver().(litestreamSQLite); ok {
		t.Error("auxiliary.db is opened through the Litestream driver")
	}
	t.Setenv(EnvLitestream, "")
	plain, err := DBConnect(filepath.Join(dir, "other", "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if _, ok := plain.DB().Driver().(litestreamSQLite); ok {
		t.Error("without HEARTH_LITESTREAM=1, data.db is opened through the Litestream driver")
	}
}
