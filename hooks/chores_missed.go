package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// missedBatch bounds the assignments one sweep marks per house; the next
// sweep, a minute later, takes the rest.
const missedBatch = 500

// MarkMissedChores moves every open assignment whose due time plus its
// house's chore_grace minutes has passed at now to missed. Each is saved
// on its own, through the same hooks as any update, so the assignee and
// the managers are notified with it. One that cannot be saved is logged
// and left for the next sweep; the others go on. It returns how many it
// marked, and the errors it met, joined.
func MarkMissedChores(app core.App, now time.Time) (int, error) {
	houses, err := app.FindAllRecords("houses")
	if err != nil {
		return 0, err
	}
	marked := 0
	var errs []error
	for _, house := range houses {
		cutoff := now.Add(-time.Duration(house.GetInt("chore_grace")) * time.Minute)
		late, err := app.FindRecordsByFilter("chore_assignments",
			"house = {:house} && status = {:open} && due < {:cutoff}", "due", missedBatch, 0,
			dbx.Params{"house": house.Id, "open": domain.ChoreOpen, "cutoff": cutoff.UTC().Format(types.DefaultDateLayout)})
		if err != nil {
			errs = append(errs, fmt.Errorf("house %s: %w", house.Id, err))
			continue
		}
		for _, a := range late {
			ok, err := markMissed(app, a.Id)
			if err != nil {
				app.Logger().Error("marking a chore missed", "assignment", a.Id, "house", house.Id, "error", err)
				errs = append(errs, fmt.Errorf("assignment %s: %w", a.Id, err))
				continue
			}
			if ok {
				marked++
			}
		}
	}
	return marked, errors.Join(errs...)
}

// markMissed moves one assignment to missed if it is still open: it reads
// it again under the write lock, so an assignee who marks it done at the
// same moment is never overwritten.
func markMissed(app core.App, id string) (marked bool, err error) {
	err = app.RunInTransaction(func(tx core.App) error {
		a, err := tx.FindRecordById("chore_assignments", id)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && a.GetString("status") != domain.ChoreOpen) {
			return nil // deleted or settled since the sweep read it
		}
		if err != nil {
			return err
		}
		a.Set("status", domain.ChoreMissed)
		marked = true
		return tx.Save(a)
	})
	return marked, err
}
