package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// supportAlerted maps each person of the world to the number of support
// alerts they received for the post.
func supportAlerted(t testing.TB, app core.App, postID string) map[string]int {
	t.Helper()
	got := map[string]int{}
	for name, p := range tk.Seeded(t).People {
		if name == tk.Superuser {
			continue
		}
		n, err := app.CountRecords("notifications", dbx.HashExp{"user": p.ID, "kind": "support", "link": "/board/posts/" + postID})
		if err != nil {
			t.Fatal(err)
		}
		got[name] = int(n)
	}
	return got
}

// TestSupportRecipients posts need support through the API and checks who
// is alerted, exactly: every member and manager of the house but the
// author (residents away on a pass included), the author's partner once,
// alumni only when they opted in, nobody discharged or of another house.
func TestSupportRecipients(t *testing.T) {
	w := tk.Seeded(t)
	members := []string{tk.ResidentA2, tk.AwayA, tk.ManagerA}
	cases := []struct {
		name    string
		author  string
		prepare func(t testing.TB, app core.App)
		want    []string
	}{
		{name: "the house's members and managers, not the author", author: tk.ResidentA1, want: members},
		{name: "a partner who lives in the house is alerted once", author: tk.ResidentA1,
			prepare: setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"partner": w.People[tk.ResidentA2].ID}),
			want:    members},
		{name: "an alumnus who opted in", author: tk.ResidentA1,
			prepare: setRecord("memberships", w.People[tk.AlumnusA].Membership, map[string]any{"support_alerts": true}),
			want:    append(slices.Clone(members), tk.AlumnusA)},
		{name: "a resident away on a pass posts; the author is never alerted", author: tk.AwayA,
			want: []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA}},
		{name: "a manager posts", author: tk.ManagerA,
			want: []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA}},
		{name: "an alumnus reaches out: the managers, never the residents", author: tk.AlumnusA,
			want: []string{tk.ManagerA}},
		{name: "an alumnus reaches out: and the alumni who opted in", author: tk.AlumnusA,
			prepare: func(t testing.TB, app core.App) {
				m := w.People[tk.ResidentA2].Membership
				setRecord("memberships", m, map[string]any{"status": "alumni"})(t, app)
				setRecord("memberships", m, map[string]any{"support_alerts": true})(t, app)
			},
			want: []string{tk.ManagerA, tk.ResidentA2}},
		{name: "an alumnus's partner who lives in the house is not told", author: tk.AlumnusA,
			prepare: setRecord("memberships", w.People[tk.AlumnusA].Membership, map[string]any{"partner": w.People[tk.ResidentA1].ID}),
			want:    []string{tk.ManagerA}},
		{name: "in house B: its members, dischargedA among them now", author: tk.ResidentB,
			want: []string{tk.DischargedA, tk.ManagerB}},
	}
	for _, c := range cases {
		house := w.HouseA
		if c.author == tk.ResidentB {
			house = w.HouseB
		}
		pc := pinnedCase{name: c.name, actor: c.author, url: postsURL, prepare: c.prepare, status: 200,
			body: map[string]any{"house": house, "author": w.People[c.author].ID, "kind": "support", "body": "I'm not OK tonight."},
			check: func(t testing.TB, app core.App, body []byte) {
				id := postIDOf(t, body)
				got := supportAlerted(t, app, id)
				for name, n := range got {
					want := 0
					if slices.Contains(c.want, name) {
						want = 1
					}
					if n != want {
						t.Errorf("%s got %d alerts, want %d", name, n, want)
					}
				}
				alert := notificationsOf(t, app, c.want[0], "support")
				if len(alert) != 1 || alert[0].GetString("title") != c.author+" needs support right now" ||
					strings.Contains(alert[0].GetString("body"), "not OK") {
					t.Errorf("the alert: %v (it names the author and never carries the post's words)", alert)
				}
			}}
		t.Run(c.name, pc.run)
	}

	// The same set from SupportRecipients, the function the hook calls.
	app := tk.NewApp(t)
	defer app.Cleanup()
	setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"partner": w.People[tk.AwayA].ID})(t, app)
	got, err := hooks.SupportRecipients(app, w.HouseA, w.People[tk.ResidentA1].ID)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, name := range members {
		want = append(want, w.People[name].ID)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("SupportRecipients = %v, want %v", got, want)
	}
}

// postIDOf reads the id of the record in an answer.
func postIDOf(t testing.TB, body []byte) string {
	t.Helper()
	var got struct{ ID string }
	if err := json.Unmarshal(body, &got); err != nil || got.ID == "" {
		t.Fatalf("no id in %s (%v)", body, err)
	}
	return got.ID
}

