package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// redeemRateLimitLabel is the rate-limit label of the invite redemption route.
const redeemRateLimitLabel = "POST /api/hearth/invites/redeem"

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()

		s.Meta.AppName = "Hearth"

		// Nightly backups, a week of them kept. PocketBase's scheduler runs
		// in UTC: 10:00 UTC is 02:00 or 03:00 in California and 05:00 or
		// 06:00 on the US east coast, when a house is asleep and nobody is
		// checking in. An admin changes it under Settings > Backups.
		s.Backups.Cron = "0 10 * * *"
		s.Backups.CronMaxKeep = 7

		// The limits are per client IP. A house often shares one public IP,
		// so the sign-in limit leaves room for a house full of people
		// signing in at once while still stopping password guessing.
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = []core.RateLimitRule{
			{Label: "*:auth", MaxRequests: 20, Duration: 60},
			{Label: "*:authWithPassword", MaxRequests: 20, Duration: 60},
			{Label: "*:requestPasswordReset", MaxRequests: 5, Duration: 300},
			{Label: "*:create", MaxRequests: 30, Duration: 10},
			{Label: redeemRateLimitLabel, MaxRequests: 10, Duration: 300},
			{Label: "/api/hearth/", MaxRequests: 120, Duration: 10},
			{Label: "/api/batch", MaxRequests: 3, Duration: 1},
			{Label: "/api/", MaxRequests: 300, Duration: 10},
		}

		return app.Save(s)
	}, nil)
}
