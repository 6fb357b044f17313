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
	app.OnRecordDeleteExecute("memberships").BindFunc(releasePartnersOnDelete)
}

// isMovedOut reports whether a status means the person no longer lives in
// the house.
func isMovedOut(status string) bool {
	return status == StatusAlumni || status == StatusDischarged
}

// settleRosterMove fills in what a move implies: someone back from a pass
// is no longer expected back; someone moving out moves out today unless a
// date is given, and no longer has, or is, an accountability partner;
// someone coming back (an admin readmitting them, or an invite) sheds the
// last stay's move-out date and reason.
func settleRosterMove(e *core.RecordEvent, clock clockwork.Clock) error {
	r := e.Record
	status := r.GetString("status")
	was := ""
	if !r.IsNew() {
		was = r.Original().GetString("status")
	}
	if isMovedOut(was) && !isMovedOut(status) {
		r.Set("move_out", nil)
		r.Set("exit_reason", nil)
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
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		return clearPartnersOf(tx, r)
	})
}

// releasePartnersOnDelete does the same when a place on the roster is
// deleted rather than moved out.
func releasePartnersOnDelete(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		return clearPartnersOf(tx, e.Record)
	})
}

// clearPartnersOf clears partner on every other membership of the house
// that names the person of membership r.
func clearPartnersOf(tx core.App, r *core.Record) error {
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
}
