package hooks_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

// Attacks from outside (issue 20's probe): the house-scoped realtime
// fan-out and passes, as every kind of user. Each test passes when the
// server refuses or does not leak.

// atkDo sends a request as the token (empty for a guest) and returns the
// status and body.
func atkDo(t *testing.T, base, method, path, token, contentType string, body io.Reader) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, body)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// atkTopic is a topic with PocketBase's ?options= (query and headers).
func atkTopic(topic string, query map[string]string) string {
	b, _ := json.Marshal(map[string]any{"query": query})
	return topic + "?options=" + url.QueryEscape(string(b))
}

// The secrets of the seeded world that no outsider may see in any message.
const atkDestination = "Fresno"
const atkPhone = "559-555-0142"

// TestAttack20RealtimePassesNoLeak: every kind of user subscribed to
// passes (the wildcard, the record's own topic, with expand, fields and
// filter options) while PassA1 is updated and then deleted; only its
// resident, the house's managers and superusers hear it.
func TestAttack20RealtimePassesNoLeak(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	topics := []string{
		"passes",
		"passes/" + w.PassA1,
		atkTopic("passes", map[string]string{"expand": "user,house,decided_by"}),
		atkTopic("passes", map[string]string{"filter": "destination ~ 'Fresno'"}),
		atkTopic("passes", map[string]string{"filter": "@request.auth.id != ''"}),
		atkTopic("passes", map[string]string{"fields": "destination,phone"}),
		atkTopic("memberships", map[string]string{"expand": "user"}),
		"users",
	}
	// back-relations in a subscription's options are refused outright
	// (records_filter_guard.go), even in expand
	for _, topic := range []string{
		atkTopic("memberships", map[string]string{"expand": "user.passes_via_user"}),
		atkTopic("users", map[string]string{"expand": "passes_via_user"}),
		atkTopic("memberships", map[string]string{"filter": "user.passes_via_user.destination ~ 'Fresno'"}),
	} {
		if status, _ := tk.TrySubscribe(t, srv.URL, w.People[tk.ResidentA2].Token, topic); status == http.StatusNoContent {
			t.Errorf("residentA2 subscribed to %s", topic)
		}
	}
	outsiders := []string{tk.Anonymous, tk.ResidentA2, tk.AwayA, tk.AlumnusA, tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer}
	subs := map[string]*tk.Subscriber{}
	for _, who := range append(outsiders, tk.ResidentA1, tk.ManagerA, tk.Superuser) {
		subs[who] = tk.Subscribe(t, srv.URL, w.People[who].Token, topics...)
	}

	p := findOrFail(t, app, "passes", w.PassA1)
	p.Set("note", "Her birthday, and a cake.")
	save(t, app, p)
	// a membership and a user event of A1 too, for the expand topics
	m := findOrFail(t, app, "memberships", w.People[tk.ResidentA1].Membership)
	m.Set("room", "7")
	save(t, app, m)
	deleteOrFail(t, app, "passes", w.PassA1)

	for _, who := range outsiders {
		for _, e := range subs[who].Drain(300 * time.Millisecond) {
			if e.Record["id"] == w.PassA1 {
				t.Errorf("%s heard PassA1's %s on %s", who, e.Action, e.Topic)
			}
			if strings.Contains(e.Raw, atkDestination) || strings.Contains(e.Raw, atkPhone) {
				t.Errorf("%s heard the pass's destination or phone on %s: %s", who, e.Topic, e.Raw)
			}
		}
	}
	for _, who := range []string{tk.ResidentA1, tk.ManagerA, tk.Superuser} {
		got := subs[who].Drain(300 * time.Millisecond)
		var update, del bool
		for _, e := range got {
			if e.Record["id"] == w.PassA1 {
				update = update || e.Action == "update"
				del = del || e.Action == "delete"
			}
		}
		if !update || !del {
			t.Errorf("%s missed PassA1's events: update %v, delete %v", who, update, del)
		}
	}
}

