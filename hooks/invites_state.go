package hooks

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// inviteProblem is why a code cannot be used, in the words the person
// holding it reads. Code is the field-error code, without "validation_".
type inviteProblem struct {
	Code    string
	Message string
}

func (p inviteProblem) Error() string { return p.Message }

// The answers for a code that cannot be used. Each says what happened and
// what to do next.
var (
	inviteUnknown = inviteProblem{"invite_unknown",
		"We don't know this code. Check it letter by letter, or ask the house manager for a new one."}
	inviteUsed = inviteProblem{"invite_used",
		"This code has already been used. Each code works once: ask the house manager for a new one."}
	inviteExpired = inviteProblem{"invite_expired",
		"This code has expired: codes work for 7 days. Ask the house manager for a new one."}
	inviteRevoked = inviteProblem{"invite_revoked",
		"This code has been cancelled. Ask the house manager for a new one."}
	inviteTooManyPasswords = inviteProblem{"invite_revoked",
		"A wrong password was typed too many times, so this code is now cancelled. Ask the house manager for a new one."}
)

// pendingInvite finds the invite of a typed or scanned code and returns it
// if it can still be redeemed, or an inviteProblem that says why not.
func (h invitesHandlers) pendingInvite(app core.App, typed string) (*core.Record, error) {
	code, ok := domain.NormalizeInviteCode(typed)
	if !ok {
		return nil, inviteUnknown
	}
	invite, err := app.FindFirstRecordByData("invites", "code_hash", domain.InviteCodeHash(code))
	if err != nil {
		return nil, inviteUnknown
	}
	state := domain.InviteStateAt(invite.GetDateTime("expires").Time(),
		invite.GetString("used_by") != "" || !invite.GetDateTime("used_at").IsZero(),
		invite.GetBool("revoked"), h.clock.Now())
	switch state {
	case domain.InviteUsed:
		return nil, inviteUsed
	case domain.InviteRevoked:
		return nil, inviteRevoked
	case domain.InviteExpired:
		return nil, inviteExpired
	}
	return invite, nil
}

// inviteError answers an inviteProblem as a 400 on the "code" field.
func inviteError(e *core.RequestEvent, err error) error {
	var p inviteProblem
	if !errors.As(err, &p) {
		return e.InternalServerError("", err)
	}
	return e.BadRequestError(p.Message, validation.Errors{"code": fieldError(p.Code, p.Message)})
}
