package hooks

import (
	"path/filepath"

	"github.com/pocketbase/dbx"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, as PocketBase uses it
)

// pragmas are PocketBase's defaults with one change for the data database:
// synchronous=FULL, so that a transaction acknowledged to a resident is on
// disk before the answer leaves, and a power cut in the house office cannot
// roll it back. The auxiliary database (request logs) keeps NORMAL.
//
// _txlock=immediate: a transaction takes SQLite's write lock at BEGIN
// (waiting up to busy_timeout for it) instead of at its first write.
// PocketBase writes through one connection, so among Hearth's own writes
// it changes nothing; but when another process writes to data.db too
// (Litestream: its _litestream_seq row and its checkpoint barrier), a
// deferred transaction that read first and then wants to write finds its
// snapshot stale and fails at once with "database is locked (517)"
// (SQLITE_BUSY_SNAPSHOT; busy_timeout does not help there). A
// read-only transaction (sql.TxOptions.ReadOnly) still begins deferred.
const pragmasBase = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)&_defensive=1&_txlock=immediate"

// DBConnect opens PocketBase's SQLite databases. Pass it as
// pocketbase.Config.DBConnect.
// With HEARTH_LITESTREAM=1, data.db is opened through a driver that
// leaves its checkpoints to Litestream (db_litestream.go).
func DBConnect(dbPath string) (*dbx.DB, error) {
	dsn := dbPath + pragmasBase + "&_pragma=synchronous(" + SynchronousMode(dbPath) + ")"
	if LitestreamMode() && filepath.Base(dbPath) == "data.db" {
		db, err := openLitestream(dsn)
		if err != nil {
			return nil, err
		}
		return dbx.NewFromDB(db, "sqlite"), nil
	}
	return dbx.Open("sqlite", dsn)
}

// SynchronousMode is the SQLite synchronous setting DBConnect uses for the
// database file at dbPath: FULL for the data database, NORMAL otherwise.
func SynchronousMode(dbPath string) string {
	if filepath.Base(dbPath) == "data.db" {
		return "FULL"
	}
	return "NORMAL"
}
