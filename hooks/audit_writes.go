package hooks

import (
	"slices"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// auditedWrites are the collections whose every write is recorded in the
// audit trail, in the write's own transaction: memberships and the staff
// records.
var auditedWrites = []string{"memberships", "drug_tests", "incidents"}

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

// auditWritesOf records every create, update and delete of collections:
// one row per person the record is about (auditSubjects: its `user`, an
// incident's `people`, before and after an update, so someone taken off an
// incident learns it was changed), or one row with no subject when it
// names nobody.
func auditWritesOf(app core.App, collections ...string) {
	keep := func(e *core.RecordRequestEvent) error {
		if e.Auth == nil {
			return e.Next()
		}
		auditWriters.Store(e.Record, auditWriter{actor: e.Auth.Id, kind: actorKind(e.Auth), ip: e.RealIP()})
		defer auditWriters.Delete(e.Record)
		// The write's row stands for the response's read of the record
		// too: one row per request and subject.
		if info, err := e.RequestInfo(); err == nil {
			subjects := auditSubjects(e.Record)
			if !e.Record.IsNew() {
				subjects = append(subjects, auditSubjects(e.Record.Original())...)
			}
			auditMarkSeen(info, e.Record.Collection().Name, subjects)
		}
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
					Collection: e.Record.Collection().Name, Record: e.Record.Id, House: e.Record.GetString("house")}
				if w, ok := auditWriters.Load(e.Record); ok {
					w := w.(auditWriter)
					ev.Actor, ev.ActorKind, ev.IP = w.actor, w.kind, w.ip
				}
				subjects := auditSubjects(e.Record)
				if action == "update" {
					subjects = append(subjects, auditSubjects(e.Record.Original())...)
				}
				slices.Sort(subjects)
				subjects = slices.Compact(subjects)
				if len(subjects) == 0 {
					subjects = []string{""}
				}
				events := make([]AuditEvent, len(subjects))
				for i, s := range subjects {
					events[i] = ev
					events[i].Subject = s
				}
				return AppendAudit(tx, events...)
			})
		}
	}
	app.OnRecordCreate(collections...).BindFunc(write("create"))
	app.OnRecordUpdate(collections...).BindFunc(write("update"))
	app.OnRecordDelete(collections...).BindFunc(write("delete"))
}
