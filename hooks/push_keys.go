package hooks

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// The server's VAPID key pair (RFC 8292): push services know Hearth by its
// public key, which each device is given when it turns push on. It is made
// at first start, kept in vapid_keys (one row; a backup keeps it), and
// never changes by itself: a new key would silence every device until it
// turns push on again. See docs/OPERATIONS.md.

// bindPushKeys makes the key pair when the server starts, if there is
// none yet, and holds saves of vapid_keys (superusers, the dashboard) to
// a real key pair.
func bindPushKeys(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if _, err := EnsureVAPIDKeys(se.App); err != nil {
			return err
		}
		return se.Next()
	})
	app.OnRecordValidate("vapid_keys").BindFunc(fieldErrors(validateVAPIDKeys))
}

// EnsureVAPIDKeys returns the server's VAPID public key (base64url, an
// uncompressed P-256 point), making the key pair first if there is none.
// Safe to call at once from many goroutines: the pair is made in a
// transaction that looks again first, and the oldest row is the key.
func EnsureVAPIDKeys(app core.App) (string, error) {
	pub, _, err := vapidKeys(app)
	return pub, err
}

// vapidKeys returns the VAPID key pair as base64url (public: the 65-byte
// uncompressed point; private: the 32-byte scalar), making it if missing.
func vapidKeys(app core.App) (pub, priv string, err error) {
	pub, priv, err = readVAPIDKeys(app)
	if !errors.Is(err, sql.ErrNoRows) {
		return pub, priv, err
	}
	err = app.RunInTransaction(func(tx core.App) error {
		pub, priv, err = readVAPIDKeys(tx)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		key, err := ecdh.P256().GenerateKey(rand.Reader)
		if err != nil {
			return err
		}
		collection, err := tx.FindCollectionByNameOrId("vapid_keys")
		if err != nil {
			return err
		}
		r := core.NewRecord(collection)
		pub = base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes())
		priv = base64.RawURLEncoding.EncodeToString(key.Bytes())
		r.Set("public_key", pub)
		r.Set("private_key", priv)
		if err := tx.Save(r); err != nil {
			return err
		}
		tx.Logger().Info("Made the server's VAPID key pair for Web Push", "public_key", pub)
		return nil
	})
	return pub, priv, err
}

// readVAPIDKeys reads the oldest vapid_keys row (sql.ErrNoRows if none).
func readVAPIDKeys(app core.App) (pub, priv string, err error) {
	var row struct {
		Public  string `db:"public_key"`
		Private string `db:"private_key"`
	}
	err = app.DB().Select("public_key", "private_key").From("vapid_keys").
		OrderBy("created ASC", "id ASC").Limit(1).One(&row)
	return row.Public, row.Private, err
}

// validateVAPIDKeys holds a vapid_keys row to a P-256 key pair whose
// private key gives its public key.
func validateVAPIDKeys(e *core.RecordEvent) validation.Errors {
	const bad = "This is not a P-256 key pair (base64url, the public key an uncompressed point)."
	pubBytes, err1 := decodeB64URL(e.Record.GetString("public_key"))
	privBytes, err2 := decodeB64URL(e.Record.GetString("private_key"))
	if err1 != nil || err2 != nil {
		return validation.Errors{"public_key": fieldError("vapid_key", bad)}
	}
	key, err := ecdh.P256().NewPrivateKey(privBytes)
	if err != nil || !bytes.Equal(key.PublicKey().Bytes(), pubBytes) {
		return validation.Errors{"public_key": fieldError("vapid_key", bad)}
	}
	return nil
}

// decodeB64URL decodes base64url with or without its padding, as browsers
// and libraries write it.
func decodeB64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// pushKey answers GET /api/hearth/push/key: the VAPID public key a device
// subscribes with (PushManager.subscribe's applicationServerKey).
func pushKey(e *core.RequestEvent) error {
	pub, err := EnsureVAPIDKeys(e.App)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]string{"public_key": pub})
}