// TestAttack20RealtimeGuestWildcard: a guest subscribed to the wildcard of
// every collection hears nothing of house A's posts, comments, reactions,
// check-ins, memberships, notifications, passes, drug tests and incidents.
func TestAttack20RealtimeGuestWildcard(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	cols, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	var topics []string
	for _, c := range cols {
		if !c.IsView() && !c.System {
			topics = append(topics, c.Name+"/*")
		}
	}
	guest := tk.Subscribe(t, srv.URL, "", topics...)
	b := tk.Subscribe(t, srv.URL, w.People[tk.ResidentB].Token, topics...)

	post := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Secret A"})
	saveOrFail(t, app, "comments", map[string]any{"post": post.Id, "author": w.People[tk.ResidentA2].ID, "body": "Secret comment A"})
	for _, pair := range [][2]string{{"checkins", w.CheckinA1}, {"drug_tests", w.DrugTestA1}, {"incidents", w.IncidentA1}, {"notifications", w.NotificationA1}, {"reactions", w.ReactionA}, {"memberships", w.People[tk.ResidentA2].Membership}} {
		r := findOrFail(t, app, pair[0], pair[1])
		save(t, app, r) // an update event, nothing changed
	}
	deleteOrFail(t, app, "comments", w.CommentA)

	for name, s := range map[string]*tk.Subscriber{"guest": guest, "residentB": b} {
		for _, e := range s.Drain(400 * time.Millisecond) {
			if strings.Contains(e.Raw, w.HouseA) || strings.Contains(e.Raw, "Secret") {
				t.Errorf("%s heard house A's %s on %s: %.200s", name, e.Action, e.Topic, e.Raw)
			}
		}
	}
}

// TestAttack20RealtimeCommentExpand: residentB subscribed to comments with
// the post and its house expanded, and alumnusA (who reads A's board)
// likewise; a comment on a hidden post of A reaches neither, one on a
// visible post reaches the alumnus with its expand and not residentB.
func TestAttack20RealtimeCommentExpand(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	topic := atkTopic("comments", map[string]string{"expand": "post,post.house,author,post.author"})
	b := tk.Subscribe(t, srv.URL, w.People[tk.ResidentB].Token, topic)
	alum := tk.Subscribe(t, srv.URL, w.People[tk.AlumnusA].Token, topic)
	a2 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, topic)

	onHidden := saveOrFail(t, app, "comments", map[string]any{"post": w.HiddenPostA, "author": w.People[tk.ManagerA].ID, "body": "On hidden"})
	onVisible := saveOrFail(t, app, "comments", map[string]any{"post": w.PostA, "author": w.People[tk.ManagerA].ID, "body": "On visible"})

	if got := b.Drain(300 * time.Millisecond); len(got) != 0 {
		t.Errorf("residentB heard %d comment events of house A: %.200s", len(got), got[0].Raw)
	}
	got := alum.Drain(300 * time.Millisecond)
	if heardRecord(got, onHidden.Id) {
		t.Errorf("alumnusA heard a comment on a hidden post")
	}
	if !heardRecord(got, onVisible.Id) {
		t.Errorf("alumnusA missed a comment on a visible post")
	}
	// residentA2 wrote the hidden post: they may see their own post's comments,
	// whatever PocketBase's rule says; the test only checks it matches REST.
	got = a2.Drain(300 * time.Millisecond)
	status, _ := atkDo(t, srv.URL, "GET", "/api/collections/comments/records/"+onHidden.Id, w.People[tk.ResidentA2].Token, "", nil)
	if heardRecord(got, onHidden.Id) != (status == 200) {
		t.Errorf("residentA2: realtime heard %v, REST view status %d", heardRecord(got, onHidden.Id), status)
	}
}

// TestAttack20RealtimeExpandUserMatchesREST: a housemate subscribed to
// posts with the author expanded sees exactly the author fields the REST
// API shows them (no email, phone or hidden field more).
func TestAttack20RealtimeExpandUserMatchesREST(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	for _, who := range []string{tk.ResidentA2, tk.AlumnusA} {
		s := tk.Subscribe(t, srv.URL, w.People[who].Token, atkTopic("posts", map[string]string{"expand": "author,house"}))
		post := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Expand me"})
		var rt map[string]any
		for _, e := range s.Drain(300 * time.Millisecond) {
			if e.Record["id"] == post.Id {
				rt = e.Record
			}
		}
		if rt == nil {
			t.Fatalf("%s missed the post", who)
		}
		_, body := atkDo(t, srv.URL, "GET", "/api/collections/posts/records/"+post.Id+"?expand=author,house", w.People[who].Token, "", nil)
		var rest map[string]any
		_ = json.Unmarshal([]byte(body), &rest)
		for _, rel := range []string{"author", "house"} {
			rtRel, _ := rt["expand"].(map[string]any)[rel].(map[string]any)
			restRel, _ := rest["expand"].(map[string]any)[rel].(map[string]any)
			for k, v := range rtRel {
				if _, ok := restRel[k]; !ok && v != "" && v != nil {
					t.Errorf("%s: realtime expand.%s.%s = %v, which REST does not show", who, rel, k, v)
				}
			}
		}
	}
}

