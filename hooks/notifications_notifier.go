package hooks

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Message is what a notification says. Kind names the cause ("welcome",
// "support", "chore_missed", ...; notifications_kinds.go) and Params what
// its words need (names, instants, counts, ids): each reader gets it in
// their own language from the notification catalogue. Link is an app path
// the notification opens, such as "/board".
//
// A message with a Title is stored as those words instead, the same in
// every language: for a kind the catalogue does not have.
type Message struct {
	Kind   string // the cause, e.g. "support"
	Params Params // what the catalogue's words need; see notifications_catalogue.go
	Title  string // words for a kind without catalogue entry: the headline
	Body   string // and the rest, may be empty
	Link   string // the web app path it opens, may be empty
}

// storedWords are the English title and body a message is stored with
// (what the dashboard shows and a reader without a catalogue entry gets),
// and its params: nil for a message given as words.
func (msg Message) storedWords() (title, body string, params Params) {
	if msg.Title != "" {
		return msg.Title, msg.Body, nil
	}
	params = msg.Params
	if params == nil {
		params = Params{}
	}
	title, body, ok := renderMessage(msg.Kind, params, "en", false)
	if !ok {
		return msg.Kind, "", params
	}
	if b, err := json.Marshal(params); err != nil || len(b) > maxNotificationParams {
		// Too long to keep (a list of many long chore titles): the row
		// keeps its English words, as rows did before params.
		return title, body, nil
	}
	return title, body, params
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
	maxNotificationTitle  = 200
	maxNotificationBody   = 2000
	maxNotificationParams = 4000 // bytes of JSON
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
	title, body, params := msg.storedWords()
	return app.RunInTransaction(func(tx core.App) error {
		notes := make([]*core.Record, 0, len(userIDs))
		for _, id := range userIDs {
			n := core.NewRecord(collection)
			n.Set("user", id)
			n.Set("kind", msg.Kind)
			n.Set("title", clip(title, maxNotificationTitle))
			n.Set("body", clip(body, maxNotificationBody))
			n.Set("link", msg.Link)
			if params != nil {
				n.Set("params", params)
			}
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
