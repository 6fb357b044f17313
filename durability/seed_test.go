package durability_test

import (
	"fmt"
	"math/rand/v2"
	"time"
	_ "time/tzdata" // the Etc/GMT zones, whatever the machine has

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/hooks"
	_ "hearth/pb_migrations" // the schema, as the binary migrates it
)

// quietZone is an Etc/GMT zone where it is now between 14:00 and 16:00:
// hours away from every instant at which a house's jobs do something new
// (08:00 milestones, 20:00 reminders, 21:00 and 23:15 summaries, chores
// missed at due + 2 h, midnight), so the scheduler adds nothing to the
// house while a test counts its records.
func quietZone(now time.Time) string { return zoneAt(now, 15) }

// zoneAt is an Etc/GMT zone in which it is now hour:xx.
func zoneAt(now time.Time, hour int) string {
	k := (hour - now.UTC().Hour() + 48) % 24 // local = UTC + k hours
	if k > 14 {
		k -= 24 // Etc/GMT zones run from UTC-12 to UTC+14
	}
	switch {
	case k > 0:
		return fmt.Sprintf("Etc/GMT-%d", k) // POSIX signs: Etc/GMT-3 is UTC+3
	case k < 0:
		return fmt.Sprintf("Etc/GMT+%d", -k)
	}
	return "Etc/GMT"
}

// yearStats is what seedHouse wrote.
type yearStats struct {
	records, files int
	took           time.Duration
	house          string
}

// seedChore is one of the seeded house's chores.
type seedChore struct {
	title, cadence string
	weekday        int // weekly
	monthday       int // monthly
	due            int // hour, house-local
	photo          bool
	points         int
}

var seedChores = []seedChore{
	{title: "Kitchen", cadence: "daily", due: 8, photo: true, points: 2},
	{title: "Dishes", cadence: "daily", due: 20, points: 1},
	{title: "Trash and recycling", cadence: "daily", due: 20, points: 1},
	{title: "Bathrooms", cadence: "weekly", weekday: 6, due: 20, photo: true, points: 3},
	{title: "Vacuum the living room", cadence: "weekly", weekday: 3, due: 8, points: 2},
	{title: "Clean out the fridge", cadence: "monthly", monthday: 1, due: 20, photo: true, points: 3},
}

// seedHouse fills an empty data directory, through PocketBase itself and
// before any server runs on it, with a house of 20 (a manager and 19
// residents) and `days` days of its life up to yesterday: daily and curfew
// check-ins, chores and their assignments (photos of the finished ones),
// outside meetings (some with a photo of the signed slip), the board
// (posts, some with photos, comments, reactions), the weekly house meeting
// with answers and attendance, the jobs' ledger and the notifications all
// of that sent. Records are written as the server would have written them,
// with their own created times; the hooks are not bound (their effects are
// written out).
func seedHouse(dir string, days int, tz string, seed uint64) (yearStats, error) {
	start := time.Now()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: hooks.DBConnect})
	if err := app.Bootstrap(); err != nil {
		return yearStats{}, err
	}
	defer app.ClearBootstrap()
	if err := app.RunAllMigrations(); err != nil {
		return yearStats{}, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return yearStats{}, err
	}
	s := &seeder{rng: rand.New(rand.NewPCG(seed, 7)), loc: loc, cols: map[string]*core.Collection{}}
	err = app.RunInTransaction(func(tx core.App) error {
		s.app = tx
		return s.house(days)
	})
	return yearStats{records: s.records, files: s.files, took: time.Since(start), house: s.houseID}, err
}

type seeder struct {
	app     core.App
	rng     *rand.Rand
	loc     *time.Location
	cols    map[string]*core.Collection
	records int
	files   int

	houseID   string
	manager   string
	residents []string
}

// save writes a record of the collection with the fields, created at the
// given instant, and returns it.
func (s *seeder) save(collection string, at time.Time, fields map[string]any) (*core.Record, error) {
	c := s.cols[collection]
	if c == nil {
		var err error
		if c, err = s.app.FindCollectionByNameOrId(collection); err != nil {
			return nil, err
		}
		s.cols[collection] = c
	}
	r := core.NewRecord(c)
	r.Load(fields)
	stamp, _ := types.ParseDateTime(at.UTC())
	if c.Fields.GetByName("created") != nil {
		r.SetRaw("created", stamp)
	}
	if c.Fields.GetByName("updated") != nil {
		r.SetRaw("updated", stamp)
	}
	if err := s.app.SaveNoValidate(r); err != nil {
		return nil, fmt.Errorf("%s: %w", collection, err)
	}
	s.records++
	return r, nil
}

