package main

import (
	"fmt"
	"strings"
	"time"

	"hearth/domain"
)

// day seeds one house-local day: its chores and their ledger, check-ins,
// meetings, board and the jobs' notifications. Today is seeded up to now,
// without check-ins, so that every resident can still check in.
func (hs *houseSeed) day(d domain.CivilDay) error {
	present := hs.present(d)
	if err := hs.choreDay(d, present, d < hs.today); err != nil {
		return err
	}
	if d == hs.today {
		return hs.board(d, present)
	}
	if err := hs.checkins(d, present); err != nil {
		return err
	}
	if err := hs.meetings(d, present); err != nil {
		return err
	}
	return hs.board(d, present)
}

// choreDay assigns the day's chores in turn among the residents present
// and records the day in chore_days. Past assignments are settled
// (approved, missed, excused; done and waiting for review in the last two
// days); today's are open unless their grace is nearly over.
func (hs *houseSeed) choreDay(d domain.CivilDay, present []*occupant, past bool) error {
	s := hs.seeder
	if len(present) == 0 {
		return nil
	}
	ids := make([]string, len(present))
	for i, o := range present {
		ids[i] = o.p.ID
	}
	presentJSON := `["` + strings.Join(ids, `","`) + `"]`
	generated := hs.at(d, 0, 5)
	assigned := 0
	for ci, c := range hs.chores {
		due, _ := domain.ChoreDueOn(c.Cadence, c.Weekday, c.Monthday, d.String())
		if !due {
			continue
		}
		o := present[hs.rotation[ci]%len(present)]
		hs.rotation[ci]++
		dueAt := hs.at(d, c.Due.Hour, c.Due.Minute)
		open := !past && dueAt.Add(choreGrace*time.Minute).After(hs.now.Add(time.Hour))
		if err := hs.assignment(c, o, d, dueAt, generated, open); err != nil {
			return err
		}
		assigned++
	}
	return s.insert("chore_days", "id,house,day,present,assigned,unassigned,created",
		s.id(), hs.h.ID, d.String(), presentJSON, assigned, "[]", pbt(generated))
}

// assignment writes one assignment, open for the pool or settled.
func (hs *houseSeed) assignment(c seededChore, o *occupant, d domain.CivilDay, dueAt, generated time.Time, open bool) error {
	s := hs.seeder
	cols := "id,chore,house,assignee,due,status,points,done_at,note,reviewed_by,reviewed_at,review_note,created,updated"
	id := s.id()
	if open {
		if o.current {
			s.res.Pool = append(s.res.Pool, &Assignment{ID: id, Assignee: o.p, NeedsPhoto: c.NeedsPhoto})
		}
		return s.insert("chore_assignments", cols, id, c.id, hs.h.ID, o.p.ID, pbt(dueAt), domain.ChoreOpen, c.Points,
			"", "", "", "", "", pbt(generated), pbt(generated))
	}
	recent := hs.today-d <= 2
	doneAt := dueAt.Add(-time.Duration(s.between(0, 240)) * time.Minute)
	reviewedAt := doneAt.Add(time.Duration(s.between(10, 600)) * time.Minute)
	mgr := hs.h.Manager.ID
	switch r := s.rng.Float64(); {
	case recent && r < 0.4 && doneAt.Before(hs.now):
		if err := hs.notify(mgr, "chore_review", o.p.Name+": "+c.Title+" is done", "It's waiting for a review.", "/manage/review", doneAt); err != nil {
			return err
		}
		return s.insert("chore_assignments", cols, id, c.id, hs.h.ID, o.p.ID, pbt(dueAt), domain.ChoreDone, c.Points,
			pbt(doneAt), pick(s, choreNotes), "", "", "", pbt(generated), pbt(doneAt))
	case r < 0.86 && reviewedAt.Before(hs.now):
		if err := hs.notify(mgr, "chore_review", o.p.Name+": "+c.Title+" is done", "It's waiting for a review.", "/manage/review", doneAt); err != nil {
			return err
		}
		return s.insert("chore_assignments", cols, id, c.id, hs.h.ID, o.p.ID, pbt(dueAt), domain.ChoreApproved, c.Points,
			pbt(doneAt), "", mgr, pbt(reviewedAt), "", pbt(generated), pbt(reviewedAt))
	case r < 0.95:
		missedAt := dueAt.Add(choreGrace * time.Minute)
		if err := hs.notify(o.p.ID, "chore_missed", c.Title+" wasn't marked done in time", "If something got in the way, talk to your house manager.", "/chores", missedAt); err != nil {
			return err
		}
		if err := hs.notify(mgr, "chore_missed", o.p.Name+": "+c.Title+" was missed", "", "/manage/review", missedAt); err != nil {
			return err
		}
		return s.insert("chore_assignments", cols, id, c.id, hs.h.ID, o.p.ID, pbt(dueAt), domain.ChoreMissed, c.Points,
			"", "", "", "", "", pbt(generated), pbt(missedAt))
	default:
		excusedAt := dueAt.Add(-time.Duration(s.between(30, 600)) * time.Minute)
		return s.insert("chore_assignments", cols, id, c.id, hs.h.ID, o.p.ID, pbt(dueAt), domain.ChoreExcused, c.Points,
			"", "", mgr, pbt(excusedAt), "Out at a job interview.", pbt(generated), pbt(excusedAt))
	}
}

