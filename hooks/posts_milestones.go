package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// jobMilestones is the milestone job's name in the job_runs ledger.
const jobMilestones = "milestones"

// PostMilestones posts, once per house-local day, from
// domain.MilestonePostAt (08:00) until the day ends, a milestone post for
// each member of the house (active or away, residents and managers) who
// shares their sobriety date (users.share_sobriety) and reaches a
// milestone that day (domain.Milestone). People who do not share their
// date are never posted; alumni and discharged people neither.
//
// Never twice: the day is claimed in job_runs (house, "milestones", day)
// in the same transaction as its posts, so a restart or a second call
// posts nothing again; and a person's milestone is posted once per house
// ever, by its label ("30d", "1y"), which the unique index (house,
// subject, milestone) of posts enforces, so a sobriety date changed later
// cannot celebrate the same milestone again. A day the machine was off
// from 08:00 to midnight gets no posts afterwards: "reached 30 days
// today" would no longer be true.
//
// The post's author and subject are the person celebrated, so the feed
// shows them; its kind is milestone. It returns the number of posts made.
func PostMilestones(app core.App, houseID string, now time.Time) (int, error) {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return 0, fmt.Errorf("posting the milestones of house %s: %w", houseID, err)
	}
	return postMilestones(app, house, now)
}

// postMilestones is PostMilestones for a house already read.
func postMilestones(app core.App, house *core.Record, now time.Time) (int, error) {
	loc := houseLocation(app, house)
	day := domain.LocalDate(now, loc)
	at, err := domain.LocalInstant(day, domain.MilestonePostAt, loc)
	if err != nil {
		return 0, fmt.Errorf("posting the milestones of house %s: %w", house.Id, err)
	}
	if now.Before(at) {
		return 0, nil
	}
	posted, err := runOnce(app, house.Id, jobMilestones, day, func(tx core.App) (int, error) {
		return postMilestonesOf(tx, house.Id, day)
	})
	if err != nil {
		return 0, fmt.Errorf("posting the milestones of house %s: %w", house.Id, err)
	}
	if posted > 0 {
		app.Logger().Info("milestones posted", "house", house.Id, "day", day, "posts", posted)
	}
	return posted, nil
}

// sharedSobriety is a member who shares their sobriety date.
type sharedSobriety struct {
	User string `db:"user"`
	Name string `db:"name"`
	Date string `db:"sobriety_date"`
}

// postMilestonesOf makes the day's milestone posts of the house.
func postMilestonesOf(tx core.App, houseID, day string) (int, error) {
	var people []sharedSobriety
	err := tx.DB().NewQuery(`
		SELECT m.user AS user, COALESCE(u.name, '') AS name, u.sobriety_date AS sobriety_date
		FROM memberships m JOIN users u ON u.id = m.user
		WHERE m.house = {:house} AND ` + memberSQL("m") + `
			AND u.share_sobriety = TRUE AND COALESCE(u.sobriety_date, '') != ''
		ORDER BY m.user`,
	).Bind(dbx.Params{"house": houseID}).All(&people)
	if err != nil {
		return 0, err
	}
	collection, err := tx.FindCachedCollectionByNameOrId("posts")
	if err != nil {
		return 0, err
	}
	posted := 0
	for _, p := range people {
		m, ok := domain.Milestone(p.Date, day)
		if !ok {
			continue
		}
		var id string
		if err := tx.DB().Select("id").From("posts").Where(dbx.HashExp{
			"house": houseID, "subject": p.User, "milestone": m.Label,
		}).Limit(1).Row(&id); err == nil {
			continue // celebrated before, from another date
		}
		post := core.NewRecord(collection)
		post.Set("house", houseID)
		post.Set("author", p.User)
		post.Set("subject", p.User)
		post.Set("kind", PostMilestone)
		post.Set("milestone", m.Label)
		post.Set("body", MilestoneWords(p.Name, m))
		if err := tx.Save(post); err != nil {
			return posted, err
		}
		posted++
	}
	return posted, nil
}
