package hooks

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// joinHouse gives user a place in the invite's house as of now: a new
// membership, or for someone coming back (an alumnus, or a person
// discharged before) their old one made current again, since a person has
// one place per house. What belonged to the last stay, the move-out date
// and reason, the pass and the partner, is cleared, and the first-day
// guide is new again. Capacity is checked by
// the memberships hooks as for any other move-in.
func joinHouse(tx core.App, invite, user *core.Record, now time.Time) error {
	house, err := tx.FindRecordById("houses", invite.GetString("house"))
	if err != nil {
		return err
	}
	m, err := tx.FindFirstRecordByFilter("memberships", "house = {:house} && user = {:user}",
		dbx.Params{"house": house.Id, "user": user.Id})
	switch {
	case err == nil:
		if s := m.GetString("status"); domain.IsMember(s) {
			return inviteProblem{"already_member",
				fmt.Sprintf("You already live in %s, so this code isn't needed. Give it back to the manager so it can be cancelled.", house.GetString("name"))}
		}
		for _, f := range []string{"move_out", "exit_reason", "away_until", "partner", "phase", fieldRulesReadAt, fieldGuideDoneAt} {
			m.Set(f, nil)
		}
	default:
		memberships, err := tx.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		m = core.NewRecord(memberships)
		m.Set("house", house.Id)
		m.Set("user", user.Id)
	}
	m.Set("role", invite.GetString("role"))
	m.Set("status", StatusActive)
	m.Set("room", invite.GetString("room"))
	m.Set("bed", invite.GetString("bed"))
	m.Set("move_in", houseToday(tx, house, now))

	// The place starts with the first-day guide to do (startsGuideDone).
	err = tx.SaveWithContext(context.WithValue(context.Background(), joinedByInvite{}, true), m)
	var fields validation.Errors
	if errors.As(err, &fields) {
		if full, ok := fields["status"].(validation.Error); ok && full.Code() == "validation_house_full" {
			return inviteProblem{"house_full", full.Message()}
		}
	}
	return err
}
