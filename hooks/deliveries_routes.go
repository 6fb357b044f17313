package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// kindPushTest is the test notification a person sends themselves from the
// notification settings.
const kindPushTest = "push_test"

// pushTestMax test notifications per person within pushTestWindow: each
// one is a push to every device (up to pushDevicesMax), so without a cap
// one account could keep Hearth's server and VAPID key hammering a push
// service (which may then throttle the alerts that matter) and fill its
// own notifications list. The general /api/hearth/ rate limit is per
// address and far above this.
const (
	pushTestMax    = 3
	pushTestWindow = time.Minute
)

// pushTest handles POST /api/hearth/push/test: a notification of kind
// push_test to the requester, delivered by push only, to every device of
// theirs, at once (quiet hours do not hold it). It answers {"devices": n}.
func pushTest(e *core.RequestEvent) error {
	user := e.Auth
	if user.GetString("push_notifications") == levelOff {
		msg := "Push notifications are off in your settings. Turn them on, then try again."
		return e.BadRequestError(msg, validation.Errors{"push_notifications": fieldError("push_off", msg)})
	}
	var subs []string
	err := e.App.DB().Select("id").From("push_subscriptions").
		Where(dbx.HashExp{"user": user.Id}).OrderBy("created").Column(&subs)
	if err != nil {
		return e.InternalServerError("", err)
	}
	// created is the real time of the save (autodate), so real time here.
	since := time.Now().UTC().Add(-pushTestWindow).Format(types.DefaultDateLayout)
	var recent int
	err = e.App.DB().Select("count(*)").From("notifications").
		Where(dbx.HashExp{"user": user.Id, "kind": kindPushTest}).
		AndWhere(dbx.NewExp("created >= {:since}", dbx.Params{"since": since})).Row(&recent)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if recent >= pushTestMax {
		return e.TooManyRequestsError("You just sent a few test notifications. Wait a minute, then try again.", nil)
	}
	if len(subs) == 0 {
		msg := "No device of yours has push notifications turned on. Turn them on on this phone first."
		return e.BadRequestError(msg, validation.Errors{"devices": fieldError("no_device", msg)})
	}
	collection, err := e.App.FindCachedCollectionByNameOrId("notifications")
	if err != nil {
		return e.InternalServerError("", err)
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		n := core.NewRecord(collection)
		n.Set("user", user.Id)
		n.Set("kind", kindPushTest)
		n.Set("title", "Test notification")
		n.Set("body", "Push notifications reach this device.")
		n.Set("link", "/settings/notifications")
		// Rendered from the catalogue, in the reader's language.
		n.Set("params", map[string]any{})
		if err := tx.Save(n); err != nil {
			return err
		}
		now := dateText(appClock(tx).Now())
		rows := make([]outboxRow, len(subs))
		for i, sub := range subs {
			rows[i] = outboxRow{n.Id, user.Id, channelPush, sub, deliveryPending, now}
		}
		return insertOutboxRows(tx, rows, now)
	})
	if err != nil {
		return saveError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]int{"devices": len(subs)})
}
