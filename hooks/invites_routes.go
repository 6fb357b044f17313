package hooks

import (
	"crypto/rand"
	"errors"
	"net"
	"net/http"
	"net/mail"
	neturl "net/url"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// defaultAppURL is PocketBase's placeholder application URL. While it is
// unchanged, a join link is built from the address the manager's phone
// used, which the new resident's phone on the house Wi-Fi reaches too.
const defaultAppURL = "http://localhost:8090"

type invitesHandlers struct {
	clock clockwork.Clock
}

// inviteCreateRequest is the body of POST /api/hearth/houses/{id}/invites.
type inviteCreateRequest struct {
	Role string `json:"role"`
	Room string `json:"room"`
	Bed  string `json:"bed"`
	// Email, optional: the invite is also emailed there (the code works
	// without it).
	Email string `json:"email"`
}

// inviteCreateResponse is its answer. The code is never shown again.
type inviteCreateResponse struct {
	ID      string         `json:"id"`
	Code    string         `json:"code"`
	URL     string         `json:"url"`
	Expires types.DateTime `json:"expires"`
	QR      string         `json:"qr"`
	House   string         `json:"house"`
	Role    string         `json:"role"`
	Room    string         `json:"room"`
	Bed     string         `json:"bed"`
	// Emailed is the address the invite email is queued to, "" for none.
	Emailed string `json:"emailed,omitzero"`
	// Loopback says the link names this machine only (127.0.0.1,
	// localhost): a phone cannot open it. LANURLs are the same link at
	// the machine's network addresses (domain.LANURLs), for the manager
	// to use instead.
	Loopback bool     `json:"loopback,omitzero"`
	LANURLs  []string `json:"lan_urls,omitzero"`
}

// machineAddrs lists this machine's interface addresses for LANURLs; a
// failure lists none (the warning still shows, without an address).
func machineAddrs(app core.App) []net.Addr {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		app.Logger().Warn("invites: listing the machine's addresses failed", "error", err)
	}
	return addrs
}

