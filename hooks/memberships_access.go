package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindMembershipsAccess adds what the API rules of memberships cannot say:
// which fields each writer may change, and who sees the exit reason.
func bindMembershipsAccess(app core.App) {
	app.OnRecordUpdateRequest("memberships").BindFunc(refuseFirstDayFields)
	app.OnRecordUpdateRequest("memberships").BindFunc(checkMembershipUpdate)
	app.OnRecordEnrich("memberships").BindFunc(revealExitReason)
	app.OnRecordEnrich("memberships").BindFunc(revealFirstDay)
}

// checkMembershipUpdate refuses what the rules let through but a person may
// not do: nobody moves a membership to another house or person, nobody
// changes their own role, status, room or anything else but their partner
// (a member) or their need-support alerts (an alumnus), and nobody but the
// person chooses their partner (a manager may remove one).
func checkMembershipUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	if changed(r, "house", "user") {
		return e.BadRequestError("A place on the roster can't be moved to another house or person. Move them out and add a new one instead.", nil)
	}
	if e.Auth != nil && r.Original().GetString("user") == e.Auth.Id {
		if r.Original().GetString("status") == StatusAlumni {
			if field, ok := onlyChanged(r, "support_alerts"); !ok {
				return e.ForbiddenError("As an alumnus you can change only whether you get the house's need-support alerts (you tried to change \""+field+"\").", nil)
			}
			return e.Next()
		}
		if field, ok := onlyChanged(r, "partner"); !ok {
			return e.ForbiddenError("On your own place in the house you can change only your accountability partner (you tried to change \""+field+"\").", nil)
		}
		return e.Next()
	}
	if partner := r.GetString("partner"); partner != "" && partner != r.Original().GetString("partner") {
		// A partner reads the resident's check-ins: only the resident
		// gives that. A manager may end a partnership, not start one.
		msg := "Only the resident can choose their accountability partner, because their partner reads their check-ins. You can remove a partner."
		return e.BadRequestError(msg, validation.Errors{"partner": fieldError("partner_chosen_by_resident", msg)})
	}
	if isMovedOut(r.Original().GetString("status")) && !isMovedOut(r.GetString("status")) {
		msg := "Someone who has moved out comes back with a new invite: tap Add resident and give them the code. Their account and history are kept."
		return e.BadRequestError(msg, validation.Errors{"status": fieldError("use_invite", msg)})
	}
	return acceptManagerPrivateFields(e)
}

// acceptManagerPrivateFields lets a manager of the house write the hidden
// exit reason (the rules have already limited the update to managers and
// own memberships; own memberships never reach here).
func acceptManagerPrivateFields(e *core.RecordRequestEvent) error {
	if e.Auth != nil && !e.Auth.IsSuperuser() && IsManagerOf(e.App, e.Auth.Id, e.Record.GetString("house")) {
		if err := setHiddenFromBody(e.RequestEvent, e.Record, "exit_reason"); err != nil {
			return err
		}
	}
	return e.Next()
}

// revealExitReason shows why someone moved out to the house's managers only.
func revealExitReason(e *core.RecordEnrichEvent) error {
	viewer := e.RequestInfo.Auth
	if viewer != nil && !viewer.IsSuperuser() && e.Record.GetString("exit_reason") != "" &&
		IsManagerOf(e.App, viewer.Id, e.Record.GetString("house")) {
		e.Record.Unhide("exit_reason")
	}
	return e.Next()
}
