package hooks

import (
	"fmt"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"hearth/domain"
)

// bindChoreAssignmentsTransitions enforces docs/API.md's transition table
// on every API update of an assignment, stamps what the server sets, and
// tells the people concerned after every transition, whoever made it (the
// missed-chore job included).
func bindChoreAssignmentsTransitions(app core.App, clock clockwork.Clock) {
	app.OnRecordUpdateRequest("chore_assignments").BindFunc(func(e *core.RecordRequestEvent) error {
		return checkChoreTransition(e, clock)
	})
	app.OnRecordUpdateExecute("chore_assignments").BindFunc(notifyChoreTransition)
}

// The fields each actor may send; the rest are the server's.
var (
	assigneeFields = []string{"status", "photo", "note"}
	reviewerFields = []string{"status", "review_note"}
)

func checkChoreTransition(e *core.RecordRequestEvent, clock clockwork.Clock) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	from, to := r.Original().GetString("status"), r.GetString("status")

	actor, fields := domain.ChoreByReviewer, reviewerFields
	if r.GetString("assignee") == e.Auth.Id {
		actor, fields = domain.ChoreByAssignee, assigneeFields
	} else if !IsManagerOf(e.App, e.Auth.Id, r.GetString("house")) {
		return e.NotFoundError("", nil) // the rule let them through as assignee or manager; neither holds now
	}
	if field, ok := onlyChanged(r, fields...); !ok {
		return e.ForbiddenError(fmt.Sprintf("You can't change %q of a chore.", field), nil)
	}
	if ok, why := domain.ChoreTransition(from, to, actor); !ok {
		return e.BadRequestError(why, validation.Errors{"status": fieldError("chore_transition", why)})
	}

	now := clock.Now()
	switch to {
	case domain.ChoreDone:
		if from == to {
			break
		}
		if msg := missingPhoto(e.App, r); msg != "" {
			return e.BadRequestError(msg, validation.Errors{"photo": fieldError("photo_required", msg)})
		}
		r.Set("done_at", now)
	case domain.ChoreRejected:
		if from != to && r.GetString("review_note") == "" {
			msg := "Say what still needs doing, so they can put it right."
			return e.BadRequestError(msg, validation.Errors{"review_note": fieldError("reason_required", msg)})
		}
		fallthrough
	case domain.ChoreApproved, domain.ChoreExcused:
		if from != to {
			r.Set("reviewed_by", e.Auth.Id)
			r.Set("reviewed_at", now)
		}
	}
	return e.Next()
}

// missingPhoto says why an assignment cannot be done without a photo: its
// chore needs one and this request uploads none (a redo after a rejection
// needs a new one), or "" when it can.
func missingPhoto(app core.App, r *core.Record) string {
	chore, err := app.FindRecordById("chores", r.GetString("chore"))
	if err != nil || !chore.GetBool("needs_photo") {
		return ""
	}
	if len(r.GetUnsavedFiles("photo")) == 0 {
		return "This chore needs a photo of the finished job. Take one with your phone's camera, then send it."
	}
	return ""
}

// notifyChoreTransition makes a status change and tells the people
// concerned, in one transaction: managers when a chore waits for review,
// the assignee when it is rejected, both when it is missed. Under the
// transaction's write lock it first checks that the status is still the one
// the change started from, so the missed sweep and a resident marking the
// chore done at the same moment never overwrite each other.
func notifyChoreTransition(e *core.RecordEvent) error {
	r := e.Record
	from, to := r.Original().GetString("status"), r.GetString("status")
	if from == to {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		if err := statusStillIs(tx, r.Id, from); err != nil {
			return err
		}
		if err := e.Next(); err != nil {
			return err
		}
		if to != domain.ChoreDone && to != domain.ChoreRejected && to != domain.ChoreMissed {
			return nil
		}
		title, name := choreNames(tx, r)
		house, assignee := r.GetString("house"), r.GetString("assignee")
		p := func(more Params) Params {
			out := Params{"chore": title, "name": name, "assignment": r.Id}
			for k, v := range more {
				out[k] = v
			}
			return out
		}
		switch to {
		case domain.ChoreDone:
			return NotifyManagers(tx, house, Message{Kind: kindChoreReview, Link: "/manage/review", Params: p(nil)}, assignee)
		case domain.ChoreRejected:
			return NotifyUser(tx, assignee, Message{Kind: kindChoreRejected, Link: "/chores",
				Params: p(Params{"words": r.GetString("review_note")})})
		default: // missed
			if err := NotifyUser(tx, assignee, Message{Kind: kindChoreMissed, Link: "/chores", Params: p(nil)}); err != nil {
				return err
			}
			return NotifyManagers(tx, house, Message{Kind: kindChoreMissed, Link: "/manage/review",
				Params: p(Params{"variant": "manager"})}, assignee)
		}
	})
}

// choreNames are the chore's title and the assignee's name for messages,
// empty when unknown (the catalogue has words for that).
func choreNames(app core.App, r *core.Record) (title, name string) {
	if c, err := app.FindRecordById("chores", r.GetString("chore")); err == nil {
		title = c.GetString("title")
	}
	if u, err := app.FindRecordById("users", r.GetString("assignee")); err == nil {
		name = u.GetString("name")
	}
	return title, name
}

// statusStillIs refuses a status change when the stored assignment no
// longer has the status the change was decided from: someone else moved
// it meanwhile.
func statusStillIs(tx core.App, id, from string) error {
	var now string
	if err := tx.DB().Select("status").From("chore_assignments").
		Where(dbx.HashExp{"id": id}).Limit(1).Row(&now); err != nil {
		return err
	}
	if now == from {
		return nil
	}
	msg := "This chore changed a moment ago. Reload to see where it stands."
	return router.NewBadRequestError(msg, validation.Errors{"status": fieldError("chore_changed", msg)})
}
