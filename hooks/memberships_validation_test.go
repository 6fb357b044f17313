package hooks_test

import (
	"fmt"
	"maps"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// rosterCase is one request on the memberships collection.
type rosterCase struct {
	name    string
	actor   string
	method  string
	url     string
	body    map[string]any
	prepare func(t testing.TB, app core.App) // the database before the request
	status  int
	content []string
	hidden  []string // must not be in the answer
	// unchanged: the request must not write to memberships.
	unchanged bool
	// check looks at the database after the request.
	check func(t testing.TB, app core.App)
}

func (c rosterCase) run(t *testing.T) {
	p := pinnedCase{name: c.name, actor: c.actor, method: c.method, url: c.url, body: c.body,
		prepare: c.prepare, status: c.status, content: c.content, hidden: c.hidden}
	if c.unchanged {
		p.unchanged = []string{"memberships"}
	}
	if c.check != nil {
		check := c.check
		p.check = func(t testing.TB, app core.App, _ []byte) { check(t, app) }
	}
	p.run(t)
}

const membershipsURL = "/api/collections/memberships/records"

// fillHouse adds n new people to the house as active residents, in Go.
func fillHouse(houseID string, n int) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		for i := range n {
			u := addAccount(t, app, fmt.Sprintf("filler%d-%s", i, houseID))
			saveOrFail(t, app, "memberships", map[string]any{
				"house": houseID, "user": u.Id, "role": hooks.RoleResident, "status": hooks.StatusActive,
			})
		}
	}
}

// setExitReason gives a membership an exit reason, in Go.
func setExitReason(id, reason string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		m := findOrFail(t, app, "memberships", id)
		m.Set("exit_reason", reason)
		if err := app.Save(m); err != nil {
			t.Fatal(err)
		}
	}
}

// membershipOf returns the person's membership of the house, or nil.
func membershipOf(t testing.TB, app core.App, houseID, userID string) *core.Record {
	t.Helper()
	m, err := app.FindFirstRecordByFilter("memberships", "house = {:house} && user = {:user}",
		dbx.Params{"house": houseID, "user": userID})
	if err != nil {
		return nil
	}
	return m
}

// fieldsOf is a record's fields for a failure message.
func fieldsOf(r *core.Record) any {
	if r == nil {
		return nil
	}
	return r.FieldsData()
}

// storedAs checks one field of one membership after the request.
func storedAs(id, field string, want any) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		got := findOrFail(t, app, "memberships", id).Get(field)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("stored %s = %q, want %q", field, fmt.Sprint(got), fmt.Sprint(want))
		}
	}
}

