package hooks_test

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	tk "hearth/testkit"
)

// actors are the rows of the authorization matrix: every kind of person
// docs/API.md's access model distinguishes, plus the wrong ones.
var actors = []string{
	tk.Anonymous, tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA,
	tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer, tk.Superuser,
}

// boardReaders are the people who read house A's board: its members,
// managers and alumni.
var boardReaders = []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.Superuser}

// matrixCell says who may do one operation on one collection's target
// record (a record of house A); everyone else must be refused.
type matrixCell struct {
	// collection names the collection, optionally followed by "#" and a
	// variant of its target (posts#hidden: a hidden post).
	collection string
	op         string // list, view, create, update, delete
	allowed    []string
	ruleless   bool // the collection has no rule for op: only superusers, 403 for others
	// refusedBy maps an actor to the status of a refusal that comes from a
	// hook rather than the rule (the rule lets the request through, the
	// hook then refuses it).
	refusedBy map[string]int
}

// accessMatrix is THE authorization matrix. Every collection adds its rows
// here. The target of each row is described by matrixRequest.
var accessMatrix = []matrixCell{
	// houses: target house A.
	{"houses", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"houses", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"houses", "create", []string{tk.Superuser}, true, nil},
	{"houses", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"houses", "delete", []string{tk.Superuser}, true, nil},

	// users: target residentA2 (shares nothing).
	{"users", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"users", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"users", "create", []string{tk.Superuser}, true, nil},
	{"users", "update", []string{tk.ResidentA2, tk.Superuser}, false, nil},
	{"users", "delete", []string{tk.Superuser}, true, nil},

	// memberships: target residentA2's membership of A; create adds the
	// newcomer to A as a resident. Only superusers create or delete one: a
	// person joins by redeeming an invite, and a move-out is an update.
	{"memberships", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"memberships", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"memberships", "create", []string{tk.Superuser}, true, nil},
	{"memberships", "update", []string{tk.ManagerA, tk.Superuser}, false,
		map[string]int{tk.ResidentA2: 403}}, // own membership: only the partner may change
	{"memberships", "delete", []string{tk.Superuser}, true, nil},

	// notifications: target residentA1's notification.
	{"notifications", "list", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"notifications", "view", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"notifications", "create", []string{tk.Superuser}, true, nil},
	{"notifications", "update", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"notifications", "delete", []string{tk.Superuser}, true, nil},

	// invites: target the pending invite of house A. Made and redeemed
	// through /api/hearth routes (see invites_test.go), never created
	// through the collection; managers may only revoke.
	{"invites", "list", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"invites", "view", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"invites", "create", []string{tk.Superuser}, true, nil},
	{"invites", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"invites", "delete", []string{tk.Superuser}, true, nil},

	// chores: target house A's chore; create adds one to A.
	{"chores", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"chores", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"chores", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"chores", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"chores", "delete", []string{tk.ManagerA, tk.Superuser}, false, nil},

	// chore_assignments: target residentA2's assignment. The update sends
	// a note, which only the assignee writes (a manager reviews through
	// status and review_note: chore_assignments_test.go).
	{"chore_assignments", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"chore_assignments", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"chore_assignments", "create", []string{tk.Superuser}, true, nil},
	{"chore_assignments", "update", []string{tk.ResidentA2, tk.Superuser}, false, map[string]int{tk.ManagerA: 403}},
	{"chore_assignments", "delete", []string{tk.Superuser}, true, nil},

	// chore_days: the chore job's ledger of house A; nobody's but the
	// server's (and superusers').
	{"chore_days", "list", []string{tk.Superuser}, true, nil},
	{"chore_days", "view", []string{tk.Superuser}, true, nil},
	{"chore_days", "create", []string{tk.Superuser}, true, nil},
	{"chore_days", "update", []string{tk.Superuser}, true, nil},
	{"chore_days", "delete", []string{tk.Superuser}, true, nil},

	// checkins: target residentA1's daily check-in. Seen by the resident,
	// the house's managers and the resident's partner (nobody in the world
	// has one: partner access is in checkins_test.go); written once by the
	// resident, never changed.
	{"checkins", "list", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"checkins", "view", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"checkins", "create", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"checkins", "update", []string{tk.Superuser}, true, nil},
	{"checkins", "delete", []string{tk.Superuser}, true, nil},

	// meetings: target residentA1's unverified meeting. Managers may only
	// verify (the hook refuses other fields).
	{"meetings", "list", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"meetings", "view", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"meetings", "create", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"meetings", "update", []string{tk.ResidentA1, tk.Superuser}, false, map[string]int{tk.ManagerA: 403}},
	{"meetings", "delete", []string{tk.ResidentA1, tk.Superuser}, false, nil},

	// posts: target PostA, residentA1's share in A. Members, managers and
	// alumni read the board and post as themselves; the author changes the
	// body (a manager who is not the author may not: 403 from the hook).
	{"posts", "list", boardReaders, false, nil},
	{"posts", "view", boardReaders, false, nil},
	{"posts", "create", boardReaders, false, nil},
	{"posts", "update", []string{tk.ResidentA1, tk.Superuser}, false, map[string]int{tk.ManagerA: 403}},
	{"posts", "delete", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	// posts#hidden: HiddenPostA, residentA2's share hidden by a manager:
	// only its author and the managers see it, live too (board_test.go).
	{"posts#hidden", "list", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	{"posts#hidden", "view", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	{"posts#hidden", "update", []string{tk.ResidentA2, tk.Superuser}, false, map[string]int{tk.ManagerA: 403}},
	{"posts#hidden", "delete", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	// posts#moderate: hiding PostA is the managers' (its author: 403).
	{"posts#moderate", "update", []string{tk.ManagerA, tk.Superuser}, false, map[string]int{tk.ResidentA1: 403}},
	// Kinds only some may create: need support is for members and alumni
	// (an alumnus's reaches the managers and opted-in alumni only),
	// announcements for managers, milestones for the server.
	{"posts#support", "create", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.AlumnusA, tk.ManagerA, tk.Superuser}, false, nil},
	{"posts#announcement", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"posts#milestone", "create", []string{tk.Superuser}, false, nil},
	// posts#B: PostB, in the other house (dischargedA lives in B now).
	{"posts#B", "list", []string{tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Superuser}, false, nil},
	{"posts#B", "view", []string{tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Superuser}, false, nil},

	// comments: target CommentA, residentA2's comment on PostA; create
	// comments on PostA as the actor.
	{"comments", "list", boardReaders, false, nil},
	{"comments", "view", boardReaders, false, nil},
	{"comments", "create", boardReaders, false, nil},
	{"comments", "update", []string{tk.ResidentA2, tk.Superuser}, false, nil},
	{"comments", "delete", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	// comments#hidden: managerA's comment on HiddenPostA; create comments
	// on HiddenPostA.
	{"comments#hidden", "list", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	{"comments#hidden", "view", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},
	{"comments#hidden", "create", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},

	// reactions: target ReactionA, residentA2's heart on PostA; create a
	// hug on PostA as the actor. Toggled: never updated.
	{"reactions", "list", boardReaders, false, nil},
	{"reactions", "view", boardReaders, false, nil},
	{"reactions", "create", boardReaders, false, nil},
	{"reactions", "update", []string{tk.Superuser}, true, nil},
	{"reactions", "delete", []string{tk.ResidentA2, tk.Superuser}, false, nil},
	{"reactions#hidden", "create", []string{tk.ResidentA2, tk.ManagerA, tk.Superuser}, false, nil},

	// reports: target ReportA, alumnusA's report of PostA (residentA1's).
	// Read by the reporter and the managers, never by the post's author;
	// create reports PostA as the actor: its author may not, and alumnusA
	// has already (a second report is refused).
	{"reports", "list", []string{tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"reports", "view", []string{tk.ManagerA, tk.AlumnusA, tk.Superuser}, false, nil},
	{"reports", "create", []string{tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"reports", "update", []string{tk.Superuser}, true, nil},
	{"reports", "delete", []string{tk.ManagerA, tk.Superuser}, false, nil},

	// job_runs: the jobs' ledger; the server's alone.
	{"job_runs", "list", []string{tk.Superuser}, true, nil},
	{"job_runs", "view", []string{tk.Superuser}, true, nil},
	{"job_runs", "create", []string{tk.Superuser}, true, nil},
	{"job_runs", "update", []string{tk.Superuser}, true, nil},
	{"job_runs", "delete", []string{tk.Superuser}, true, nil},

	// deliveries: the outbox; the server's alone.
	{"deliveries", "list", []string{tk.Superuser}, true, nil},
	{"deliveries", "view", []string{tk.Superuser}, true, nil},
	{"deliveries", "create", []string{tk.Superuser}, true, nil},
	{"deliveries", "update", []string{tk.Superuser}, true, nil},
	{"deliveries", "delete", []string{tk.Superuser}, true, nil},

	// events: target house A's house meeting EventA; create adds one to A.
	// Members and managers see them (not alumni, as docs/API.md says);
	// managers write them.
	{"events", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"events", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"events", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"events", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"events", "delete", []string{tk.ManagerA, tk.Superuser}, false, nil},

	// rsvps: target residentA1's "yes" to EventA, which has happened by the
	// real clock of this test: create and update take attendance, which
	// only managers do (residentA2 answering for themselves, and A1 marking
	// their own attendance, are refused by the hooks; the answers before
	// the event are in events_test.go). Nobody but superusers deletes one.
	{"rsvps", "list", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"rsvps", "view", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.Superuser}, false, nil},
	{"rsvps", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"rsvps", "update", []string{tk.ManagerA, tk.Superuser}, false, map[string]int{tk.ResidentA1: 403}},
	{"rsvps", "delete", []string{tk.Superuser}, true, nil},

	// push_subscriptions: target residentA1's device; create subscribes a
	// device of the actor's (superusers name residentA1). The owner alone,
	// managers included among the refused; no update (a device that
	// changes its keys subscribes again).
	{"push_subscriptions", "list", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"push_subscriptions", "view", []string{tk.ResidentA1, tk.Superuser}, false, nil},
	{"push_subscriptions", "create", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerA, tk.AlumnusA,
		tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer, tk.Superuser}, false, nil},
	{"push_subscriptions", "update", []string{tk.Superuser}, true, nil},
	{"push_subscriptions", "delete", []string{tk.ResidentA1, tk.Superuser}, false, nil},

	// vapid_keys: the server's VAPID key pair; no API rules.
	{"vapid_keys", "list", []string{tk.Superuser}, true, nil},
	{"vapid_keys", "view", []string{tk.Superuser}, true, nil},
	{"vapid_keys", "create", []string{tk.Superuser}, true, nil},
	{"vapid_keys", "update", []string{tk.Superuser}, true, nil},
	{"vapid_keys", "delete", []string{tk.Superuser}, true, nil},

	// audit_events: no API rules; superusers read it, the server alone
	// writes it, and nobody updates or deletes it, superusers included.
	{"audit_events", "list", []string{tk.Superuser}, true, nil},
	{"audit_events", "view", []string{tk.Superuser}, true, nil},
	{"audit_events", "create", nil, true, nil},
	{"audit_events", "update", nil, true, nil},
	{"audit_events", "delete", nil, true, nil},
	// Staff records (kept together for merging).
	// drug_tests: target residentA1's test, recorded less than a day ago
	// (by the real clock); create tests residentA1. Managers of the house
	// and the resident see it; housemates, alumni, another house's manager
	// and the partner (staff_records_test.go) do not. Managers record and
	// correct; only superusers delete.
	{"drug_tests", "list", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"drug_tests", "view", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"drug_tests", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"drug_tests", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"drug_tests", "delete", []string{tk.Superuser}, true, nil},
	// incidents: target IncidentA1, naming residentA1; create names
	// residentA1. The people named see it; managers write; only superusers
	// delete.
	{"incidents", "list", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"incidents", "view", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"incidents", "create", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"incidents", "update", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"incidents", "delete", []string{tk.Superuser}, true, nil},
	// random_test_picks: target managerA's pick of residentA2. Written by
	// the server alone; the house's managers read (not the resident
	// picked).
	{"random_test_picks", "list", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"random_test_picks", "view", []string{tk.ManagerA, tk.Superuser}, false, nil},
	{"random_test_picks", "create", []string{tk.Superuser}, true, nil},
	{"random_test_picks", "update", []string{tk.Superuser}, true, nil},
	{"random_test_picks", "delete", []string{tk.Superuser}, true, nil},
	// Passes (kept together for merging). passes: target PassA1,
	// residentA1's approved pass; create asks for one as the actor (a
	// superuser for residentA1), ten days ahead. The resident and the
	// house's managers see it; housemates, alumni, partners
	// (passes_test.go) and another house do not. Only a resident (active
	// or away) asks, for themselves; the update cancels it, which the
	// resident and a manager (ending it early) may; only superusers delete.
	{"passes", "list", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"passes", "view", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"passes", "create", []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.Superuser}, false, nil},
	{"passes", "update", []string{tk.ResidentA1, tk.ManagerA, tk.Superuser}, false, nil},
	{"passes", "delete", []string{tk.Superuser}, true, nil},
	// The first-day guide (kept together for merging).
	// memberships#first_day: residentA2's membership, its rules_read_at
	// written through the API. The server alone records it
	// (POST /api/hearth/memberships/{id}/rules-read, by the resident:
	// memberships_first_day_test.go); the resident and the managers are
	// refused by the hook, in words.
	{"memberships#first_day", "update", []string{tk.Superuser}, false,
		map[string]int{tk.ManagerA: 400, tk.ResidentA2: 400}},
}

// matrixVAPID is a key pair for the vapid_keys cells (the hooks refuse
// anything but a real P-256 pair).
var matrixVAPID = func() struct{ pub, priv string } {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return struct{ pub, priv string }{
		base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes()),
		base64.RawURLEncoding.EncodeToString(k.Bytes()),
	}
}()

// matrixTarget is the record a cell acts on, the request that does it and
// a probe of the database that tells whether a write landed.
type matrixTarget struct {
	id     string // the target record (empty for create)
	method string
	url    string
	body   string
	landed func(app *tests.TestApp) bool // nil for reads
}

func matrixRequest(w *tk.World, cell, op, actor string) matrixTarget {
	collection, _, _ := strings.Cut(cell, "#")
	targets := map[string]string{
		"houses":            w.HouseA,
		"users":             w.People[tk.ResidentA2].ID,
		"memberships":       w.People[tk.ResidentA2].Membership,
		"notifications":     w.NotificationA1,
		"invites":           w.InviteA,
		"chores":            w.ChoreA,
		"chore_assignments": w.AssignmentA2,
		"chore_days":        w.ChoreDayA,
		"checkins":          w.CheckinA1,
		"meetings":          w.MeetingA1,
		"job_runs":          w.JobRunA,
		"deliveries":        w.DeliveryA1,
		// events
		"events":          w.EventA,
		"rsvps":           w.RsvpA1,
		"posts":           w.PostA,
		"posts#hidden":    w.HiddenPostA,
		"posts#moderate":  w.PostA,
		"posts#B":         w.PostB,
		"comments":        w.CommentA,
		"comments#hidden": w.HiddenCommentA,
		"reactions":       w.ReactionA,
		"reports":         w.ReportA,
		// push
		"push_subscriptions": w.SubscriptionA1,
		"vapid_keys":         w.VAPIDKeys,
		"audit_events":       w.AuditA,
		// staff records
		"drug_tests":        w.DrugTestA1,
		"incidents":         w.IncidentA1,
		"random_test_picks": w.RandomPickA,
		// passes
		"passes": w.PassA1,
	}
	// The board's writes are made as the actor (superusers write as
	// residentA1, or residentA2 for a report: A1 wrote the post).
	me := w.People[actor].ID
	if actor == tk.Superuser {
		me = w.People[tk.ResidentA1].ID
	}
	post := func(kind string, extra string) string {
		return fmt.Sprintf(`{"house":%q,"author":%q,"kind":%q,"body":"Matrix"%s}`, w.HouseA, me, kind, extra)
	}
	reporter := me
	if actor == tk.Superuser {
		reporter = w.People[tk.ResidentA2].ID
	}
	createBodies := map[string]string{
		"houses": `{"name":"Matrix House","timezone":"Europe/Madrid"}`,
		"users":  `{"email":"matrix@example.com","password":"matrix-password-1","passwordConfirm":"matrix-password-1","name":"Matrix"}`,
		"memberships": fmt.Sprintf(`{"house":%q,"user":%q,"role":"resident","status":"active"}`,
			w.HouseA, w.People[tk.Newcomer].ID),
		"notifications": fmt.Sprintf(`{"user":%q,"kind":"test","title":"Matrix"}`, w.People[tk.ResidentA1].ID),
		"invites": fmt.Sprintf(`{"house":%q,"code_hash":"matrix","role":"resident","expires":"2100-01-01 00:00:00.000Z"}`,
			w.HouseA),
		"chores": fmt.Sprintf(`{"house":%q,"title":"Matrix","cadence":"daily","due_time":"09:00"}`, w.HouseA),
		"chore_assignments": fmt.Sprintf(`{"house":%q,"chore":%q,"assignee":%q,"status":"open","points":1,"due":"2026-12-01 17:00:00.000Z","note":"Matrix"}`,
			w.HouseA, w.ChoreA, w.People[tk.ResidentA1].ID),
		"chore_days": fmt.Sprintf(`{"house":%q,"day":"2026-12-01","present":[],"assigned":0}`, w.HouseA),
		"checkins": fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":3,"craving":0,"note":"Matrix"}`,
			w.HouseA, w.People[tk.ResidentA1].ID),
		"meetings": fmt.Sprintf(`{"house":%q,"user":%q,"date":"2026-11-01","program":"na","name":"Matrix"}`,
			w.HouseA, w.People[tk.ResidentA1].ID),
		"job_runs":           fmt.Sprintf(`{"house":%q,"job":"matrix","day":"2026-12-01"}`, w.HouseA),
		"deliveries":         `{"channel":"email","to":"matrix@example.com","status":"pending"}`,
		"posts":              post("share", ""),
		"posts#support":      post("support", ""),
		"posts#announcement": post("announcement", ""),
		"posts#milestone":    post("milestone", fmt.Sprintf(`,"subject":%q,"milestone":"7d"`, me)),
		"comments":           fmt.Sprintf(`{"post":%q,"author":%q,"body":"Matrix"}`, w.PostA, me),
		"comments#hidden":    fmt.Sprintf(`{"post":%q,"author":%q,"body":"Matrix"}`, w.HiddenPostA, me),
		"reactions":          fmt.Sprintf(`{"post":%q,"user":%q,"kind":"hug"}`, w.PostA, me),
		"reactions#hidden":   fmt.Sprintf(`{"post":%q,"user":%q,"kind":"hug"}`, w.HiddenPostA, me),
		"reports":            fmt.Sprintf(`{"post":%q,"reporter":%q,"reason":"Matrix"}`, w.PostA, reporter),
		// events
		"events": fmt.Sprintf(`{"house":%q,"title":"Matrix","kind":"social","starts":"2026-12-10 03:00:00.000Z","ends":"2026-12-10 05:00:00.000Z"}`, w.HouseA),
		"rsvps":  fmt.Sprintf(`{"event":%q,"user":%q,"attended":true}`, w.EventA, w.People[tk.ResidentA2].ID),
		// push
		"push_subscriptions": fmt.Sprintf(`{"user":%q,"endpoint":"https://fcm.googleapis.com/fcm/send/matrix","p256dh":%q,"auth":%q}`,
			me, tk.PushP256dh, tk.PushAuth),
		"vapid_keys": fmt.Sprintf(`{"public_key":%q,"private_key":%q}`, matrixVAPID.pub, matrixVAPID.priv),
		"audit_events": `{"at":"2026-12-01 00:00:00.000Z","actor":"matrix","actor_kind":"user","action":"view",` +
			`"hash":"0000000000000000000000000000000000000000000000000000000000000000"}`,
		// staff records
		"drug_tests": fmt.Sprintf(`{"house":%q,"user":%q,"tested_at":"2026-11-01 17:00:00.000Z","method":"saliva","result":"negative","notes":"Matrix"}`,
			w.HouseA, w.People[tk.ResidentA1].ID),
		"incidents": fmt.Sprintf(`{"house":%q,"occurred_at":"2026-11-01 17:00:00.000Z","kind":"other","severity":"minor","people":[%q],"description":"Matrix"}`,
			w.HouseA, w.People[tk.ResidentA1].ID),
		"random_test_picks": fmt.Sprintf(`{"house":%q,"user":%q,"draw":"matrix"}`, w.HouseA, w.People[tk.ResidentA1].ID),
		// passes: ten days ahead on the real clock (the matrix's app runs on it)
		"passes": fmt.Sprintf(`{"house":%q,"user":%q,"starts":%q,"ends":%q,"destination":"Matrix","phone":"555-123-4567","note":"Matrix"}`,
			w.HouseA, me, time.Now().AddDate(0, 0, 10).Format(time.DateOnly), time.Now().AddDate(0, 0, 12).Format(time.DateOnly)),
	}
	updateBodies := map[string]struct {
		body, field string
		want        any
	}{
		"houses":            {`{"address":"matrix"}`, "address", "matrix"},
		"users":             {`{"name":"matrix"}`, "name", "matrix"},
		"memberships":       {`{"room":"matrix"}`, "room", "matrix"},
		"notifications":     {`{"read":true}`, "read", true},
		"invites":           {`{"revoked":true}`, "revoked", true},
		"chores":            {`{"title":"matrix"}`, "title", "matrix"},
		"chore_assignments": {`{"note":"matrix"}`, "note", "matrix"},
		"chore_days":        {`{"assigned":7}`, "assigned", 7.0},
		"checkins":          {`{"note":"matrix"}`, "note", "matrix"},
		"meetings":          {`{"name":"matrix"}`, "name", "matrix"},
		"job_runs":          {`{"job":"matrix"}`, "job", "matrix"},
		"deliveries":        {`{"error":"matrix"}`, "error", "matrix"},
		"posts":             {`{"body":"matrix"}`, "body", "matrix"},
		"posts#hidden":      {`{"body":"matrix"}`, "body", "matrix"},
		"posts#moderate":    {`{"hidden":true}`, "hidden", true},
		"comments":          {`{"body":"matrix"}`, "body", "matrix"},
		"reactions":         {`{"kind":"proud"}`, "kind", "proud"},
		"reports":           {`{"reason":"matrix"}`, "reason", "matrix"},
		// events
		"events": {`{"title":"matrix"}`, "title", "matrix"},
		"rsvps":  {`{"attended":true}`, "attended", true},
		// push
		"push_subscriptions": {`{"user_agent":"matrix"}`, "user_agent", "matrix"},
		"vapid_keys": {fmt.Sprintf(`{"public_key":%q,"private_key":%q}`, matrixVAPID.pub, matrixVAPID.priv),
			"public_key", matrixVAPID.pub},
		"audit_events": {`{"actor":"matrix"}`, "actor", "matrix"},
		// staff records
		"drug_tests":        {`{"notes":"matrix"}`, "notes", "matrix"},
		"incidents":         {`{"description":"matrix"}`, "description", "matrix"},
		"random_test_picks": {`{"draw":"matrix"}`, "draw", "matrix"},
		// passes
		"passes": {`{"status":"cancelled"}`, "status", "cancelled"},
	}
	// The first-day guide's cell (kept apart for merging).
	targets["memberships#first_day"] = w.People[tk.ResidentA2].Membership
	updateBodies["memberships#first_day"] = struct {
		body, field string
		want        any
	}{`{"rules_read_at":"2026-12-02 18:00:00.000Z"}`, "rules_read_at", "2026-12-02 18:00:00.000Z"}
	id := targets[cell]
	base := "/api/collections/" + collection + "/records"
	switch op {
	case "list":
		return matrixTarget{id: id, method: http.MethodGet, url: base + "?perPage=500&skipTotal=1"}
	case "view":
		return matrixTarget{id: id, method: http.MethodGet, url: base + "/" + id}
	case "create":
		return matrixTarget{method: http.MethodPost, url: base, body: createBodies[cell],
			landed: func(app *tests.TestApp) bool {
				_, err := app.FindFirstRecordByFilter(collection, createdMarkers[collection], dbx.Params{
					"house": w.HouseA, "user": w.People[tk.Newcomer].ID,
				})
				return err == nil
			}}
	case "update":
		u := updateBodies[cell]
		return matrixTarget{id: id, method: http.MethodPatch, url: base + "/" + id, body: u.body,
			landed: func(app *tests.TestApp) bool {
				r, err := app.FindRecordById(collection, id)
				if err != nil {
					return false
				}
				if dt, ok := r.Get(u.field).(types.DateTime); ok {
					return dt.String() == u.want
				}
				return r.Get(u.field) == u.want
			}}
	case "delete":
		return matrixTarget{id: id, method: http.MethodDelete, url: base + "/" + id,
			landed: func(app *tests.TestApp) bool {
				_, err := app.FindRecordById(collection, id)
				return err != nil
			}}
	}
	panic("unknown op " + op)
}

// createdMarkers find the record a create cell would add.
var createdMarkers = map[string]string{
	"houses":            "name = 'Matrix House'",
	"users":             "email = 'matrix@example.com'",
	"memberships":       "house = {:house} && user = {:user}",
	"notifications":     "title = 'Matrix'",
	"invites":           "code_hash = 'matrix'",
	"chores":            "title = 'Matrix'",
	"chore_assignments": "note = 'Matrix'",
	"chore_days":        "day = '2026-12-01'",
	"checkins":          "note = 'Matrix'",
	"meetings":          "name = 'Matrix'",
	"job_runs":          "job = 'matrix'",
	"deliveries":        "to = 'matrix@example.com'",
	// events
	"events":    "title = 'Matrix'",
	"rsvps":     "attended = true",
	"posts":     "body = 'Matrix'",
	"comments":  "body = 'Matrix'",
	"reactions": "kind = 'hug'",
	"reports":   "reason = 'Matrix'",
	// push
	"push_subscriptions": "endpoint = 'https://fcm.googleapis.com/fcm/send/matrix'",
	"vapid_keys":         "public_key = '" + matrixVAPID.pub + "'",
	"audit_events":       "actor = 'matrix'",
	// staff records
	"drug_tests":        "notes = 'Matrix'",
	"incidents":         "description = 'Matrix'",
	"random_test_picks": "draw = 'matrix'",
	// passes
	"passes": "note = 'Matrix'",
}

func TestAccessMatrix(t *testing.T) {
	w := tk.Seeded(t)
	for _, cell := range accessMatrix {
		for _, actor := range actors {
			allowed := slices.Contains(cell.allowed, actor)
			req := matrixRequest(w, cell.collection, cell.op, actor)
			s := tests.ApiScenario{
				Name:           fmt.Sprintf("%s %s as %s (allowed=%v)", cell.collection, cell.op, actor, allowed),
				Method:         req.method,
				URL:            req.url,
				Headers:        w.Headers(actor),
				TestAppFactory: tk.Factory,
			}
			if req.body != "" {
				s.Body = strings.NewReader(req.body)
				if s.Headers == nil {
					s.Headers = map[string]string{}
				}
				s.Headers["Content-Type"] = "application/json"
			}
			s.ExpectedStatus, s.ExpectedContent, s.NotExpectedContent = matrixExpectation(cell, req, allowed, actor)
			if req.landed != nil {
				landed := req.landed
				s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
					if got := landed(app); got != allowed {
						t.Errorf("write landed = %v, want %v", got, allowed)
					}
				}
			}
			s.Test(t)
		}
	}
}

// matrixExpectation is how PocketBase answers an allowed or refused
// request: a refused list is an empty page, a refused view, update or
// delete is a 404 (the record does not exist for you), a refused create is
// a 400, and an operation without a rule is a 403 for everyone but
// superusers.
func matrixExpectation(cell matrixCell, req matrixTarget, allowed bool, actor string) (int, []string, []string) {
	idContent := []string{`"id":"` + req.id + `"`}
	switch cell.op {
	case "list":
		if allowed {
			return 200, idContent, nil
		}
		if cell.ruleless {
			return 403, nil, idContent
		}
		return 200, []string{`"items":`}, idContent
	case "view":
		if allowed {
			return 200, idContent, nil
		}
		if cell.ruleless {
			return 403, nil, idContent
		}
		return 404, nil, idContent
	case "create":
		if allowed {
			return 200, []string{`"id":`}, nil
		}
		if cell.ruleless {
			return 403, nil, []string{`"id":`}
		}
		return 400, nil, []string{`"id":`}
	case "update":
		if allowed {
			return 200, idContent, nil
		}
		if status, ok := cell.refusedBy[actor]; ok {
			return status, nil, idContent
		}
		if cell.ruleless {
			return 403, nil, idContent
		}
		return 404, nil, idContent
	case "delete":
		if allowed {
			return 204, nil, nil
		}
		if cell.ruleless {
			return 403, []string{`"status":403`}, nil
		}
		return 404, []string{`"status":404`}, nil
	}
	panic("unknown op " + cell.op)
}

// matrixOps are the operations every collection has rows for.
var matrixOps = []string{"list", "view", "create", "update", "delete"}

// Every collection that exists has a row in the authorization matrix for
// each operation: a collection added without them fails here, before its
// rules have been tried as the wrong person.
func TestAccessMatrixCoversEveryCollection(t *testing.T) {
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	collections, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, cell := range accessMatrix {
		name, _, _ := strings.Cut(cell.collection, "#")
		covered[name+" "+cell.op] = true
	}
	names := 0
	for _, c := range collections {
		if c.System && c.Name != "users" {
			continue // PocketBase's own (_superusers, _mfas, ...): superusers only
		}
		names++
		for _, op := range matrixOps {
			if !covered[c.Name+" "+op] {
				t.Errorf("the authorization matrix has no row for %s %s: add its rows to accessMatrix", c.Name, op)
			}
		}
	}
	if names < 17 {
		t.Errorf("found %d collections, want at least the 17 Hearth has", names)
	}
}