// ahead seeds open assignments for the days after today while the pool
// is short of its share, with their chore_days rows, so the chore job
// does not generate those days again.
func (hs *houseSeed) ahead() error {
	s := hs.seeder
	share := (s.cfg.OpenPool*(len(s.res.Houses)) + s.cfg.Houses - 1) / s.cfg.Houses
	present := hs.present(hs.today)
	days := 0
	for d := hs.today + 1; len(s.res.Pool) < share && days < 366; d++ {
		days++
		ids := make([]string, len(present))
		for i, o := range present {
			ids[i] = o.p.ID
		}
		assigned := 0
		for ci, c := range hs.chores {
			due, _ := domain.ChoreDueOn(c.Cadence, c.Weekday, c.Monthday, d.String())
			if !due || len(present) == 0 {
				continue
			}
			o := present[hs.rotation[ci]%len(present)]
			hs.rotation[ci]++
			if err := hs.assignment(c, o, d, hs.at(d, c.Due.Hour, c.Due.Minute), hs.now, true); err != nil {
				return err
			}
			assigned++
		}
		err := s.insert("chore_days", "id,house,day,present,assigned,unassigned,created",
			s.id(), hs.h.ID, d.String(), `["`+strings.Join(ids, `","`)+`"]`, assigned, "[]", pbt(hs.now))
		if err != nil {
			return err
		}
	}
	s.res.AheadDays = max(s.res.AheadDays, days)
	return nil
}

// checkins seeds the day's daily check-ins and the night's curfew ones
// (a night not yet over is left alone), with the jobs' reminders and
// summaries.
func (hs *houseSeed) checkins(d domain.CivilDay, present []*occupant) error {
	s := hs.seeder
	cols := "id,user,house,kind,mood,craving,note,late,day,created"
	deadline := hs.at(d, 21, 0)
	missing := 0
	for _, o := range present {
		if !s.chance(o.reliability) {
			missing++
			if err := hs.notify(o.p.ID, "checkin_reminder", "Time for your daily check-in", "Check in before 9:00 pm.", "/checkin", deadline.Add(-time.Hour)); err != nil {
				return err
			}
			continue
		}
		at := hs.atMinute(d, s.between(7*60+30, 21*60+15))
		mood := min(5, max(1, int(s.rng.NormFloat64()*0.9+3.6)))
		craving := min(10, max(0, int(s.rng.ExpFloat64()*2)))
		note := ""
		if s.chance(0.25) {
			note = pick(s, checkinNotes)
		}
		if err := s.insert("checkins", cols, s.id(), o.p.ID, hs.h.ID, domain.CheckinDaily, mood, craving, note, false, d.String(), pbt(at)); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%d of %d checked in today.", len(present)-missing, len(present))
	if err := hs.notify(hs.h.Manager.ID, "checkin_summary", "Daily check-ins", summary, "/manage/today", deadline); err != nil {
		return err
	}
	for _, job := range []string{"checkin_reminder", "checkin_summary"} {
		if err := s.insert("job_runs", "id,house,job,day,created", s.id(), hs.h.ID, job, d.String(), pbt(deadline)); err != nil {
			return err
		}
	}

	if d >= hs.night {
		return nil
	}
	c, _, _ := domain.NightCurfew(d.String(), curfew, curfewWeekend)
	due, err := domain.CurfewInstant(d.String(), c, hs.loc)
	if err != nil {
		return err
	}
	late := 0
	for _, o := range present {
		if !s.chance(o.reliability) {
			continue
		}
		at := due.Add(-time.Duration(s.between(5, 240)) * time.Minute)
		if s.chance(0.05) {
			at = due.Add(time.Duration(s.between(1, 75)) * time.Minute)
			late++
		}
		if err := s.insert("checkins", cols, s.id(), o.p.ID, hs.h.ID, domain.CheckinCurfew, 0, 0, "", at.After(due), d.String(), pbt(at)); err != nil {
			return err
		}
	}
	sent := due.Add(15 * time.Minute)
	if err := hs.notify(hs.h.Manager.ID, "curfew_summary", "Curfew", fmt.Sprintf("Everyone is home (%d late).", late), "/manage/today", sent); err != nil {
		return err
	}
	return s.insert("job_runs", "id,house,job,day,created", s.id(), hs.h.ID, "curfew_summary", d.String(), pbt(sent))
}

// meetings seeds outside meetings, about three a week per resident.
func (hs *houseSeed) meetings(d domain.CivilDay, present []*occupant) error {
	s := hs.seeder
	for _, o := range present {
		if !s.chance(3.0 / 7 * (o.reliability + 0.05)) {
			continue
		}
		created := hs.atMinute(d, s.between(19*60, 23*60))
		verifiedBy, verifiedAt := "", ""
		if hs.today-d > 3 && s.chance(0.6) {
			verifiedBy, verifiedAt = hs.h.Manager.ID, pbt(created.Add(time.Duration(s.between(12, 72))*time.Hour))
		}
		format := "in_person"
		if s.chance(0.25) {
			format = "online"
		}
		err := s.insert("meetings", "id,user,house,date,program,name,format,verified_by,verified_at,created,updated",
			s.id(), o.p.ID, hs.h.ID, pbDay(d), pick(s, programs), pick(s, meetingNames), format,
			verifiedBy, verifiedAt, pbt(created), pbt(created))
		if err != nil {
			return err
		}
	}
	return nil
}
