package hooks

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// runOnce does a job's work for one house and day (or night) at most once,
// whoever calls it and however often: a scheduler, a restarted one, or two
// racing calls. The work is claimed by inserting the job_runs row (house,
// job, day), whose unique index lets exactly one claim succeed, and send
// runs in the same transaction as the claim: if send fails the claim is
// rolled back and the next call tries again, and if the process dies
// before the commit neither the claim nor what send stored survives. So
// the ledger never holds a run whose notifications are missing, nor
// notifications without their run. It returns what send returned, or 0
// when the run was already done.
func runOnce(app core.App, houseID, job, day string, send func(tx core.App) (int, error)) (int, error) {
	// A read first, so a run already done (every sweep until the day
	// ends) costs one indexed lookup and never takes the write lock.
	if done, err := jobRunRecorded(app, houseID, job, day); err != nil || done {
		return 0, err
	}
	sent := 0
	err := app.RunInTransaction(func(tx core.App) error {
		claimed, err := claimJobRun(tx, houseID, job, day)
		if err != nil || !claimed {
			return err
		}
		sent, err = send(tx)
		return err
	})
	if err != nil {
		return 0, err
	}
	return sent, nil
}

// jobRunRecorded reports whether the house's job has run for the day.
func jobRunRecorded(app core.App, houseID, job, day string) (bool, error) {
	var id string
	err := app.DB().Select("id").From("job_runs").
		Where(dbx.HashExp{"house": houseID, "job": job, "day": day}).Limit(1).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// claimJobRun inserts the job_runs row for the house, job and day. It
// returns false, and no error, when the row exists: another run claimed
// the day first.
func claimJobRun(tx core.App, houseID, job, day string) (bool, error) {
	runs, err := tx.FindCachedCollectionByNameOrId("job_runs")
	if err != nil {
		return false, err
	}
	r := core.NewRecord(runs)
	r.Set("house", houseID)
	r.Set("job", job)
	r.Set("day", day)
	if err := tx.Save(r); err != nil {
		if isNotUnique(err) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}
