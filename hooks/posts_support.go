package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// bindPostsSupport sends a need-support post's alerts in the same
// transaction as the post: a post that exists has reached everyone, and
// a failed alert fails the post (the author sees the error and can try
// again) rather than leaving them unheard.
func bindPostsSupport(app core.App) {
	app.OnRecordCreateExecute("posts").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("kind") != PostSupport {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return notifySupportPost(tx, e.Record)
		})
	})
}

// notifySupportPost alerts SupportRecipients of the post.
func notifySupportPost(app core.App, post *core.Record) error {
	house, author := post.GetString("house"), post.GetString("author")
	ids, err := SupportRecipients(app, house, author)
	if err != nil {
		return err
	}
	var name, houseName string
	_ = app.DB().Select("name").From("users").Where(dbx.HashExp{"id": author}).Row(&name)
	_ = app.DB().Select("name").From("houses").Where(dbx.HashExp{"id": house}).Row(&houseName)
	if err := notifyAll(app, ids, supportMessage(name, houseName, post.Id)); err != nil {
		return err
	}
	app.Logger().Info("need-support alerts sent", "house", house, "post", post.Id, "recipients", len(ids))
	return nil
}

// SupportRecipients lists, once each, who a need-support post by author
// in the house alerts: every member of the house (active or away, so
// residents on a pass and managers too), the alumni of the house who
// turned on support_alerts on their membership, and the author's
// accountability partner in the house; never the author, nobody
// discharged, nobody of another house. An alumnus's post reaches only the
// house's active managers and the alumni who opted in, never the
// residents (alumniSupportRecipients). One indexed query.
func SupportRecipients(app core.App, houseID, authorID string) ([]string, error) {
	var status string
	_ = app.DB().Select("status").From("memberships").
		Where(dbx.HashExp{"house": houseID, "user": authorID}).Limit(1).Row(&status)
	if status == StatusAlumni {
		return alumniSupportRecipients(app, houseID, authorID)
	}
	var ids []string
	err := app.DB().NewQuery(`
		SELECT user FROM memberships
		WHERE house = {:house} AND user != {:author}
			AND (` + memberSQL("") + ` OR (` + alumnusSQL("") + ` AND support_alerts = TRUE))
		UNION
		SELECT partner FROM memberships
		WHERE house = {:house} AND user = {:author} AND ` + memberOrAlumnusSQL("") + `
			AND partner != '' AND partner != {:author}
		ORDER BY 1`,
	).Bind(dbx.Params{"house": houseID, "author": authorID}).Column(&ids)
	return ids, err
}

// alumniSupportRecipients lists who an alumnus's need-support post alerts:
// the house's active managers and its alumni who turned on
// support_alerts, never the author and never a resident.
func alumniSupportRecipients(app core.App, houseID, authorID string) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery(`
		SELECT user FROM memberships
		WHERE house = {:house} AND user != {:author}
			AND ((` + managerSQL("") + `) OR (` + alumnusSQL("") + ` AND support_alerts = TRUE))
		ORDER BY 1`,
	).Bind(dbx.Params{"house": houseID, "author": authorID}).Column(&ids)
	return ids, err
}
