package hooks

import (
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// recordPart is one list of GET /api/hearth/me/record: a collection's
// records about the requester, in every house.
type recordPart struct {
	name       string // the key in the answer
	collection string
	filter     dbx.Expression
	sort       string
}

// recordParts lists what Hearth holds about user, by house: their own
// records, their drug tests and the incidents naming them.
func recordParts(user string) []recordPart {
	mine := dbx.HashExp{"user": user}
	named := dbx.NewExp("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid([[incidents.people]]) "+
		"THEN [[incidents.people]] ELSE '[]' END) WHERE json_each.value = {:user})", dbx.Params{"user": user})
	return []recordPart{
		{"memberships", "memberships", mine, "-created"},
		{"checkins", "checkins", mine, "-created"},
		{"meetings", "meetings", mine, "-date"},
		{"chores", "chore_assignments", dbx.HashExp{"assignee": user}, "-due"},
		{"drug_tests", "drug_tests", mine, "-tested_at"},
		{"incidents", "incidents", named, "-occurred_at"},
	}
}

// recordRead is one row of "who read it": an audit event whose subject is
// the requester, with the reader named.
type recordRead struct {
	At         string `db:"at" json:"at"`
	Action     string `db:"action" json:"action"`
	Collection string `db:"collection" json:"collection"`
	Record     string `db:"record" json:"record"`
	House      string `db:"house" json:"house"`
	ActorKind  string `db:"actor_kind" json:"actor_kind"`
	Name       string `db:"name" json:"name"`
	Role       string `db:"role" json:"role"`
}

// recordReadsLimit caps "who read it" at the newest rows.
const recordReadsLimit = 500

// bindMeRecordApi binds GET /api/hearth/me/record.
func bindMeRecordApi(rg *router.RouterGroup[*core.RequestEvent]) {
	rg.GET("/me/record", meRecord).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
}

// meRecord answers GET /api/hearth/me/record: what Hearth holds about the
// requester in every house they belong or belonged to, and who read it
// (docs/API.md, "What Hearth holds about me"). Only ever the requester's.
func meRecord(e *core.RequestEvent) error {
	user := e.Auth.Id
	res := map[string]any{}
	var houseIDs []any
	for _, p := range recordParts(user) {
		records, err := e.App.FindAllRecords(p.collection, p.filter)
		if err != nil {
			return e.InternalServerError("", err)
		}
		sortRecords(records, p.sort)
		list := make([]map[string]any, 0, len(records))
		for _, r := range records {
			list = append(list, r.PublicExport())
			if h := r.GetString("house"); h != "" {
				houseIDs = append(houseIDs, h)
			}
		}
		res[p.name] = list
	}

	houses := []map[string]any{}
	if len(houseIDs) > 0 {
		var rows []struct {
			Id   string `db:"id" json:"id"`
			Name string `db:"name" json:"name"`
		}
		if err := e.App.DB().Select("id", "name").From("houses").Where(dbx.In("id", houseIDs...)).OrderBy("name").All(&rows); err != nil {
			return e.InternalServerError("", err)
		}
		for _, h := range rows {
			houses = append(houses, map[string]any{"id": h.Id, "name": h.Name})
		}
	}
	res["houses"] = houses

	reads := []recordRead{}
	err := e.App.DB().NewQuery(`
		SELECT a.at, a.action, a.collection, a.record, a.house, a.actor_kind,
			COALESCE(u.name, '') AS name,
			CASE WHEN a.actor_kind = 'superuser' THEN 'administrator'
				WHEN a.actor_kind = 'system' THEN 'hearth'
				ELSE COALESCE((SELECT m.role FROM memberships m WHERE m.user = a.actor AND m.house = a.house LIMIT 1), '') END AS role
		FROM audit_events a LEFT JOIN users u ON u.id = a.actor
		WHERE a.subject = {:user} AND a.actor != {:user}
		ORDER BY a.at DESC LIMIT {:limit}`).
		Bind(dbx.Params{"user": user, "limit": recordReadsLimit}).All(&reads)
	if err != nil {
		return e.InternalServerError("", err)
	}
	res["reads"] = reads
	return e.JSON(http.StatusOK, res)
}

// sortRecords orders records by a field, "-" first for newest first
// (records are few per person; the order is the answer's, not the query's).
func sortRecords(records []*core.Record, sort string) {
	desc := len(sort) > 0 && sort[0] == '-'
	field := sort
	if desc {
		field = sort[1:]
	}
	slices.SortStableFunc(records, func(a, b *core.Record) int {
		x, y := a.GetString(field), b.GetString(field)
		c := 0
		switch {
		case x < y:
			c = -1
		case x > y:
			c = 1
		}
		if desc {
			c = -c
		}
		return c
	})
}
