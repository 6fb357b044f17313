package ops

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The doctor's delivery line: an Application URL that is not HTTPS, failed
// deliveries of the last week and due ones the sender has not worked are
// problems, each with what to do; an HTTPS URL and a clean outbox are not.
func TestDoctorDelivery(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	const ts = "2006-01-02 15:04:05.000Z"
	tests := []struct {
		name      string
		settings  string
		rows      [][3]string // status, next_at, updated
		wantTodo  []string
		wantState string
	}{
		{"https and nothing waiting", `{"meta":{"appURL":"https://hearth.example.org"},"smtp":{"enabled":true}}`,
			[][3]string{{"sent", now.Add(-2 * time.Hour).Format(ts), now.Format(ts)}},
			nil, "Application URL https://hearth.example.org; email on; 0 failed this week, 0 waiting over an hour"},
		{"plain http", `{"meta":{"appURL":"http://192.168.1.20:8090"},"smtp":{"enabled":false}}`, nil,
			[]string{"push notifications and installing the app need HTTPS"}, "is not HTTPS; email off"},
		{"a failure this week", `{"meta":{"appURL":"https://h.example.org"}}`,
			[][3]string{{"failed", "", now.Add(-48 * time.Hour).Format(ts)}, {"failed", "", now.Add(-10 * 24 * time.Hour).Format(ts)}},
			[]string{"could not be sent"}, "1 failed this week"},
		{"the sender is stuck", `{"meta":{"appURL":"https://h.example.org"}}`,
			[][3]string{{"pending", now.Add(-2 * time.Hour).Format(ts), ""}, {"pending", now.Add(-time.Minute).Format(ts), ""}},
			[]string{"waiting to be sent"}, "1 waiting over an hour"},
		{"encrypted settings", `not json: encrypted`, nil, nil, "settings are encrypted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db"))
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				`CREATE TABLE _params (id TEXT PRIMARY KEY, value TEXT)`,
				`CREATE TABLE deliveries (id TEXT PRIMARY KEY, status TEXT, next_at TEXT DEFAULT '', updated TEXT DEFAULT '')`,
			} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.Exec(`INSERT INTO _params VALUES ('settings', ?)`, tc.settings); err != nil {
				t.Fatal(err)
			}
			for i, r := range tc.rows {
				if _, err := db.Exec(`INSERT INTO deliveries VALUES (?, ?, ?, ?)`, string(rune('a'+i)), r[0], r[1], r[2]); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			f := doctorDelivery(context.Background(), dir, now)
			if !strings.Contains(f.status, tc.wantState) {
				t.Errorf("status %q, want it to say %q", f.status, tc.wantState)
			}
			if len(tc.wantTodo) == 0 && f.todo != "" {
				t.Errorf("todo %q, want none", f.todo)
			}
			for _, w := range tc.wantTodo {
				if !strings.Contains(f.todo, w) {
					t.Errorf("todo %q, want it to say %q", f.todo, w)
				}
			}
		})
	}
}
