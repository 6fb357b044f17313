package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Staff records: drug tests and incidents, kept closed by default and open
// to the person they are about. See docs/API.md, "Staff records".
//
//   - drug_tests: a test of one resident. Managers of the house record and,
//     for 24 hours, correct it; after that a correction is a new record
//     whose corrects points at the old one (hooks). The managers and the
//     resident see it; only superusers delete it.
//   - incidents: what happened in a house, who was involved (people), what
//     was done, a follow-up date and a corrective agreement each person
//     named acknowledges (acknowledged, set by the server). Managers write;
//     managers and the people named see it; only superusers delete it.
//   - random_test_picks: who Hearth picked for a random test, when and at
//     whose request, so nobody can say they were singled out. Written by
//     the server only; managers of the house read.
var (
	drugTestMethods  = []string{"urine", "saliva", "breath", "other"}
	drugTestResults  = []string{"negative", "positive", "dilute", "invalid", "refused", "pending"}
	incidentKinds    = []string{"overdose", "use_on_property", "relapse", "violence", "threat", "property_damage", "emergency_services", "medical", "rule_violation", "other"}
	incidentSeverity = []string{"minor", "serious", "critical"}
	incidentStatuses = []string{"open", "closed"}
	documentTypes    = []string{"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"}
)

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}
		managers := types.Pointer(managerOf("house"))

		tests := core.NewBaseCollection("drug_tests")
		tests.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true,
				Help: "the resident tested"},
			&core.DateField{Name: "tested_at", Required: true},
			&core.SelectField{Name: "method", Values: drugTestMethods, MaxSelect: 1, Required: true},
			&core.TextField{Name: "panel", Max: 200, Help: "the panel, e.g. 12-panel"},
			&core.SelectField{Name: "result", Values: drugTestResults, MaxSelect: 1, Required: true},
			&core.JSONField{Name: "substances", MaxSize: 2000, Help: "a list of the substances found"},
			&core.BoolField{Name: "observed"},
			&core.TextField{Name: "notes", Max: 4000},
			// Protected: a photo of the form is seen only through a file token.
			&core.FileField{Name: "document", MaxSelect: 1, MaxSize: 10 << 20, Protected: true,
				MimeTypes: documentTypes, Thumbs: []string{"480x0"}},
			&core.RelationField{Name: "recorded_by", CollectionId: users.Id, MaxSelect: 1,
				Help: "set by the server: the manager who recorded it"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		tests.AddIndex("idx_drug_tests_house_tested", false, "`house`, `tested_at`", "")
		tests.AddIndex("idx_drug_tests_user_tested", false, "`user`, `tested_at`", "")
		testSeers := types.Pointer(or(managerOf("house"), self("user")))
		tests.ListRule = testSeers
		tests.ViewRule = testSeers
		tests.CreateRule = managers
		tests.UpdateRule = managers
		// Delete: superusers only (nil).
		if err := app.Save(tests); err != nil {
			return err
		}
		tests.Fields.Add(&core.RelationField{Name: "corrects", CollectionId: tests.Id, MaxSelect: 1,
			Help: "the record this one corrects"})
		tests.AddIndex("idx_drug_tests_corrects", false, "`corrects`", "")
		if err := app.Save(tests); err != nil {
			return err
		}

		incidents := core.NewBaseCollection("incidents")
		incidents.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.DateField{Name: "occurred_at", Required: true},
			&core.SelectField{Name: "kind", Values: incidentKinds, MaxSelect: 1, Required: true},
			&core.SelectField{Name: "severity", Values: incidentSeverity, MaxSelect: 1, Required: true},
			&core.RelationField{Name: "people", CollectionId: users.Id, MaxSelect: 50,
				Help: "the people involved; each sees the incident"},
			&core.TextField{Name: "description", Required: true, Max: 10000},
			&core.TextField{Name: "actions", Max: 10000, Help: "what was done"},
			&core.DateField{Name: "follow_up_by"},
			&core.SelectField{Name: "status", Values: incidentStatuses, MaxSelect: 1},
			&core.TextField{Name: "agreement", Max: 10000, Help: "a corrective agreement the people named acknowledge"},
			&core.JSONField{Name: "acknowledged", MaxSize: 4000,
				Help: "set by the server: user id → when they acknowledged the agreement"},
			&core.RelationField{Name: "recorded_by", CollectionId: users.Id, MaxSelect: 1,
				Help: "set by the server: the manager who recorded it"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		incidents.AddIndex("idx_incidents_house_occurred", false, "`house`, `occurred_at`", "")
		incidents.AddIndex("idx_incidents_follow_up", false, "`follow_up_by`", "")
		incidentSeers := types.Pointer(or(managerOf("house"), and("@request.auth.id != ''", "people.id ?= @request.auth.id")))
		incidents.ListRule = incidentSeers
		incidents.ViewRule = incidentSeers
		incidents.CreateRule = managers
		incidents.UpdateRule = managers
		// Delete: superusers only (nil): history is never rewritten.
		if err := app.Save(incidents); err != nil {
			return err
		}
		incidents.Fields.Add(&core.RelationField{Name: "corrects", CollectionId: incidents.Id, MaxSelect: 1,
			Help: "the record this one corrects"})
		if err := app.Save(incidents); err != nil {
			return err
		}

		picks := core.NewBaseCollection("random_test_picks")
		picks.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true,
				Help: "the resident picked"},
			&core.RelationField{Name: "picked_by", CollectionId: users.Id, MaxSelect: 1,
				Help: "the manager who asked"},
			&core.TextField{Name: "draw", Required: true, Max: 40, Help: "one id per request: the residents picked together"},
			&core.NumberField{Name: "pool", OnlyInt: true, Help: "how many active residents it picked among"},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		picks.AddIndex("idx_random_test_picks_house_created", false, "`house`, `created`", "")
		picks.ListRule = managers
		picks.ViewRule = managers
		// Nobody writes through the API: the server records each pick.
		return app.Save(picks)
	}, func(app core.App) error {
		return deleteCollections(app, "random_test_picks", "incidents", "drug_tests")
	})
}
