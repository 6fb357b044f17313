package hooks_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/logger"

	tk "hearth/testkit"
)

// storedLogs returns the message and data of every request log row, as
// the dashboard's Logs page reads them, once there are want of them:
// PocketBase logs a request after answering it, on its own goroutine, and
// writes its log batch later, so this flushes the batch until they are
// there (or two seconds have passed).
func storedLogs(t testing.TB, app *tests.TestApp, want int) []string {
	t.Helper()
	h, ok := app.Logger().Handler().(*logger.BatchHandler)
	if !ok {
		t.Fatalf("the app's log handler is %T, not PocketBase's batch handler", app.Logger().Handler())
	}
	var out []string
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := h.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true)); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			Message string `db:"message"`
			Data    string `db:"data"`
		}
		err := app.AuxDB().Select("message", "data").From("_logs").
			Where(dbx.NewExp("json_extract(data, '$.type') = 'request'")).All(&rows)
		if err != nil {
			t.Fatal(err)
		}
		out = out[:0]
		for _, r := range rows {
			out = append(out, r.Message+" "+r.Data)
		}
		if len(out) >= want {
			break
		}
	}
	return out
}

// The request log keeps what an operator needs (the path, paging, the
// status, the error's message) and none of a filter's or sort's words, a
// file token, or the query of the page a request came from: a filter such
// as note~"relapse" used to sit in _logs for days next to the requester's
// address.
func TestRequestLogsKeepNoHealthData(t *testing.T) {
	w := tk.Seeded(t)
	checkins := "/api/collections/checkins/records"
	secret := "relapse"
	for _, c := range []struct {
		name, url string
		status    int
		logged    []string // in the stored URL
	}{
		{"a list filtered on a note", checkins + "?page=1&perPage=20&skipTotal=1&filter=" + url.QueryEscape(`note~"relapse"`),
			200, []string{checkins + "?", "page=1", "perPage=20", "skipTotal=1", "filter=redacted"}},
		{"a sort naming a note", checkins + "?sort=" + url.QueryEscape("-relapse"), 400, []string{"sort=redacted"}},
		{"a filter that does not parse", checkins + "?filter=" + url.QueryEscape(`note ~~ "relapse`), 400, []string{"filter=redacted"}},
		{"a query that does not parse", checkins + "?filter=note~relapse%zz", 200, []string{checkins + "?redacted"}},
		{"a file token", "/api/files/x/y/z.png?token=relapse", 404, []string{"token=redacted"}},
		{"a back-relation the guard refuses", "/api/collections/users/records?filter=" + url.QueryEscape(`checkins_via_user.note~"relapse"`),
			400, []string{"filter=redacted"}},
	} {
		headers := w.Headers(tk.ManagerA)
		headers["Referer"] = "http://house.local/manage/resident?q=relapse#relapse"
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodGet, URL: c.url, Headers: headers,
			ExpectedStatus: c.status, ExpectedContent: []string{`"`}, TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				app.Settings().Logs.MaxDays = 5 // as a house's server has it; test apps keep none
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				logs := storedLogs(t, app, 1)
				if len(logs) != 1 {
					t.Fatalf("%d request logs, want 1: %v", len(logs), logs)
				}
				if strings.Contains(strings.ToLower(logs[0]), secret) {
					t.Errorf("the log keeps %q: %s", secret, logs[0])
				}
				for _, want := range append(c.logged, `"referer":"http://house.local/manage/resident?q=redacted"`) {
					if !strings.Contains(logs[0], strings.ReplaceAll(want, `"`, `\"`)) && !strings.Contains(logs[0], want) {
						t.Errorf("the log lacks %s: %s", want, logs[0])
					}
				}
			},
		}
		s.Test(t)
	}
}
