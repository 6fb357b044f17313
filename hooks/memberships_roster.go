package hooks

import (
	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// bindMembershipsRoster keeps a membership consistent through the roster's
// moves: away on a pass and back, moving out as an alumnus or discharged.
// Whoever makes the move (a manager in the app, an admin in the dashboard,
// Go code), the same follows from it.
func bindMembershipsRoster(app core.App, clock clockwork.Clock) {
	// Before the validation hooks, so that they check the dates set here.
	app.OnRecordValidate("memberships").Bind(&hook.Handler[*core.RecordEvent]{
		Priority: -10,
		Func:     func(e *core.RecordEvent) error { return settleRosterMove(e, clock) },
	})
	app.OnRecordUpdateExecute("memberships").BindFunc(releasePartners)
}

// isMovedOut reports whether a status means the person no longer lives in
// the house.
func isMovedOut(status string) bool {
	return status == StatusAlumni || status == StatusDischarged
}

// settleRosterMove fills in what a move implies: someone back from a pass
// is no longer expected back; someone moving out moves out today unless a
// date is given, and no longer has, or is, an accountability partner.
func settleRosterMove(e *core.RecordEvent, clock clockwork.Clock) error {
	r := e.Record
	status := r.GetString("status")
	was := ""
	if !r.IsNew() {
		was = r.Original().GetString("status")
	}
	switch {
	case status == StatusActive:
		r.Set("away_until", nil)
	case isMovedOut(status) && !isMovedOut(was):
		r.Set("away_until", nil)
		r.Set("partner", nil)
		if r.GetDateTime("move_out").IsZero() {
			if house, err := e.App.FindRecordById("houses", r.GetString("house")); err == nil {
				r.Set("move_out", houseToday(e.App, house, clock.Now()))
			}
		}
	}
	return e.Next()
}

// releasePartners ends every partnership with a person who moves out, in
// the same transaction as the move: from the next request on, nobody in
// the house sees their check-ins and they see nobody's.
func releasePartners(e *core.RecordEvent) error {
	r := e.Record
	if !isMovedOut(r.GetString("status")) || isMovedOut(r.Original().GetString("status")) {
		return e.Next()
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		partnered, err := tx.FindRecordsByFilter("memberships",
			"house = {:house} && partner = {:user} && id != {:id}", "", 0, 0,
			dbx.Params{"house": r.GetString("house"), "user": r.GetString("user"), "id": r.Id})
		if err != nil {
			return err
		}
		for _, m := range partnered {
			m.Set("partner", nil)
			if err := tx.Save(m); err != nil {
				return err
			}
		}
		return nil
	})
}
