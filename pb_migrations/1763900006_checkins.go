package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

var (
	checkinKinds    = []string{"daily", "curfew"}
	meetingPrograms = []string{"aa", "na", "ca", "smart", "recovery_dharma", "celebrate_recovery", "refuge", "other"}
	meetingFormats  = []string{"in_person", "online"}
	proofImageTypes = []string{"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"}
	dayPattern      = `^\d{4}-\d{2}-\d{2}$`
)

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}

		// Who sees a resident's check-ins and meetings: the resident, the
		// house's managers, and the partner the resident chose.
		seers := types.Pointer(or(self("user"), managerOf("house"), partnerOf("house", "user")))
		// Who writes one: a resident of the house, as themselves.
		ownCreate := types.Pointer(and(self("@request.body.user"), requesterIn("house", "resident", "active", "away")))

		checkins := core.NewBaseCollection("checkins")
		checkins.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "kind", Values: checkinKinds, MaxSelect: 1, Required: true},
			&core.NumberField{Name: "mood", Min: types.Pointer(1.0), Max: types.Pointer(5.0), OnlyInt: true, Help: "daily: 1 (very low) to 5 (great)"},
			&core.NumberField{Name: "craving", Min: types.Pointer(0.0), Max: types.Pointer(10.0), OnlyInt: true, Help: "daily: 0 (none) to 10"},
			&core.TextField{Name: "note", Max: 2000},
			&core.BoolField{Name: "late"},
			&core.TextField{Name: "day", Max: 10, Pattern: dayPattern, Help: "set by the server: the house-local day, or the night (12:00 to 12:00) for curfew"},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		// One daily check-in a day and one curfew check-in a night, even if
		// two requests race; it also serves a resident's streak.
		checkins.AddIndex("idx_checkins_user_house_kind_day", true, "`user`, `house`, `kind`, `day`", "")
		// The manager's board: a house's check-ins of one day or night.
		checkins.AddIndex("idx_checkins_house_kind_day", false, "`house`, `kind`, `day`", "")
		checkins.ListRule = seers
		checkins.ViewRule = seers
		checkins.CreateRule = ownCreate
		// Nobody but superusers updates or deletes a check-in.
		if err := app.Save(checkins); err != nil {
			return err
		}

		meetings := core.NewBaseCollection("meetings")
		meetings.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.DateField{Name: "date", Required: true},
			&core.SelectField{Name: "program", Values: meetingPrograms, MaxSelect: 1, Required: true},
			&core.TextField{Name: "name", Max: 200},
			&core.SelectField{Name: "format", Values: meetingFormats, MaxSelect: 1},
			// Protected: a signed slip is seen only through a file token.
			&core.FileField{Name: "proof", MaxSelect: 1, MaxSize: 8 << 20, Protected: true,
				MimeTypes: proofImageTypes, Thumbs: []string{"480x0", "120x120"}},
			&core.RelationField{Name: "verified_by", CollectionId: users.Id, MaxSelect: 1},
			&core.DateField{Name: "verified_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// A resident's week of meetings; a house's, for managers.
		meetings.AddIndex("idx_meetings_user_date", false, "`user`, `date`", "")
		meetings.AddIndex("idx_meetings_house_date", false, "`house`, `date`", "")
		meetings.ListRule = seers
		meetings.ViewRule = seers
		meetings.CreateRule = ownCreate
		unverifiedOwn := and(self("user"), "verified_by = ''", requesterIn("house", "resident", "active", "away"))
		// The hooks let the owner change the log but not verified_by, and
		// managers change only verified_by.
		meetings.UpdateRule = types.Pointer(or(unverifiedOwn, managerOf("house")))
		meetings.DeleteRule = types.Pointer(unverifiedOwn)
		if err := app.Save(meetings); err != nil {
			return err
		}

		// job_runs is the jobs' ledger: one row per house, job and day (or
		// night) a job has done, written in the same transaction as what it
		// sent, so a restart never sends anything twice. Server only.
		runs := core.NewBaseCollection("job_runs")
		runs.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "job", Required: true, Max: 40},
			&core.TextField{Name: "day", Required: true, Max: 10, Pattern: dayPattern},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		runs.AddIndex("idx_job_runs_house_job_day", true, "`house`, `job`, `day`", "")
		return app.Save(runs)
	}, func(app core.App) error {
		return deleteCollections(app, "job_runs", "meetings", "checkins")
	})
}
