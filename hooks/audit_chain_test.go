package hooks_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

func auditEvents(n int, subject string) []hooks.AuditEvent {
	evs := make([]hooks.AuditEvent, n)
	for i := range evs {
		evs[i] = hooks.AuditEvent{At: time.Date(2026, 3, 1, 10, 0, i, 0, time.UTC), Actor: "manager", ActorKind: "user",
			Action: "view", Collection: "checkins", Record: "r", Subject: subject, House: "h", IP: "10.0.0.1"}
	}
	return evs
}

// emptyAudit removes the test world's audit rows (by SQL, as only the
// retention job may), so a test starts a chain of its own.
func emptyAudit(t *testing.T, app core.App) {
	t.Helper()
	if _, err := app.DB().NewQuery("DELETE FROM audit_events").Execute(); err != nil {
		t.Fatal(err)
	}
}

// auditIDs are the trail's ids in chain order.
func auditIDs(t *testing.T, db dbx.Builder) []string {
	t.Helper()
	var ids []string
	if err := db.NewQuery("SELECT id FROM audit_events ORDER BY rowid").Column(&ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestAuditVerify: a good chain verifies; a changed row, a removed row and
// a changed hash are each found, at the first row that no longer follows.
func TestAuditVerify(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(db dbx.Builder, ids []string) error
		broken int // index of the first broken row; -1 for none
	}{
		{"intact", func(dbx.Builder, []string) error { return nil }, -1},
		{"a changed field", func(db dbx.Builder, ids []string) error {
			_, err := db.NewQuery("UPDATE audit_events SET actor = 'someone else' WHERE id = {:id}").Bind(dbx.Params{"id": ids[2]}).Execute()
			return err
		}, 2},
		{"a removed row", func(db dbx.Builder, ids []string) error {
			_, err := db.NewQuery("DELETE FROM audit_events WHERE id = {:id}").Bind(dbx.Params{"id": ids[1]}).Execute()
			return err
		}, 2},
		{"a rewritten hash", func(db dbx.Builder, ids []string) error {
			_, err := db.NewQuery("UPDATE audit_events SET hash = {:h} WHERE id = {:id}").
				Bind(dbx.Params{"id": ids[3], "h": "0000000000000000000000000000000000000000000000000000000000000000"}).Execute()
			return err
		}, 3},
		{"the first row changed", func(db dbx.Builder, ids []string) error {
			_, err := db.NewQuery("UPDATE audit_events SET subject = 'x' WHERE id = {:id}").Bind(dbx.Params{"id": ids[0]}).Execute()
			return err
		}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			emptyAudit(t, app)
			if err := hooks.AppendAudit(app, auditEvents(3, "a")...); err != nil {
				t.Fatal(err)
			}
			if err := hooks.AppendAudit(app, auditEvents(2, "b")...); err != nil {
				t.Fatal(err)
			}
			ids := auditIDs(t, app.DB())
			if err := c.tamper(app.DB(), ids); err != nil {
				t.Fatal(err)
			}
			n, err := hooks.VerifyAudit(app.DB())
			var br *hooks.AuditBreak
			switch {
			case c.broken < 0 && err != nil:
				t.Fatalf("verify: %v", err)
			case c.broken < 0 && n != 5:
				t.Fatalf("checked %d rows, want 5", n)
			case c.broken >= 0 && !errors.As(err, &br):
				t.Fatalf("verify found no break (err %v)", err)
			case c.broken >= 0 && br.Id != ids[c.broken]:
				t.Fatalf("break named at %s, want row %d (%s)", br.Id, c.broken, ids[c.broken])
			}
		})
	}
}

// TestAuditAppendOnly: no update and no delete through records, from code.
func TestAuditAppendOnly(t *testing.T) {
	app := tk.NewApp(t)
	defer app.Cleanup()
	emptyAudit(t, app)
	if err := hooks.AppendAudit(app, auditEvents(1, "a")...); err != nil {
		t.Fatal(err)
	}
	recs, err := app.FindAllRecords("audit_events")
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d rows, %v", len(recs), err)
	}
	rec := recs[0]
	rec.Set("actor", "forged")
	if err := app.Save(rec); err == nil {
		t.Error("an audit row was changed by app.Save")
	}
	if err := app.Delete(rec); err == nil {
		t.Error("an audit row was deleted by app.Delete")
	}
	if _, err := hooks.VerifyAudit(app.DB()); err != nil {
		t.Errorf("verify: %v", err)
	}
}

// TestAuditConcurrentWriters: many writers at once still make one chain.
func TestAuditConcurrentWriters(t *testing.T) {
	app := tk.NewApp(t)
	defer app.Cleanup()
	emptyAudit(t, app)
	const writers = 8
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, writers)
	for i := range writers {
		wg.Go(func() {
			<-start
			for range 5 {
				if err := hooks.AppendAudit(app, auditEvents(2, "s")...); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := hooks.VerifyAudit(app.DB())
	if err != nil || n != writers*10 {
		t.Fatalf("verified %d rows (want %d): %v", n, writers*10, err)
	}
}