// photos are n new images for a file field.
func (s *seeder) photos(n int, name string) []*filesystem.File {
	out := make([]*filesystem.File, n)
	for i := range out {
		f, err := filesystem.NewFileFromBytes(photo(s.rng, 40), name)
		if err != nil {
			panic(err)
		}
		out[i] = f
		s.files++
	}
	return out
}

// at is the instant of a house-local day (days before today) and time.
func (s *seeder) at(today time.Time, daysAgo, hour, minute int) time.Time {
	d := today.AddDate(0, 0, -daysAgo)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, s.loc)
}

func (s *seeder) house(days int) error {
	now := time.Now().In(s.loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, s.loc)
	began := s.at(today, days+30, 10, 0)

	house, err := s.save("houses", began, map[string]any{
		"name": "Birch House", "address": "12 Birch Lane", "timezone": s.loc.String(), "capacity": 24,
		"curfew": "23:00", "checkin_by": "21:00", "chore_grace": 120, "meetings_per_week": 3,
		"rules": "<p>Be kind. Be home by curfew. Check in every day.</p>",
	})
	if err != nil {
		return err
	}
	s.houseID = house.Id
	for i := range 20 {
		u, err := s.save("users", began, map[string]any{
			"email": fmt.Sprintf("person%02d@birch.example", i), "name": fmt.Sprintf("Person %02d", i),
			"password": userPassword, "verified": true, "phone": fmt.Sprintf("(555) 020-%04d", i), "language": "en",
		})
		if err != nil {
			return err
		}
		role := "resident"
		if i == 0 {
			role, s.manager = "manager", u.Id
		} else {
			s.residents = append(s.residents, u.Id)
		}
		if _, err := s.save("memberships", began, map[string]any{
			"house": house.Id, "user": u.Id, "role": role, "status": "active", "room": fmt.Sprint(1 + i/2),
			"move_in": began.Format("2006-01-02"), "phase": 1 + i%3,
		}); err != nil {
			return err
		}
	}

	chores := make([]*core.Record, len(seedChores))
	for i, c := range seedChores {
		chores[i], err = s.save("chores", began, map[string]any{
			"house": house.Id, "title": c.title, "cadence": c.cadence, "weekday": c.weekday, "monthday": c.monthday,
			"due_time": fmt.Sprintf("%02d:00", c.due), "points": c.points, "needs_photo": c.photo, "active": true,
		})
		if err != nil {
			return err
		}
	}

	var series string
	next := 0 // the rotation
	for k := days; k >= 1; k-- {
		day := today.AddDate(0, 0, -k)
		date := day.Format("2006-01-02")
		if err := s.choreDay(today, k, day, chores, &next); err != nil {
			return err
		}
		if err := s.checkins(today, k, date); err != nil {
			return err
		}
		if err := s.meetings(today, k, day); err != nil {
			return err
		}
		if err := s.board(today, k); err != nil {
			return err
		}
		if day.Weekday() == time.Sunday {
			if series, err = s.houseMeeting(today, k, series); err != nil {
				return err
			}
		}
		for _, job := range []string{"checkin_reminder", "checkin_summary", "curfew_summary", "milestones", "event_series"} {
			if _, err := s.save("job_runs", s.at(today, k, 8, 0), map[string]any{"house": s.houseID, "job": job, "day": date}); err != nil {
				return err
			}
		}
	}
	return nil
}