// TestMembershipCapacity: a house takes no more active or away residents
// than its beds; managers, alumni and discharged people take none; 0 beds
// means no limit.
func TestMembershipCapacity(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	full := fillHouse(w.HouseA, 2) // 3 (residentA1, residentA2, awayA) + 2 = 5 beds
	oneFree := fillHouse(w.HouseA, 1)
	houseFull := []string{fieldErrJSON("status", "validation_house_full"), "Cedar House is full: all 5 beds are taken."}
	newResident := func(house, status string) map[string]any {
		return map[string]any{"house": house, "user": p(tk.Newcomer), "role": "resident", "status": status}
	}
	newcomerIn := func(house, status string) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			mm := membershipOf(t, app, house, p(tk.Newcomer))
			if mm == nil || mm.GetString("status") != status {
				t.Errorf("newcomer's membership = %v, want one with status %s", fieldsOf(mm), status)
			}
		}
	}

	cases := []rosterCase{
		{name: "superuser adds an active resident to the full house (awayA's bed counts)", actor: tk.Superuser,
			method: "POST", url: membershipsURL, body: newResident(w.HouseA, "active"),
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "superuser adds an away resident to the full house", actor: tk.Superuser,
			method: "POST", url: membershipsURL, body: newResident(w.HouseA, "away"),
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "superuser adds an active resident to the last free bed", actor: tk.Superuser,
			method: "POST", url: membershipsURL, body: newResident(w.HouseA, "active"),
			prepare: oneFree, status: 200, content: []string{`"status":"active"`}, check: newcomerIn(w.HouseA, "active")},
		{name: "superuser records an alumnus in the full house (alumni take no bed)", actor: tk.Superuser,
			method: "POST", url: membershipsURL, body: newResident(w.HouseA, "alumni"),
			prepare: full, status: 200, content: []string{`"status":"alumni"`}, check: newcomerIn(w.HouseA, "alumni")},
		{name: "superuser adds a manager to the full house (managers take no bed)", actor: tk.Superuser,
			method: "POST", url: membershipsURL,
			body:    map[string]any{"house": w.HouseA, "user": p(tk.Newcomer), "role": "manager", "status": "active"},
			prepare: full, status: 200, content: []string{`"role":"manager"`}, check: newcomerIn(w.HouseA, "active")},
		{name: "awayA comes back to active in the full house (keeps their bed)", actor: tk.ManagerA,
			method: "PATCH", url: membershipsURL + "/" + m(tk.AwayA), body: map[string]any{"status": "active"},
			prepare: full, status: 200, check: storedAs(m(tk.AwayA), "status", "active"),
			content: []string{`"status":"active"`}},
		{name: "alumnusA back to active in the full house", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.AlumnusA), body: map[string]any{"status": "active"},
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "alumnusA back to away in the full house", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.AlumnusA), body: map[string]any{"status": "away"},
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "alumnusA back to active with a free bed", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.AlumnusA), body: map[string]any{"status": "active"},
			prepare: oneFree, status: 200, content: []string{`"status":"active"`},
			check: storedAs(m(tk.AlumnusA), "status", "active")},
		{name: "dischargedA readmitted to the full house", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.DischargedA), body: map[string]any{"status": "active"},
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "managerA turned resident in the full house", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.ManagerA), body: map[string]any{"role": "resident"},
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "residentB moved into the full house", actor: tk.Superuser,
			method: "PATCH", url: membershipsURL + "/" + m(tk.ResidentB), body: map[string]any{"house": w.HouseA},
			prepare: full, status: 400, content: houseFull, unchanged: true},
		{name: "house B (capacity 0) takes any number of residents", actor: tk.Superuser,
			method: "POST", url: membershipsURL, body: newResident(w.HouseB, "active"),
			prepare: fillHouse(w.HouseB, 6), status: 200, content: []string{`"status":"active"`},
			check: newcomerIn(w.HouseB, "active")},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestMembershipPartnerDuplicateDates: the partner is another member of
