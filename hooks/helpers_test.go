package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func mustSave(t testing.TB, app core.App, r *core.Record) {
	t.Helper()
	if err := app.Save(r); err != nil {
		t.Fatalf("saving %s: %v", r.Collection().Name, err)
	}
}

func newRecord(c *core.Collection, data map[string]any) *core.Record {
	r := core.NewRecord(c)
	r.Load(data)
	return r
}
