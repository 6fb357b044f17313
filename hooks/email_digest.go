package hooks

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// digestHour is when the daily digest leaves: 07:00 in the timezone of
// the person's house.
const digestHour = 7

// digestJobPrefix names a person's digest in job_runs: "digest:" and the
// user's id, with the house whose morning it is and the house-local day.
const digestJobPrefix = "digest:"

// digestMaxBackoff caps the wait between tries of a digest the mail
// server refused for now.
const digestMaxBackoff = time.Hour

// SendDigests sends the daily digests that are due at now and returns how
// many left. A person who chose the digest (users.email_digest) has their
// email deliveries written with status digest by the outbox; from 07:00
// in the timezone of their house, once a house-local day, they get one
// email listing those notifications (lock-screen words, a link to each),
// and the rows are marked sent in the same transaction that records the
// day's run in job_runs. So a crash after the send and before that commit
// sends the digest again at the next sweep (at least once), and a day's
// digest is never sent twice otherwise. A mail server that asks to try
// later is tried again with backoff (the rows' next_at); a permanent
// failure marks the rows failed with the reason, for the operator. A
// person with no house waits until they have one.
func SendDigests(ctx context.Context, app core.App, now time.Time) (int, error) {
	rows, err := app.FindRecordsByFilter("deliveries",
		"status = 'digest' && channel = 'email' && user != ''", "created", 0, 0)
	if err != nil {
		return 0, err
	}
	byUser := map[string][]*core.Record{}
	var order []string
	for _, r := range rows {
		u := r.GetString("user")
		if _, ok := byUser[u]; !ok {
			order = append(order, u)
		}
		byUser[u] = append(byUser[u], r)
	}
	sent := 0
	for _, userID := range order {
		if ctx.Err() != nil {
			return sent, ctx.Err()
		}
		ok, err := sendDigest(ctx, app, userID, byUser[userID], now)
		if err != nil {
			app.Logger().Warn("daily digest not sent", "user", userID, "error", err)
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// sendDigest sends one person's digest if it is due, and reports whether
// it sent it.
func sendDigest(ctx context.Context, app core.App, userID string, rows []*core.Record, now time.Time) (bool, error) {
	house := digestHouse(app, userID)
	if house == nil {
		return false, nil
	}
	local := now.In(houseLocation(app, house))
	if local.Hour() < digestHour {
		return false, nil
	}
	day := local.Format(time.DateOnly)
	job := digestJobPrefix + userID
	if done, err := jobRunRecorded(app, house.Id, job, day); err != nil || done {
		return false, err
	}
	for _, r := range rows {
		if at := r.GetDateTime("next_at"); !at.IsZero() && at.Time().After(now) {
			return false, nil // backing off after a failure
		}
	}
	user, err := app.FindRecordById("users", userID)
	if err != nil {
		return false, err
	}
	var ns []*core.Record
	for _, r := range rows {
		if n, err := app.FindRecordById("notifications", r.GetString("notification")); err == nil {
			ns = append(ns, n)
		}
	}

	sendErr := sendDigestEmail(ctx, app, user, ns)
	var later *retryLaterError
	if errors.As(sendErr, &later) {
		return false, backOffDigest(app, rows, now, later)
	}
	err = app.RunInTransaction(func(tx core.App) error {
		if _, err := claimJobRun(tx, house.Id, job, day); err != nil {
			return err
		}
		for _, r := range rows {
			r.Set("attempts", r.GetInt("attempts")+1)
			if sendErr != nil {
				r.Set("status", "failed")
				r.Set("error", clip(sendErr.Error(), 500))
			} else {
				r.Set("status", "sent")
				r.Set("sent_at", now)
				r.Set("error", "")
			}
			r.Set("payload", nil)
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return sendErr == nil, sendErr
}

// backOffDigest records a failure the mail server asked to retry: the
// rows wait 2^attempts minutes (at most digestMaxBackoff, or what the
// server asked for).
func backOffDigest(app core.App, rows []*core.Record, now time.Time, later *retryLaterError) error {
	attempts := 0
	for _, r := range rows {
		attempts = max(attempts, r.GetInt("attempts"))
	}
	wait := later.After
	if wait <= 0 {
		wait = min(time.Minute<<min(attempts, 10), digestMaxBackoff)
	}
	next, err := types.ParseDateTime(now.Add(wait))
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, r := range rows {
			r.Set("attempts", r.GetInt("attempts")+1)
			r.Set("next_at", next)
			r.Set("error", clip(later.Error(), 500))
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// digestHouse is the house whose morning a person's digest keeps: the
// house they manage (the oldest active management), else the house of
// any active membership, else nil.
func digestHouse(app core.App, userID string) *core.Record {
	ms, err := app.FindRecordsByFilter("memberships", "user = {:u} && status = 'active'", "created", 0, 0,
		dbx.Params{"u": userID})
	if err != nil || len(ms) == 0 {
		return nil
	}
	pick := ms[0]
	for _, m := range ms {
		if m.GetString("role") == RoleManager {
			pick = m
			break
		}
	}
	house, err := app.FindRecordById("houses", pick.GetString("house"))
	if err != nil {
		return nil
	}
	return house
}