// the house, a person has one place per house, and nobody moves out before
// moving in.
func TestMembershipPartnerDuplicateDates(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	self := []string{fieldErrJSON("partner", "validation_partner_self"), "has to be someone else"}
	chosenByResident := []string{fieldErrJSON("partner", "validation_partner_chosen_by_resident"), "Only the resident can choose"}
	notHousemate := []string{fieldErrJSON("partner", "validation_partner_not_housemate"), "has to live in this house"}
	duplicate := []string{fieldErrJSON("user", "validation_duplicate_membership"), "already on this house's roster"}
	moveOut := []string{fieldErrJSON("move_out", "validation_move_out_before_move_in"), "can't be before the move-in date"}
	partner := func(actor, of, to string) rosterCase {
		return rosterCase{actor: actor, method: "PATCH", url: membershipsURL + "/" + m(of), body: map[string]any{"partner": p(to)}}
	}
	with := func(c rosterCase, name string, status int, content []string) rosterCase {
		c.name, c.status, c.content = name, status, content
		c.unchanged = status != 200
		return c
	}
	partnered := func(c rosterCase, of, to string) rosterCase {
		c = with(c, c.name, 200, []string{`"partner":"` + p(to) + `"`})
		c.check = storedAs(m(of), "partner", p(to))
		return c
	}

	cases := []rosterCase{
		with(partner(tk.ResidentA1, tk.ResidentA1, tk.ResidentA1), "residentA1 names themself as partner", 400, self),
		with(partner(tk.ManagerA, tk.ResidentA2, tk.ResidentA2), "managerA makes residentA2 their own partner", 400, chosenByResident),
		{name: "superuser adds the newcomer as their own partner", actor: tk.Superuser, method: "POST", url: membershipsURL,
			body:   map[string]any{"house": w.HouseA, "user": p(tk.Newcomer), "role": "resident", "status": "active", "partner": p(tk.Newcomer)},
			status: 400, content: self, unchanged: true},
		with(partner(tk.ResidentA1, tk.ResidentA1, tk.ResidentB), "residentA1 picks residentB of house B", 400, notHousemate),
		with(partner(tk.ResidentA1, tk.ResidentA1, tk.AlumnusA), "residentA1 picks alumnusA", 400, notHousemate),
		with(partner(tk.ManagerA, tk.ResidentA2, tk.DischargedA), "managerA gives residentA2 dischargedA", 400, chosenByResident),
		with(partner(tk.ManagerA, tk.ResidentA2, tk.Newcomer), "managerA gives residentA2 the newcomer", 400, chosenByResident),
		with(partner(tk.Superuser, tk.ResidentA2, tk.ManagerB), "superuser gives residentA2 managerB", 400, notHousemate),
		partnered(with(partner(tk.ResidentA1, tk.ResidentA1, tk.ResidentA2), "residentA1 picks residentA2", 0, nil), tk.ResidentA1, tk.ResidentA2),
		partnered(with(partner(tk.ResidentA1, tk.ResidentA1, tk.AwayA), "residentA1 picks awayA (away is a member)", 0, nil), tk.ResidentA1, tk.AwayA),
		// A partner reads the resident's check-ins: only the resident
		// chooses one; a manager may remove one.
		with(partner(tk.ManagerA, tk.ResidentA2, tk.ResidentA1), "managerA gives residentA2 residentA1", 400, chosenByResident),
		{name: "managerA removes residentA2's partner", actor: tk.ManagerA, method: "PATCH", url: membershipsURL + "/" + m(tk.ResidentA2),
			prepare: func(t testing.TB, app core.App) {
				r := findOrFail(t, app, "memberships", m(tk.ResidentA2))
				r.Set("partner", p(tk.ResidentA1))
				save(t, app, r)
			},
			body: map[string]any{"partner": ""}, status: 200, content: []string{`"partner":""`},
			check: storedAs(m(tk.ResidentA2), "partner", "")},
		partnered(with(partner(tk.AwayA, tk.AwayA, tk.ManagerA), "awayA picks managerA", 0, nil), tk.AwayA, tk.ManagerA),

		{name: "superuser adds residentA1 to house A again", actor: tk.Superuser, method: "POST", url: membershipsURL,
			body:   map[string]any{"house": w.HouseA, "user": p(tk.ResidentA1), "role": "resident", "status": "active"},
			status: 400, content: duplicate, unchanged: true},
		{name: "superuser re-adds alumnusA as a new resident", actor: tk.Superuser, method: "POST", url: membershipsURL,
			body:   map[string]any{"house": w.HouseA, "user": p(tk.AlumnusA), "role": "resident", "status": "active"},
			status: 400, content: duplicate, unchanged: true},
		{name: "superuser moves dischargedA's house B place to house A", actor: tk.Superuser, method: "PATCH",
			url: membershipsURL + "/" + w.MembershipDischargedB, body: map[string]any{"house": w.HouseA},
			status: 400, content: duplicate, unchanged: true},

		{name: "managerA sets residentA2's move-out before the move-in", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"move_in": "2026-03-01", "move_out": "2026-02-01"},
			status: 400, content: moveOut, unchanged: true},
		{name: "superuser adds a place that ends before it starts", actor: tk.Superuser, method: "POST", url: membershipsURL,
			body: map[string]any{"house": w.HouseA, "user": p(tk.Newcomer), "role": "resident", "status": "alumni",
				"move_in": "2026-03-01", "move_out": "2026-02-28"},
			status: 400, content: moveOut, unchanged: true},
		{name: "managerA sets move-out on residentA2's move-in day", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"move_in": "2026-03-01", "move_out": "2026-03-01"},
			status: 200, content: []string{`"move_out":"2026-03-01`}, check: storedAs(m(tk.ResidentA2), "move_out", "2026-03-01 00:00:00.000Z")},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestMembershipsMadeOnlyByInvite: a membership is made by redeeming an
