package hooks

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// auditedWrites are the collections whose every write is recorded in the
// audit trail, in the write's own transaction: memberships (the staff
// records add theirs with auditWritesOf).
var auditedWrites = []string{"memberships"}

// auditWriter is who makes a write through the API, kept from the request
// hook to the save hook (keyed by the record being saved). A write made by
// Hearth itself (an invite redeemed, a job) has none: its actor is
// "system".
type auditWriter struct{ actor, kind, ip string }

var auditWriters sync.Map // *core.Record -> auditWriter

// bindAuditWrites records every create, update and delete of the audited
// collections with who made it.
func bindAuditWrites(app core.App) {
	auditWritesOf(app, auditedWrites...)
}

// auditWritesOf records every create, update and delete of collections,
// each record's `user` as the subject: one call per collection group
// (drug_tests, incidents: `auditWritesOf(app, "drug_tests")`; a record
// whose subject is not `user` needs a subject function of its own).
func auditWritesOf(app core.App, collections ...string) {
	keep := func(e *core.RecordRequestEvent) error {
		if e.Auth == nil {
			return e.Next()
		}
		auditWriters.Store(e.Record, auditWriter{actor: e.Auth.Id, kind: actorKind(e.Auth), ip: e.RealIP()})
		defer auditWriters.Delete(e.Record)
		return e.Next()
	}
	app.OnRecordCreateRequest(collections...).BindFunc(keep)
	app.OnRecordUpdateRequest(collections...).BindFunc(keep)
	app.OnRecordDeleteRequest(collections...).BindFunc(keep)

	write := func(action string) func(e *core.RecordEvent) error {
		return func(e *core.RecordEvent) error {
			return inTransaction(e, func(tx core.App) error {
				if err := e.Next(); err != nil {
					return err
				}
				ev := AuditEvent{At: appClock(tx).Now(), ActorKind: "system", Action: action,
					Collection: e.Record.Collection().Name, Record: e.Record.Id,
					Subject: e.Record.GetString("user"), House: e.Record.GetString("house")}
				if w, ok := auditWriters.Load(e.Record); ok {
					w := w.(auditWriter)
					ev.Actor, ev.ActorKind, ev.IP = w.actor, w.kind, w.ip
				}
				return AppendAudit(tx, ev)
			})
		}
	}
	app.OnRecordCreate(collections...).BindFunc(write("create"))
	app.OnRecordUpdate(collections...).BindFunc(write("update"))
	app.OnRecordDelete(collections...).BindFunc(write("delete"))
}
