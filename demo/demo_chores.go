package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"hearth/domain"
	"hearth/hooks"
)

// chores are the demo house's chores.
var chores = []domain.ChoreSpec{
	{Title: "Kitchen clean-up", Description: "Dishes done and put away, counters and stove wiped, floor swept.",
		Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 21}, Points: 2, NeedsPhoto: true},
	{Title: "Trash and recycling", Description: "Empty every bin, new bags in, take the bins to the curb on Tuesday night.",
		Cadence: domain.CadenceDaily, Due: domain.Clock{Hour: 20}, Points: 1},
	{Title: "Bathrooms", Description: "Toilets, sinks, mirrors and showers; mop the floors.",
		Cadence: domain.CadenceWeekly, Weekday: 6, Due: domain.Clock{Hour: 12}, Points: 3, NeedsPhoto: true},
	{Title: "Vacuum the living room", Cadence: domain.CadenceWeekly, Weekday: 3, Due: domain.Clock{Hour: 19}, Points: 2},
	{Title: "Yard and porch", Description: "Sweep the porch, pick up the yard, water the planters.",
		Cadence: domain.CadenceWeekly, Weekday: 0, Due: domain.Clock{Hour: 16}, Points: 2},
	{Title: "Clean out the fridge", Description: "Throw out anything past its date; wipe the shelves.",
		Cadence: domain.CadenceMonthly, Monthday: 1, Due: domain.Clock{Hour: 18}, Points: 3, NeedsPhoto: true},
}

// historyDays is how many days of chores the demo starts with.
const historyDays = 14

// seedChores adds the chores and two weeks of them already assigned (by the
// real rotation) and settled the way a real house settles them: most
// approved, a few missed or excused, one sent back, yesterday's waiting for
// review. It does nothing if the house has chores. It returns the records
// it added.
func seedChores(tx core.App, house *core.Record, manager string, now time.Time, loc *time.Location) (int, error) {
	n, err := tx.CountRecords("chores", dbx.HashExp{"house": house.Id})
	if err != nil || n > 0 {
		return 0, err
	}
	c, err := tx.FindCollectionByNameOrId("chores")
	if err != nil {
		return 0, err
	}
	for _, ch := range chores {
		r := core.NewRecord(c)
		r.Load(ch.Fields(house.Id))
		if err := tx.Save(r); err != nil {
			return 0, fmt.Errorf("chore %q: %w", ch.Title, err)
		}
	}
	added := len(chores)

	// Each day, today's included, is generated as the midnight job would
	// have: at the house-local start of the day (stepping in the house's
	// zone, so a daylight-saving change never skips or repeats a day).
	today, err := domain.ParseCivilDay(domain.LocalDate(now, loc))
	if err != nil {
		return 0, err
	}
	for d := domain.CivilDay(historyDays - 1); d >= 0; d-- {
		start, err := domain.LocalInstant((today - d).String(), domain.Clock{}, loc)
		if err != nil {
			return 0, err
		}
		res, err := hooks.GenerateChores(tx, house.Id, start)
		if err != nil {
			return 0, err
		}
		added += res.Assigned + 1 // the day's chore_days row
	}
	return added, settlePast(tx, house, manager, now, loc)
}

// settlePast settles the assignments whose day is over, and yesterday's
// evening ones as done and waiting for the manager.
func settlePast(tx core.App, house *core.Record, manager string, now time.Time, loc *time.Location) error {
	today := domain.LocalDate(now, loc)
	midnight, err := domain.LocalInstant(today, domain.Clock{}, loc)
	if err != nil {
		return err
	}
	past, err := tx.FindRecordsByFilter("chore_assignments", "house = {:h} && due < {:midnight}", "due", 0, 0,
		dbx.Params{"h": house.Id, "midnight": midnight.UTC().Format(time.DateTime)})
	if err != nil {
		return err
	}
	photo, err := proofPhoto()
	if err != nil {
		return err
	}
	yesterday := midnight.AddDate(0, 0, -1)
	for i, a := range past {
		due := a.GetDateTime("due").Time()
		chore, err := tx.FindRecordById("chores", a.GetString("chore"))
		if err != nil {
			return err
		}
		status := domain.ChoreApproved
		switch {
		case !due.Before(yesterday):
			status = domain.ChoreDone
		case i%11 == 5:
			status = domain.ChoreMissed
		case i%13 == 7:
			status = domain.ChoreExcused
			a.Set("review_note", "Had a family emergency; we swapped with the next day.")
		case i == len(past)-6:
			status = domain.ChoreRejected
			a.Set("review_note", "The stove still has grease on it. Could you give it another wipe?")
		}
		if status != domain.ChoreMissed && status != domain.ChoreExcused {
			a.Set("done_at", due.Add(-40*time.Minute))
			if chore.GetBool("needs_photo") {
				f, err := filesystem.NewFileFromBytes(photo, "proof.png")
				if err != nil {
					return err
				}
				a.Set("photo", f)
			}
		}
		if status != domain.ChoreDone {
			a.Set("reviewed_by", manager)
			a.Set("reviewed_at", due.Add(2*time.Hour))
		}
		a.Set("status", status)
		if err := tx.Save(a); err != nil {
			return err
		}
	}
	return nil
}

// proofPhoto draws a small stand-in for a photo of a clean counter.
func proofPhoto() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := range 240 {
		for x := range 320 {
			c := color.RGBA{R: 200 - uint8(y/4), G: 214 - uint8(y/5), B: 222, A: 255}
			if y > 150 {
				c = color.RGBA{R: 150 + uint8(x/8), G: 120 + uint8(x/10), B: 90, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
