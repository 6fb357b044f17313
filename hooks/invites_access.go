package hooks

import (
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindInvitesAccess limits what a manager may change on an invite (the
// rules have already limited updates to the house's managers): they can
// revoke a pending one, and nothing else.
func bindInvitesAccess(app core.App) {
	app.OnRecordUpdateRequest("invites").BindFunc(checkInviteRevoke)
	app.OnRecordUpdateExecute("invites").BindFunc(keepRedemption)
}

// keepRedemption refuses a save that would erase a redemption: PocketBase
// writes the whole row, so a revoke loaded before the code was redeemed
// would otherwise wipe who used it. The row is read again inside the
// write's transaction, where no redemption can slip in between.
func keepRedemption(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		var usedBy string
		err := tx.DB().Select("used_by").From("invites").
			Where(dbx.HashExp{"id": e.Record.Id}).Row(&usedBy)
		if err != nil {
			return err
		}
		if usedBy != "" && e.Record.GetString("used_by") == "" {
			return validation.Errors{"revoked": fieldError("invite_used",
				"This invite has just been used, so there is nothing to cancel.")}
		}
		return e.Next()
	})
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
