package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindInvitesAccess limits what a manager may change on an invite (the
// rules have already limited updates to the house's managers): they can
// revoke a pending one, and nothing else.
func bindInvitesAccess(app core.App) {
	app.OnRecordUpdateRequest("invites").BindFunc(checkInviteRevoke)
}

func checkInviteRevoke(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	r := e.Record
	if field, ok := onlyChanged(r, "revoked"); !ok {
		return e.ForbiddenError("An invite can only be cancelled (you tried to change \""+field+"\"). To change the room or bed, cancel it and add a new one.", nil)
	}
	o := r.Original()
	switch {
	case !r.GetBool("revoked") && o.GetBool("revoked"):
		return e.BadRequestError("A cancelled invite stays cancelled. Add a new one instead.", nil)
	case o.GetString("used_by") != "":
		return e.BadRequestError("This invite has already been used, so there is nothing to cancel.", nil)
	}
	return e.Next()
}