// TestAttack20RealtimeAfterLeaving: a housemate connected to posts whose
// membership is deleted, a resident whose account is deleted, and one
// whose membership moves to house B hear nothing of house A afterwards.
func TestAttack20RealtimeAfterLeaving(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	a2 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts", "comments", "memberships")
	away := tk.Subscribe(t, srv.URL, w.People[tk.AwayA].Token, "posts", "comments")
	mgr := tk.Subscribe(t, srv.URL, w.People[tk.ManagerA].Token, "posts", "passes")

	postIn(w.HouseA, w.People[tk.ResidentA1].ID)(t, app, 1) // the index reads house A
	a2.Drain(200 * time.Millisecond)
	away.Drain(100 * time.Millisecond)
	mgr.Drain(100 * time.Millisecond)

	deleteOrFail(t, app, "memberships", w.People[tk.ResidentA2].Membership)
	u := findOrFail(t, app, "users", w.People[tk.AwayA].ID)
	if err := app.Delete(u); err != nil {
		t.Fatal(err)
	}
	// managerA's membership moves to house B (a superuser's write)
	m := findOrFail(t, app, "memberships", w.People[tk.ManagerA].Membership)
	m.Set("house", w.HouseB)
	save(t, app, m)
	a2.Drain(200 * time.Millisecond)
	away.Drain(100 * time.Millisecond)
	mgr.Drain(100 * time.Millisecond)

	post := postIn(w.HouseA, w.People[tk.ResidentA1].ID)(t, app, 2)
	saveOrFail(t, app, "comments", map[string]any{"post": post, "author": w.People[tk.ResidentA1].ID, "body": "After"})
	p := findOrFail(t, app, "passes", w.PassA1)
	p.Set("note", "changed")
	save(t, app, p)
	for name, s := range map[string]*tk.Subscriber{"residentA2 (membership deleted)": a2, "awayA (account deleted)": away, "managerA (moved to B)": mgr} {
		for _, e := range s.Drain(300 * time.Millisecond) {
			if strings.Contains(e.Raw, w.HouseA) || e.Record["id"] == post {
				t.Errorf("%s heard %s %s: %.200s", name, e.Action, e.Topic, e.Raw)
			}
		}
	}
}

// TestAttack20RealtimePostMovesHouse: a superuser moves a post from A to
// B: A's housemates hear no update carrying it into B (PocketBase's
// semantics: the rule fails for them), B's residents hear it (no miss).
func TestAttack20RealtimePostMovesHouse(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	a2 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts")
	b := tk.Subscribe(t, srv.URL, w.People[tk.ResidentB].Token, "posts")
	p := findOrFail(t, app, "posts", w.PostA)
	p.Set("house", w.HouseB)
	save(t, app, p)
	for _, e := range a2.Drain(300 * time.Millisecond) {
		if e.Record["id"] == w.PostA && e.Action == "update" {
			t.Errorf("residentA2 heard the post's update into house B: %.200s", e.Raw)
		}
	}
	if !heardRecord(b.Drain(300*time.Millisecond), w.PostA) {
		t.Errorf("residentB missed the post that moved into house B")
	}
}

