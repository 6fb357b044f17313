package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// oldBackupsCron is the nightly backup time the first release's settings
// migration set before it was changed in place to 10:00 UTC: 03:00 UTC is
// 19:00 or 20:00 in California, while a house is awake. A data directory
// made then still has it.
const oldBackupsCron = "0 3 * * *"

// newBackupsCron is the default since: 10:00 UTC, 02:00 or 03:00 in
// California and 05:00 or 06:00 on the US east coast.
const newBackupsCron = "0 10 * * *"

func init() {
	// Moves the old default only: a schedule an admin chose (another time,
	// or none) is left alone.
	m.Register(func(app core.App) error {
		s := app.Settings()
		if s.Backups.Cron != oldBackupsCron {
			return nil
		}
		s.Backups.Cron = newBackupsCron
		return app.Save(s)
	}, nil)
}
