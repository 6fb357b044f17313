package hooks

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// A critical incident emails every superuser at once (docs/API.md, "Staff
// records"). Superusers are not users and get no notifications, so the
// incident's transaction queues one outbox row per superuser on the email
// channel, addressed by to, with what the email says in payload; the
// delivery sender sends it after the commit, and again after a crash, like
// an invite. The email names the house and when, never who or what: the
// record is read in Hearth.

// The critical-incident payload's keys (deliveries.payload).
const (
	addressedKind             = "kind"              // what the addressed email is; empty is an invite
	addressedCriticalIncident = "critical_incident" // the kind of a critical incident's email
	incidentPayloadHouse      = "house"             // the house's name
	incidentPayloadOccurred   = "occurred"          // RFC 3339
	incidentPayloadTimezone   = "timezone"          // the house's IANA zone
	incidentPayloadURL        = "url"               // the record in the dashboard
)

// bindIncidentsCritical queues the superusers' email in the transaction of
// an incident saved critical (new, or raised to critical).
func bindIncidentsCritical(app core.App) {
	queue := func(e *core.RecordEvent) error {
		r := e.Record
		raised := r.GetString("severity") == IncidentCritical &&
			(r.IsNew() || r.Original().GetString("severity") != IncidentCritical)
		if !raised {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return queueCriticalIncidentEmails(tx, r)
		})
	}
	app.OnRecordCreateExecute("incidents").BindFunc(queue)
	app.OnRecordUpdateExecute("incidents").BindFunc(queue)
}

// queueCriticalIncidentEmails queues the critical incident's email to every
// superuser. Call it in the incident's transaction.
func queueCriticalIncidentEmails(tx core.App, incident *core.Record) error {
	supers, err := tx.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	house, err := tx.FindRecordById("houses", incident.GetString("house"))
	if err != nil {
		return err
	}
	payload := map[string]any{
		addressedKind:           addressedCriticalIncident,
		incidentPayloadHouse:    house.GetString("name"),
		incidentPayloadOccurred: incident.GetDateTime("occurred_at").Time().Format(time.RFC3339),
		incidentPayloadTimezone: house.GetString("timezone"),
		incidentPayloadURL:      appURL(tx, "/_/#/collections?collection=incidents&recordId="+incident.Id),
	}
	for _, s := range supers {
		if err := QueueInviteEmail(tx, s.Email(), payload); err != nil {
			return fmt.Errorf("queueing the critical incident's email: %w", err)
		}
	}
	if len(supers) > 0 {
		tx.Logger().Info("A critical incident was recorded; the superusers are emailed",
			"incident", incident.Id, "house", house.Id, "superusers", len(supers))
	}
	return nil
}

// sendAddressedEmail sends an outbox email that is not a notification, as
// its payload's kind says: a critical incident's, or an invite.
func sendAddressedEmail(ctx context.Context, app core.App, to string, payload map[string]any) error {
	if kind, _ := payload[addressedKind].(string); kind == addressedCriticalIncident {
		return sendCriticalIncidentEmail(ctx, app, to, payload)
	}
	return sendInviteEmail(ctx, app, to, payload)
}

// sendCriticalIncidentEmail tells a superuser a critical incident was
// recorded: the house, when (house-local) and a link to the record.
func sendCriticalIncidentEmail(ctx context.Context, app core.App, to string, payload map[string]any) error {
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("the superuser's address %q is not an email address: %w", to, err)
	}
	str := func(k string) string { s, _ := payload[k].(string); return s }
	house, url := str(incidentPayloadHouse), str(incidentPayloadURL)
	if url == "" {
		return errors.New("the critical incident's email has no link (its payload was cleared or never written)")
	}
	lang := emailLang("")
	when := str(incidentPayloadOccurred)
	if t, err := time.Parse(time.RFC3339, when); err == nil {
		loc, err := domain.LoadTimezone(str(incidentPayloadTimezone))
		if err != nil {
			loc = time.UTC
		}
		when = emailDateTime(lang, t.In(loc))
	}
	v := emailView{
		Lang:       lang,
		Subject:    emailWord(lang, "criticalSubject", "house", house),
		Greeting:   emailWord(lang, "greetingNoName"),
		Paragraphs: []string{emailWord(lang, "criticalIntro", "house", house, "date", when), emailWord(lang, "criticalHow")},
		Action:     emailLink{Label: emailWord(lang, "criticalOpen"), URL: url},
		Footer:     []string{emailWord(lang, "criticalWhy"), emailWord(lang, "automatic")},
	}
	return sendEmail(ctx, app, *addr, v, false)
}