// choreDay writes a day's chore assignments, as the job assigned them and
// as the residents and the manager moved them.
func (s *seeder) choreDay(today time.Time, k int, day time.Time, chores []*core.Record, next *int) error {
	assigned := 0
	for i, c := range seedChores {
		due := c.cadence == "daily" ||
			(c.cadence == "weekly" && int(day.Weekday()) == c.weekday) ||
			(c.cadence == "monthly" && day.Day() == c.monthday)
		if !due {
			continue
		}
		who := s.residents[*next%len(s.residents)]
		*next++
		fields := map[string]any{
			"chore": chores[i].Id, "house": s.houseID, "assignee": who, "points": c.points,
			"due": s.at(today, k, c.due, 0).UTC(), "status": "approved",
		}
		switch n := s.rng.IntN(20); {
		case n == 0:
			fields["status"] = "missed"
		case n == 1:
			fields["status"] = "excused"
			fields["reviewed_by"], fields["reviewed_at"] = s.manager, s.at(today, k, c.due, 30).UTC()
			fields["review_note"] = "At work late, swapped with a housemate."
		default:
			fields["done_at"] = s.at(today, k, c.due-1, 10).UTC()
			fields["reviewed_by"], fields["reviewed_at"] = s.manager, s.at(today, k, c.due+1, 0).UTC()
			if c.photo {
				fields["photo"] = s.photos(1, "done.png")[0]
			}
			if _, err := s.save("notifications", s.at(today, k, c.due-1, 10), map[string]any{
				"user": s.manager, "kind": "chore_review", "title": c.title + " is done", "body": "It's waiting for a review.",
				"link": "/manage/review", "read": true,
			}); err != nil {
				return err
			}
		}
		if fields["status"] == "missed" {
			for _, u := range []string{who, s.manager} {
				if _, err := s.save("notifications", s.at(today, k, c.due+2, 1), map[string]any{
					"user": u, "kind": "chore_missed", "title": c.title + " wasn't marked done in time", "link": "/chores", "read": true,
				}); err != nil {
					return err
				}
			}
		}
		if _, err := s.save("chore_assignments", s.at(today, k, 0, 0), fields); err != nil {
			return err
		}
		assigned++
	}
	_, err := s.save("chore_days", s.at(today, k, 0, 0), map[string]any{
		"house": s.houseID, "day": day.Format("2006-01-02"), "present": s.residents, "assigned": assigned, "unassigned": []string{},
	})
	return err
}

// checkins writes a day's daily and curfew check-ins, the reminders of
// those who had not checked in by 20:00, and the manager's summaries.
func (s *seeder) checkins(today time.Time, k int, date string) error {
	missing := 0
	for _, u := range s.residents {
		if s.rng.IntN(100) < 92 {
			hour := 7 + s.rng.IntN(13)
			note := ""
			if s.rng.IntN(4) == 0 {
				note = "Good meeting today, grateful."
			}
			if _, err := s.save("checkins", s.at(today, k, hour, s.rng.IntN(60)), map[string]any{
				"user": u, "house": s.houseID, "kind": "daily", "mood": 1 + s.rng.IntN(5), "craving": s.rng.IntN(11),
				"note": note, "day": date,
			}); err != nil {
				return err
			}
		} else {
			missing++
			if _, err := s.save("notifications", s.at(today, k, 20, 0), map[string]any{
				"user": u, "kind": "checkin_reminder", "title": "Time for your check-in", "link": "/checkin", "read": s.rng.IntN(2) == 0,
			}); err != nil {
				return err
			}
		}
		if s.rng.IntN(100) < 90 {
			late := s.rng.IntN(20) == 0
			minute := s.rng.IntN(59)
			hour := 22
			if late {
				hour = 23
			}
			if _, err := s.save("checkins", s.at(today, k, hour, minute), map[string]any{
				"user": u, "house": s.houseID, "kind": "curfew", "late": late, "day": date,
			}); err != nil {
				return err
			}
		}
	}
	for _, n := range []struct{ kind, title string }{
		{"checkin_summary", fmt.Sprintf("Check-ins: %d residents haven't checked in", missing)},
		{"curfew_summary", "Tonight: everyone checked in as home"},
	} {
		if _, err := s.save("notifications", s.at(today, k, 21, 0), map[string]any{
			"user": s.manager, "kind": n.kind, "title": n.title, "link": "/manage/today", "read": true,
		}); err != nil {
			return err
		}
	}
	return nil
}

var seedPrograms = []string{"aa", "na", "ca", "smart", "recovery_dharma", "celebrate_recovery", "refuge", "other"}

