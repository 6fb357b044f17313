package hooks

import (
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// jobPasses is the job_runs name of the daily passes job.
const jobPasses = "passes"

// ApplyPasses makes the house's approved passes hold on the house-local
// day at now (domain.PassChanges): residents whose pass starts (or runs)
// today become away until its last day, and those whose pass ended become
// active again. It runs once per house and day (runOnce); the sweep runs
// it before the day's chores are handed out, so a resident away on a pass
// is not given any, and the chore ledger (and so the reports) counts them
// away. It returns how many memberships it changed.
func ApplyPasses(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	day := domain.PassDay(now, loc).String()
	return runOnce(app, house.Id, jobPasses, day, func(tx core.App) (int, error) {
		return applyHousePasses(tx, house.Id, now, loc, "")
	})
}

// applyHousePasses changes the memberships of the house's residents as
// their approved passes say at now; onlyUser, when not empty, limits it to
// that person (a pass just approved).
func applyHousePasses(tx core.App, houseID string, now time.Time, loc *time.Location, onlyUser string) (int, error) {
	q := tx.DB().Select("id", "user", "status", "away_until").From("memberships").
		Where(dbx.HashExp{"house": houseID, "role": RoleResident}).AndWhere(dbx.NewExp(memberSQL("")))
	if onlyUser != "" {
		q.AndWhere(dbx.HashExp{"user": onlyUser})
	}
	var rows []struct {
		ID        string `db:"id"`
		User      string `db:"user"`
		Status    string `db:"status"`
		AwayUntil string `db:"away_until"`
	}
	if err := q.All(&rows); err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	today := domain.PassDay(now, loc)
	since := today
	members := make([]domain.PassMember, len(rows))
	ids := map[string]string{}
	for i, r := range rows {
		members[i] = domain.PassMember{User: r.User, Status: r.Status}
		if d, err := domain.ParseCivilDay(r.AwayUntil); err == nil && r.Status == StatusAway {
			members[i].AwayUntil = d
			since = min(since, d)
		}
		ids[r.User] = r.ID
	}
	// The approved passes that run today, and those whose last day an
	// away resident is still expected back after.
	filter := "house = {:house} && status = {:approved} && starts <= {:today} && ends >= {:since}"
	params := dbx.Params{"house": houseID, "approved": PassApproved,
		"today": dayAt(today), "since": dayAt(since)}
	if onlyUser != "" {
		filter += " && user = {:user}"
		params["user"] = onlyUser
	}
	passes, err := tx.FindRecordsByFilter("passes", filter, "starts", 0, 0, params)
	if err != nil {
		return 0, err
	}
	spans := make([]domain.PassSpan, len(passes))
	for i, p := range passes {
		spans[i] = passSpan(p)
	}
	changes := domain.PassChanges(now, loc, members, spans)
	for _, c := range changes {
		if err := setMembershipAway(tx, ids[c.User], c.Status, c.AwayUntil); err != nil {
			return 0, err
		}
	}
	if len(changes) > 0 {
		tx.Logger().Info("passes applied", "house", houseID, "changed", len(changes))
	}
	return len(changes), nil
}

// dayAt is a day as PocketBase stores a date (midnight UTC), for filters.
func dayAt(d domain.CivilDay) string {
	t, _ := types.ParseDateTime(d.String())
	return t.String()
}

// setMembershipAway saves the membership with the status: away until the
// day, or active (which clears away_until, memberships_roster.go).
func setMembershipAway(tx core.App, membershipID, status string, until domain.CivilDay) error {
	m, err := tx.FindRecordById("memberships", membershipID)
	if err != nil {
		return err
	}
	m.Set("status", status)
	if status == StatusAway {
		m.Set("away_until", dayAt(until))
	}
	return tx.Save(m)
}

// afterPassSaved follows a pass through, in its transaction: a new request
// tells the house's managers; a decision tells the resident and, for an
// approved pass that has started, makes them away at once; a pass
// cancelled tells the other side and, if it was running, brings the
// resident back. before is the status before the change ("" for a new
// pass); byResident says the resident made the change.
func afterPassSaved(tx core.App, pass *core.Record, before string, byResident bool, clock clockwork.Clock) error {
	status := pass.GetString("status")
	if status == before {
		return nil
	}
	house, err := tx.FindRecordById("houses", pass.GetString("house"))
	if err != nil {
		return err
	}
	loc := houseLocation(tx, house)
	now := clock.Now()
	user := pass.GetString("user")
	msg := passMessage(tx, pass, house)
	switch status {
	case PassRequested:
		msg.Kind = kindPassRequested
		msg.Link = "/"
		return NotifyManagers(tx, house.Id, msg, user)
	case PassApproved:
		if _, err := applyHousePasses(tx, house.Id, now, loc, user); err != nil {
			return err
		}
		if before == "" {
			return nil // a superuser's record of a pass already agreed
		}
		msg.Kind = kindPassDecided
		return NotifyUser(tx, user, msg)
	case PassDeclined:
		msg.Kind = kindPassDecided
		msg.Params["variant"] = "declined"
		msg.Params["words"] = pass.GetString("reason")
		return NotifyUser(tx, user, msg)
	case PassCancelled:
		if before == PassApproved {
			if err := returnFromPass(tx, pass); err != nil {
				return err
			}
		}
		if before == "" {
			return nil
		}
		msg.Kind = kindPassCancelled
		if byResident {
			msg.Link = "/manage/passes"
			return NotifyManagers(tx, house.Id, msg, user)
		}
		msg.Params["variant"] = "manager"
		return NotifyUser(tx, user, msg)
	}
	return nil
}

// returnFromPass makes the resident active again when they are away
// because of the pass (domain.ReturnsFrom): a running pass cancelled.
func returnFromPass(tx core.App, pass *core.Record) error {
	m, err := tx.FindFirstRecordByFilter("memberships", "house = {:house} && user = {:user}",
		dbx.Params{"house": pass.GetString("house"), "user": pass.GetString("user")})
	if err != nil {
		return nil // moved on: nothing to bring back
	}
	member := domain.PassMember{User: m.GetString("user"), Status: m.GetString("status")}
	if d, err := domain.ParseCivilDay(m.GetString("away_until")); err == nil {
		member.AwayUntil = d
	}
	if !domain.ReturnsFrom(member, passSpan(pass)) {
		return nil
	}
	m.Set("status", StatusActive)
	return tx.Save(m)
}

// passMessage is a pass notification's message without its kind: who,
// which days, the house; never where or the phone number there (lock
// screens).
func passMessage(tx core.App, pass *core.Record, house *core.Record) Message {
	var name string
	_ = tx.DB().Select("name").From("users").Where(dbx.HashExp{"id": pass.GetString("user")}).Row(&name)
	return Message{
		Params: Params{
			"name": name, "house": house.GetString("name"), "pass": pass.Id,
			"starts": passDay(pass, "starts").String(), "ends": passDay(pass, "ends").String(),
		},
		Link: "/passes",
	}
}
