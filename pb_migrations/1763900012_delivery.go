package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Delivery: notifications reach people whose app is closed, by Web Push and
// email, as each person's settings say. See docs/API.md, "Delivery".
//
//   - users gain their delivery settings: email_notifications and
//     push_notifications (off, important or all; empty means the default:
//     email important for managers and off for residents, push all),
//     email_digest (one email a day instead of one each) and quiet hours (house-local HH:MM; empty = none).
//   - notifications gain params: the kind's parameters, so a notification
//     is rendered in its reader's language instead of being stored as an
//     English sentence.
//   - push_subscriptions: one row per device that turned push on; its
//     owner alone lists, views, creates and deletes it.
//   - deliveries: the outbox. One row per notification and push
//     subscription or email, written in the notification's transaction and
//     worked by the sender after it commits. Superusers only.
//   - vapid_keys: the server's VAPID key pair (RFC 8292), made at first
//     start. Superusers only.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		levels := []string{"off", "important", "all"}
		hhmm := `^([01][0-9]|2[0-3]):[0-5][0-9]$`
		users.Fields.Add(
			&core.SelectField{Name: "email_notifications", Values: levels, MaxSelect: 1,
				Help: "empty = important for managers, off for residents"},
			&core.SelectField{Name: "push_notifications", Values: levels, MaxSelect: 1,
				Help: "empty = all"},
			&core.BoolField{Name: "email_digest", Help: "one email a day with the day's notifications instead of one each"},
			&core.TextField{Name: "quiet_start", Max: 5, Pattern: hhmm, Help: "HH:MM house-local; empty = no quiet hours"},
			&core.TextField{Name: "quiet_end", Max: 5, Pattern: hhmm, Help: "HH:MM house-local; empty = no quiet hours"},
		)
		if err := app.Save(users); err != nil {
			return err
		}

		notifications, err := app.FindCollectionByNameOrId("notifications")
		if err != nil {
			return err
		}
		notifications.Fields.Add(&core.JSONField{Name: "params", MaxSize: 4000,
			Help: "the kind's parameters, rendered in the reader's language"})
		if err := app.Save(notifications); err != nil {
			return err
		}

		subs := core.NewBaseCollection("push_subscriptions")
		subs.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.URLField{Name: "endpoint", Required: true},
			&core.TextField{Name: "p256dh", Required: true, Max: 200, Pattern: `^[A-Za-z0-9_-]+=*$`},
			&core.TextField{Name: "auth", Required: true, Max: 100, Pattern: `^[A-Za-z0-9_-]+=*$`},
			&core.TextField{Name: "user_agent", Max: 300},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		subs.AddIndex("idx_push_subscriptions_endpoint", true, "`endpoint`", "")
		subs.AddIndex("idx_push_subscriptions_user", false, "`user`", "")
		owner := types.Pointer(self("user"))
		subs.ListRule = owner
		subs.ViewRule = owner
		subs.DeleteRule = owner
		// The server sets user to the requester (hooks); only people sign up
		// devices.
		subs.CreateRule = types.Pointer("@request.auth.id != '' && @request.auth.collectionName = 'users'")
		// No update: a device that changes its keys subscribes again.
		if err := app.Save(subs); err != nil {
			return err
		}

		notificationsID := notifications.Id
		deliveries := core.NewBaseCollection("deliveries")
		deliveries.Fields.Add(
			&core.RelationField{Name: "notification", CollectionId: notificationsID, MaxSelect: 1, CascadeDelete: true,
				Help: "empty for an email that is not a notification (an invite)"},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true,
				Help: "the recipient; empty for an invite sent to an address"},
			&core.SelectField{Name: "channel", Values: []string{"push", "email"}, MaxSelect: 1, Required: true},
			&core.RelationField{Name: "subscription", CollectionId: subs.Id, MaxSelect: 1, CascadeDelete: true,
				Help: "the device, for push"},
			&core.EmailField{Name: "to", Help: "the address, for an email to someone who has no account (an invite)"},
			&core.JSONField{Name: "payload", MaxSize: 4000, Hidden: true,
				Help: "what an invite email says (its code); cleared once sent"},
			&core.SelectField{Name: "status", Values: []string{"pending", "digest", "sent", "failed", "dropped"}, MaxSelect: 1, Required: true},
			&core.NumberField{Name: "attempts", Min: types.Pointer(0.0), OnlyInt: true},
			&core.DateField{Name: "next_at", Help: "when the sender tries it (next)"},
			&core.DateField{Name: "sent_at"},
			&core.TextField{Name: "error", Max: 500, Help: "the last failure, for the operator"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// The sender's queue: what is due, oldest first.
		deliveries.AddIndex("idx_deliveries_status_next", false, "`status`, `next_at`", "")
		deliveries.AddIndex("idx_deliveries_notification", false, "`notification`", "")
		if err := app.Save(deliveries); err != nil {
			return err
		}

		keys := core.NewBaseCollection("vapid_keys")
		keys.Fields.Add(
			&core.TextField{Name: "public_key", Required: true, Max: 200},
			&core.TextField{Name: "private_key", Required: true, Max: 200, Hidden: true},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		return app.Save(keys)
	}, func(app core.App) error {
		if err := deleteCollections(app, "vapid_keys", "deliveries", "push_subscriptions"); err != nil {
			return err
		}
		notifications, err := app.FindCollectionByNameOrId("notifications")
		if err != nil {
			return err
		}
		notifications.Fields.RemoveByName("params")
		if err := app.Save(notifications); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		for _, name := range []string{"email_notifications", "push_notifications", "email_digest", "quiet_start", "quiet_end"} {
			users.Fields.RemoveByName(name)
		}
		return app.Save(users)
	})
}
