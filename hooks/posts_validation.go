package hooks

import (
	"fmt"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindPostsValidation holds every writer of a post to their part: the
// server stamps what only it decides on a new post, the author may change
// only the body, managers only pinned and hidden, and on a need-support
// post both may set resolved; every save (API, dashboard or Go) is
// checked for a real body, a pin only on an announcement and resolved
// only on a support post. The author hears when a manager hides their post.
func bindPostsValidation(app core.App) {
	app.OnRecordCreateRequest("posts").BindFunc(preparePost)
	app.OnRecordUpdateRequest("posts").BindFunc(checkPostUpdate)
	app.OnRecordValidate("posts").BindFunc(fieldErrors(validatePost))
	app.OnRecordUpdateExecute("posts").BindFunc(notifyPostHidden)
}

// preparePost clears what a client may not decide on a new post: whether
// it is hidden or resolved, and the milestone fields (the create rule
// already keeps the kind milestone to the server).
func preparePost(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		e.Record.Set("hidden", false)
		e.Record.Set("resolved", false)
		e.Record.Set("subject", "")
		e.Record.Set("milestone", "")
	}
	return e.Next()
}

// The fields each writer of a post may change.
var (
	postAuthorFields  = []string{"body"}
	postManagerFields = []string{"pinned", "hidden"}
)

// checkPostUpdate lets the author change the body and the house's managers
// pin and hide; someone who is both may do both. On a need-support post
// the author and the managers may also set resolved ("I'm OK now"); on
// any other kind nobody may (validatePost says so in words). A milestone
// post's words are the server's.
func checkPostUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	isAuthor := r.GetString("author") == e.Auth.Id
	isManager := IsManagerOf(e.App, e.Auth.Id, r.GetString("house"))
	var allowed []string
	if isAuthor && r.GetString("kind") != PostMilestone {
		allowed = append(allowed, postAuthorFields...)
	}
	if isManager {
		allowed = append(allowed, postManagerFields...)
	}
	if (isAuthor || isManager) && r.GetString("kind") == PostSupport {
		allowed = append(allowed, "resolved")
	}
	if field, ok := onlyChanged(r, allowed...); !ok {
		switch {
		case field == "body" && r.GetString("kind") == PostMilestone:
			return e.ForbiddenError("Hearth wrote this milestone post; add a comment to say more.", nil)
		case field == "body" && isManager:
			return e.ForbiddenError("Managers can pin or hide a post; only its author can change what it says.", nil)
		case (field == "pinned" || field == "hidden") && isAuthor:
			return e.ForbiddenError("Only a house manager can pin or hide a post.", nil)
		case field == "resolved" && r.GetString("kind") == PostSupport:
			return e.ForbiddenError("Only the person who reached out or a house manager can mark this post resolved.", nil)
		case field == "resolved":
			return e.ForbiddenError("Only need-support posts can be marked resolved.", nil)
		default:
			return e.ForbiddenError("You can change only what your post says.", nil)
		}
	}
	return e.Next()
}

// validatePost checks every save: a body that says something, a pin only
// on an announcement, the photos' number and size in words (PocketBase
// checks them too, and their type), and the milestone fields only on a
// milestone.
func validatePost(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if strings.TrimSpace(r.GetString("body")) == "" {
		errs["body"] = fieldError("body_empty", msgBodyEmpty)
	}
	if r.GetBool("pinned") && r.GetString("kind") != PostAnnouncement {
		errs["pinned"] = fieldError("pin_announcements_only", msgPinAnnouncements)
	}
	if f, ok := r.Collection().Fields.GetByName("images").(*core.FileField); ok {
		if names, _ := stringSlice(r.Get("images")); f.MaxSelect > 0 && len(names) > f.MaxSelect {
			errs["images"] = fieldError("too_many_photos", fmt.Sprintf("A post can carry up to %d photos.", f.MaxSelect))
		}
		for _, file := range r.GetUnsavedFiles("images") {
			if f.MaxSize > 0 && file.Size > f.MaxSize {
				errs["images"] = fieldError("photo_too_big", fmt.Sprintf(
					"Each photo can be up to %d MB; this one is bigger. Try a smaller one or a screenshot.", f.MaxSize>>20))
			}
		}
	}
	if r.GetBool("resolved") && r.GetString("kind") != PostSupport {
		errs["resolved"] = fieldError("resolved_support_only", "Only need-support posts can be marked resolved.")
	}
	isMilestone := r.GetString("kind") == PostMilestone
	if isMilestone && (r.GetString("subject") == "" || r.GetString("milestone") == "") {
		errs["milestone"] = fieldError("milestone_incomplete", "A milestone post names the person and the milestone.")
	}
	if !isMilestone && (r.GetString("subject") != "" || r.GetString("milestone") != "") {
		errs["milestone"] = fieldError("milestone_only", "Only milestone posts name a milestone.")
	}
	return errs
}

// notifyPostHidden tells the author, in the same transaction as the
// change, that a manager hid their post. It never says why or whether
// someone reported it.
func notifyPostHidden(e *core.RecordEvent) error {
	r := e.Record
	if !r.GetBool("hidden") || r.Original().GetBool("hidden") {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		return NotifyUser(tx, r.GetString("author"), hiddenMessage(r.Id))
	})
}
