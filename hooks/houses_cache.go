package hooks

import (
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// houseClock is what a check-in needs of its house: where its days begin
// and end (its timezone) and its curfews.
type houseClock struct {
	id, timezone, curfew, curfewWeekend string
	loc                                 *time.Location
}

// houseClocks keeps each house's houseClock in memory, so that a check-in,
// the write a house makes most, reads nothing of its house. A house is
// read when first needed, forgotten when it is updated or deleted
// (bindHouseClocks: after the change is committed), and read again after
// houseClockMaxAge in any case, for changes that bypass the hooks (SQL by
// hand, another process). A read that a change overtook is not kept.
type houseClocks struct {
	app core.App
	now func() time.Time // the real clock: how long an entry has been trusted

	mu     sync.Mutex
	houses map[string]houseClockEntry
	gen    map[string]uint64 // bumped by forget
}

// houseClockMaxAge is how long a house's timezone and curfews are trusted
// without an update of the house being seen.
const houseClockMaxAge = time.Minute

type houseClockEntry struct {
	clock houseClock
	read  time.Time
}

// storeKeyHouseClocks holds the app's *houseClocks.
const storeKeyHouseClocks = "hearth.houseClocks"

// bindHouseClocks makes the app's house clock cache and forgets a house
// as soon as a change to it is committed.
func bindHouseClocks(app core.App) *houseClocks {
	c := &houseClocks{app: app, now: time.Now, houses: map[string]houseClockEntry{}, gen: map[string]uint64{}}
	app.Store().Set(storeKeyHouseClocks, c)
	forget := func(e *core.RecordEvent) error {
		c.forget(e.Record.Id)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess("houses").BindFunc(forget)
	app.OnRecordAfterDeleteSuccess("houses").BindFunc(forget)
	return c
}

// get returns the house's clock; sql.ErrNoRows when there is no such house.
func (c *houseClocks) get(house string) (houseClock, error) {
	c.mu.Lock()
	if e, ok := c.houses[house]; ok && c.now().Sub(e.read) < houseClockMaxAge {
		c.mu.Unlock()
		return e.clock, nil
	}
	gen := c.gen[house]
	c.mu.Unlock()

	read := c.now()
	var h houseClock
	err := c.app.ConcurrentDB().Select("id", "timezone", "curfew", "curfew_weekend").From("houses").
		Where(dbx.HashExp{"id": house}).Limit(1).
		Row(&h.id, &h.timezone, &h.curfew, &h.curfewWeekend)
	if err != nil {
		return houseClock{}, err
	}
	h.loc = houseZone(c.app, h.id, h.timezone)

	c.mu.Lock()
	if c.gen[house] == gen {
		c.houses[house] = houseClockEntry{clock: h, read: read}
	}
	c.mu.Unlock()
	return h, nil
}

// forget drops the house, to be read again when next needed.
func (c *houseClocks) forget(house string) {
	c.mu.Lock()
	delete(c.houses, house)
	c.gen[house]++
	c.mu.Unlock()
}
