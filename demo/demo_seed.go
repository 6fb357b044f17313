// Package demo adds "Maple House", a realistic demo house, to a Hearth data
// directory: the `hearth demo` command.
package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
	"hearth/hooks"
)

// Password is the password of every demo account.
const Password = "maple-house-demo"

// HouseName is the demo house's name; Seed finds an existing demo by it.
const HouseName = "Maple House"

// person is one demo account and its place in the house.
type person struct {
	name, email, role, status, room, bed string
	soberDays                            int // days sober as of the seeding day
	phone, emergencyName, emergencyPhone string
	sharePhone, shareSobriety            bool
	movedInDaysAgo, phase                int
	movedOutDaysAgo                      int // alumni only
	awayForDays                          int // away only: expected back in this many days
	partner                              string
}

var people = []person{
	{name: "Rosa Delgado", email: "manager@maple.example", role: hooks.RoleManager, status: hooks.StatusActive,
		room: "1", soberDays: 2190, phone: "(555) 010-0100", sharePhone: true, movedInDaysAgo: 900, phase: 3,
		emergencyName: "Luis Delgado", emergencyPhone: "(555) 010-0199"},
	{name: "Alex Rivera", email: "alex@maple.example", role: hooks.RoleResident, status: hooks.StatusActive,
		room: "2", bed: "A", soberDays: 95, phone: "(555) 010-0101", sharePhone: true, shareSobriety: true,
		movedInDaysAgo: 80, phase: 2, emergencyName: "Maria Rivera", emergencyPhone: "(555) 010-0191",
		partner: "jordan@maple.example"},
	{name: "Jordan Lee", email: "jordan@maple.example", role: hooks.RoleResident, status: hooks.StatusActive,
		room: "2", bed: "B", soberDays: 41, phone: "(555) 010-0102", shareSobriety: true,
		movedInDaysAgo: 35, phase: 1, emergencyName: "Kim Lee", emergencyPhone: "(555) 010-0192",
		partner: "alex@maple.example"},
	{name: "Sam Okafor", email: "sam@maple.example", role: hooks.RoleResident, status: hooks.StatusActive,
		room: "3", bed: "A", soberDays: 212, phone: "(555) 010-0103",
		movedInDaysAgo: 190, phase: 3, emergencyName: "Grace Okafor", emergencyPhone: "(555) 010-0193"},
	{name: "Casey Nguyen", email: "casey@maple.example", role: hooks.RoleResident, status: hooks.StatusAway,
		room: "3", bed: "B", soberDays: 18, shareSobriety: true, awayForDays: 2,
		movedInDaysAgo: 16, phase: 1, emergencyName: "Linh Nguyen", emergencyPhone: "(555) 010-0194"},
	{name: "Taylor Brooks", email: "taylor@maple.example", role: hooks.RoleResident, status: hooks.StatusActive,
		room: "4", bed: "A", soberDays: 400, phone: "(555) 010-0105", sharePhone: true, shareSobriety: true,
		movedInDaysAgo: 300, phase: 3},
	{name: "Morgan Hayes", email: "morgan@maple.example", role: hooks.RoleResident, status: hooks.StatusActive,
		room: "4", bed: "B", soberDays: 6, shareSobriety: true,
		movedInDaysAgo: 4, phase: 1, emergencyName: "Pat Hayes", emergencyPhone: "(555) 010-0196"},
	{name: "Chris Patel", email: "chris@maple.example", role: hooks.RoleResident, status: hooks.StatusAlumni,
		room: "5", soberDays: 540, shareSobriety: true, movedInDaysAgo: 400, movedOutDaysAgo: 60, phase: 3},
}

// Account is a demo sign-in.
type Account struct {
	Name, Email, Role, Status string
}

// Result says what Seed did.
type Result struct {
	HouseID  string
	Added    int // records created by this run; 0 when the demo was already there
	Accounts []Account
}