// TestSupportAlertsOptIn: an alumnus turns their old house's alerts on and
// off on their own membership; nobody else does it for them; moving out
// starts with them off.
func TestSupportAlertsOptIn(t *testing.T) {
	w := tk.Seeded(t)
	url := func(actor string) string { return "/api/collections/memberships/records/" + w.People[actor].Membership }
	for _, c := range []pinnedCase{
		{name: "an alumnus opts in", actor: tk.AlumnusA, method: http.MethodPatch, url: url(tk.AlumnusA),
			body: map[string]any{"support_alerts": true}, status: 200, content: []string{`"support_alerts":true`}},
		{name: "and nothing else", actor: tk.AlumnusA, method: http.MethodPatch, url: url(tk.AlumnusA),
			body: map[string]any{"support_alerts": true, "room": "2"}, status: 403, unchanged: []string{"memberships"}},
		{name: "a manager does not opt someone in", actor: tk.ManagerA, method: http.MethodPatch, url: url(tk.AlumnusA),
			body: map[string]any{"support_alerts": true}, status: 403, unchanged: []string{"memberships"}},
		{name: "members are always alerted: nothing to change", actor: tk.ResidentA2, method: http.MethodPatch, url: url(tk.ResidentA2),
			body: map[string]any{"support_alerts": true}, status: 403, unchanged: []string{"memberships"}},
		{name: "a discharged person does not", actor: tk.DischargedA, method: http.MethodPatch, url: url(tk.DischargedA),
			body: map[string]any{"support_alerts": true}, status: 404, unchanged: []string{"memberships"}},
		{name: "moving out starts with alerts off", actor: tk.ManagerA, method: http.MethodPatch, url: url(tk.ResidentA2),
			prepare: func(t testing.TB, app core.App) {
				// Set below the API (as an admin might have).
				if _, err := app.DB().Update("memberships", dbx.Params{"support_alerts": true},
					dbx.HashExp{"id": w.People[tk.ResidentA2].Membership}).Execute(); err != nil {
					t.Fatal(err)
				}
			},
			body: map[string]any{"status": "alumni"}, status: 200, content: []string{`"support_alerts":false`}},
	} {
		t.Run(c.name, c.run)
	}
}

// BenchmarkSupportPost measures a need-support post in a house of 20
// (among 20 such houses) from the request that creates it to the last of
// its 19 alerts being stored: the alerts are written in the post's own
// transaction, so the answer to the request is that moment.
func BenchmarkSupportPost(b *testing.B) {
	app := tk.NewApp(b)
	defer app.Cleanup()
	seedHouses(b, app, 20, 20)
	app.Settings().RateLimits.Enabled = false
	author, err := app.FindRecordById("users", "benchuser000000")
	if err != nil {
		b.Fatal(err)
	}
	token, err := author.NewAuthToken()
	if err != nil {
		b.Fatal(err)
	}
	srv := tk.Serve(b, app)
	body := fmt.Sprintf(`{"house":"benchhouse00000","author":%q,"kind":"support","body":"Rough night. Anyone up?"}`, author.Id)

	var slowest time.Duration
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/collections/posts/records", strings.NewReader(body))
		req.Header.Set("Authorization", token)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		elapsed := time.Since(start)
		if err != nil || res.StatusCode != 200 {
			b.Fatal(err, res.StatusCode)
		}
		res.Body.Close()
		slowest = max(slowest, elapsed)
	}
	b.StopTimer()
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM notifications WHERE kind = 'support'").Row(&n); err != nil {
		b.Fatal(err)
	}
	posts, _ := app.CountRecords("posts", dbx.HashExp{"kind": "support"})
	if n != 19*int(posts) {
		b.Fatalf("%d alerts for %d posts, want 19 each", n, posts)
	}
	b.ReportMetric(float64(n)/float64(posts), "alerts/post")
	b.ReportMetric(float64(slowest.Microseconds())/1000, "max-ms")
}

// BenchmarkSupportPostLiveDelivery measures what the housemates feel: a
// need-support post in a house of 20 (among 20 such houses) from the
// request that creates it until each of the 19 others, connected to
// realtime as the web app is, has received their alert. It reports the
// time until the last of them (p50 and max over the runs).
func BenchmarkSupportPostLiveDelivery(b *testing.B) {
	app := tk.NewApp(b)
	defer app.Cleanup()
	seedHouses(b, app, 20, 20)
	app.Settings().RateLimits.Enabled = false
	srv := tk.Serve(b, app)
	token := func(id string) string {
		u, err := app.FindRecordById("users", id)
		if err != nil {
			b.Fatal(err)
		}
		t, err := u.NewAuthToken()
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	author := "benchuser000000"
	var housemates []*tk.Subscriber
	for r := 1; r < 20; r++ {
		housemates = append(housemates, tk.Subscribe(b, srv.URL, token(fmt.Sprintf("benchuser000%03d", r)), "notifications"))
	}
	authorToken := token(author)
	body := fmt.Sprintf(`{"house":"benchhouse00000","author":%q,"kind":"support","body":"Rough night. Anyone up?"}`, author)

	var lasts []time.Duration
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/collections/posts/records", strings.NewReader(body))
		req.Header.Set("Authorization", authorToken)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != 200 {
			b.Fatal(err, res.StatusCode)
		}
		res.Body.Close()
		var last time.Duration
		for i, h := range housemates {
			select {
			case e := <-h.Events:
				if e.Record["kind"] != "support" {
					b.Fatalf("housemate %d heard %s", i, e.Raw)
				}
				last = max(last, time.Since(start))
			case <-time.After(5 * time.Second):
				b.Fatalf("housemate %d got no alert within 5 s", i)
			}
		}
		lasts = append(lasts, last)
	}
	b.StopTimer()
	slices.Sort(lasts)
	b.ReportMetric(float64(lasts[len(lasts)/2].Microseconds())/1000, "p50-last-delivery-ms")
	b.ReportMetric(float64(lasts[len(lasts)-1].Microseconds())/1000, "max-last-delivery-ms")
}
