// Package testkit builds the world that Hearth's API tests run in: two
// houses and the people of docs/API.md's access model, seeded once into a
// template data directory that every scenario's fresh app clones.
package testkit

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/domain"
	"hearth/hooks"
	_ "hearth/pb_migrations" // the collections under test
)

// Actor names, one per row of the authorization matrix.
const (
	Anonymous   = "anonymous"
	ResidentA1  = "residentA1"  // active resident of A; shares phone and sobriety date
	ResidentA2  = "residentA2"  // active resident of A; shares nothing
	AwayA       = "awayA"       // resident of A away on a pass
	ManagerA    = "managerA"    // active manager of A
	AlumnusA    = "alumnusA"    // alumnus of A
	DischargedA = "dischargedA" // discharged from A, active resident of B
	ResidentB   = "residentB"   // active resident of B
	ManagerB    = "managerB"    // active manager of B
	Newcomer    = "newcomer"    // an account with no house yet
	Superuser   = "superuser"
)

// InviteCodeA is the code of InviteA, a pending resident invite to house
// A (room 4, bed B) that expires in 2100.
const InviteCodeA = "CEDR-HSE4-2345-6789"

// Password is every fixture account's password.
const Password = "correct-horse-battery"

// Person is a fixture account.
type Person struct {
	ID    string
	Email string
	Token string
	// Membership is the id of the person's membership in house A, or in B
	// for people of B only.
	Membership string
}

// World is the seeded fixture: ids and tokens to build requests with.
type World struct {
	Dir    string // the template data directory
	HouseA string // "Cedar House", America/Los_Angeles, capacity 5
	HouseB string // "Birch House", America/New_York, no capacity limit
	People map[string]Person
	// NotificationA1 is a notification of residentA1's.
	NotificationA1 string
	// MembershipDischargedB is dischargedA's active membership in house B.
	MembershipDischargedB string
	// InviteA is the pending invite of InviteCodeA, made by managerA.
	InviteA string
	// ChoreA is house A's daily chore "Kitchen" (2 points, due 09:00, needs
	// a photo); ChoreB is house B's.
	ChoreA, ChoreB string
	// AssignmentA2 is residentA2's open assignment of ChoreA, due
	// 2026-11-23 09:00 in Los Angeles; AssignmentB residentB's in B.
	AssignmentA2, AssignmentB string
	// ChoreDayA is house A's chore ledger row for 2026-11-22 (residents A1
	// and A2 present).
	ChoreDayA string
	// CheckinA1 is residentA1's daily check-in of 2026-11-22 in A (mood 4,
	// craving 2, a note); MeetingA1 their unverified AA meeting of
	// 2026-11-20. Nobody in the world has a partner.
	CheckinA1, MeetingA1 string
	// JobRunA is a job_runs row of house A.
	JobRunA string

	// Events (kept together for merging).
	// EventA is house A's required house meeting, Thursday 2026-11-26
	// 19:00–20:00 in Los Angeles, in the living room; EventB house B's
	// social, Saturday 2026-11-28 18:00–21:00 in New York. RsvpA1 is
	// residentA1's "yes" to EventA, attendance not taken.
	EventA, EventB, RsvpA1 string

	// The board. PostA is residentA1's share in A; HiddenPostA is
	// residentA2's share in A, hidden by a manager; PostB is residentB's
	// share in B. CommentA is residentA2's comment on PostA and ReactionA
	// residentA2's heart on it; ReportA is alumnusA's report of PostA.
	// HiddenCommentA is managerA's comment on HiddenPostA.
	PostA, HiddenPostA, PostB    string
	CommentA, ReactionA, ReportA string
	HiddenCommentA               string

	// The outbox (kept together for merging). DeliveryA1 is the email
	// row of NotificationA1, sent.
	DeliveryA1 string
	// Push (kept together for merging). SubscriptionA1 is residentA1's
	// push subscription (a device on FCM with RFC 8291's example keys,
	// PushP256dh and PushAuth); VAPIDKeys is the server's key pair row.
	SubscriptionA1, VAPIDKeys string

	// AuditA is an audit_events row: managerA viewed residentA1's check-in.
	AuditA string
	// Staff records (kept together for merging). DrugTestA1 is
	// residentA1's negative urine test in A of 2026-11-21, recorded by
	// managerA; IncidentA1 is a minor rule violation in A of 2026-11-21
	// naming residentA1, with an agreement nobody has acknowledged;
	// RandomPickA is managerA's random pick of residentA2 in A.
	DrugTestA1, IncidentA1, RandomPickA string

	// Passes (kept together for merging). PassA1 is residentA1's pass in
	// A, approved by managerA, for 2099-01-10 to 2099-01-12 (far ahead of
	// every clock, so nobody is away because of it), to their sister's,
	// with a phone number there.
	PassA1 string
}