// TestAttack20RealtimeHideOrder: a post created then hidden reaches a
// housemate as a create then a delete, in that order; residentB hears
// neither; the manager hears the update.
func TestAttack20RealtimeHideOrder(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	a2 := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts")
	b := tk.Subscribe(t, srv.URL, w.People[tk.ResidentB].Token, "posts")
	for i := range 5 {
		id := postIn(w.HouseA, w.People[tk.ResidentA1].ID)(t, app, i)
		p := findOrFail(t, app, "posts", id)
		p.Set("hidden", true)
		save(t, app, p)
		var actions []string
		for _, e := range a2.Drain(300 * time.Millisecond) {
			if e.Record["id"] == id {
				actions = append(actions, e.Action)
				if e.Action == "delete" && len(e.Record) > 3 {
					t.Errorf("the withdrawal carries more than the id: %v", e.Record)
				}
			}
		}
		if strings.Join(actions, ",") != "create,delete" {
			t.Errorf("post %d: residentA2 heard %v, want create then delete", i, actions)
		}
	}
	if got := b.Drain(100 * time.Millisecond); len(got) != 0 {
		t.Errorf("residentB heard %d events of house A", len(got))
	}
}

// TestAttack20RealtimeRolledBackMembership: a membership of house A made
// for the newcomer in a transaction that rolls back gives them nothing of
// house A, then or after.
func TestAttack20RealtimeRolledBackMembership(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	n := tk.Subscribe(t, srv.URL, w.People[tk.Newcomer].Token, "posts", "memberships", "passes")
	_ = app.RunInTransaction(func(tx core.App) error {
		saveOrFail(t, tx, "memberships", map[string]any{
			"house": w.HouseA, "user": w.People[tk.Newcomer].ID, "role": "manager", "status": "active", "move_in": "2026-11-01",
		})
		saveOrFail(t, tx, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "In tx"})
		return io.EOF // roll back
	})
	post := postIn(w.HouseA, w.People[tk.ResidentA1].ID)(t, app, 2)
	p := findOrFail(t, app, "passes", w.PassA1)
	p.Set("note", "changed")
	save(t, app, p)
	for _, e := range n.Drain(400 * time.Millisecond) {
		t.Errorf("the newcomer heard %s %s (%v): %.200s", e.Action, e.Topic, e.Record["id"] == post, e.Raw)
	}
}

// TestAttack20RealtimeAuthSwap: a client subscribed as residentA2 tries
// to take over the subscription with managerB's token, and to drop its
// auth (no token): PocketBase refuses both, and the client still hears as
// residentA2 only.
func TestAttack20RealtimeAuthSwap(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	s := tk.Subscribe(t, srv.URL, w.People[tk.ResidentA2].Token, "posts")
	var clientID string
	for _, c := range allRealtimeClients(app) {
		clientID = c
	}
	for _, token := range []string{w.People[tk.ManagerB].Token, ""} {
		body, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": []string{"posts", "passes"}})
		status, _ := atkDo(t, srv.URL, "POST", "/api/realtime", token, "application/json", bytes.NewReader(body))
		if status == http.StatusNoContent {
			t.Errorf("the subscription was taken over with another token (%q...): status %d", token[:min(len(token), 8)], status)
		}
	}
	pb := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseB, "author": w.People[tk.ResidentB].ID, "kind": "share", "body": "B only"})
	if heardRecord(s.Drain(300*time.Millisecond), pb.Id) {
		t.Errorf("residentA2's client heard house B's post after the swap attempt")
	}
}

// allRealtimeClients are the ids of the connected realtime clients.
func allRealtimeClients(app core.App) []string {
	var ids []string
	for id := range app.SubscriptionsBroker().Clients() {
		ids = append(ids, id)
	}
	return ids
}

