package hooks

import (
	"fmt"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// The outbox (docs/API.md, "Delivery"): every notification gets, in the
// transaction that stores it, one deliveries row per push subscription of
// its person and one for email, as the person's settings say. The sender
// (deliveries_sender.go) works the rows after the transaction commits.

// Delivery levels and their defaults.
const (
	levelOff       = "off"
	levelImportant = "important"
	levelAll       = "all"
)

// Delivery channels and statuses, as the deliveries collection spells them.
const (
	channelPush  = "push"
	channelEmail = "email"

	deliveryPending = "pending"
	deliveryDigest  = "digest"
	deliverySent    = "sent"
	deliveryFailed  = "failed"
	deliveryDropped = "dropped"
)

// storeKeyClock is where Register keeps the clock in the app's store, so
// that notifyAll, which every caller reaches without one, judges quiet
// hours by the clock the tests drive.
const storeKeyClock = "hearth.clock"

// appClock is the clock Register was given, the real one if none.
func appClock(app core.App) clockwork.Clock {
	if c, ok := app.Store().Get(storeKeyClock).(clockwork.Clock); ok {
		return c
	}
	return clockwork.NewRealClock()
}

// recipient is what the outbox needs to know of one person: their
// settings, whether email may go to their address, their quiet hours'
// zone and their devices.
type recipient struct {
	ID         string
	Email      string
	EmailOK    bool // verified, or the account was made by redeeming an invite
	EmailLevel string
	PushLevel  string
	Digest     bool
	Manager    bool // an active manager of some house
	QuietStart string
	QuietEnd   string
	Timezone   string // the zone of the person's current house, "" = UTC
	Subs       []string
}

// recipientRow is one row of loadRecipients' query: a person and one of
// their push subscriptions (none: Sub is "").
type recipientRow struct {
	ID         string `db:"id"`
	Email      string `db:"email"`
	Verified   bool   `db:"verified"`
	Invited    bool   `db:"invited"`
	EmailLevel string `db:"email_notifications"`
	PushLevel  string `db:"push_notifications"`
	Digest     bool   `db:"email_digest"`
	Manager    bool   `db:"manager"`
	QuietStart string `db:"quiet_start"`
	QuietEnd   string `db:"quiet_end"`
	Timezone   string `db:"tz"`
	Sub        string `db:"sub"`
}

// loadRecipients reads every person's settings and subscriptions in one
// query.
func loadRecipients(app core.App, userIDs []string) (map[string]*recipient, error) {
	ids := make([]any, len(userIDs))
	for i, id := range userIDs {
		ids[i] = id
	}
	var rows []recipientRow
	err := app.DB().Select(
		"u.id", "u.email", "u.verified",
		"u.email_notifications", "u.push_notifications", "u.email_digest",
		"u.quiet_start", "u.quiet_end",
		"EXISTS (SELECT 1 FROM invites i WHERE i.used_by = u.id) AS invited",
		"EXISTS (SELECT 1 FROM memberships m WHERE m.user = u.id AND "+managerSQL("m")+") AS manager",
		"COALESCE((SELECT h.timezone FROM memberships m JOIN houses h ON h.id = m.house"+
			" WHERE m.user = u.id AND "+memberSQL("m")+" ORDER BY m.created DESC LIMIT 1), '') AS tz",
		"COALESCE(s.id, '') AS sub",
	).From("users u").
		LeftJoin("push_subscriptions s", dbx.NewExp("s.user = u.id")).
		Where(dbx.In("u.id", ids...)).
		OrderBy("u.id", "s.created").
		All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*recipient, len(userIDs))
	for _, row := range rows {
		r := out[row.ID]
		if r == nil {
			r = &recipient{
				ID: row.ID, Email: row.Email, EmailOK: row.Verified || row.Invited,
				EmailLevel: row.EmailLevel, PushLevel: row.PushLevel, Digest: row.Digest,
				Manager: row.Manager, QuietStart: row.QuietStart, QuietEnd: row.QuietEnd,
				Timezone: row.Timezone,
			}
			out[row.ID] = r
		}
		if row.Sub != "" {
			r.Subs = append(r.Subs, row.Sub)
		}
	}
	return out, nil
}

// pushLevel is the person's push level: all unless they chose.
func (r *recipient) pushLevel() string {
	if r.PushLevel == "" {
		return levelAll
	}
	return r.PushLevel
}

// emailLevel is the person's email level: unless they chose, important
// for an active manager of any house, off for everyone else.
func (r *recipient) emailLevel() string {
	switch {
	case r.EmailLevel != "":
		return r.EmailLevel
	case r.Manager:
		return levelImportant
	}
	return levelOff
}