// invite, by `hearth house create` or by a superuser, and never deleted
// through the API but by a superuser. Before, a manager could add any
// account whose id they knew to their house (then read that person's phone
// and emergency contact), choose a resident's partner by deleting the place
// and creating it again, and bring a discharged person back without an
// invite, erasing why and when they left.
func TestMembershipsMadeOnlyByInvite(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	refused := []string{`"status":403`}
	resident := func(house, user string, extra map[string]any) map[string]any {
		body := map[string]any{"house": house, "user": user, "role": "resident", "status": "active"}
		maps.Copy(body, extra)
		return body
	}
	cases := []rosterCase{
		{name: "managerB adds residentA1, whose id they know, to house B", actor: tk.ManagerB, method: "POST",
			url: membershipsURL, body: resident(w.HouseB, p(tk.ResidentA1), nil),
			status: 403, content: refused, unchanged: true},
		{name: "managerA adds the newcomer to house A", actor: tk.ManagerA, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.Newcomer), nil),
			status: 403, content: refused, unchanged: true},
		{name: "managerA deletes residentA2's place", actor: tk.ManagerA, method: "DELETE",
			url: membershipsURL + "/" + m(tk.ResidentA2), status: 403, content: refused, unchanged: true},
		{name: "managerA creates residentA2's place again with a partner of their choosing", actor: tk.ManagerA, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.ResidentA2), map[string]any{"partner": p(tk.ResidentA1)}),
			prepare: func(t testing.TB, app core.App) { deleteOrFail(t, app, "memberships", m(tk.ResidentA2)) },
			status:  403, content: refused, unchanged: true},
		{name: "managerA deletes dischargedA's place to bring them back", actor: tk.ManagerA, method: "DELETE",
			url: membershipsURL + "/" + m(tk.DischargedA), status: 403, content: refused, unchanged: true,
			check: func(t testing.TB, app core.App) {
				mm := findOrFail(t, app, "memberships", m(tk.DischargedA))
				if mm.GetString("status") != "discharged" || mm.GetString("exit_reason") == "" || mm.GetDateTime("move_out").IsZero() {
					t.Errorf("dischargedA's place = %v, want it discharged with its reason and move-out kept", fieldsOf(mm))
				}
			}},
		{name: "managerA brings dischargedA back as a new resident", actor: tk.ManagerA, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.DischargedA), nil),
			prepare: func(t testing.TB, app core.App) { deleteOrFail(t, app, "memberships", m(tk.DischargedA)) },
			status:  403, content: refused, unchanged: true},
		{name: "managerA brings dischargedA back by an update", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.DischargedA), body: map[string]any{"status": "active"},
			status: 400, content: []string{fieldErrJSON("status", "validation_use_invite")}, unchanged: true},
		{name: "managerA sets residentA2's partner", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"partner": p(tk.ResidentA1)},
			status: 400, content: []string{fieldErrJSON("partner", "validation_partner_chosen_by_resident")}, unchanged: true},
		{name: "residentA1 adds themselves to house B", actor: tk.ResidentA1, method: "POST",
			url: membershipsURL, body: resident(w.HouseB, p(tk.ResidentA1), nil),
			status: 403, content: refused, unchanged: true},
		{name: "the newcomer adds themselves to house A", actor: tk.Newcomer, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.Newcomer), nil),
			status: 403, content: refused, unchanged: true},
		{name: "residentA2 deletes their own place", actor: tk.ResidentA2, method: "DELETE",
			url: membershipsURL + "/" + m(tk.ResidentA2), status: 403, content: refused, unchanged: true},
		{name: "nobody signed in adds the newcomer", actor: tk.Anonymous, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.Newcomer), nil),
			status: 403, content: refused, unchanged: true},
		{name: "a superuser adds the newcomer", actor: tk.Superuser, method: "POST",
			url: membershipsURL, body: resident(w.HouseA, p(tk.Newcomer), nil),
			status: 200, content: []string{`"status":"active"`}},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestMembershipWriters: a member changes only the partner of their own