// TestAttack20PassesReadProbes: nobody but the resident, the house's
// managers and superusers reads PassA1, whatever the route: list, view,
// filter and sort on its fields, back-relations from users and
// memberships, expand.
func TestAttack20PassesReadProbes(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	a1 := w.People[tk.ResidentA1].ID
	esc := url.QueryEscape

	paths := []string{
		"/api/collections/passes/records",
		"/api/collections/passes/records/" + w.PassA1,
		"/api/collections/passes/records?filter=" + esc("destination~'Fresno'"),
		"/api/collections/passes/records?sort=destination",
		"/api/collections/users/records?filter=" + esc("passes_via_user.destination~'Fresno'"),
		"/api/collections/users/records?filter=" + esc("passes_via_user.phone~'559'"),
		"/api/collections/users/records/" + a1 + "?expand=passes_via_user",
		"/api/collections/users/records?expand=passes_via_user",
		"/api/collections/memberships/records?expand=" + esc("user.passes_via_user"),
		"/api/collections/memberships/records?filter=" + esc("user.passes_via_user.destination~'Fresno'"),
		"/api/collections/houses/records?filter=" + esc("passes_via_house.destination~'Fresno'"),
		"/api/collections/houses/records?expand=passes_via_house",
		"/api/collections/notifications/records?filter=" + esc("user.passes_via_user.phone~'559'"),
		"/api/collections/posts/records?expand=" + esc("author.passes_via_user"),
		"/api/collections/memberships/records?sort=" + esc("user.passes_via_user.destination"),
		"/api/hearth/houses/" + w.HouseA + "/status",
		"/api/hearth/houses/" + w.HouseA + "/board",
	}
	for _, who := range []string{tk.Anonymous, tk.ResidentA2, tk.AwayA, tk.AlumnusA, tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer} {
		for _, p := range paths {
			status, body := atkDo(t, srv.URL, "GET", p, w.People[who].Token, "", nil)
			if strings.Contains(body, atkDestination) || strings.Contains(body, atkPhone) || strings.Contains(body, w.PassA1) {
				t.Errorf("%s GET %s: %d, the pass leaks: %.300s", who, p, status, body)
			}
		}
		// a filter that holds only if the pass exists: the count must not differ
		_, with := atkDo(t, srv.URL, "GET", "/api/collections/users/records?filter="+esc("id='"+a1+"' && passes_via_user.destination~'Fresno'"), w.People[who].Token, "", nil)
		_, without := atkDo(t, srv.URL, "GET", "/api/collections/users/records?filter="+esc("id='"+a1+"' && passes_via_user.destination~'Nowhere'"), w.People[who].Token, "", nil)
		if totalItems(with) != totalItems(without) {
			t.Errorf("%s learns the pass's destination by filtering users: %d vs %d", who, totalItems(with), totalItems(without))
		}
	}
}

func totalItems(body string) int {
	var l struct {
		TotalItems int `json:"totalItems"`
	}
	_ = json.Unmarshal([]byte(body), &l)
	return l.TotalItems
}

