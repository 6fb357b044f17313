package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// SupportRealertAfter is how long a need-support post may wait without an
// answer before the house's managers are alerted again.
const SupportRealertAfter = 30 * time.Minute

// jobSupportRealert names the re-alert's ledger rows in job_runs: one per
// post (job "support_realert:<post id>", day the post's UTC date), so a
// post is re-alerted once whatever the restarts.
const jobSupportRealert = "support_realert"

// realertSupportPosts alerts the house's active managers (the author
// aside) once more about each need-support post that is still waiting:
// written SupportRealertAfter ago or more (and less than
// domain.SupportOpenFor ago), not resolved, not hidden, and without a
// comment from anyone but its author. Each post is re-alerted once: the
// alert and its ledger row are stored together (runOnce). It returns the
// number of posts re-alerted. A post that is not yet due costs nothing
// but the house's one indexed query.
func realertSupportPosts(app core.App, house *core.Record, now time.Time) (int, error) {
	var posts []struct {
		ID      string `db:"id"`
		Author  string `db:"author"`
		Created string `db:"created"`
	}
	err := app.DB().NewQuery(`
		SELECT p.id, p.author, p.created FROM posts p
		WHERE p.house = {:house} AND p.pinned IN (FALSE, TRUE) AND p.created > {:since} AND p.created <= {:due}
			AND p.kind = {:kind} AND p.resolved = FALSE AND p.hidden = FALSE
			AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.post = p.id AND c.author != p.author)
		ORDER BY p.created, p.id`,
	).Bind(dbx.Params{
		"house": house.Id, "kind": PostSupport,
		"since": now.Add(-domain.SupportOpenFor).UTC().Format(types.DefaultDateLayout),
		"due":   now.Add(-SupportRealertAfter).UTC().Format(types.DefaultDateLayout),
	}).All(&posts)
	if err != nil || len(posts) == 0 {
		return 0, err
	}
	realerted := 0
	for _, p := range posts {
		day := p.Created
		if len(day) >= 10 {
			day = day[:10]
		}
		n, err := runOnce(app, house.Id, jobSupportRealert+":"+p.ID, day, func(tx core.App) (int, error) {
			var name string
			_ = tx.DB().Select("name").From("users").Where(dbx.HashExp{"id": p.Author}).Row(&name)
			msg := Message{Kind: kindSupportUnanswered, Link: postLink(p.ID),
				Params: Params{"name": name, "house": house.GetString("name"), "post": p.ID}}
			return 1, NotifyManagers(tx, house.Id, msg, p.Author)
		})
		if err != nil {
			return realerted, err
		}
		if n > 0 {
			realerted++
			app.Logger().Info("need-support post re-alerted to the managers", "house", house.Id, "post", p.ID)
		}
	}
	return realerted, nil
}
