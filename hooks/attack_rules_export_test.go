package hooks

import "github.com/pocketbase/pocketbase/core"

// HouseClockCurfew is the curfew a check-in of the house would be judged
// by now: what the app's house clock cache holds, read into it if need be
// (attack_rules_test.go).
func HouseClockCurfew(app core.App, house string) (string, error) {
	c := app.Store().Get(storeKeyHouseClocks).(*houseClocks)
	h, err := c.get(house)
	return h.curfew, err
}