// place; a manager writes the residents of their own house only, never a
// manager's place, their own included.
func TestMembershipWriters(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	own := func(field string, value any, status int) rosterCase {
		return rosterCase{name: fmt.Sprintf("residentA1 changes their own %s", field), actor: tk.ResidentA1,
			method: "PATCH", url: membershipsURL + "/" + m(tk.ResidentA1), body: map[string]any{field: value},
			status: status, unchanged: true, hidden: []string{`"id":"` + m(tk.ResidentA1) + `"`}}
	}

	cases := []rosterCase{
		{name: "residentA1 changes their own partner", actor: tk.ResidentA1, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA1), body: map[string]any{"partner": p(tk.ResidentA2)},
			status: 200, content: []string{`"partner":"` + p(tk.ResidentA2) + `"`},
			check: storedAs(m(tk.ResidentA1), "partner", p(tk.ResidentA2))},
		own("room", "9", 403),
		own("status", "alumni", 403),
		own("role", "manager", 403),
		own("house", w.HouseB, 400),
		own("bed", "B", 403),
		own("phase", 2, 403),
		own("move_out", "2026-12-01", 403),
		{name: "residentA1 changes partner and room together", actor: tk.ResidentA1, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA1), body: map[string]any{"partner": p(tk.ResidentA2), "room": "9"},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},
		{name: "residentA1 writes an exit reason on their own place (dropped)", actor: tk.ResidentA1, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA1), body: map[string]any{"exit_reason": "written by residentA1"},
			status: 200, hidden: []string{"written by residentA1"},
			check: storedAs(m(tk.ResidentA1), "exit_reason", "")},
		{name: "residentA1 changes residentA2's partner", actor: tk.ResidentA1, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"partner": p(tk.AwayA)},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		// An alumnus changes only their need-support alerts on their own
		// membership (posts_support_test.go).
		{name: "alumnusA changes their own partner", actor: tk.AlumnusA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.AlumnusA), body: map[string]any{"partner": p(tk.ResidentA1)},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},

		{name: "managerA changes their own room", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ManagerA), body: map[string]any{"room": "9"},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA changes their own status", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ManagerA), body: map[string]any{"status": "alumni"},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA creates a manager", actor: tk.ManagerA, method: "POST", url: membershipsURL,
			body:   map[string]any{"house": w.HouseA, "user": p(tk.Newcomer), "role": "manager", "status": "active"},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA promotes residentA2 to manager", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"role": "manager"},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA moves residentA2 to house B", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"house": w.HouseB},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA gives residentA2's place to the newcomer", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"user": p(tk.Newcomer)},
			status: 400, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA changes residentB's room", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentB), body: map[string]any{"room": "9"},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA moves residentB out of house B", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentB), body: map[string]any{"status": "alumni"},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA deletes residentB's place", actor: tk.ManagerA, method: "DELETE",
			url: membershipsURL + "/" + m(tk.ResidentB), status: 403, unchanged: true, content: []string{`"status":403`}},
		{name: "managerA adds the newcomer to house B", actor: tk.ManagerA, method: "POST", url: membershipsURL,
			body:   map[string]any{"house": w.HouseB, "user": p(tk.Newcomer), "role": "resident", "status": "active"},
			status: 403, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerB changes residentA2's room", actor: tk.ManagerB, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"room": "9"},
			status: 404, unchanged: true, hidden: []string{`"id":"`}},
		{name: "managerA changes residentA2's room", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2), body: map[string]any{"room": "9"},
			status: 200, content: []string{`"room":"9"`}, check: storedAs(m(tk.ResidentA2), "room", "9")},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestMembershipExitReason: why someone moved out is written and read by the
