package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// audit_events: the audit trail of every sensitive read, every write of
// memberships (and staff records) and every export. No API rules:
// superusers read it; the server alone writes it, and nobody updates or
// deletes a row (hooks refuse it, superusers included; only the retention
// job prunes the oldest rows). Each row's hash is SHA-256 over the previous
// row's hash and this row's fields, so a changed or removed row breaks the
// chain (`hearth audit verify`). See docs/API.md, "audit_events".
func init() {
	m.Register(func(app core.App) error {
		events := core.NewBaseCollection("audit_events")
		events.Fields.Add(
			&core.DateField{Name: "at", Required: true},
			&core.TextField{Name: "actor", Max: 40, Help: "the user or superuser id; empty for the server itself"},
			&core.SelectField{Name: "actor_kind", Values: []string{"user", "superuser", "system"}, MaxSelect: 1, Required: true},
			&core.SelectField{Name: "action", Values: []string{"view", "list", "export", "create", "update", "delete"}, MaxSelect: 1, Required: true},
			&core.TextField{Name: "collection", Max: 100},
			&core.TextField{Name: "record", Max: 100, Help: "the record read or written; empty for a list of several"},
			&core.TextField{Name: "subject", Max: 40, Help: "the user the data is about (a plain id: the row outlives the user)"},
			&core.TextField{Name: "house", Max: 40},
			&core.TextField{Name: "ip", Max: 100},
			&core.TextField{Name: "hash", Required: true, Max: 64, Pattern: `^[0-9a-f]{64}$`},
		)
		events.AddIndex("idx_audit_events_subject", false, "`subject`, `at`", "")
		events.AddIndex("idx_audit_events_at", false, "`at`", "")
		return app.Save(events)
	}, func(app core.App) error {
		return deleteCollections(app, "audit_events")
	})
}