func (h invitesHandlers) create(e *core.RequestEvent) error {
	house, err := e.App.FindRecordById("houses", e.Request.PathValue("id"))
	if err != nil || !(e.HasSuperuserAuth() || IsManagerOf(e.App, e.Auth.Id, house.Id)) {
		// The same answer whether the house exists or not.
		return e.NotFoundError("", err)
	}
	var body inviteCreateRequest
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request body could not be read.", err)
	}
	if body.Role == "" {
		body.Role = RoleResident
	}
	if body.Role == RoleManager && !e.HasSuperuserAuth() {
		return e.ForbiddenError("Only an admin can add a house manager. Ask them, or invite this person as a resident.", nil)
	}

	to, errs := inviteEmailAddress(body.Email)
	if errs != nil {
		return e.BadRequestError("Please check the highlighted fields.", errs)
	}
	if to != "" && !e.HasSuperuserAuth() {
		// A cap on what one manager can make the house's mail server send:
		// invites are cheap to make, and each emailed one is a message to
		// an address they typed.
		since := time.Now().UTC().Add(-time.Hour).Format(types.DefaultDateLayout)
		var recent int
		err := e.App.DB().Select("count(*)").From("invites").
			Where(dbx.HashExp{"created_by": e.Auth.Id}).
			AndWhere(dbx.NewExp("created >= {:since}", dbx.Params{"since": since})).Row(&recent)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if recent >= inviteEmailsPerHour {
			return e.BadRequestError("Please check the highlighted fields.", validation.Errors{"email": fieldError("email_limit",
				"You have made many invites in the last hour, so Hearth will not email this one. Leave the address empty and give the code by hand, or try again later.")})
		}
	}
	if to != "" && !e.App.Settings().SMTP.Enabled {
		// Queued, it could only fail: say so now, while the manager can
		// still give the code by hand.
		return e.BadRequestError("Please check the highlighted fields.", validation.Errors{"email": fieldError("email_off",
			"Hearth cannot send email yet: an admin sets it up in the dashboard (Settings, Mail settings). Leave the address empty and give the code by hand.")})
	}

	code, err := domain.NewInviteCode(rand.Reader)
	if err != nil {
		return e.InternalServerError("", err)
	}
	invites, err := e.App.FindCollectionByNameOrId("invites")
	if err != nil {
		return e.InternalServerError("", err)
	}
	invite := core.NewRecord(invites)
	invite.Set("house", house.Id)
	invite.Set("code_hash", domain.InviteCodeHash(code))
	invite.Set("role", body.Role)
	invite.Set("room", strings.TrimSpace(body.Room))
	invite.Set("bed", strings.TrimSpace(body.Bed))
	if !e.HasSuperuserAuth() {
		invite.Set("created_by", e.Auth.Id)
	}
	invite.Set("expires", h.clock.Now().Add(domain.InviteLifetime))
	shown := domain.FormatInviteCode(code)
	origin := appOrigin(e)
	url := origin + "/join#" + shown
	err = e.App.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(invite); err != nil {
			return err
		}
		if to == "" {
			return nil
		}
		// The email is queued with the invite: both are stored, or neither.
		return QueueInviteEmail(tx, to, invitePayload(e, house, invite, shown, url, origin))
	})
	if err != nil {
		return saveError(e, err)
	}
	if to != "" {
		e.App.Logger().Info("invite email queued", "house", house.Id, "invite", invite.Id)
	}

	qr, err := qrDataURL(url)
	if err != nil {
		return e.InternalServerError("", err)
	}
	loopback := domain.IsLoopbackHost(hostOf(url))
	var lan []string
	if loopback {
		lan = domain.LANURLs(url, machineAddrs(e.App))
	}
	return e.JSON(http.StatusOK, inviteCreateResponse{
		Loopback: loopback,
		LANURLs:  lan,
		ID:       invite.Id,
		Code:     shown,
		URL:      url,
		Expires:  invite.GetDateTime("expires"),
		QR:       qr,
		House:    house.Id,
		Role:     invite.GetString("role"),
		Room:     invite.GetString("room"),
		Bed:      invite.GetString("bed"),
		Emailed:  to,
	})
}

// inviteEmailsPerHour is how many invites one manager may make in an hour
// and still have them emailed (docs/API.md, "Email").
const inviteEmailsPerHour = 20

// inviteEmailAddress checks the optional address an invite is emailed to:
// "" when none was typed, the bare address otherwise, or the field error
// for the form.
func inviteEmailAddress(typed string) (string, validation.Errors) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", nil
	}
	addr, err := mail.ParseAddress(typed)
	if err != nil || addr.Address != typed || len(typed) > 254 || !strings.Contains(typed[strings.LastIndex(typed, "@"):], ".") {
		return "", validation.Errors{"email": fieldError("invalid_email",
			"This doesn't look like an email address (like name@example.com). Check it, or leave it empty and give the code by hand.")}
	}
	return addr.Address, nil
}

// invitePayload is what the invite email says (sendInviteEmail): the code
// and link, the house, until when, in the house's timezone and the
// inviter's language.
func invitePayload(e *core.RequestEvent, house, invite *core.Record, code, url, origin string) map[string]any {
	lang, inviter := "en", ""
	if e.Auth != nil && e.Auth.Collection().Name == "users" {
		lang, inviter = e.Auth.GetString("language"), e.Auth.GetString("name")
	}
	return map[string]any{
		invitePayloadCode:     code,
		invitePayloadHouse:    house.GetString("name"),
		invitePayloadURL:      url,
		invitePayloadOrigin:   origin,
		invitePayloadExpires:  invite.GetDateTime("expires").Time().UTC().Format(time.RFC3339),
		invitePayloadTimezone: house.GetString("timezone"),
		invitePayloadLang:     emailLang(lang),
		invitePayloadInviter:  inviter,
	}
}

