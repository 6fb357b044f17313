package hooks_test

import (
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

// TestCapacityHoldsUnderConcurrentMoveIns adds many residents to house A
// at the same moment, when it has two free beds: exactly two get in.
func TestCapacityHoldsUnderConcurrentMoveIns(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()

	// House A: capacity 5, three beds taken (two active, one away).
	const tries = 8
	users := make([]*core.Record, tries)
	for i := range users {
		users[i] = addAccount(t, app, "mover"+string(rune('a'+i)))
	}
	memberships, err := app.FindCollectionByNameOrId("memberships")
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	errs := make([]error, tries)
	start := make(chan struct{})
	for i, u := range users {
		wg.Go(func() {
			m := core.NewRecord(memberships)
			m.Load(map[string]any{"house": w.HouseA, "user": u.Id, "role": "resident", "status": "active"})
			<-start
			errs[i] = app.Save(m)
		})
	}
	close(start)
	wg.Wait()

	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if code := saveErrorCode(err, "status"); code != "validation_house_full" {
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 2 {
		t.Errorf("%d of %d concurrent move-ins succeeded, want exactly the 2 free beds", ok, tries)
	}
	var taken int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM memberships WHERE house = {:h} AND role = 'resident' AND status IN ('active','away')").
		Bind(dbx.Params{"h": w.HouseA}).Row(&taken); err != nil {
		t.Fatal(err)
	}
	if taken != 5 {
		t.Errorf("house A has %d beds taken, want 5 (its capacity)", taken)
	}
}
