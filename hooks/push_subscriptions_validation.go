package hooks

import (
	"bytes"
	"crypto/ecdh"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// pushDevicesMax is how many devices one person may keep push turned on
// for; subscribing one more replaces their oldest.
const pushDevicesMax = 10

// bindPushSubscriptions makes a device's subscription the requester's,
// checks its endpoint and keys on every save, and keeps one row per
// endpoint and at most pushDevicesMax per person.
func bindPushSubscriptions(app core.App) {
	app.OnRecordCreateRequest("push_subscriptions").BindFunc(func(e *core.RecordRequestEvent) error {
		// The rule lets only people create; the device is the requester's,
		// whatever the body says. (A superuser names the user.)
		if !e.HasSuperuserAuth() && e.Auth != nil {
			e.Record.Set("user", e.Auth.Id)
		}
		return e.Next()
	})
	app.OnRecordValidate("push_subscriptions").BindFunc(fieldErrors(validatePushSubscription))
	app.OnRecordCreateExecute("push_subscriptions").BindFunc(replacePushSubscriptions)
}

// replacePushSubscriptions writes a new subscription in one transaction
// with its replacements: a row with the same endpoint goes, whoever owned
// it (the same browser subscription, a shared device with another account
// signed in: the device now belongs to whoever subscribed with it last,
// and nothing meant for the previous owner may reach it: their
// undelivered pushes go too, by cascade), and the person's oldest devices
// beyond pushDevicesMax go. Another person's row moves only when the keys
// are the same too, as they are for one browser subscription: an endpoint
// alone (learned from a shared computer, a log, a backup) with keys of
// someone else's would delete that person's device and point it at pushes
// it cannot decrypt, so it is refused.
func replacePushSubscriptions(e *core.RecordEvent) error {
	r := e.Record
	return inTransaction(e, func(tx core.App) error {
		same, err := tx.FindRecordsByFilter("push_subscriptions", "endpoint = {:endpoint}", "", 0, 0,
			dbx.Params{"endpoint": r.GetString("endpoint")})
		if err != nil {
			return err
		}
		for _, old := range same {
			if old.GetString("user") != r.GetString("user") && !samePushKeys(old, r) {
				msg := "This device's push is turned on under another account. Turn push off and on again on it."
				return validation.Errors{"endpoint": fieldError("push_endpoint_taken", msg)}
			}
			if err := tx.Delete(old); err != nil {
				return err
			}
		}
		var ids []string
		err = tx.DB().Select("id").From("push_subscriptions").
			Where(dbx.HashExp{"user": r.GetString("user")}).
			OrderBy("created DESC", "id DESC").Offset(pushDevicesMax - 1).Column(&ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			old, err := tx.FindRecordById("push_subscriptions", id)
			if err != nil {
				return err
			}
			if err := tx.Delete(old); err != nil {
				return err
			}
		}
		return e.Next()
	})
}

// validatePushSubscription checks what a browser's PushSubscription
// gives: an endpoint Hearth may send to (pushEndpointProblem), p256dh an
// uncompressed P-256 point, auth 16 bytes, both base64url.
func validatePushSubscription(e *core.RecordEvent) validation.Errors {
	errs := validation.Errors{}
	r := e.Record
	if msg := pushEndpointProblem(r.GetString("endpoint"), pushAllowList()); msg != "" {
		errs["endpoint"] = fieldError("push_endpoint", msg)
	}
	if b, err := decodeB64URL(r.GetString("p256dh")); err != nil {
		errs["p256dh"] = fieldError("push_key", "This device's push key could not be read. Turn push off and on again.")
	} else if _, err := ecdh.P256().NewPublicKey(b); err != nil {
		errs["p256dh"] = fieldError("push_key", "This device's push key could not be read. Turn push off and on again.")
	}
	if b, err := decodeB64URL(r.GetString("auth")); err != nil || len(b) != 16 {
		errs["auth"] = fieldError("push_key", "This device's push secret could not be read. Turn push off and on again.")
	}
	return errs
}

// samePushKeys reports whether two subscriptions have the same p256dh and
// auth, compared as bytes (a key may come padded or not).
func samePushKeys(a, b *core.Record) bool {
	for _, k := range []string{"p256dh", "auth"} {
		x, errX := decodeB64URL(a.GetString(k))
		y, errY := decodeB64URL(b.GetString(k))
		if errX != nil || errY != nil || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}
