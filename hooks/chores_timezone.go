package hooks

import (
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// bindChoresTimezone keeps generated chores in step with a house that
// changes its timezone, in the same transaction as the change.
func bindChoresTimezone(app core.App, clock clockwork.Clock) {
	app.OnRecordUpdateExecute("houses").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.Original().GetString("timezone") == e.Record.GetString("timezone") {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return rewindChoreDays(tx, e.Record, clock.Now())
		})
	})
}

// rewindChoreDays undoes the days a house generated ahead of its new
// timezone. A house moving west (Auckland to Los Angeles, say) may already
// have generated days that have not begun in the new zone: their ledger
// rows go, so that each is generated again at its own midnight, and so do
// their assignments still open that are due after the new zone's today.
// Assignments due today or before stay (a chore already handed out for
// today is still today's), and so does anything a resident or manager has
// acted on. A house moving east has nothing ahead; the scheduler generates
// its new today at once.
func rewindChoreDays(tx core.App, house *core.Record, now time.Time) error {
	loc := houseLocation(tx, house)
	today := domain.LocalDate(now, loc)
	next, err := domain.ParseCivilDay(today)
	if err != nil {
		return err
	}
	tomorrow, err := domain.LocalInstant((next + 1).String(), domain.Clock{}, loc)
	if err != nil {
		return err
	}
	if _, err := tx.DB().Delete("chore_days", dbx.And(
		dbx.HashExp{"house": house.Id},
		dbx.NewExp("day > {:today}", dbx.Params{"today": today}),
	)).Execute(); err != nil {
		return err
	}
	ahead, err := tx.FindRecordsByFilter("chore_assignments",
		"house = {:house} && status = {:open} && due >= {:tomorrow}", "", 0, 0,
		dbx.Params{"house": house.Id, "open": domain.ChoreOpen, "tomorrow": tomorrow.UTC().Format(types.DefaultDateLayout)})
	if err != nil {
		return err
	}
	for _, a := range ahead {
		if err := tx.Delete(a); err != nil {
			return err
		}
	}
	if len(ahead) > 0 {
		tx.Logger().Info("chores generated ahead of a new timezone undone",
			"house", house.Id, "timezone", loc.String(), "assignments", len(ahead))
	}
	return nil
}