// levelWants reports whether a channel at level carries a notification of
// the kind.
func levelWants(level, kind string) bool {
	switch level {
	case levelAll:
		return true
	case levelImportant:
		return notificationImportant(kind)
	}
	return false
}

// location is the zone of the person's quiet hours: their current house's,
// UTC when they have none.
func (r *recipient) location() *time.Location {
	if r.Timezone == "" {
		return time.UTC
	}
	loc, err := domain.LoadTimezone(r.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// outboxRow is one deliveries row to insert.
type outboxRow struct {
	notification, user, channel, subscription, status string
	nextAt                                            string
}

// queueDeliveries writes the outbox rows of notes (each a new notification
// of kind, already saved in tx) as their people's settings say. It runs in
// the notifications' transaction: all of them are delivered, or none was
// stored.
func queueDeliveries(tx core.App, notes []*core.Record, kind string) error {
	if len(notes) == 0 {
		return nil
	}
	userIDs := make([]string, len(notes))
	for i, n := range notes {
		userIDs[i] = n.GetString("user")
	}
	people, err := loadRecipients(tx, userIDs)
	if err != nil {
		return err
	}
	now := appClock(tx).Now()
	nowText := dateText(now)
	var rows []outboxRow
	for _, n := range notes {
		r := people[n.GetString("user")]
		if r == nil {
			continue
		}
		next := now
		if kind != kindSupport {
			if end, quiet := domain.QuietUntil(now, r.location(), r.QuietStart, r.QuietEnd); quiet {
				next = end
			}
		}
		nextText := dateText(next)
		if levelWants(r.pushLevel(), kind) {
			for _, sub := range r.Subs {
				rows = append(rows, outboxRow{n.Id, r.ID, channelPush, sub, deliveryPending, nextText})
			}
		}
		if r.Email != "" && r.EmailOK && levelWants(r.emailLevel(), kind) {
			if r.Manager && r.Digest {
				rows = append(rows, outboxRow{n.Id, r.ID, channelEmail, "", deliveryDigest, ""})
			} else {
				rows = append(rows, outboxRow{n.Id, r.ID, channelEmail, "", deliveryPending, nextText})
			}
		}
	}
	return insertOutboxRows(tx, rows, nowText)
}

// dateText is t as PocketBase stores dates (UTC, milliseconds): the
// sender compares next_at as text.
func dateText(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}

// outboxChunk bounds the rows of one INSERT (10 bound values each, far
// under SQLite's limit on variables).
const outboxChunk = 200

// insertOutboxRows inserts the rows with plain multi-row INSERTs through
// tx's database: a record Save per row runs PocketBase's validation and
// model hooks for every row, which the notifying request would pay for
// (BenchmarkOutboxInsert).
func insertOutboxRows(tx core.App, rows []outboxRow, nowText string) error {
	for start := 0; start < len(rows); start += outboxChunk {
		chunk := rows[start:min(start+outboxChunk, len(rows))]
		var sql strings.Builder
		sql.WriteString("INSERT INTO deliveries (id, notification, user, channel, subscription, status, attempts, next_at, created, updated) VALUES ")
		params := dbx.Params{"now": nowText}
		for i, r := range chunk {
			if i > 0 {
				sql.WriteString(", ")
			}
			p := func(name string) string { return fmt.Sprintf("%s%d", name, i) }
			fmt.Fprintf(&sql, "({:%s}, {:%s}, {:%s}, {:%s}, {:%s}, {:%s}, 0, {:%s}, {:now}, {:now})",
				p("id"), p("n"), p("u"), p("c"), p("s"), p("st"), p("next"))
			params[p("id")] = core.GenerateDefaultRandomId()
			params[p("n")] = r.notification
			params[p("u")] = r.user
			params[p("c")] = r.channel
			params[p("s")] = r.subscription
			params[p("st")] = r.status
			params[p("next")] = r.nextAt
		}
		if _, err := tx.DB().NewQuery(sql.String()).Bind(params).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// QueueInviteEmail queues an invite email to an address: a deliveries row
// on the email channel with the address and what the email says (payload,
// cleared once sent), for the sender to hand to the invite email after
// app's transaction commits. Call it with the invite's transaction.
func QueueInviteEmail(app core.App, to string, payload map[string]any) error {
	deliveries, err := app.FindCachedCollectionByNameOrId("deliveries")
	if err != nil {
		return err
	}
	r := core.NewRecord(deliveries)
	r.Set("channel", channelEmail)
	r.Set("to", to)
	r.Set("payload", payload)
	r.Set("status", deliveryPending)
	r.Set("next_at", appClock(app).Now())
	// A record Save (one row): its after-commit hook wakes the sender.
	return app.Save(r)
}