// PushP256dh and PushAuth are a push subscription's keys: RFC 8291
// Appendix A's user agent, a valid P-256 point and 16-byte secret.
const (
	PushP256dh = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
	PushAuth   = "BTBZMqHH6r4Tts7J_aSIgg"
)

var (
	worldOnce sync.Once
	world     *World
	worldErr  error
)

// Seeded returns the fixture world, seeding it on first use.
func Seeded(tb testing.TB) *World {
	tb.Helper()
	worldOnce.Do(func() { world, worldErr = seed() })
	if worldErr != nil {
		tb.Fatalf("seeding the test world: %v", worldErr)
	}
	return world
}

// NewApp returns a fresh test app cloned from the seeded world, with every
// Hearth hook registered. Each API scenario needs its own.
func NewApp(tb testing.TB) *tests.TestApp {
	tb.Helper()
	return NewAppWithClock(tb, nil)
}

// NewAppWithClock is NewApp with the hooks telling time by clock (nil is
// the real clock). The house schedules are off.
func NewAppWithClock(tb testing.TB, clock clockwork.Clock) *tests.TestApp {
	tb.Helper()
	return newApp(tb, hooks.Config{Clock: clock, NoJobs: true})
}

// NewAppWithJobs is NewAppWithClock with the house schedules on: they
// start when the app serves (Serve) and stop with app.Cleanup(). The
// delivery sender stays off (the world's devices are not real); tests of
// delivery start a hooks.DeliverySender themselves.
func NewAppWithJobs(tb testing.TB, clock clockwork.Clock) *tests.TestApp {
	tb.Helper()
	return newApp(tb, hooks.Config{Clock: clock, NoDeliveries: true})
}

func newApp(tb testing.TB, cfg hooks.Config) *tests.TestApp {
	tb.Helper()
	w := Seeded(tb)
	app, err := tests.NewTestApp(w.Dir)
	if err != nil {
		tb.Fatal(err)
	}
	if err := hooks.Register(app, cfg); err != nil {
		tb.Fatal(err)
	}
	return app
}

// Factory is NewApp in the shape tests.ApiScenario.TestAppFactory wants.
func Factory(tb testing.TB) *tests.TestApp { return NewApp(tb) }

// Headers returns the request headers of the actor (none for Anonymous).
func (w *World) Headers(actor string) map[string]string {
	if actor == Anonymous {
		return nil
	}
	return map[string]string{"Authorization": w.People[actor].Token}
}

// Main runs the package's tests and removes the template afterwards. Call
// it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if world != nil {
		os.RemoveAll(world.Dir)
	}
	os.Exit(code)
}

