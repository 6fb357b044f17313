package hooks

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// choreSummaryDays is the span of the managers' chore table: the 4 weeks
// over which docs/API.md's fairness (chore_assignments) is defined.
const choreSummaryDays = 28

// choreSummaryResponse is the managers' 4-week table: points per resident.
type choreSummaryResponse struct {
	From      string            `json:"from"`
	To        string            `json:"to"`
	Residents []choreSummaryRow `json:"residents"`
}

// choreSummaryRow is one resident's points over the span. Done counts
// chores marked done or approved; open counts open and rejected ones.
type choreSummaryRow struct {
	User     string `json:"user" db:"user"`
	Name     string `json:"name" db:"name"`
	Assigned int    `json:"assigned" db:"assigned"`
	Done     int    `json:"done" db:"done"`
	Missed   int    `json:"missed" db:"missed"`
	Excused  int    `json:"excused" db:"excused"`
	Open     int    `json:"open" db:"open"`
}

func choreSummary(e *core.RequestEvent, clock clockwork.Clock) error {
	house, err := e.App.FindRecordById("houses", e.Request.PathValue("id"))
	if err != nil || !(e.HasSuperuserAuth() || IsManagerOf(e.App, e.Auth.Id, house.Id)) {
		return e.NotFoundError("", err)
	}
	loc := houseLocation(e.App, house)
	today := clock.Now().In(loc)
	last := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	first := last.AddDate(0, 0, -(choreSummaryDays - 1))
	end := last.AddDate(0, 0, 1)

	var rows []choreSummaryRow
	err = e.App.DB().NewQuery(`
		SELECT a.assignee AS user, COALESCE(u.name, '') AS name,
			SUM(a.points) AS assigned,
			SUM(CASE WHEN a.status IN ('done', 'approved') THEN a.points ELSE 0 END) AS done,
			SUM(CASE WHEN a.status = 'missed' THEN a.points ELSE 0 END) AS missed,
			SUM(CASE WHEN a.status = 'excused' THEN a.points ELSE 0 END) AS excused,
			SUM(CASE WHEN a.status IN ('open', 'rejected') THEN a.points ELSE 0 END) AS open
		FROM chore_assignments a LEFT JOIN users u ON u.id = a.assignee
		WHERE a.house = {:house} AND a.due >= {:from} AND a.due < {:to}
		GROUP BY a.assignee`,
	).Bind(dbx.Params{
		"house": house.Id,
		"from":  first.UTC().Format(types.DefaultDateLayout),
		"to":    end.UTC().Format(types.DefaultDateLayout),
	}).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}

	// Residents who live there now appear even with nothing assigned yet.
	var current []choreSummaryRow
	err = e.App.DB().NewQuery(`
		SELECT m.user AS user, COALESCE(u.name, '') AS name
		FROM memberships m LEFT JOIN users u ON u.id = m.user
		WHERE m.house = {:house} AND ` + residentSQL("m"),
	).Bind(dbx.Params{"house": house.Id}).All(&current)
	if err != nil {
		return e.InternalServerError("", err)
	}
	for _, c := range current {
		if !slices.ContainsFunc(rows, func(r choreSummaryRow) bool { return r.User == c.User }) {
			rows = append(rows, c)
		}
	}
	slices.SortFunc(rows, func(a, b choreSummaryRow) int { return strings.Compare(a.Name, b.Name) })
	if rows == nil {
		rows = []choreSummaryRow{}
	}
	return e.JSON(http.StatusOK, choreSummaryResponse{
		From:      first.Format(domain.DateLayout),
		To:        last.Format(domain.DateLayout),
		Residents: rows,
	})
}