// inviteLookupResponse tells the person about to join which house it is.
type inviteLookupResponse struct {
	House   inviteHouse    `json:"house"`
	Role    string         `json:"role"`
	Room    string         `json:"room"`
	Bed     string         `json:"bed"`
	Expires types.DateTime `json:"expires"`
}

type inviteHouse struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Timezone is the house's: the join screen shows the expiry in it.
	Timezone string `json:"timezone"`
}

func (h invitesHandlers) lookup(e *core.RequestEvent) error {
	var body struct {
		Code string `json:"code"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request body could not be read.", err)
	}
	invite, err := h.pendingInvite(e.App, body.Code)
	if err != nil {
		return inviteError(e, err)
	}
	house, err := e.App.FindRecordById("houses", invite.GetString("house"))
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, inviteLookupResponse{
		House:   inviteHouse{ID: house.Id, Name: house.GetString("name"), Timezone: house.GetString("timezone")},
		Role:    invite.GetString("role"),
		Room:    invite.GetString("room"),
		Bed:     invite.GetString("bed"),
		Expires: invite.GetDateTime("expires"),
	})
}

// inviteRedeemRequest is the body of POST /api/hearth/invites/redeem. A
// signed-in person sends only the code.
type inviteRedeemRequest struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	Password        string `json:"password"`
	PasswordConfirm string `json:"passwordConfirm"`
}

func (h invitesHandlers) redeem(e *core.RequestEvent) error {
	var body inviteRedeemRequest
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request body could not be read.", err)
	}
	// A quick answer for a bad code before anything else is checked.
	if _, err := h.pendingInvite(e.App, body.Code); err != nil {
		return inviteError(e, err)
	}

	var user *core.Record
	if e.Auth != nil && e.Auth.Collection().Name == "users" {
		user = e.Auth
	} else {
		var errs validation.Errors
		user, errs = accountForInvite(e.App, body)
		if fieldErrorCode(errs, "password") == "validation_existing_account" {
			return h.wrongPassword(e, body.Code, errs)
		}
		if len(errs) > 0 {
			return e.BadRequestError("Please check the highlighted fields.", errs)
		}
		if !user.IsNew() && user.Collection().MFA.Enabled {
			// A password alone must not get round the second factor.
			msg := "Sign in to Hearth first with this email, then open the join link again."
			return e.BadRequestError(msg, validation.Errors{"password": fieldError("sign_in_first", msg)})
		}
	}
	info, err := e.RequestInfo()
	if err != nil {
		// A body our fields read but PocketBase's generic reading cannot
		// (XML, an out-of-range number in an extra field).
		return e.BadRequestError("The request body could not be read.", err)
	}

	houseID := ""
	err = e.App.RunInTransaction(func(tx core.App) error {
		// Read again under the write lock: of two people redeeming one
		// code at the same moment, the second finds it used.
		invite, err := h.pendingInvite(tx, body.Code)
		if err != nil {
			return err
		}
		houseID = invite.GetString("house")
		if user.IsNew() {
			if err := tx.Save(user); err != nil {
				return err
			}
		}
		if err := joinHouse(tx, invite, user, h.clock.Now()); err != nil {
			return err
		}
		// The answer signs the person in; if an admin's sign-in rule for
		// users would refuse them, spend nothing.
		if ok, _ := tx.CanAccessRecord(user, info, user.Collection().AuthRule); !ok {
			return errCannotSignIn
		}
		invite.Set("used_by", user.Id)
		invite.Set("used_at", h.clock.Now())
		return tx.Save(invite)
	})
	switch {
	case errors.Is(err, errCannotSignIn):
		return e.ForbiddenError("This account can't sign in to Hearth right now (an admin setting). Ask the house manager; the code still works.", nil)
	case errors.As(err, new(inviteProblem)):
		return inviteError(e, err)
	case err != nil:
		return saveError(e, err)
	}
	e.App.Logger().Info("invite redeemed", "house", houseID, "user", user.Id)
	// No sign-in method is named: the password of an existing account was
	// checked above, and a new account has just chosen its password.
	return apis.RecordAuthResponse(e, user, "", nil)
}

// maxWrongPasswords is how many wrong passwords for existing accounts one
// code tolerates before it is cancelled.
const maxWrongPasswords = 5

var errCannotSignIn = errors.New("the users auth rule refuses the account")

// wrongPassword answers a wrong password for an existing account, and
// counts it on the invite: at the fifth the code is cancelled, so a code
// cannot be used to learn which emails have an account.
func (h invitesHandlers) wrongPassword(e *core.RequestEvent, code string, errs validation.Errors) error {
	cancelled := false
	err := e.App.RunInTransaction(func(tx core.App) error {
		invite, err := h.pendingInvite(tx, code)
		if err != nil {
			return err
		}
		n := invite.GetInt("failed_attempts") + 1
		invite.Set("failed_attempts", n)
		if n >= maxWrongPasswords {
			invite.Set("revoked", true)
			cancelled = true
		}
		return tx.Save(invite)
	})
	switch {
	case err != nil:
		return inviteError(e, err)
	case cancelled:
		return inviteError(e, inviteTooManyPasswords)
	}
	return e.BadRequestError("Please check the highlighted fields.", errs)
}

// fieldErrorCode is the code of one field's error, or "".
func fieldErrorCode(errs validation.Errors, field string) string {
	var fe validation.Error
	if errors.As(errs[field], &fe) {
		return fe.Code()
	}
	return ""
}

// accountForInvite returns the account a signed-out person redeems with:
// their existing one when the email has an account and the password is
// its password, or a new, unsaved one.
func accountForInvite(app core.App, body inviteRedeemRequest) (*core.Record, validation.Errors) {
	errs := validation.Errors{}
	email := strings.TrimSpace(body.Email)
	if email == "" {
		errs["email"] = fieldError("required", "Enter your email address. You will sign in with it.")
	}
	if body.Password == "" {
		errs["password"] = fieldError("required", "Choose a password of at least 10 characters.")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if existing, err := app.FindAuthRecordByEmail("users", email); err == nil {
		if !existing.ValidatePassword(body.Password) {
			errs["password"] = fieldError("existing_account",
				"This email already has a Hearth account. Enter that account's password to join the house.")
			return nil, errs
		}
		return existing, nil
	}

	name := strings.TrimSpace(body.Name)
	if name == "" {
		errs["name"] = fieldError("required", "Enter your name, the one your housemates know you by.")
	}
	if body.PasswordConfirm != body.Password {
		errs["passwordConfirm"] = fieldError("password_mismatch", "The two passwords are not the same. Type it again.")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		errs["email"] = fieldError("unavailable", "Hearth could not create an account just now. Try again in a moment.")
		return nil, errs
	}
	user := core.NewRecord(users)
	user.SetEmail(email)
	user.Set("name", name)
	user.SetPassword(body.Password)
	user.Set("language", "en")
	return user, nil
}

// appOrigin is where residents reach this Hearth: the application URL the
// admin set, or else the address this request came to.
func appOrigin(e *core.RequestEvent) string {
	if u := strings.TrimRight(e.App.Settings().Meta.AppURL, "/"); u != "" && u != defaultAppURL {
		return u
	}
	scheme := "http"
	if e.IsTLS() || e.Request.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + e.Request.Host
}

// hostOf is the host (with its port) of a URL, "" when it has none.
func hostOf(rawURL string) string {
	u, err := neturl.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}

// saveError answers a failed save: field errors as PocketBase's 400 with
// the fields, anything else as a 500 that hides the cause.
func saveError(e *core.RequestEvent, err error) error {
	var fields validation.Errors
	if errors.As(err, &fields) {
		return e.BadRequestError("Please check the highlighted fields.", fields)
	}
	return e.InternalServerError("", err)
}
