package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
)

// houseLocation is the house's timezone. The houses hooks refuse a bad
// one on every save, so an error here means the database was edited by
// hand; UTC keeps the house working until someone fixes it.
func houseLocation(app core.App, house *core.Record) *time.Location {
	return houseZone(app, house.Id, house.GetString("timezone"))
}

// houseZone is houseLocation for a house read without its record: its id
// and its timezone's name.
func houseZone(app core.App, houseID, timezone string) *time.Location {
	loc, err := domain.LoadTimezone(timezone)
	if err != nil {
		app.Logger().Warn("house has an unknown timezone; using UTC", "house", houseID, "timezone", timezone)
		return time.UTC
	}
	return loc
}

// houseToday is the house-local date at now, as YYYY-MM-DD.
func houseToday(app core.App, house *core.Record, now time.Time) string {
	return domain.LocalDate(now, houseLocation(app, house))
}

// houseLocationByID is the timezone of the house with the id, UTC when
// there is no such house.
func houseLocationByID(app core.App, houseID string) *time.Location {
	house, err := app.FindRecordById("houses", houseID)
	if err != nil {
		return time.UTC
	}
	return houseLocation(app, house)
}
