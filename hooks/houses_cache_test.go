package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestCheckinsFollowHouseChanges: a check-in reads its house's timezone
// and curfews from memory (houses_cache.go), and a change a manager makes
// counts from the next check-in on; a change that bypasses the hooks
// (SQL by hand) counts within a minute. House A is in Los Angeles with a
// 23:00 curfew. Each step is one request on the same server, in order.
func TestCheckinsFollowHouseChanges(t *testing.T) {
	w := tk.Seeded(t)
	type step struct {
		actor  string
		method string // POST to the check-ins when empty
		url    string
		body   map[string]any
		sql    string        // run instead of a request
		age    time.Duration // age the cache instead of a request
		day    string        // the check-in's day, when a check-in
		late   bool
	}
	houseURL := "/api/collections/houses/records/" + w.HouseA
	curfew := func(actor string) map[string]any { return checkinBody(w, actor, "curfew", nil) }
	daily := func(actor string) map[string]any { return checkinBody(w, actor, "daily", nil) }
	tests := []struct {
		name  string
		at    time.Time
		steps []step
	}{
		{"a new curfew judges the next check-in", la("2026-11-23 23:20"), []step{
			{actor: tk.ResidentA1, body: curfew(tk.ResidentA1), day: "2026-11-23", late: true},
			{actor: tk.ManagerA, method: http.MethodPatch, url: houseURL, body: map[string]any{"curfew": "23:30"}},
			{actor: tk.ResidentA2, body: curfew(tk.ResidentA2), day: "2026-11-23", late: false},
		}},
		{"a new timezone gives the next check-in its day", utc("2026-11-24T05:30:00Z"), []step{ // 21:30 in LA, 00:30 in New York
			{actor: tk.ResidentA1, body: daily(tk.ResidentA1), day: "2026-11-23"},
			{actor: tk.ManagerA, method: http.MethodPatch, url: houseURL, body: map[string]any{"timezone": "America/New_York"}},
			{actor: tk.ResidentA2, body: daily(tk.ResidentA2), day: "2026-11-24"},
		}},
		{"a change made by hand counts within a minute", utc("2026-11-24T05:30:00Z"), []step{
			{actor: tk.ResidentA1, body: daily(tk.ResidentA1), day: "2026-11-23"},
			{sql: "UPDATE houses SET timezone = 'America/New_York' WHERE id = {:house}"},
			{actor: tk.AwayA, body: daily(tk.AwayA), day: "2026-11-23"}, // still trusted
			{age: time.Minute},
			{actor: tk.ResidentA2, body: daily(tk.ResidentA2), day: "2026-11-24"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(tt.at))
			defer app.Cleanup()
			handler := tk.Handler(t, app)
			for i, s := range tt.steps {
				switch {
				case s.sql != "":
					if _, err := app.DB().NewQuery(s.sql).Bind(dbx.Params{"house": w.HouseA}).Execute(); err != nil {
						t.Fatal(err)
					}
					continue
				case s.age != 0:
					hooks.AgeHouseClocks(app, s.age)
					continue
				}
				method, url := s.method, s.url
				if method == "" {
					method, url = http.MethodPost, checkinsURL
				}
				body, _ := json.Marshal(s.body)
				req := httptest.NewRequest(method, url, strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", w.People[s.actor].Token)
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					t.Fatalf("step %d (%s %s): %d %s", i, method, url, rec.Code, rec.Body.String())
				}
				if s.day != "" {
					checkinStamped(s.day, s.late)(t, app, rec.Body.Bytes())
				}
			}
		})
	}
}