// house's managers (and superusers) only.
func TestMembershipExitReason(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	a2Reason := setExitReason(m(tk.ResidentA2), "private reason of residentA2")
	secret := []string{"private reason of", `"exit_reason"`}
	listA := membershipsURL + "?perPage=200&filter=" + "house%3D%27" + w.HouseA + "%27"

	cases := []rosterCase{
		{name: "managerA moves residentA2 out with a reason", actor: tk.ManagerA, method: "PATCH",
			url: membershipsURL + "/" + m(tk.ResidentA2),
			body: map[string]any{"status": "alumni", "move_out": "2026-11-01",
				"exit_reason": "private reason of residentA2"},
			status:  200,
			content: []string{`"status":"alumni"`, `"exit_reason":"private reason of residentA2"`},
			check:   storedAs(m(tk.ResidentA2), "exit_reason", "private reason of residentA2")},
		{name: "superuser records an alumnus with a reason", actor: tk.Superuser, method: "POST", url: membershipsURL,
			body: map[string]any{"house": w.HouseA, "user": p(tk.Newcomer), "role": "resident", "status": "alumni",
				"exit_reason": "private reason of newcomer"},
			status:  200,
			content: []string{`"exit_reason":"private reason of newcomer"`},
			check: func(t testing.TB, app core.App) {
				mm := membershipOf(t, app, w.HouseA, p(tk.Newcomer))
				if mm == nil || mm.GetString("exit_reason") != "private reason of newcomer" {
					t.Errorf("newcomer's membership = %v, want the exit reason stored", fieldsOf(mm))
				}
			}},
		{name: "managerA sees residentA2's reason", actor: tk.ManagerA, method: "GET",
			url: membershipsURL + "/" + m(tk.ResidentA2), prepare: a2Reason,
			status: 200, content: []string{`"exit_reason":"private reason of residentA2"`}},
		{name: "managerA sees alumnusA's reason", actor: tk.ManagerA, method: "GET",
			url:    membershipsURL + "/" + m(tk.AlumnusA),
			status: 200, content: []string{`"exit_reason":"private reason of alumnusA"`}},
		{name: "managerA sees the reasons in the list", actor: tk.ManagerA, method: "GET", url: listA,
			status: 200, content: []string{`"exit_reason":"private reason of alumnusA"`, `"exit_reason":"private reason of dischargedA"`}},
		{name: "superuser sees alumnusA's reason", actor: tk.Superuser, method: "GET",
			url:    membershipsURL + "/" + m(tk.AlumnusA),
			status: 200, content: []string{`"exit_reason":"private reason of alumnusA"`}},

		{name: "residentA1 lists house A", actor: tk.ResidentA1, method: "GET", url: listA, prepare: a2Reason,
			status: 200, content: []string{`"id":"` + m(tk.ResidentA2) + `"`}, hidden: secret},
		{name: "residentA1 views residentA2's place", actor: tk.ResidentA1, method: "GET",
			url: membershipsURL + "/" + m(tk.ResidentA2), prepare: a2Reason,
			status: 200, content: []string{`"id":"` + m(tk.ResidentA2) + `"`}, hidden: secret},
		{name: "residentA1 expands residentA2's places", actor: tk.ResidentA1, method: "GET",
			url:     "/api/collections/users/records/" + p(tk.ResidentA2) + "?expand=memberships_via_user",
			prepare: a2Reason, status: 200, content: []string{`"memberships_via_user":[`}, hidden: secret},
		{name: "residentA1 filters on the reason (refused)", actor: tk.ResidentA1, method: "GET",
			url: membershipsURL + "?filter=" + "exit_reason%7E%27private%27", prepare: a2Reason,
			status: 400, content: []string{`"status":400`}, hidden: secret},
		{name: "alumnusA views their own place", actor: tk.AlumnusA, method: "GET",
			url:    membershipsURL + "/" + m(tk.AlumnusA),
			status: 200, content: []string{`"id":"` + m(tk.AlumnusA) + `"`}, hidden: secret},
		{name: "dischargedA lists their places", actor: tk.DischargedA, method: "GET", url: membershipsURL,
			status: 200, content: []string{`"id":"` + m(tk.DischargedA) + `"`}, hidden: secret},
		{name: "managerB views alumnusA's place", actor: tk.ManagerB, method: "GET",
			url:    membershipsURL + "/" + m(tk.AlumnusA),
			status: 404, hidden: secret},
	}
	for _, c := range cases {
		c.run(t)
	}
}

