package hooks

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Message is what a notification says. Kind names the cause ("welcome",
// "support", "chore_missed", ...) so the web app can pick an icon; Link is an
// app path the notification opens, such as "/board".
type Message struct {
	Kind  string // the cause, e.g. "support"
	Title string // the notification's headline
	Body  string // the rest, may be empty
	Link  string // the web app path it opens, may be empty
}

// NotifyUser notifies one person: the in-app notification (which reaches
// an open app at once through realtime) and, after the transaction
// commits, push and email as the person's settings say (docs/API.md,
// "Delivery").
func NotifyUser(app core.App, userID string, msg Message) error {
	return notifyAll(app, []string{userID}, msg)
}

// NotifyHouse notifies every member of the house (active or away, managers
// included) except the people in except.
func NotifyHouse(app core.App, houseID string, msg Message, except ...string) error {
	ids, err := houseMemberIDs(app, houseID, false)
	if err != nil {
		return err
	}
	return notifyAll(app, without(ids, except), msg)
}

// NotifyManagers notifies the active managers of the house except the
// people in except.
func NotifyManagers(app core.App, houseID string, msg Message, except ...string) error {
	ids, err := houseMemberIDs(app, houseID, true)
	if err != nil {
		return err
	}
	return notifyAll(app, without(ids, except), msg)
}

// The notifications collection's limits (pb_migrations): a message built
// from long chore titles or many names is shortened to fit, never refused.
const (
	maxNotificationTitle = 200
	maxNotificationBody  = 2000
)

// clip shortens s to at most max characters, ending it with an ellipsis
// when it had to cut.
func clip(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

// notifyAll stores one notification per person in a single transaction: one
// disk sync for the whole house, and all of them or none. In the same
// transaction it writes their outbox rows (queueDeliveries), which the
// sender delivers by push and email once the transaction commits: nothing
// is sent from here.
func notifyAll(app core.App, userIDs []string, msg Message) error {
	if len(userIDs) == 0 {
		return nil
	}
	collection, err := app.FindCachedCollectionByNameOrId("notifications")
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		notes := make([]*core.Record, 0, len(userIDs))
		for _, id := range userIDs {
			n := core.NewRecord(collection)
			n.Set("user", id)
			n.Set("kind", msg.Kind)
			n.Set("title", clip(msg.Title, maxNotificationTitle))
			n.Set("body", clip(msg.Body, maxNotificationBody))
			n.Set("link", msg.Link)
			if err := tx.Save(n); err != nil {
				return err
			}
			notes = append(notes, n)
		}
		return queueDeliveries(tx, notes, msg.Kind)
	})
}

func houseMemberIDs(app core.App, houseID string, managersOnly bool) ([]string, error) {
	q := app.DB().Select("user").From("memberships").Where(dbx.HashExp{"house": houseID})
	if managersOnly {
		q.AndWhere(dbx.NewExp(managerSQL("")))
	} else {
		q.AndWhere(dbx.NewExp(memberSQL("")))
	}
	var ids []string
	err := q.Column(&ids)
	return ids, err
}

func without(ids, except []string) []string {
	out := ids[:0:0]
	for _, id := range ids {
		skip := false
		for _, e := range except {
			if id == e {
				skip = true
				break
			}
		}
		if !skip {
			out = append(out, id)
		}
	}
	return out
}
