package hooks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
	tk "hearth/testkit"
)

// fuzzRoute is one of Hearth's custom POST routes as one actor calls it.
type fuzzRoute struct {
	name, actor string
	path        func(w *tk.World) string
}

// fuzzRoutes are the custom routes that read a request body, each as the
// actor who gets furthest into it.
var fuzzRoutes = []fuzzRoute{
	{"redeem", tk.Anonymous, func(*tk.World) string { return redeemURL }},
	{"redeem signed in", tk.Newcomer, func(*tk.World) string { return redeemURL }},
	{"lookup", tk.Anonymous, func(*tk.World) string { return lookupURL }},
	{"create invite", tk.ManagerA, func(w *tk.World) string { return "/api/hearth/houses/" + w.HouseA + "/invites" }},
	{"read all", tk.ResidentA1, func(*tk.World) string { return "/api/hearth/notifications/read-all" }},
}

// fuzzContentTypes are the bodies' announced types: each of the readers
// PocketBase's BindBody picks from, and two it refuses.
var fuzzContentTypes = []string{
	"application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded",
	"multipart/form-data; boundary=hearth", "application/xml", "text/plain", "",
}

// FuzzCustomRoutes sends arbitrary bytes, announced as any content type,
// as the body of each custom POST route, through the full router of one
// test app (made once per fuzzing process, rate limits off), and checks
// every answer: never a 5xx; always JSON; an error in PocketBase's shape
// ({status, message, data}, status the response's); nothing created or
// changed when the answer is not a 200; and for a 200, exactly what the
// route does (one invite made, one person joined, the house looked up,
// notifications read). The world is put back after each input, so each
// runs against the seeded one.
func FuzzCustomRoutes(f *testing.F) {
	w := tk.Seeded(f)
	app := tk.NewApp(f)
	f.Cleanup(app.Cleanup)
	app.Settings().RateLimits.Enabled = false
	h := tk.Handler(f, app)
	world := snapshotWorld(f, app)

	const (
		redeem, redeemSignedIn, lookup, create, readAll          = 0, 1, 2, 3, 4
		jsonType, jsonUTF8, form, multipart, xmlType, text, none = 0, 1, 2, 3, 4, 5, 6
	)
	code := tk.InviteCodeA
	seeds := []struct {
		route, ct uint8
		body      string
	}{
		{redeem, jsonType, fmt.Sprintf(`{"code":%q,"name":"New Person","email":"new.person@example.com","password":"a long enough pass","passwordConfirm":"a long enough pass"}`, code)},
		{redeem, jsonType, fmt.Sprintf(`{"code":%q,"email":"residentA1@example.com","password":"wrong password"}`, code)},
		{redeem, jsonType, fmt.Sprintf(`{"code":%q,"email":"alumnusA@example.com","password":%q}`, code, tk.Password)},
		{redeem, jsonType, fmt.Sprintf(`{"code":%q,"email":"not an email","name":"x","password":"short","passwordConfirm":"short"}`, code)},
		{redeem, jsonType, fmt.Sprintf(`{"CODE":%q,"Email":"x@example.com","password":"p","password":"q"}`, code)},
		{redeem, jsonType, `{"code":"ＣＥＤＲ-ＨＳＥ4-2345-6789"}`},
		{redeem, jsonType, `{"code":"cedr hse4 2345 6789\u0000"}`},
		{redeem, jsonType, `{"code":["CEDR-HSE4-2345-6789"]}`},
		{redeem, jsonType, `{"code":12345678901234567890}`},
		{redeem, jsonType, `{}`},
		{redeem, jsonType, `[]`},
		{redeem, jsonType, `null`},
		{redeem, jsonType, `"CEDR-HSE4-2345-6789"`},
		{redeem, jsonType, `{"code":"CEDR-HSE4-2345-6789"`},
		{redeem, jsonType, "{\"code\":\"\xff\xfe\"}"},
		{redeem, jsonType, ""},
		{redeem, form, "code=CEDR-HSE4-2345-6789&email=new.person%40example.com&name=N&password=0123456789x&passwordConfirm=0123456789x"},
		{redeem, form, "code=%zz&;;"},
		{redeem, multipart, "--hearth\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nCEDR-HSE4-2345-6789\r\n--hearth--\r\n"},
		{redeem, multipart, "--hearth\r\nContent-Disposition: form-data; name=\"code\"; filename=\"a\"\r\n\r\n"},
		{redeem, xmlType, "<r><Code>CEDR-HSE4-2345-6789</Code><Email>new.person@example.com</Email></r>"},
		{redeem, text, "CEDR-HSE4-2345-6789"},
		{redeem, none, `{"code":"CEDR-HSE4-2345-6789"}`},
		{redeemSignedIn, jsonType, fmt.Sprintf(`{"code":%q}`, code)},
		{redeemSignedIn, jsonType, `{"code":"0000-0000-0000-0000"}`},
		{redeemSignedIn, form, "code=CEDR-HSE4-2345-6789"},
		{redeemSignedIn, multipart, "--hearth\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nCEDR-HSE4-2345-6789\r\n--hearth--\r\n"},
		{lookup, jsonType, fmt.Sprintf(`{"code":%q}`, code)},
		{lookup, jsonType, `{"code":"CEDR-HSE4-2345-678"}`},
		{lookup, form, "code=CEDR-HSE4-2345-6789"},
		{lookup, xmlType, "<r><Code>CEDR-HSE4-2345-6789</Code></r>"},
		{lookup, jsonType, `{"code":null}`},
		{create, jsonType, `{}`},
		{create, jsonType, `{"role":"resident","room":" 4 ","bed":"B"}`},
		{create, jsonType, `{"role":"manager"}`},
		{create, jsonType, `{"role":"cook"}`},
		{create, jsonType, `{"room":"` + strings.Repeat("9", 300) + `"}`},
		{create, jsonType, `{"role":1,"room":{},"bed":[]}`},
		{create, form, "role=resident&room=7"},
		{create, xmlType, "<r><Role>resident</Role></r>"},
		{create, text, "{}"},
		{create, none, ""},
		{readAll, jsonType, `{}`},
		{readAll, text, "anything"},
		{readAll, none, ""},
	}
	for _, s := range seeds {
		f.Add(s.route, s.ct, []byte(s.body))
	}

	f.Fuzz(func(t *testing.T, routeN, ctN uint8, body []byte) {
		route := fuzzRoutes[int(routeN)%len(fuzzRoutes)]
		ct := fuzzContentTypes[int(ctN)%len(fuzzContentTypes)]
		defer world.restore(t, app)
		before := world.state(t, app)

		req := httptest.NewRequest(http.MethodPost, route.path(w), bytes.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		for k, v := range w.Headers(route.actor) {
			req.Header.Set(k, v)
		}
		res := httptest.NewRecorder()
		h.ServeHTTP(res, req)
		got := res.Body.Bytes()
		where := fmt.Sprintf("%s (%s, %q)", route.name, ct, body)

		if res.Code >= 500 {
			t.Fatalf("%s: %d %s", where, res.Code, got)
		}
		if !json.Valid(got) || !strings.HasPrefix(res.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("%s: %d with a body that is not JSON (%s): %q", where, res.Code, res.Header().Get("Content-Type"), got)
		}
		after := world.state(t, app)
		if res.Code != http.StatusOK {
			var apiErr struct {
				Status  *int            `json:"status"`
				Message *string         `json:"message"`
				Data    *map[string]any `json:"data"`
			}
			if err := json.Unmarshal(got, &apiErr); err != nil || apiErr.Status == nil || *apiErr.Status != res.Code ||
				apiErr.Message == nil || *apiErr.Message == "" || apiErr.Data == nil {
				t.Fatalf("%s: %d is not PocketBase's error shape: %s", where, res.Code, got)
			}
			if after != before {
				t.Fatalf("%s: a %d changed the world:\nbefore %+v\nafter  %+v", where, res.Code, before, after)
			}
			return
		}

		switch int(routeN) % len(fuzzRoutes) {
		case redeem, redeemSignedIn:
			var auth struct {
				Token  string `json:"token"`
				Record struct {
					ID string `json:"id"`
				} `json:"record"`
			}
			if err := json.Unmarshal(got, &auth); err != nil || auth.Token == "" || auth.Record.ID == "" {
				t.Fatalf("%s: 200 without an auth response: %s", where, got)
			}
			if route.actor == tk.Newcomer && auth.Record.ID != w.People[tk.Newcomer].ID {
				t.Fatalf("%s: the newcomer redeemed as %s", where, auth.Record.ID)
			}
			m := membershipOf(t, app, w.HouseA, auth.Record.ID)
			if m == nil || m.GetString("status") != "active" {
				t.Fatalf("%s: 200 but %s is not an active member of A: %v", where, auth.Record.ID, fieldsOf(m))
			}
			inv, err := app.FindRecordById("invites", w.InviteA)
			if err != nil || inv.GetString("used_by") != auth.Record.ID {
				t.Fatalf("%s: 200 but the invite is not used by %s: %v", where, auth.Record.ID, fieldsOf(inv))
			}
		case lookup:
			var found struct {
				House struct {
					ID string `json:"id"`
				} `json:"house"`
			}
			if err := json.Unmarshal(got, &found); err != nil || found.House.ID != w.HouseA {
				t.Fatalf("%s: 200 with %s", where, got)
			}
			if after != before {
				t.Fatalf("%s: a look-up changed the world:\nbefore %+v\nafter  %+v", where, before, after)
			}
		case create:
			var made struct {
				ID, Code, Role string
			}
			if err := json.Unmarshal(got, &made); err != nil {
				t.Fatalf("%s: 200 with %s", where, got)
			}
			canon, ok := domain.NormalizeInviteCode(made.Code)
			inv, err := app.FindRecordById("invites", made.ID)
			if !ok || err != nil || inv.GetString("code_hash") != domain.InviteCodeHash(canon) || made.Role != "resident" {
				t.Fatalf("%s: 200 with %s, stored %v", where, got, fieldsOf(inv))
			}
			if left := time.Until(inv.GetDateTime("expires").Time()); left < domain.InviteLifetime-time.Minute || left > domain.InviteLifetime {
				t.Fatalf("%s: the invite expires in %v", where, left)
			}
			if after.invites != before.invites+1 || after.users != before.users || after.memberships != before.memberships {
				t.Fatalf("%s: making an invite changed the world:\nbefore %+v\nafter  %+v", where, before, after)
			}
		case readAll:
			var read struct {
				Marked *int `json:"marked"`
			}
			if err := json.Unmarshal(got, &read); err != nil || read.Marked == nil || *read.Marked < 0 {
				t.Fatalf("%s: 200 with %s", where, got)
			}
			if after.users != before.users || after.memberships != before.memberships || after.invites != before.invites ||
				after.notifications != before.notifications {
				t.Fatalf("%s: marking read changed the world:\nbefore %+v\nafter  %+v", where, before, after)
			}
		}
	})
}

// fuzzWorld remembers the seeded world's row counts, so that each fuzz
// input can be checked against it and what an input added taken away.
type fuzzWorld struct {
	maxRowid map[string]int64
	invite   string
	roster   []dbx.NullStringMap // the memberships as seeded
	rosterAt string              // their last change
}

// fuzzState is what FuzzCustomRoutes compares before and after a request:
// the rows of the tables a custom route may write, and the last change of
// the accounts and the roster.
type fuzzState struct {
	users, memberships, invites, notifications, posts int
	usersUpdated, membershipsUpdated                  string
}

// fuzzTables are the tables the custom routes may write.
var fuzzTables = []string{"users", "memberships", "invites", "notifications", "posts"}

func snapshotWorld(tb testing.TB, app core.App) *fuzzWorld {
	tb.Helper()
	w := &fuzzWorld{maxRowid: map[string]int64{}, invite: tk.Seeded(tb).InviteA}
	for _, table := range fuzzTables {
		var n int64
		if err := app.DB().NewQuery("SELECT COALESCE(MAX(rowid), 0) FROM " + table).Row(&n); err != nil {
			tb.Fatal(err)
		}
		w.maxRowid[table] = n
	}
	if err := app.DB().Select("*").From("memberships").All(&w.roster); err != nil {
		tb.Fatal(err)
	}
	w.rosterAt = w.state(tb, app).membershipsUpdated
	return w
}

func (w *fuzzWorld) state(tb testing.TB, app core.App) fuzzState {
	tb.Helper()
	var s fuzzState
	for table, n := range map[string]*int{"users": &s.users, "memberships": &s.memberships, "invites": &s.invites,
		"notifications": &s.notifications, "posts": &s.posts} {
		if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + table).Row(n); err != nil {
			tb.Fatal(err)
		}
	}
	for table, u := range map[string]*string{"users": &s.usersUpdated, "memberships": &s.membershipsUpdated} {
		if err := app.DB().NewQuery("SELECT COALESCE(MAX(updated), '') FROM " + table).Row(u); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// restore takes away the rows an input added, gives the seeded invite back
// its unused state (a wrong password counts against it, a redemption uses
// it), puts back a membership an input changed (an alumnus back through
// the invite) and marks the notifications unread again.
func (w *fuzzWorld) restore(tb testing.TB, app core.App) {
	tb.Helper()
	if w.state(tb, app).membershipsUpdated != w.rosterAt {
		for _, row := range w.roster {
			params := dbx.Params{}
			for k, v := range row {
				if v.Valid {
					params[k] = v.String
				} else {
					params[k] = nil
				}
			}
			if _, err := app.DB().Update("memberships", params, dbx.HashExp{"id": row["id"].String}).Execute(); err != nil {
				tb.Fatal(err)
			}
		}
	}
	for _, table := range fuzzTables {
		if _, err := app.DB().NewQuery("DELETE FROM " + table + " WHERE rowid > {:n}").Bind(dbx.Params{"n": w.maxRowid[table]}).Execute(); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := app.DB().Update("invites", dbx.Params{"used_by": "", "used_at": "", "failed_attempts": 0, "revoked": false},
		dbx.HashExp{"id": w.invite}).Execute(); err != nil {
		tb.Fatal(err)
	}
	if _, err := app.DB().Update("notifications", dbx.Params{"read": false}, nil).Execute(); err != nil {
		tb.Fatal(err)
	}
}