// TestAttack20PassesWrites: a pass asked for someone else (JSON,
// duplicate keys, multipart), a resident approving their own, "status+",
// moving a pass to another house or person, a housemate cancelling
// another's, a manager of B deciding A's pass: all refused.
func TestAttack20PassesWrites(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID
	tok := func(who string) string { return w.People[who].Token }
	jsonPost := func(who, body string) (int, string) {
		return atkDo(t, srv.URL, "POST", "/api/collections/passes/records", tok(who), "application/json", strings.NewReader(body))
	}
	day := func(d int) string { return time.Now().AddDate(0, 0, d).UTC().Format("2006-01-02") + " 00:00:00.000Z" }
	base := `"house":"` + w.HouseA + `","starts":"` + day(30) + `","ends":"` + day(32) + `","destination":"Mom's","phone":"555-555-0100"`

	// for someone else
	for _, c := range []struct{ who, body string }{
		{tk.ResidentA2, `{` + base + `,"user":"` + a1 + `"}`},
		{tk.ResidentA2, `{"user":"` + a2 + `",` + base + `,"user":"` + a1 + `"}`},
		{tk.ResidentA2, `{"user":"` + a1 + `",` + base + `,"user":"` + a2 + `","user":"` + a1 + `"}`},
		{tk.ManagerA, `{` + base + `,"user":"` + a1 + `"}`},
		{tk.ManagerB, `{` + base + `,"user":"` + a1 + `"}`},
		{tk.AlumnusA, `{` + base + `,"user":"` + w.People[tk.AlumnusA].ID + `"}`},
		{tk.ResidentB, `{` + base + `,"user":"` + w.People[tk.ResidentB].ID + `"}`},
		{tk.Anonymous, `{` + base + `,"user":"` + a1 + `"}`},
		{tk.ResidentA2, `{` + base + `,"user":["` + a2 + `","` + a1 + `"]}`},
		{tk.ResidentA2, `{` + base + `,"user+":"` + a1 + `"}`},
	} {
		status, body := jsonPost(c.who, c.body)
		if status < 400 {
			t.Errorf("%s created a pass with %s: %d %.200s", c.who, c.body, status, body)
		}
	}
	// multipart, for someone else
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	for k, v := range map[string]string{"house": w.HouseA, "user": a1, "starts": day(30), "ends": day(32), "destination": "X", "phone": "555-555-0100"} {
		_ = mw.WriteField(k, v)
	}
	_ = mw.Close()
	if status, body := atkDo(t, srv.URL, "POST", "/api/collections/passes/records", tok(tk.ResidentA2), mw.FormDataContentType(), &mp); status < 400 {
		t.Errorf("residentA2 created a pass for A1 with multipart: %d %.200s", status, body)
	}

	// a pass of A2's own, asked with status approved and decided_by: it waits
	status, body := jsonPost(tk.ResidentA2, `{`+base+`,"user":"`+a2+`","status":"approved","decided_by":"`+w.People[tk.ManagerA].ID+`","reason":"ok"}`)
	if status != 200 {
		t.Fatalf("residentA2 asking for a pass: %d %s", status, body)
	}
	var own map[string]any
	_ = json.Unmarshal([]byte(body), &own)
	id, _ := own["id"].(string)
	if own["status"] != "requested" || own["decided_by"] != "" {
		t.Errorf("a resident's new pass is %v, decided by %v", own["status"], own["decided_by"])
	}
	patch := func(who, body string) (int, string) {
		return atkDo(t, srv.URL, "PATCH", "/api/collections/passes/records/"+id, tok(who), "application/json", strings.NewReader(body))
	}
	for _, c := range []struct{ who, body string }{
		{tk.ResidentA2, `{"status":"approved"}`},
		{tk.ResidentA2, `{"status+":"approved"}`},
		{tk.ResidentA2, `{"status":"approved","status":"approved"}`},
		{tk.ResidentA2, `{"decided_by":"` + w.People[tk.ManagerA].ID + `","status":"approved"}`},
		{tk.ResidentA2, `{"house":"` + w.HouseB + `"}`},
		{tk.ResidentA2, `{"user":"` + a1 + `"}`},
		{tk.ResidentA1, `{"status":"cancelled"}`},
		{tk.AwayA, `{"status":"cancelled"}`},
		{tk.ManagerB, `{"status":"approved"}`},
		{tk.ManagerB, `{"status":"declined","reason":"no"}`},
		{tk.AlumnusA, `{"status":"cancelled"}`},
		{tk.Anonymous, `{"status":"cancelled"}`},
		{tk.ManagerA, `{"house":"` + w.HouseB + `","status":"approved"}`},
		{tk.ManagerA, `{"user":"` + a1 + `","status":"approved"}`},
		{tk.ManagerA, `{"destination":"elsewhere","status":"approved"}`},
	} {
		if status, body := patch(c.who, c.body); status < 400 {
			t.Errorf("%s PATCH %s on A2's pass: %d %.200s", c.who, c.body, status, body)
		}
	}
	after := findOrFail(t, app, "passes", id)
	if after.GetString("status") != "requested" || after.GetString("house") != w.HouseA || after.GetString("user") != a2 {
		t.Errorf("A2's pass was changed: %v %v %v", after.GetString("status"), after.GetString("house"), after.GetString("user"))
	}
	// managerA approves, with a forged decided_by: the server's own wins
	if status, body := patch(tk.ManagerA, `{"status":"approved","decided_by":"`+w.People[tk.ManagerB].ID+`"}`); status != 200 {
		t.Fatalf("managerA approving: %d %s", status, body)
	}
	if got := findOrFail(t, app, "passes", id).GetString("decided_by"); got != w.People[tk.ManagerA].ID {
		t.Errorf("decided_by = %q, want managerA", got)
	}
	// deletes: superusers only
	for _, who := range []string{tk.ResidentA2, tk.ManagerA, tk.ManagerB, tk.Anonymous} {
		if status, _ := atkDo(t, srv.URL, "DELETE", "/api/collections/passes/records/"+id, tok(who), "", nil); status < 400 {
			t.Errorf("%s deleted a pass: %d", who, status)
		}
	}
	// the managers' notifications of A2's request name no destination or phone
	recs, err := app.FindAllRecords("notifications")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range recs {
		raw, _ := json.Marshal(n)
		if strings.Contains(string(raw), "Mom's") || strings.Contains(string(raw), "555-555-0100") {
			t.Errorf("a notification carries the pass's destination or phone: %s", raw)
		}
	}
}
