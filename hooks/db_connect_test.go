package hooks_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// newAppWithConnect clones the fixture world into an app whose databases
// are opened by connect.
func newAppWithConnect(tb testing.TB, connect core.DBConnectFunc) *tests.TestApp {
	tb.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{
		DataDir:       tk.Seeded(tb).Dir,
		EncryptionEnv: "pb_test_env",
		DBConnect:     connect,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return app
}

func pragma(tb testing.TB, db dbx.Builder, name string) string {
	tb.Helper()
	var v string
	if err := db.NewQuery("PRAGMA " + name).Row(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestDBConnectMakesAcknowledgedWritesDurable(t *testing.T) {
	app := newAppWithConnect(t, hooks.DBConnect)
	defer app.Cleanup()

	// synchronous: 0 OFF, 1 NORMAL, 2 FULL. Every pooled connection of
	// the data database must be FULL, the writer above all.
	for name, db := range map[string]dbx.Builder{"data (readers)": app.ConcurrentDB(), "data (writer)": app.NonconcurrentDB()} {
		if got := pragma(t, db, "synchronous"); got != "2" {
			t.Errorf("%s: synchronous = %s, want 2 (FULL)", name, got)
		}
		if got := pragma(t, db, "journal_mode"); got != "wal" {
			t.Errorf("%s: journal_mode = %s, want wal", name, got)
		}
		if got := pragma(t, db, "foreign_keys"); got != "1" {
			t.Errorf("%s: foreign_keys = %s, want 1", name, got)
		}
	}
	if got := pragma(t, app.AuxNonconcurrentDB(), "synchronous"); got != "1" {
		t.Errorf("auxiliary db: synchronous = %s, want 1 (NORMAL)", got)
	}
}

// BenchmarkRecordCreate measures what synchronous=FULL costs on record
// creation (one notification saved through app.Save, the path every API
// create takes), against PocketBase's default NORMAL, on the same disk.
func BenchmarkRecordCreate(b *testing.B) {
	normal := func(dbPath string) (*dbx.DB, error) {
		return core.DefaultDBConnect(dbPath)
	}
	for _, mode := range []struct {
		name    string
		connect core.DBConnectFunc
	}{{"synchronous=NORMAL", normal}, {"synchronous=FULL", hooks.DBConnect}} {
		b.Run(mode.name, func(b *testing.B) {
			app := newAppWithConnect(b, mode.connect)
			defer app.Cleanup()
			w := tk.Seeded(b)
			c, err := app.FindCollectionByNameOrId("notifications")
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				r := core.NewRecord(c)
				r.Load(map[string]any{"user": w.People[tk.ResidentA1].ID, "kind": "bench", "title": fmt.Sprint("n", i)})
				if err := app.Save(r); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
