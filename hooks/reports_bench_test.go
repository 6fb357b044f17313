package hooks_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// BenchmarkHouseReportYear measures a year's report (2027) of a house of
// 20 residents with a full year behind it: a daily and a curfew check-in a
// day each (14,600), 3 meetings a week each (3,120), 6 chores a day
// (2,190), the chore ledger (365 days), 100 support posts answered, a
// drug test a week each (1,040, one in ten corrected by another) and an
// incident every third day (122, naming two residents, a follow-up day,
// one in ten corrected).
// Targets (issue 19): PDF ≤ 2 s, JSON ≤ 1 s.
func BenchmarkHouseReportYear(b *testing.B) {
	const residents = 20
	app := tk.NewApp(b)
	defer app.Cleanup()
	seedHouses(b, app, 1, residents)
	seedReportYear(b, app, residents)
	now := time.Date(2028, 1, 2, 12, 0, 0, 0, time.UTC)
	for _, format := range []string{"json", "csv", "pdf"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				body, err := hooks.RenderHouseReport(app, "benchhouse00000", "2027-01-01", "2027-12-31", format, now)
				if err != nil || len(body) == 0 {
					b.Fatalf("%d bytes, %v", len(body), err)
				}
			}
		})
	}
}

// seedReportYear writes 2027 for bench house 0 (see seedHouses).
func seedReportYear(tb testing.TB, app core.App, residents int) {
	tb.Helper()
	const house = "benchhouse00000"
	err := app.RunInTransaction(func(tx core.App) error {
		exec := func(sql string, p dbx.Params) error {
			_, err := tx.DB().NewQuery(sql).Bind(p).Execute()
			return err
		}
		if err := exec("UPDATE houses SET capacity = 24, meetings_per_week = 3, curfew = '23:00' WHERE id = {:id}", dbx.Params{"id": house}); err != nil {
			return err
		}
		if err := exec(`INSERT INTO chores (id, house, title, cadence, due_time, points, active, rotation)
			VALUES ('benchreportchore', {:house}, 'Kitchen', 'daily', '09:00', 1, TRUE, '[]')`, dbx.Params{"house": house}); err != nil {
			return err
		}
		day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		n := 0
		for d := range 365 {
			date := day.AddDate(0, 0, d).Format(time.DateOnly)
			present := "["
			for r := range residents {
				if r > 0 {
					present += ","
				}
				present += fmt.Sprintf(`"benchuser000%03d"`, r)
			}
			if err := exec("INSERT INTO chore_days (id, house, day, present, assigned, unassigned) VALUES ({:id}, {:house}, {:day}, {:present}, 6, '[]')",
				dbx.Params{"id": fmt.Sprintf("benchday%07d", d), "house": house, "day": date, "present": present + "]"}); err != nil {
				return err
			}
			for r := range residents {
				user := fmt.Sprintf("benchuser000%03d", r)
				for _, kind := range []string{"daily", "curfew"} {
					n++
					if err := exec("INSERT INTO checkins (id, user, house, kind, day, mood, craving, late, created) VALUES ({:id}, {:user}, {:house}, {:kind}, {:day}, 3, 1, {:late}, {:created})",
						dbx.Params{"id": fmt.Sprintf("benchchk%07d", n), "user": user, "house": house, "kind": kind, "day": date,
							"late": kind == "curfew" && (d+r)%9 == 0, "created": date + " 20:00:00.000Z"}); err != nil {
						return err
					}
				}
				if (d+r)%7 < 3 {
					n++
					if err := exec("INSERT INTO meetings (id, user, house, date, program, verified_by) VALUES ({:id}, {:user}, {:house}, {:date}, 'aa', {:by})",
						dbx.Params{"id": fmt.Sprintf("benchmtg%07d", n), "user": user, "house": house, "date": date + " 00:00:00.000Z",
							"by": map[bool]string{true: "benchuser000000", false: ""}[(d+r)%2 == 0]}); err != nil {
						return err
					}
				}
			}
			for c := range 6 {
				n++
				if err := exec("INSERT INTO chore_assignments (id, chore, house, assignee, due, status, points) VALUES ({:id}, 'benchreportchore', {:house}, {:user}, {:due}, {:status}, 1)",
					dbx.Params{"id": fmt.Sprintf("benchasg%07d", n), "house": house, "user": fmt.Sprintf("benchuser000%03d", (d+c)%residents),
						"due": fmt.Sprintf("%s %02d:00:00.000Z", date, 15+c), "status": []string{"approved", "done", "missed", "excused", "approved", "approved"}[(d+c)%6]}); err != nil {
					return err
				}
			}
			for r := range residents {
				if (d+r)%7 != 0 {
					continue
				}
				n++
				test := fmt.Sprintf("benchtst%07d", n)
				result := []string{"negative", "negative", "negative", "positive", "dilute", "refused", "pending"}[(d/7+r)%7]
				if err := exec("INSERT INTO drug_tests (id, house, user, tested_at, method, result, substances, observed, corrects) VALUES ({:id}, {:house}, {:user}, {:at}, 'urine', {:result}, '[]', TRUE, '')",
					dbx.Params{"id": test, "house": house, "user": fmt.Sprintf("benchuser000%03d", r), "at": date + " 18:00:00.000Z", "result": result}); err != nil {
					return err
				}
				if n%10 == 0 {
					if err := exec("INSERT INTO drug_tests (id, house, user, tested_at, method, result, substances, observed, corrects) VALUES ({:id}, {:house}, {:user}, {:at}, 'urine', 'negative', '[]', TRUE, {:corrects})",
						dbx.Params{"id": test + "c", "house": house, "user": fmt.Sprintf("benchuser000%03d", r), "at": date + " 18:30:00.000Z", "corrects": test}); err != nil {
						return err
					}
				}
			}
			if d%3 == 0 {
				n++
				incident := fmt.Sprintf("benchinc%07d", n)
				people := fmt.Sprintf(`["benchuser000%03d","benchuser000%03d"]`, d%residents, (d+1)%residents)
				insert := "INSERT INTO incidents (id, house, occurred_at, kind, severity, people, description, follow_up_by, status, corrects) VALUES ({:id}, {:house}, {:at}, 'rule_violation', {:severity}, {:people}, 'what happened', {:follow}, {:status}, {:corrects})"
				p := dbx.Params{"id": incident, "house": house, "at": date + " 04:00:00.000Z", "severity": []string{"minor", "serious", "critical"}[(d/3)%3],
					"people": people, "follow": day.AddDate(0, 0, d+7).Format(time.DateOnly) + " 12:00:00.000Z", "status": []string{"open", "closed"}[d%2], "corrects": ""}
				if err := exec(insert, p); err != nil {
					return err
				}
				if d%10 == 0 {
					p["id"], p["corrects"] = incident+"c", incident
					if err := exec(insert, p); err != nil {
						return err
					}
				}
			}
			if d%4 == 0 && d/4 < 100 {
				n++
				post := fmt.Sprintf("benchpost%06d", n)
				if err := exec("INSERT INTO posts (id, house, author, kind, body, created) VALUES ({:id}, {:house}, 'benchuser000001', 'support', 'help', {:created})",
					dbx.Params{"id": post, "house": house, "created": date + " 06:00:00.000Z"}); err != nil {
					return err
				}
				if err := exec("INSERT INTO comments (id, post, author, body, created) VALUES ({:id}, {:post}, 'benchuser000002', 'here', {:created})",
					dbx.Params{"id": fmt.Sprintf("benchcmt%06d", n), "post": post, "created": fmt.Sprintf("%s 06:%02d:00.000Z", date, d%60)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}
