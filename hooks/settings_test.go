package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

func TestSettingsByMigration(t *testing.T) {
	app := tk.NewApp(t)
	defer app.Cleanup()
	s := app.Settings()

	if s.Meta.AppName != "Hearth" {
		t.Errorf("app name = %q", s.Meta.AppName)
	}
	if s.Backups.Cron != "0 10 * * *" || s.Backups.CronMaxKeep != 7 {
		t.Errorf("backups = %q keep %d, want nightly, 7 kept", s.Backups.Cron, s.Backups.CronMaxKeep)
	}
	if !s.RateLimits.Enabled {
		t.Error("the rate limiter is off")
	}
	for _, label := range []string{"*:auth", "*:authWithPassword", "*:create", "POST /api/hearth/invites/redeem", "POST /api/hearth/invites/lookup", "/api/hearth/", "/api/"} {
		found := false
		for _, r := range s.RateLimits.Rules {
			found = found || r.Label == label
		}
		if !found {
			t.Errorf("no rate limit rule %q", label)
		}
	}

	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	if pw, ok := users.Fields.GetByName("password").(*core.PasswordField); !ok || pw.Min < 10 {
		t.Errorf("users' minimum password length is below 10")
	}
	if users.CreateRule != nil {
		t.Errorf("public sign-up is open: create rule %q", *users.CreateRule)
	}
}
