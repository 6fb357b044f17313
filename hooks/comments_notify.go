package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// bindCommentsNotify tells a post's author about comments, in the same
// transaction as the comment:
//
//   - on a need-support post, every answer by someone else notifies the
//     author at once (kind support_answer): each "On my way" matters;
//   - on any other post, a comment by someone else notifies the author
//     (kind comment) unless they already have an unread comment
//     notification for that post: one notification says "there's talk on
//     your post" however lively it gets, and the next one comes after
//     they have read it.
//
// Nobody is notified of their own comments, nor about a post in a house
// they no longer belong to (discharged). Reactions notify nobody.
func bindCommentsNotify(app core.App) {
	app.OnRecordCreateExecute("comments").BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return notifyComment(tx, e.Record)
		})
	})
}

func notifyComment(app core.App, comment *core.Record) error {
	post, err := app.FindRecordById("posts", comment.GetString("post"))
	if err != nil {
		return err
	}
	author, commenter := post.GetString("author"), comment.GetString("author")
	if author == commenter || !readsBoard(app, author, post.GetString("house")) {
		return nil
	}
	var name string
	_ = app.DB().Select("name").From("users").Where(dbx.HashExp{"id": commenter}).Row(&name)
	if post.GetString("kind") == PostSupport {
		return NotifyUser(app, author, supportAnswerMessage(name, comment.GetString("quick"), comment.GetString("body"), post.Id))
	}
	var id string
	err = app.DB().Select("id").From("notifications").Where(dbx.HashExp{
		"user": author, "kind": kindComment, "link": postLink(post.Id), "read": false,
	}).Limit(1).Row(&id)
	if err == nil {
		return nil // an unread one already says so
	}
	return NotifyUser(app, author, commentMessage(name, comment.GetString("body"), post.Id))
}

// readsBoard reports whether the person is a member, manager or alumnus
// of the house: someone who can read its board.
func readsBoard(app core.App, userID, houseID string) bool {
	status := membershipStatus(app, userID, houseID)
	return domain.IsMember(status) || domain.IsAlumnus(status)
}
