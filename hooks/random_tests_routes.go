package hooks

import (
	"net/http"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// randomTestsMax is the most residents one request picks.
const randomTestsMax = 50

type randomTestsRequest struct {
	Count int `json:"count"`
}

type randomPick struct {
	User string `json:"user"`
	Name string `json:"name"`
}

type randomTestsResponse struct {
	Draw   string       `json:"draw"`
	At     string       `json:"at"`
	Pool   int          `json:"pool"`
	Picked []randomPick `json:"picked"`
}

// pickRandomTests answers POST /api/hearth/houses/{id}/random-tests for a
// manager of the house: it picks count of the house's active residents
// uniformly at random (crypto/rand), records each pick in
// random_test_picks (who, when, at whose request) so nobody can say they
// were singled out, and answers the list.
func pickRandomTests(e *core.RequestEvent, clock clockwork.Clock) error {
	house, err := e.App.FindRecordById("houses", e.Request.PathValue("id"))
	if err != nil || !IsManagerOf(e.App, e.Auth.Id, house.Id) {
		return e.NotFoundError("", nil)
	}
	var body randomTestsRequest
	if err := e.BindBody(&body); err != nil || body.Count < 1 || body.Count > randomTestsMax {
		msg := "Say how many residents to pick for a test: a number from 1 to 50."
		return e.BadRequestError(msg, validation.Errors{"count": fieldError("count", msg)})
	}
	var ids []string
	err = e.App.DB().Select("user").From("memberships").Where(dbx.HashExp{
		"house": house.Id, "role": RoleResident, "status": StatusActive,
	}).Column(&ids)
	if err != nil {
		return err
	}
	picked, err := domain.PickRandom(ids, body.Count, nil)
	if err != nil {
		return err
	}
	now, _ := types.ParseDateTime(clock.Now())
	out := randomTestsResponse{Draw: security.RandomString(15), At: now.String(), Pool: len(ids), Picked: []randomPick{}}
	err = e.App.RunInTransaction(func(tx core.App) error {
		c, err := tx.FindCachedCollectionByNameOrId("random_test_picks")
		if err != nil {
			return err
		}
		for _, id := range picked {
			r := core.NewRecord(c)
			r.Set("house", house.Id)
			r.Set("user", id)
			r.Set("picked_by", e.Auth.Id)
			r.Set("draw", out.Draw)
			r.Set("pool", len(ids))
			r.SetRaw("created", now)
			if err := tx.Save(r); err != nil {
				return err
			}
			name := ""
			if u, err := tx.FindRecordById("users", id); err == nil {
				name = u.GetString("name")
			}
			out.Picked = append(out.Picked, randomPick{User: id, Name: name})
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.App.Logger().Info("Residents picked for a random test", "house", house.Id, "picked", len(picked), "pool", len(ids))
	return e.JSON(http.StatusOK, out)
}
