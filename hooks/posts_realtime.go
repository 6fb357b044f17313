package hooks

import (
	"encoding/json"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// bindPostsRealtime closes the gap PocketBase's realtime leaves when a
// manager hides a post: the update reaches only those who may still see it
// (the author and the managers), so a housemate with the board open would
// keep the hidden post on screen until a reload. Those who lose it are sent
// a delete event instead, carrying nothing but its id.
func bindPostsRealtime(app core.App) {
	app.OnRecordUpdate("posts").BindFunc(func(e *core.RecordEvent) error {
		wasHidden := e.Record.Original().GetBool("hidden")
		if err := e.Next(); err != nil {
			return err
		}
		if !wasHidden && e.Record.GetBool("hidden") {
			// Only the house's candidates, and without waiting for their
			// connections, when the fan-out runs (realtime_fanout.go).
			if f, ok := app.Store().Get(storeKeyFanout).(*realtimeFanout); ok && f.live.Load() {
				if clients, ok := f.candidates(target{houses: []string{e.Record.GetString("house")}}); ok {
					withdrawHiddenPost(e.App, e.Record, clients, f.send)
					return nil
				}
			}
			withdrawHiddenPost(e.App, e.Record, allClients(e.App), func(c subscriptions.Client, m subscriptions.Message) { c.Send(m) })
		}
		return nil
	})
}

// withdrawHiddenPost sends a delete event for the post to every realtime
// subscriber of posts who belongs to its house (members and alumni, who
// could see it a moment ago) but is neither its author nor a manager, who
// still see it and have had the update. clients are those to look at
// (every client, or the house's candidates), send how to send.
func withdrawHiddenPost(app core.App, post *core.Record, clients []subscriptions.Client, send func(subscriptions.Client, subscriptions.Message)) {
	collection := post.Collection()
	prefixes := []string{
		collection.Name + "/" + post.Id + "?", collection.Id + "/" + post.Id + "?",
		collection.Name + "/*?", collection.Id + "/*?",
		collection.Name + "?", collection.Id + "?",
	}
	data, err := json.Marshal(map[string]any{
		"action": "delete",
		"record": map[string]any{"id": post.Id, "collectionId": collection.Id, "collectionName": collection.Name},
	})
	if err != nil {
		return
	}
	house, author := post.GetString("house"), post.GetString("author")
	for _, client := range clients {
		auth, _ := client.Get(apis.RealtimeClientAuthKey).(*core.Record)
		if auth == nil || auth.IsSuperuser() || auth.Id == author {
			continue
		}
		subs := client.Subscriptions(prefixes...)
		if len(subs) == 0 || IsManagerOf(app, auth.Id, house) || !belongsTo(app, auth.Id, house) {
			continue
		}
		for name := range subs {
			send(client, subscriptions.Message{Name: name, Data: data})
		}
	}
}

// belongsTo reports whether the user is a member, manager or alumnus of
// the house: someone who may read its board.
func belongsTo(app core.App, userID, houseID string) bool {
	var n int
	err := app.DB().NewQuery(
		"SELECT COUNT(*) FROM memberships WHERE user = {:user} AND house = {:house} AND " + memberOrAlumnusSQL(""),
	).Bind(dbx.Params{"user": userID, "house": houseID}).Row(&n)
	return err == nil && n > 0
}
