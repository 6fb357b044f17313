package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// bindPostsAnnouncement tells every member of the house (active or away,
// managers included) about an announcement, except its author, in the
// same transaction as the post: an announcement that exists has reached
// the house. Only managers write announcements (the posts create rule).
func bindPostsAnnouncement(app core.App) {
	app.OnRecordCreateExecute("posts").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("kind") != PostAnnouncement {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return notifyAnnouncement(tx, e.Record)
		})
	})
}

// notifyAnnouncement sends the announcement's notification (kind
// announcement) to the house but its author.
func notifyAnnouncement(app core.App, post *core.Record) error {
	house, author := post.GetString("house"), post.GetString("author")
	var name, houseName string
	_ = app.DB().Select("name").From("users").Where(dbx.HashExp{"id": author}).Row(&name)
	_ = app.DB().Select("name").From("houses").Where(dbx.HashExp{"id": house}).Row(&houseName)
	return NotifyHouse(app, house, announcementMessage(name, houseName, post.GetString("body"), post.Id), author)
}
