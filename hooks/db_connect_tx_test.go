package hooks_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"hearth/hooks"
)

// TestDBConnectTransactionsSurviveAnotherWriter: a Hearth transaction that
// reads, then writes, while another process writes to the same file
// (Litestream bumps _litestream_seq after each checkpoint) must not fail
// with "database is locked (517)" (SQLITE_BUSY_SNAPSHOT). With the
// transaction begun IMMEDIATE, the other writer waits for the commit
// instead of committing in between and making the transaction's snapshot
// stale. The other writer is given 300 ms to get in between: in a
// deferred transaction it does, and the write fails.
func TestDBConnectTransactionsSurviveAnotherWriter(t *testing.T) {
	for _, litestream := range []string{"", "1"} {
		t.Run("HEARTH_LITESTREAM="+litestream, func(t *testing.T) {
			t.Setenv(hooks.EnvLitestream, litestream)
			path := filepath.Join(t.TempDir(), "data.db")
			db, err := hooks.DBConnect(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.DB().SetMaxOpenConns(1) // as PocketBase's nonconcurrent pool
			for _, q := range []string{"CREATE TABLE t (v INTEGER)", "CREATE TABLE seq (n INTEGER)", "INSERT INTO t VALUES (1)"} {
				if _, err := db.NewQuery(q).Execute(); err != nil {
					t.Fatal(err)
				}
			}

			// The other process, with Litestream's own busy timeout.
			other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()

			wrote := make(chan error, 1)
			err = db.Transactional(func(tx *dbx.Tx) error {
				var n int
				if err := tx.NewQuery("SELECT COUNT(*) FROM t").Row(&n); err != nil {
					return err
				}
				go func() {
					_, err := other.Exec("INSERT INTO seq VALUES (1)")
					wrote <- err
				}()
				select {
				case err := <-wrote:
					wrote <- err // the other writer got in between
				case <-time.After(300 * time.Millisecond):
				}
				_, err := tx.NewQuery("INSERT INTO t VALUES ({:n})").Bind(dbx.Params{"n": n + 1}).Execute()
				return err
			})
			if err != nil {
				t.Errorf("the transaction failed: %v", err)
			}
			if err := <-wrote; err != nil {
				t.Errorf("the other writer failed: %v", err)
			}
			var n int
			if err := db.NewQuery("SELECT COUNT(*) FROM t").Row(&n); err != nil {
				t.Fatal(err)
			}
			if n != 2 {
				t.Errorf("rows = %d, want 2", n)
			}
		})
	}
}
