package hooks

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"regexp"
	"strings"
	"sync"
)

// EnvLitestream turns on the Litestream mode when set to 1: Litestream
// (deploy/litestream.service) replicates data.db and is the one that
// checkpoints it. docs/OPERATIONS.md "Continuous replication with
// Litestream" says why.
const EnvLitestream = "HEARTH_LITESTREAM"

// LitestreamMode reports whether HEARTH_LITESTREAM=1.
func LitestreamMode() bool { return os.Getenv(EnvLitestream) == "1" }

// litestreamDriver is the name the SQLite driver is registered under for
// data.db in the Litestream mode.
const litestreamDriver = "hearth_sqlite_litestream"

var registerLitestreamDriver sync.Once

// blockingCheckpoint matches the checkpoints that wait for every reader:
// PocketBase runs wal_checkpoint(TRUNCATE) on data.db every night
// (__pbDBOptimize__) and in every backup (CreateBackup).
var blockingCheckpoint = regexp.MustCompile(`(?i)^\s*PRAGMA\s+(?:main\.)?wal_checkpoint\s*\(\s*(?:TRUNCATE|RESTART|FULL)\s*\)\s*;?\s*$`)

// passiveCheckpoint is what a blocking checkpoint becomes.
const passiveCheckpoint = "PRAGMA wal_checkpoint(PASSIVE)"

// openLitestream opens data.db through a driver that turns PocketBase's
// blocking checkpoints into passive ones. Litestream holds a read
// transaction on the database for as long as it runs, so that nobody
// else resets the WAL under it: a TRUNCATE checkpoint by Hearth then
// waits for it for the whole busy_timeout (10 s) while holding SQLite's
// write lock, and every write of the house waits with it (measured: a
// backup stalled the writes 10 s). A passive checkpoint copies what it
// can without waiting and leaves the WAL to Litestream, which
// checkpoints it itself.
func openLitestream(dsn string) (*sql.DB, error) {
	registerLitestreamDriver.Do(func() {
		// The driver registered as "sqlite" itself, with whatever
		// functions were registered on it.
		base, _ := sql.Open("sqlite", ":memory:")
		sql.Register(litestreamDriver, litestreamSQLite{base.Driver()})
		_ = base.Close()
	})
	return sql.Open(litestreamDriver, dsn)
}

// litestreamSQLite wraps modernc's driver.
type litestreamSQLite struct{ d driver.Driver }

// Open opens a connection of the wrapped driver.
func (l litestreamSQLite) Open(name string) (driver.Conn, error) {
	c, err := l.d.Open(name)
	if err != nil {
		return nil, err
	}
	return litestreamConn{c}, nil
}

// litestreamConn forwards everything to modernc's connection, with the
// blocking checkpoints made passive.
type litestreamConn struct{ driver.Conn }

func passive(query string) string {
	if strings.Contains(strings.ToLower(query), "wal_checkpoint") && blockingCheckpoint.MatchString(query) {
		return passiveCheckpoint
	}
	return query
}

// ExecContext runs a statement.
func (c litestreamConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := c.Conn.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, passive(query), args)
	}
	return nil, driver.ErrSkip
}

// QueryContext runs a query.
func (c litestreamConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if q, ok := c.Conn.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, passive(query), args)
	}
	return nil, driver.ErrSkip
}

// PrepareContext prepares a statement.
func (c litestreamConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, passive(query))
	}
	return c.Conn.Prepare(passive(query))
}

// Prepare prepares a statement.
func (c litestreamConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(passive(query))
}

// BeginTx starts a transaction.
func (c litestreamConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	//lint:ignore SA1019 the fallback database/sql itself uses for a driver without BeginTx
	return c.Conn.Begin()
}

// Ping checks the connection.
func (c litestreamConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// ResetSession is called before a pooled connection is reused.
func (c litestreamConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid reports whether the connection may be reused.
func (c litestreamConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}
