package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

func TestMain(m *testing.M) { tk.Main(m) }

// migration is the registered migration of the file name.
func migration(t *testing.T, file string) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == file {
			return m
		}
	}
	t.Fatalf("no migration %s is registered", file)
	return nil
}

// TestBackupsScheduleMoved: a data directory made while the default was
// 03:00 UTC (a Californian evening) moves to 10:00 UTC; a schedule an
// admin chose stays as it is.
func TestBackupsScheduleMoved(t *testing.T) {
	up := migration(t, "1763900009_backups_schedule.go").Up
	tests := []struct {
		name, before, want string
	}{
		{"the old default moves", "0 3 * * *", "0 10 * * *"},
		{"the new default stays", "0 10 * * *", "0 10 * * *"},
		{"an admin's time stays", "30 4 * * *", "30 4 * * *"},
		{"an admin's 03:00 on Sundays stays", "0 3 * * 0", "0 3 * * 0"},
		{"backups turned off stay off", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			s := app.Settings()
			s.Backups.Cron = tt.before
			if err := app.Save(s); err != nil {
				t.Fatal(err)
			}
			if err := up(app); err != nil {
				t.Fatal(err)
			}
			if err := app.ReloadSettings(); err != nil {
				t.Fatal(err)
			}
			if got := app.Settings().Backups.Cron; got != tt.want {
				t.Errorf("backups cron %q became %q, want %q", tt.before, got, tt.want)
			}
		})
	}
}