// Seed adds Maple House with its manager, residents and an alumnus, as of
// now (sobriety and move-in dates are counted back from the house-local
// day), two weeks of their chores, check-ins and outside meetings, and
// the house's events with answers and attendance.
// Running it again adds nothing that is already there.
func Seed(app core.App, now time.Time) (*Result, error) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		return nil, err
	}
	today, _ := time.Parse(domain.DateLayout, domain.LocalDate(now, loc))
	daysAgo := func(n int) string { return today.AddDate(0, 0, -n).Format(domain.DateLayout) }

	res := &Result{}
	err = app.RunInTransaction(func(tx core.App) error {
		house, added, err := findOrCreateHouse(tx)
		if err != nil {
			return err
		}
		res.HouseID = house.Id
		res.Added += added

		users := map[string]*core.Record{}
		var welcome []string
		for _, p := range people {
			u, isNew, err := findOrCreateUser(tx, p, daysAgo)
			if err != nil {
				return fmt.Errorf("%s: %w", p.email, err)
			}
			users[p.email] = u
			if isNew {
				res.Added++
				welcome = append(welcome, u.Id)
			}
			res.Accounts = append(res.Accounts, Account{Name: p.name, Email: p.email, Role: p.role, Status: p.status})
		}

		// Memberships first without partners: a partner must already be
		// a member of the house.
		memberships := map[string]*core.Record{}
		for _, p := range people {
			m, isNew, err := findOrCreateMembership(tx, house, users[p.email], p, daysAgo)
			if err != nil {
				return fmt.Errorf("%s membership: %w", p.email, err)
			}
			memberships[p.email] = m
			if isNew {
				res.Added++
			}
		}
		for _, p := range people {
			m := memberships[p.email]
			if p.partner == "" || m.GetString("partner") != "" {
				continue
			}
			m.Set("partner", users[p.partner].Id)
			if err := tx.Save(m); err != nil {
				return fmt.Errorf("%s partner: %w", p.email, err)
			}
		}

		choreRecords, err := seedChores(tx, house, users[people[0].email].Id, now, loc)
		if err != nil {
			return fmt.Errorf("chores: %w", err)
		}
		res.Added += choreRecords

		checkinRecords, err := seedCheckins(tx, house, now, loc)
		if err != nil {
			return fmt.Errorf("check-ins: %w", err)
		}
		res.Added += checkinRecords

		meetingRecords, err := seedMeetings(tx, house, users[people[0].email].Id, now, loc)
		if err != nil {
			return fmt.Errorf("meetings: %w", err)
		}
		res.Added += meetingRecords

		boardRecords, err := seedBoard(tx, house, now, loc)
		if err != nil {
			return fmt.Errorf("board: %w", err)
		}
		res.Added += boardRecords
		eventRecords, err := seedEvents(tx, house, users[people[0].email].Id, now, loc)
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		res.Added += eventRecords

		for _, id := range welcome {
			err := hooks.NotifyUser(tx, id, hooks.Message{
				Kind:   "welcome",
				Params: hooks.Params{"house": house.GetString("name")},
				Link:   "/profile",
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func findOrCreateHouse(tx core.App) (*core.Record, int, error) {
	house, err := tx.FindFirstRecordByData("houses", "name", HouseName)
	if err == nil {
		return house, 0, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, 0, err
	}
	c, err := tx.FindCollectionByNameOrId("houses")
	if err != nil {
		return nil, 0, err
	}
	house = core.NewRecord(c)
	house.Load(map[string]any{
		"name":              HouseName,
		"address":           "412 Maple Street, Sacramento, CA",
		"timezone":          "America/Los_Angeles",
		"capacity":          8,
		"curfew":            "23:00",
		"curfew_weekend":    "00:00",
		"checkin_by":        hooks.DefaultCheckinBy,
		"chore_grace":       hooks.DefaultChoreGrace,
		"meetings_per_week": hooks.DefaultMeetingsPerWeek,
		"support_craving":   hooks.DefaultSupportCraving,
		"rules": "<h2>Maple House rules</h2><ol>" +
			"<li>Stay sober. If you slip, tell a manager or your partner: we would rather help than find out later.</li>" +
			"<li>Be home by curfew: 11 pm Sunday to Thursday, midnight on Friday and Saturday.</li>" +
			"<li>Check in every day by 9 pm.</li>" +
			"<li>Go to at least three outside meetings a week.</li>" +
			"<li>Do your chores; ask for a swap before you skip one.</li>" +
			"<li>House meeting every Sunday at 7 pm.</li>" +
			"<li>Treat everyone here with respect. Everyone is working on something.</li></ol>",
	})
	if err := tx.Save(house); err != nil {
		return nil, 0, err
	}
	return house, 1, nil
}

func findOrCreateUser(tx core.App, p person, daysAgo func(int) string) (*core.Record, bool, error) {
	u, err := tx.FindAuthRecordByEmail("users", p.email)
	if err == nil {
		return u, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, false, err
	}
	c, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, false, err
	}
	u = core.NewRecord(c)
	u.SetEmail(p.email)
	u.SetPassword(Password)
	u.SetVerified(true)
	u.Load(map[string]any{
		"name":            p.name,
		"phone":           p.phone,
		"share_phone":     p.sharePhone,
		"sobriety_date":   daysAgo(p.soberDays),
		"share_sobriety":  p.shareSobriety,
		"emergency_name":  p.emergencyName,
		"emergency_phone": p.emergencyPhone,
		"language":        "en",
	})
	return u, true, tx.Save(u)
}

func findOrCreateMembership(tx core.App, house, user *core.Record, p person, daysAgo func(int) string) (*core.Record, bool, error) {
	m, err := tx.FindFirstRecordByFilter("memberships", "house = {:house} && user = {:user}",
		dbx.Params{"house": house.Id, "user": user.Id})
	if err == nil {
		return m, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, false, err
	}
	c, err := tx.FindCollectionByNameOrId("memberships")
	if err != nil {
		return nil, false, err
	}
	m = core.NewRecord(c)
	m.Load(map[string]any{
		"house":   house.Id,
		"user":    user.Id,
		"role":    p.role,
		"status":  p.status,
		"room":    p.room,
		"bed":     p.bed,
		"move_in": daysAgo(p.movedInDaysAgo),
		"phase":   p.phase,
	})
	if p.movedOutDaysAgo > 0 {
		m.Set("move_out", daysAgo(p.movedOutDaysAgo))
		m.Set("exit_reason", "Completed the program and moved into an apartment nearby.")
	}
	if p.awayForDays > 0 {
		m.Set("away_until", daysAgo(-p.awayForDays))
	}
	// They have lived here: their first-day guide is behind them, and
	// all but the newest read the house rules the day after moving in.
	m.Set("guide_done_at", daysAgo(p.movedInDaysAgo)+" 18:00:00.000Z")
	if p.movedInDaysAgo > 7 {
		m.Set("rules_read_at", daysAgo(p.movedInDaysAgo-1)+" 18:00:00.000Z")
	}
	return m, true, tx.Save(m)
}