// meetings: each resident goes to three outside meetings a week.
func (s *seeder) meetings(today time.Time, k int, day time.Time) error {
	for i, u := range s.residents {
		if (i+int(day.Weekday()))%7 >= 3 {
			continue
		}
		fields := map[string]any{
			"user": u, "house": s.houseID, "date": day.Format("2006-01-02") + " 12:00:00.000Z",
			"program": seedPrograms[i%len(seedPrograms)], "name": "Tuesday Night Big Book", "format": "in_person",
		}
		if s.rng.IntN(4) == 0 {
			fields["proof"] = s.photos(1, "slip.png")[0]
			fields["verified_by"], fields["verified_at"] = s.manager, s.at(today, k-1, 9, 0).UTC()
		}
		if _, err := s.save("meetings", s.at(today, k, 21, 30), fields); err != nil {
			return err
		}
	}
	return nil
}

// board: three posts a day with comments and reactions, and the
// notifications they sent.
func (s *seeder) board(today time.Time, k int) error {
	members := append([]string{s.manager}, s.residents...)
	for p := range 3 {
		author := members[s.rng.IntN(len(members))]
		kind := []string{"share", "share", "win", "win", "support"}[s.rng.IntN(5)]
		if author == s.manager {
			kind = "announcement"
		}
		hour := 9 + 4*p + s.rng.IntN(3)
		fields := map[string]any{"house": s.houseID, "author": author, "kind": kind,
			"body": "Went to a meeting this morning and then cooked for the house. One day at a time."}
		if s.rng.IntN(5) == 0 {
			fields["images"] = s.photos(1+s.rng.IntN(2), "photo.png")
		}
		post, err := s.save("posts", s.at(today, k, hour, 0), fields)
		if err != nil {
			return err
		}
		if kind == "support" {
			for _, u := range members {
				if u == author {
					continue
				}
				if _, err := s.save("notifications", s.at(today, k, hour, 0), map[string]any{
					"user": u, "kind": "support", "title": "A housemate needs support right now",
					"link": "/board/posts/" + post.Id, "read": true,
				}); err != nil {
					return err
				}
			}
		}
		for c := range s.rng.IntN(6) {
			by := members[s.rng.IntN(len(members))]
			if _, err := s.save("comments", s.at(today, k, hour, 5+c*7), map[string]any{
				"post": post.Id, "author": by, "body": "Proud of you. Here if you need anything.",
			}); err != nil {
				return err
			}
			if by != author {
				if _, err := s.save("notifications", s.at(today, k, hour, 5+c*7), map[string]any{
					"user": author, "kind": "comment", "title": "A housemate commented on your post",
					"link": "/board/posts/" + post.Id, "read": true,
				}); err != nil {
					return err
				}
			}
		}
		seen := map[string]bool{}
		for range s.rng.IntN(9) {
			by := members[s.rng.IntN(len(members))]
			kind := reactionKinds[s.rng.IntN(len(reactionKinds))]
			if seen[by+kind] {
				continue
			}
			seen[by+kind] = true
			if _, err := s.save("reactions", s.at(today, k, hour, 30), map[string]any{"post": post.Id, "user": by, "kind": kind}); err != nil {
				return err
			}
		}
	}
	return nil
}

// houseMeeting writes a Sunday's house meeting, its answers and
// attendance, as one week of the weekly series.
func (s *seeder) houseMeeting(today time.Time, k int, series string) (string, error) {
	starts := s.at(today, k, 19, 0)
	fields := map[string]any{
		"house": s.houseID, "title": "House meeting", "kind": "house_meeting", "location": "Living room",
		"starts": starts.UTC(), "ends": starts.Add(time.Hour).UTC(), "required": true, "repeat": "weekly",
		"created_by": s.manager,
	}
	first := series == ""
	if first {
		// The series is named by its first event's id.
		series = core.GenerateDefaultRandomId()
		fields["id"] = series
	}
	fields["series"] = series
	ev, err := s.save("events", starts.AddDate(0, 0, -7), fields)
	if err != nil {
		return "", err
	}
	if !first {
		if _, err := s.save("job_runs", starts.AddDate(0, 0, -7), map[string]any{
			"house": s.houseID, "job": "series:" + series, "day": starts.Format("2006-01-02"),
		}); err != nil {
			return "", err
		}
	}
	for _, u := range s.residents {
		status := []string{"yes", "yes", "yes", "maybe", "no"}[s.rng.IntN(5)]
		if _, err := s.save("rsvps", starts.AddDate(0, 0, -2), map[string]any{
			"event": ev.Id, "user": u, "status": status, "attended": status != "no",
		}); err != nil {
			return "", err
		}
	}
	return series, nil
}
