package hooks

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// AuditEvent is one row of the audit trail before it is written: who did
// what to whose data. See docs/API.md, "audit_events".
type AuditEvent struct {
	At         time.Time
	Actor      string // a user or superuser id; empty for the server itself
	ActorKind  string // "user", "superuser" or "system"
	Action     string // "view", "list", "export", "create", "update" or "delete"
	Collection string
	Record     string // empty for a list of several records
	Subject    string // the user the data is about
	House      string
	IP         string
}

// auditRow is a stored row as the chain sees it, in insertion (rowid) order.
type auditRow struct {
	Seq        int64  `db:"seq"`
	Id         string `db:"id"`
	At         string `db:"at"`
	Actor      string `db:"actor"`
	ActorKind  string `db:"actor_kind"`
	Action     string `db:"action"`
	Collection string `db:"collection"`
	Record     string `db:"record"`
	Subject    string `db:"subject"`
	House      string `db:"house"`
	IP         string `db:"ip"`
	Hash       string `db:"hash"`
}

// auditHash is SHA-256 over the previous row's hash and this row's
// canonical fields (its id and every field but hash, as a JSON list of
// strings: unambiguous whatever the fields hold), in lower-case hex.
func auditHash(prev string, r auditRow) string {
	canon, _ := json.Marshal([]string{prev, r.Id, r.At, r.Actor, r.ActorKind, r.Action,
		r.Collection, r.Record, r.Subject, r.House, r.IP})
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:])
}

// auditColumns are the columns read back, with the rowid as seq: the
// chain's order is the order of insertion.
const auditColumns = "rowid AS seq, id, at, actor, actor_kind, action, collection, record, subject, house, ip, hash"

// AppendAudit writes events to the audit trail, chained, in one
// transaction (nested in app's when app is one). The previous hash is read
// inside the same write transaction, and SQLite lets one writer at a time
// in, so two concurrent writers can never fork the chain.
func AppendAudit(app core.App, events ...AuditEvent) error {
	if len(events) == 0 {
		return nil
	}
	return app.RunInTransaction(func(tx core.App) error {
		prev, err := lastAuditHash(tx)
		if err != nil {
			return err
		}
		// A plain INSERT: the trail has no record hooks to run, and a read
		// of many subjects writes many rows.
		for _, ev := range events {
			at, _ := types.ParseDateTime(ev.At.UTC())
			r := auditRow{Id: core.GenerateDefaultRandomId(), At: at.String(), Actor: ev.Actor, ActorKind: ev.ActorKind,
				Action: ev.Action, Collection: ev.Collection, Record: ev.Record, Subject: ev.Subject, House: ev.House, IP: ev.IP}
			prev = auditHash(prev, r)
			_, err := tx.DB().Insert("audit_events", dbx.Params{
				"id": r.Id, "at": r.At, "actor": r.Actor, "actor_kind": r.ActorKind, "action": r.Action,
				"collection": r.Collection, "record": r.Record, "subject": r.Subject, "house": r.House, "ip": r.IP, "hash": prev,
			}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// lastAuditHash is the newest row's hash, "" for an empty trail.
func lastAuditHash(app core.App) (string, error) {
	var hash string
	err := app.DB().NewQuery("SELECT hash FROM audit_events ORDER BY rowid DESC LIMIT 1").Row(&hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	return hash, nil
}

// AuditBreak names the first row whose hash does not follow from the row
// before it: it, or a row before it, was changed, or a row before it was
// removed.
type AuditBreak struct {
	Id  string
	At  string
	Seq int64
}

func (b *AuditBreak) Error() string {
	return fmt.Sprintf("the audit chain is broken at the row %s (at %s, number %d in order): "+
		"it, or the row before it, was changed, or a row before it was removed", b.Id, b.At, b.Seq)
}

// VerifyAudit walks the audit trail from the oldest remaining row and
// returns how many rows it checked, and an *AuditBreak for the first row
// whose hash is wrong. The oldest row follows from an empty hash, or,
// once the retention job pruned older rows, from the hash of the last row
// it removed (kept as the record of its newest "delete" row). It only
// reads.
func VerifyAudit(db dbx.Builder) (int, error) {
	// The hash of the last row pruned, kept by the newest pruning's row:
	// the oldest remaining row follows from it.
	var pruned string
	err := db.NewQuery("SELECT record FROM audit_events WHERE action = 'delete' AND collection = 'audit_events' " +
		"AND actor_kind = 'system' ORDER BY rowid DESC LIMIT 1").Row(&pruned)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	const page = 1000
	var prev string
	var last int64 = -1
	checked := 0
	for {
		var rows []auditRow
		err := db.NewQuery("SELECT " + auditColumns + " FROM audit_events WHERE rowid > {:last} ORDER BY rowid LIMIT {:n}").
			Bind(dbx.Params{"last": last, "n": page}).All(&rows)
		if err != nil {
			return checked, err
		}
		for _, r := range rows {
			want := auditHash(prev, r)
			if checked == 0 && want != r.Hash && pruned != "" {
				want = auditHash(pruned, r)
			}
			if want != r.Hash {
				return checked, &AuditBreak{Id: r.Id, At: r.At, Seq: r.Seq}
			}
			prev = r.Hash
			last = r.Seq
			checked++
		}
		if len(rows) < page {
			return checked, nil
		}
	}
}