func seed() (*World, error) {
	empty, err := os.MkdirTemp("", "hearth-empty-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(empty)
	// The test app clones the empty folder, migrates the clone, and the
	// clone, once seeded, becomes the template.
	app, err := tests.NewTestApp(empty)
	if err != nil {
		return nil, err
	}
	dir := app.DataDir()

	w := &World{People: map[string]Person{}}
	err = app.RunInTransaction(func(tx core.App) error {
		for _, seed := range seeders {
			if err := seed(tx, w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// Close the databases so the template's files hold everything.
	if err := app.ClearBootstrap(); err != nil {
		return nil, err
	}
	w.Dir = dir
	return w, nil
}

// seeders add the world's records, one function per capability, in the
// order their relations need (houses, then people, then what they own). A
// new collection adds its own seeding function here.
var seeders = []func(tx core.App, w *World) error{
	seedHouses,
	seedPeople,
	seedSuperuser,
	seedNotifications,
	seedInvites,
	seedChores,
	seedCheckins,
	seedMeetings,
	seedJobRuns,
	seedEvents,
	seedBoard,
	seedDeliveries,
	seedPush,
	seedAudit,
	seedStaffRecords,
	seedPasses,
}

// seedHouses adds house A, with the default settings and a curfew, and
// house B, with none.
func seedHouses(tx core.App, w *World) error {
	a, err := createRecord(tx, "houses", map[string]any{
		"name": "Cedar House", "timezone": "America/Los_Angeles", "capacity": 5,
		"curfew": "23:00", "checkin_by": hooks.DefaultCheckinBy, "chore_grace": hooks.DefaultChoreGrace,
		"meetings_per_week": hooks.DefaultMeetingsPerWeek, "support_craving": hooks.DefaultSupportCraving,
	})
	if err != nil {
		return err
	}
	b, err := createRecord(tx, "houses", map[string]any{
		"name": "Birch House", "timezone": "America/New_York", "capacity": 0,
		"support_craving": hooks.DefaultSupportCraving,
	})
	if err != nil {
		return err
	}
	w.HouseA, w.HouseB = a.Id, b.Id
	return nil
}

// seedPeople adds an account for every actor but the superuser, with
// their memberships (see the Actor names).
func seedPeople(tx core.App, w *World) error {
	a, b := w.HouseA, w.HouseB
	type place struct {
		house, role, status string
	}
	people := []struct {
		name   string
		extra  map[string]any
		places []place
	}{
		{ResidentA1, map[string]any{"phone": "555-0101", "share_phone": true, "sobriety_date": "2026-01-02", "share_sobriety": true,
			"emergency_name": "Ana One", "emergency_phone": "555-9101"}, []place{{a, hooks.RoleResident, hooks.StatusActive}}},
		{ResidentA2, map[string]any{"phone": "555-0102", "sobriety_date": "2025-05-06",
			"emergency_name": "Ben Two", "emergency_phone": "555-9102"}, []place{{a, hooks.RoleResident, hooks.StatusActive}}},
		{AwayA, map[string]any{"phone": "555-0103"}, []place{{a, hooks.RoleResident, hooks.StatusAway}}},
		{ManagerA, map[string]any{"phone": "555-0104"}, []place{{a, hooks.RoleManager, hooks.StatusActive}}},
		{AlumnusA, map[string]any{"phone": "555-0105", "share_phone": true}, []place{{a, hooks.RoleResident, hooks.StatusAlumni}}},
		{DischargedA, map[string]any{"phone": "555-0106", "share_phone": true},
			[]place{{a, hooks.RoleResident, hooks.StatusDischarged}, {b, hooks.RoleResident, hooks.StatusActive}}},
		{ResidentB, map[string]any{"phone": "555-0107", "share_phone": true}, []place{{b, hooks.RoleResident, hooks.StatusActive}}},
		{ManagerB, map[string]any{"phone": "555-0108"}, []place{{b, hooks.RoleManager, hooks.StatusActive}}},
		{Newcomer, nil, nil},
	}
	users, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	for _, p := range people {
		u := core.NewRecord(users)
		u.SetEmail(p.name + "@example.com")
		u.SetPassword(Password)
		u.SetVerified(true)
		u.Set("name", p.name)
		u.Load(p.extra)
		if err := tx.Save(u); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		token, err := u.NewAuthToken()
		if err != nil {
			return err
		}
		person := Person{ID: u.Id, Email: u.Email(), Token: token}
		for _, pl := range p.places {
			m, err := createRecord(tx, "memberships", map[string]any{
				"house": pl.house, "user": u.Id, "role": pl.role, "status": pl.status, "room": "1",
			})
			if err != nil {
				return fmt.Errorf("%s membership: %w", p.name, err)
			}
			if person.Membership == "" {
				person.Membership = m.Id
			} else {
				w.MembershipDischargedB = m.Id
			}
			if pl.status == hooks.StatusDischarged || pl.status == hooks.StatusAlumni {
				m.Set("exit_reason", "private reason of "+p.name)
				m.Set("move_out", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
				if err := tx.Save(m); err != nil {
					return err
				}
			}
		}
		w.People[p.name] = person
	}
	return nil
}

// seedSuperuser adds the Superuser actor.
func seedSuperuser(tx core.App, w *World) error {
	su, err := tx.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	s := core.NewRecord(su)
	s.SetEmail("superuser@example.com")
	s.SetPassword(Password)
	if err := tx.Save(s); err != nil {
		return err
	}
	token, err := s.NewAuthToken()
	if err != nil {
		return err
	}
	w.People[Superuser] = Person{ID: s.Id, Email: s.Email(), Token: token}
	return nil
}

// seedNotifications adds one private notification each for residentA1
// (NotificationA1) and residentA2.
func seedNotifications(tx core.App, w *World) error {
	n, err := createRecord(tx, "notifications", map[string]any{
		"user": w.People[ResidentA1].ID, "kind": "test", "title": "For A1 only", "body": "private body of A1",
	})
	if err != nil {
		return err
	}
	w.NotificationA1 = n.Id
	_, err = createRecord(tx, "notifications", map[string]any{
		"user": w.People[ResidentA2].ID, "kind": "test", "title": "For A2 only", "body": "private body of A2",
	})
	return err
}

// seedInvites adds InviteA, the pending invite of InviteCodeA.
func seedInvites(tx core.App, w *World) error {
	code, _ := domain.NormalizeInviteCode(InviteCodeA)
	inv, err := createRecord(tx, "invites", map[string]any{
		"house": w.HouseA, "code_hash": domain.InviteCodeHash(code),
		"role": hooks.RoleResident, "room": "4", "bed": "B", "created_by": w.People[ManagerA].ID,
		"expires": time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	w.InviteA = inv.Id
	return nil
}

// kitchen is each house's one chore.
var kitchen = domain.ChoreSpec{Title: "Kitchen", Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 9}, Points: 2, NeedsPhoto: true}

// seedChores adds each house's chore with one open assignment, and house
// A's chore ledger row.
func seedChores(tx core.App, w *World) error {
	for _, c := range []struct {
		house, assignee   string
		chore, assignment *string
	}{
		{w.HouseA, w.People[ResidentA2].ID, &w.ChoreA, &w.AssignmentA2},
		{w.HouseB, w.People[ResidentB].ID, &w.ChoreB, &w.AssignmentB},
	} {
		chore, err := createRecord(tx, "chores", kitchen.Fields(c.house))
		if err != nil {
			return err
		}
		asg, err := createRecord(tx, "chore_assignments", map[string]any{
			"chore": chore.Id, "house": c.house, "assignee": c.assignee, "status": domain.ChoreOpen, "points": kitchen.Points,
			"due": time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC),
		})
		if err != nil {
			return err
		}
		*c.chore, *c.assignment = chore.Id, asg.Id
	}

	day, err := createRecord(tx, "chore_days", map[string]any{
		"house": w.HouseA, "day": "2026-11-22", "assigned": 1,
		"present": []string{w.People[ResidentA1].ID, w.People[ResidentA2].ID},
	})
	if err != nil {
		return err
	}
	w.ChoreDayA = day.Id
	return nil
}

// seedCheckins adds CheckinA1.
func seedCheckins(tx core.App, w *World) error {
	checkin, err := createRecord(tx, "checkins", map[string]any{
		"user": w.People[ResidentA1].ID, "house": w.HouseA, "kind": domain.CheckinDaily, "mood": 4, "craving": 2,
		"note": "Good talk with my sponsor.", "day": "2026-11-22",
	})
	if err != nil {
		return err
	}
	w.CheckinA1 = checkin.Id
	return nil
}

// seedMeetings adds MeetingA1.
func seedMeetings(tx core.App, w *World) error {
	meeting, err := createRecord(tx, "meetings", map[string]any{
		"user": w.People[ResidentA1].ID, "house": w.HouseA, "date": "2026-11-20", "program": "aa",
		"name": "Tuesday Night Big Book", "format": "in_person",
	})
	if err != nil {
		return err
	}
	w.MeetingA1 = meeting.Id
	return nil
}

// seedJobRuns adds JobRunA.
func seedJobRuns(tx core.App, w *World) error {
	// A day before every test's clock: the scheduler takes the newest day
	// in job_runs as the earliest its clock may read.
	run, err := createRecord(tx, "job_runs", map[string]any{"house": w.HouseA, "job": "seed", "day": "2000-01-01"})
	if err != nil {
		return err
	}
	w.JobRunA = run.Id
	return nil
}

// seedBoard adds the board's records (see World).
func seedBoard(tx core.App, w *World) error {
	for _, p := range []struct {
		id            *string
		house, author string
		hidden        bool
	}{
		{&w.PostA, w.HouseA, w.People[ResidentA1].ID, false},
		{&w.HiddenPostA, w.HouseA, w.People[ResidentA2].ID, true},
		{&w.PostB, w.HouseB, w.People[ResidentB].ID, false},
	} {
		post, err := createRecord(tx, "posts", map[string]any{
			"house": p.house, "author": p.author, "kind": domain.PostShare, "hidden": p.hidden,
			"body": "Ninety meetings in ninety days, and today was day 41.",
		})
		if err != nil {
			return err
		}
		*p.id = post.Id
	}
	a2 := w.People[ResidentA2].ID
	comment, err := createRecord(tx, "comments", map[string]any{"post": w.PostA, "author": a2, "body": "So proud of you."})
	if err != nil {
		return err
	}
	reaction, err := createRecord(tx, "reactions", map[string]any{"post": w.PostA, "user": a2, "kind": "heart"})
	if err != nil {
		return err
	}
	report, err := createRecord(tx, "reports", map[string]any{
		"post": w.PostA, "house": w.HouseA, "reporter": w.People[AlumnusA].ID, "reason": "seeded report",
	})
	if err != nil {
		return err
	}
	hidden, err := createRecord(tx, "comments", map[string]any{
		"post": w.HiddenPostA, "author": w.People[ManagerA].ID, "body": "Can we talk after dinner?",
	})
	if err != nil {
		return err
	}
	w.CommentA, w.ReactionA, w.ReportA, w.HiddenCommentA = comment.Id, reaction.Id, report.Id, hidden.Id
	return nil
}

func createRecord(tx core.App, collection string, data map[string]any) (*core.Record, error) {
	c, err := tx.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(c)
	r.Load(data)
	return r, tx.Save(r)
}

// seedEvents adds the events of the world and an RSVP.
func seedEvents(tx core.App, w *World) error {
	a, err := createRecord(tx, "events", map[string]any{
		"house": w.HouseA, "title": "House meeting", "kind": domain.EventHouseMeeting, "required": true,
		"location": "Living room", "created_by": w.People[ManagerA].ID,
		"starts": time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC), "ends": time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	b, err := createRecord(tx, "events", map[string]any{
		"house": w.HouseB, "title": "Bowling night", "kind": domain.EventSocial, "created_by": w.People[ManagerB].ID,
		"starts": time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC), "ends": time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	rsvp, err := createRecord(tx, "rsvps", map[string]any{"event": a.Id, "user": w.People[ResidentA1].ID, "status": "yes"})
	if err != nil {
		return err
	}
	w.EventA, w.EventB, w.RsvpA1 = a.Id, b.Id, rsvp.Id
	return nil
}

// seedDeliveries adds DeliveryA1.
func seedDeliveries(tx core.App, w *World) error {
	d, err := createRecord(tx, "deliveries", map[string]any{
		"notification": w.NotificationA1, "user": w.People[ResidentA1].ID, "channel": "email",
		"status": "sent", "attempts": 1, "sent_at": time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	w.DeliveryA1 = d.Id
	return nil
}

// seedPush adds SubscriptionA1 and the server's VAPID key pair.
func seedPush(tx core.App, w *World) error {
	sub, err := createRecord(tx, "push_subscriptions", map[string]any{
		"user": w.People[ResidentA1].ID, "endpoint": "https://fcm.googleapis.com/fcm/send/world-a1",
		"p256dh": PushP256dh, "auth": PushAuth, "user_agent": "Test phone",
	})
	if err != nil {
		return err
	}
	w.SubscriptionA1 = sub.Id
	if _, err := hooks.EnsureVAPIDKeys(tx); err != nil {
		return err
	}
	return tx.DB().Select("id").From("vapid_keys").Limit(1).Row(&w.VAPIDKeys)
}

// seedAudit adds AuditA: managerA viewed residentA1's check-in.
func seedAudit(tx core.App, w *World) error {
	err := hooks.AppendAudit(tx, hooks.AuditEvent{
		At: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Actor: w.People[ManagerA].ID, ActorKind: "user",
		Action: "view", Collection: "checkins", Record: w.CheckinA1, Subject: w.People[ResidentA1].ID, House: w.HouseA,
	})
	if err != nil {
		return err
	}
	return tx.DB().Select("id").From("audit_events").Where(dbx.HashExp{"action": "view"}).Limit(1).Row(&w.AuditA)
}

// seedStaffRecords adds DrugTestA1, IncidentA1 and RandomPickA.
func seedStaffRecords(tx core.App, w *World) error {
	a1, manager := w.People[ResidentA1].ID, w.People[ManagerA].ID
	test, err := createRecord(tx, "drug_tests", map[string]any{
		"house": w.HouseA, "user": a1, "tested_at": time.Date(2026, 11, 21, 17, 0, 0, 0, time.UTC),
		"method": "urine", "panel": "12-panel", "result": "negative", "substances": []string{},
		"observed": true, "notes": "Routine.", "recorded_by": manager,
	})
	if err != nil {
		return err
	}
	w.DrugTestA1 = test.Id
	incident, err := createRecord(tx, "incidents", map[string]any{
		"house": w.HouseA, "occurred_at": time.Date(2026, 11, 21, 5, 30, 0, 0, time.UTC),
		"kind": "rule_violation", "severity": "minor", "people": []string{a1},
		"description": "Came in after curfew without calling.", "actions": "Talked it through.",
		"follow_up_by": time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), "status": "open",
		"agreement": "Call the house phone if running late.", "acknowledged": map[string]any{},
		"recorded_by": manager,
	})
	if err != nil {
		return err
	}
	w.IncidentA1 = incident.Id
	pick, err := createRecord(tx, "random_test_picks", map[string]any{
		"house": w.HouseA, "user": w.People[ResidentA2].ID, "picked_by": manager, "draw": "seeddraw", "pool": 3,
	})
	if err != nil {
		return err
	}
	w.RandomPickA = pick.Id
	return nil
}

// seedPasses adds PassA1.
func seedPasses(tx core.App, w *World) error {
	p, err := createRecord(tx, "passes", map[string]any{
		"house": w.HouseA, "user": w.People[ResidentA1].ID,
		"starts": time.Date(2099, 1, 10, 0, 0, 0, 0, time.UTC), "ends": time.Date(2099, 1, 12, 0, 0, 0, 0, time.UTC),
		"destination": "My sister's in Fresno", "phone": "559-555-0142", "note": "Her birthday.",
		"status": domain.PassApproved, "decided_by": w.People[ManagerA].ID,
		"decided_at": time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	w.PassA1 = p.Id
	return nil
}
