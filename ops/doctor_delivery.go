package ops

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// deliveryStuck is how long a due delivery may wait before the doctor
// calls the sender stuck: the sender works due rows within seconds.
const deliveryStuck = time.Hour

// doctorDelivery checks what push and email need: an HTTPS Application URL
// (push and installing the app need a secure origin; emailed links are
// built from it), whether email is set up, and the outbox: deliveries that
// failed in the last week, and due ones the sender has not worked.
func doctorDelivery(ctx context.Context, dir string, now time.Time) finding {
	f := finding{what: "delivery"}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db")+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		f.status = "cannot read the settings: " + err.Error()
		return f
	}
	defer db.Close()

	var raw string
	if err := db.QueryRowContext(ctx, "SELECT value FROM _params WHERE id = 'settings'").Scan(&raw); err != nil {
		f.status = "no settings yet (Hearth has not started here)"
		return f
	}
	var settings struct {
		Meta struct {
			AppURL string `json:"appURL"`
		} `json:"meta"`
		SMTP struct {
			Enabled bool `json:"enabled"`
		} `json:"smtp"`
	}
	var parts []string
	var todos []string
	if json.Unmarshal([]byte(raw), &settings) != nil {
		// Encrypted settings (PB_ENCRYPTION): the doctor cannot read them.
		parts = append(parts, "settings are encrypted, not checked")
	} else {
		appURL := settings.Meta.AppURL
		if u, err := url.Parse(appURL); err != nil || u.Scheme != "https" {
			parts = append(parts, "Application URL "+appURL+" is not HTTPS")
			todos = append(todos, "push notifications and installing the app need HTTPS: give Hearth an HTTPS name "+
				"(docs/OPERATIONS.md, \"HTTPS\") and set Settings > Application URL to it")
		} else {
			parts = append(parts, "Application URL "+appURL)
		}
		if settings.SMTP.Enabled {
			parts = append(parts, "email on")
		} else {
			parts = append(parts, "email off (no SMTP server in Settings > Mail settings)")
		}
	}

	var failed, stuck int
	weekAgo := now.Add(-7 * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
	hourAgo := now.Add(-deliveryStuck).UTC().Format("2006-01-02 15:04:05.000Z")
	err = db.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN status = 'failed' AND updated >= ? THEN 1 END),
		COUNT(CASE WHEN status = 'pending' AND next_at != '' AND next_at < ? THEN 1 END)
		FROM deliveries`, weekAgo, hourAgo).Scan(&failed, &stuck)
	if err == nil {
		parts = append(parts, fmt.Sprintf("%d failed this week, %d waiting over an hour", failed, stuck))
		if failed > 0 {
			todos = append(todos, "some notifications could not be sent: the dashboard's deliveries collection "+
				"says why in each failed row's error (email settings, a push service)")
		}
		if stuck > 0 {
			todos = append(todos, "notifications are waiting to be sent: is Hearth running? "+
				"The log (journalctl -u hearth) says what the sender meets")
		}
	}
	f.status = strings.Join(parts, "; ")
	f.todo = strings.Join(todos, "; ")
	return f
}
