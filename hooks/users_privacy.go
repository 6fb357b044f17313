package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// privateUserFields are hidden fields of users: PocketBase leaves them out
// of every response, expand and realtime message, and refuses them in a
// non-superuser's filter or sort, so that nobody can probe them. The enrich
// hook below reveals each one to the people allowed to see it.
var privateUserFields = []string{"phone", "sobriety_date", "emergency_name", "emergency_phone"}

// deliverySettingsFields are a person's own delivery settings (docs/API.md,
// "Delivery"): which notifications reach them by push and email, the
// digest and their quiet hours. They are nobody else's business: quiet
// hours tell when a person sleeps and cannot be reached, and a manager's
// levels tell residents when an alert would go unseen. The enrich hook
// leaves them out for everyone but the person and superusers.
var deliverySettingsFields = []string{"email_notifications", "push_notifications", "email_digest", "quiet_start", "quiet_end"}

// bindUsersPrivacy enforces the per-field privacy of users.
func bindUsersPrivacy(app core.App) {
	app.OnRecordEnrich("users").BindFunc(revealUserFields)
	app.OnRecordUpdateRequest("users").BindFunc(acceptOwnPrivateFields)
}

// revealUserFields shows a person's private fields to the viewer who may
// see them (phoneVisible decides the phone the same way for the board
// route, which reads a few fields of users rather than records: change
// both together): all of them to the person and superusers; phone and emergency
// contact to managers of a house the person belongs to; phone and sobriety
// date to anyone who can see the person at all (a housemate) when the person
// shares them. The delivery settings only to the person and superusers.
func revealUserFields(e *core.RecordEnrichEvent) error {
	viewer := e.RequestInfo.Auth
	person := e.Record

	switch {
	case viewer == nil:
	case viewer.IsSuperuser(), viewer.Id == person.Id:
		person.Unhide(privateUserFields...)
		person.Unhide(deliverySettingsFields...)
		if viewer.IsSuperuser() && hasPrivateData(person) {
			auditRead(e.App, e.RequestInfo, person, person.Id)
		}
	default:
		person.Hide(deliverySettingsFields...)
		if person.GetBool("share_phone") {
			person.Unhide("phone")
		}
		if person.GetBool("share_sobriety") {
			person.Unhide("sobriety_date")
		}
		hasManagerOnlyData := person.GetString("phone") != "" ||
			person.GetString("emergency_name") != "" || person.GetString("emergency_phone") != ""
		if hasManagerOnlyData && viewerManages(e.App, e.RequestInfo, person.Id) {
			person.Unhide("phone", "emergency_name", "emergency_phone")
			auditRead(e.App, e.RequestInfo, person, person.Id)
		}
	}
	return e.Next()
}

// hasPrivateData reports whether any of the person's private fields holds
// something: reading empty fields is not recorded in the audit trail.
func hasPrivateData(person *core.Record) bool {
	for _, f := range privateUserFields {
		if person.GetString(f) != "" {
			return true
		}
	}
	return false
}

// phoneVisible reports whether the request's viewer may see the person's
// phone number, as revealUserFields decides it for a users record: the
// person and superusers; anyone who sees the person when they share it;
// the managers of a house they belong to. For the routes that answer
// with a few fields of users rather than their records (the board).
func phoneVisible(app core.App, info *core.RequestInfo, personID, phone string, shares bool) bool {
	viewer := info.Auth
	switch {
	case phone == "", viewer == nil:
		return false
	case viewer.IsSuperuser(), viewer.Id == personID, shares:
		return true
	default:
		return viewerManages(app, info, personID)
	}
}

// acceptOwnPrivateFields lets a person write their own private fields
// through the ordinary update API (the update rule already limits updates
// to oneself; superusers write hidden fields anyway).
func acceptOwnPrivateFields(e *core.RecordRequestEvent) error {
	if e.Auth != nil && !e.Auth.IsSuperuser() && e.Auth.Id == e.Record.Id {
		if err := setHiddenFromBody(e.RequestEvent, e.Record, append(privateUserFields, deliverySettingsFields...)...); err != nil {
			return err
		}
	}
	return e.Next()
}
