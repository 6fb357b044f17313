package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// AuditRetentionEnv names the environment variable that sets how many
// years the audit trail keeps (a whole number, 1 or more; 6 when unset).
// See docs/OPERATIONS.md, "The audit trail".
const AuditRetentionEnv = "HEARTH_AUDIT_RETENTION_YEARS"

// defaultAuditRetentionYears is the retention when the variable is unset.
const defaultAuditRetentionYears = 6

// AuditRetentionYears is the retention the environment sets.
func AuditRetentionYears() (int, error) {
	raw := os.Getenv(AuditRetentionEnv)
	if raw == "" {
		return defaultAuditRetentionYears, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a whole number of years, 1 or more (it is %q)", AuditRetentionEnv, raw)
	}
	return n, nil
}

// PruneAudit removes the audit rows older than years before now, from the
// old end only (every row up to the newest too-old one, in chain order),
// and records that it did: a "delete" row of audit_events, by the server,
// whose record is the hash of the last row removed, so that `hearth audit
// verify` checks the oldest remaining row against it. It returns how many
// rows it removed. It is the only way rows leave the trail.
func PruneAudit(app core.App, now time.Time, years int) (int, error) {
	cutoff, _ := types.ParseDateTime(now.UTC().AddDate(-years, 0, 0))
	removed := 0
	err := app.RunInTransaction(func(tx core.App) error {
		var last struct {
			Seq  int64  `db:"seq"`
			Hash string `db:"hash"`
		}
		err := tx.DB().NewQuery("SELECT rowid AS seq, hash FROM audit_events WHERE at < {:cutoff} ORDER BY rowid DESC LIMIT 1").
			Bind(dbx.Params{"cutoff": cutoff.String()}).One(&last)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.DB().NewQuery("DELETE FROM audit_events WHERE rowid <= {:seq}").Bind(dbx.Params{"seq": last.Seq}).Execute()
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		removed = int(n)
		return AppendAudit(tx, AuditEvent{At: now, ActorKind: "system", Action: "delete",
			Collection: "audit_events", Record: last.Hash})
	})
	if err == nil && removed > 0 {
		app.Logger().Info("audit: pruned the oldest rows", "rows", removed, "before", cutoff.String())
	}
	return removed, err
}

// bindAuditRetention prunes the audit trail once a day, at 03:30 server
// time, keeping the years AuditRetentionEnv sets.
func bindAuditRetention(app core.App, clock clockwork.Clock) {
	app.Cron().MustAdd("hearthAuditRetention", "30 3 * * *", func() {
		years, err := AuditRetentionYears()
		if err != nil {
			app.Logger().Error("audit: retention not run", "error", err)
			return
		}
		if _, err := PruneAudit(app, clock.Now(), years); err != nil {
			app.Logger().Error("audit: retention failed", "error", err)
		}
	})
}
