package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

var (
	eventKinds   = []string{"house_meeting", "social", "service", "other"}
	eventRepeats = []string{"weekly"}
	rsvpStatuses = []string{"yes", "no", "maybe"}
)

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}

		// An event is one occurrence: a weekly series is stored as one
		// event per week, sharing `series`, so RSVPs and attendance are
		// always about one evening (hooks/events_series.go).
		events := core.NewBaseCollection("events")
		events.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "description", Max: 2000},
			&core.SelectField{Name: "kind", Values: eventKinds, MaxSelect: 1, Required: true},
			&core.DateField{Name: "starts", Required: true},
			&core.DateField{Name: "ends", Required: true, Help: "after starts; an hour after it when left out"},
			&core.TextField{Name: "location", Max: 200},
			&core.BoolField{Name: "required"},
			&core.SelectField{Name: "repeat", Values: eventRepeats, MaxSelect: 1,
				Help: "weekly: the server keeps the next 12 weeks of occurrences"},
			&core.DateField{Name: "repeat_until", Help: "the house-local last day of a weekly series; empty = no end"},
			&core.TextField{Name: "series", Max: 15, Help: "set by the server: the id of the series' first event"},
			&core.RelationField{Name: "created_by", CollectionId: users.Id, MaxSelect: 1, Help: "set by the server"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// The home screen's week and the house's calendar.
		events.AddIndex("idx_events_house_starts", false, "`house`, `starts`", "")
		// One occurrence per series and start, even if two extensions race.
		events.AddIndex("idx_events_series_starts", true, "`series`, `starts`", "`series` != ''")
		members := types.Pointer(memberOf("house"))
		events.ListRule = members
		events.ViewRule = members
		events.CreateRule = types.Pointer(managerOf("house"))
		events.UpdateRule = types.Pointer(and(managerOf("house"),
			"(@request.body.house:isset = false || @request.body.house = house)"))
		events.DeleteRule = types.Pointer(managerOf("house"))
		if err := app.Save(events); err != nil {
			return err
		}

		rsvps := core.NewBaseCollection("rsvps")
		rsvps.Fields.Add(
			&core.RelationField{Name: "event", CollectionId: events.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			// Empty on a row a manager made to take attendance of someone
			// who never answered.
			&core.SelectField{Name: "status", Values: rsvpStatuses, MaxSelect: 1},
			&core.BoolField{Name: "attended", Help: "set by the house's managers once the event has started"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		rsvps.AddIndex("idx_rsvps_event_user", true, "`event`, `user`", "")
		rsvps.AddIndex("idx_rsvps_user_event", false, "`user`, `event`", "")
		houseMembers := types.Pointer(memberOf("event.house"))
		rsvps.ListRule = houseMembers
		rsvps.ViewRule = houseMembers
		// A member answers for themselves; a manager of the house also
		// takes attendance for anyone (the hooks say who writes which
		// field, and when).
		rsvps.CreateRule = types.Pointer(or(
			and(self("@request.body.user"), memberOf("event.house")),
			managerOf("event.house"),
		))
		rsvps.UpdateRule = types.Pointer(or(
			and(self("user"), memberOf("event.house")),
			managerOf("event.house"),
		))
		// Nobody but superusers deletes one: "no" is an answer, and
		// attendance is a record.
		return app.Save(rsvps)
	}, func(app core.App) error {
		return deleteCollections(app, "rsvps", "events")
	})
}