// TestMembershipValidationInGo: Go code that saves a membership goes
// through the same validation as the API.
func TestMembershipValidationInGo(t *testing.T) {
	w := tk.Seeded(t)
	p := func(name string) string { return w.People[name].ID }
	m := func(name string) string { return w.People[name].Membership }
	resident := func(house, user string, extra map[string]any) func(t testing.TB, app core.App) *core.Record {
		return func(t testing.TB, app core.App) *core.Record {
			data := map[string]any{"house": house, "user": user, "role": "resident", "status": "active"}
			for k, v := range extra {
				data[k] = v
			}
			return unsavedRecord(t, app, "memberships", data)
		}
	}
	change := func(id string, data map[string]any) func(t testing.TB, app core.App) *core.Record {
		return func(t testing.TB, app core.App) *core.Record {
			r := findOrFail(t, app, "memberships", id)
			r.Load(data)
			return r
		}
	}
	cases := []struct {
		name    string
		prepare func(t testing.TB, app core.App)
		record  func(t testing.TB, app core.App) *core.Record
		field   string // "" when the save must pass
		code    string
	}{
		{"a resident in the full house", fillHouse(w.HouseA, 2), resident(w.HouseA, p(tk.Newcomer), nil),
			"status", "validation_house_full"},
		{"a resident in the last free bed", fillHouse(w.HouseA, 1), resident(w.HouseA, p(tk.Newcomer), nil), "", ""},
		{"alumnusA back in the full house", fillHouse(w.HouseA, 2), change(m(tk.AlumnusA), map[string]any{"status": "active"}),
			"status", "validation_house_full"},
		{"a tenth resident in house B", fillHouse(w.HouseB, 8), resident(w.HouseB, p(tk.Newcomer), nil), "", ""},
		{"partnered with oneself", nil, change(m(tk.ResidentA1), map[string]any{"partner": p(tk.ResidentA1)}),
			"partner", "validation_partner_self"},
		{"partnered with residentB", nil, change(m(tk.ResidentA1), map[string]any{"partner": p(tk.ResidentB)}),
			"partner", "validation_partner_not_housemate"},
		{"partnered with residentA2", nil, change(m(tk.ResidentA1), map[string]any{"partner": p(tk.ResidentA2)}), "", ""},
		{"residentA2 twice in house A", nil, resident(w.HouseA, p(tk.ResidentA2), nil),
			"user", "validation_duplicate_membership"},
		{"out before in", nil, change(m(tk.ResidentA2), map[string]any{"move_in": "2026-05-02", "move_out": "2026-05-01"}),
			"move_out", "validation_move_out_before_move_in"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			if c.prepare != nil {
				c.prepare(t, app)
			}
			before := dumpCollection(t, app, "memberships")

			err := app.Save(c.record(t, app))
			if c.field == "" {
				if err != nil {
					t.Fatalf("app.Save refused a valid membership: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("app.Save accepted the membership")
			}
			if got := saveErrorCode(err, c.field); got != c.code {
				t.Errorf("error on %s = %q, want %q (whole error: %v)", c.field, got, c.code, err)
			}
			if after := dumpCollection(t, app, "memberships"); after != before {
				t.Errorf("memberships changed:\nbefore:\n%safter:\n%s", before, after)
			}
		})
	}
}
