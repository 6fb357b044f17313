package hooks

import (
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// houseIndex is, per house, the people who have a membership of it (any
// role, any status) or are the partner on one: everyone a rule's
// "@request.auth.memberships_via_user.house ?= ..." or
// "@request.auth.memberships_via_partner.house ?= ..." can hold for. A
// house is read from the database when first needed, forgotten when one of
// its memberships changes (bindRealtimeFanout), and read again after
// houseIndexMaxAge in any case, for writes that bypass the hooks. A house
// of 20 costs about a kilobyte.
type houseIndex struct {
	app core.App
	now func() time.Time

	mu     sync.Mutex
	houses map[string]houseEntry
	gen    map[string]uint64 // bumped by forget: a read begun before is not kept
}

// houseIndexMaxAge is how long a house's people are trusted without a
// membership change being seen.
const houseIndexMaxAge = time.Minute

type houseEntry struct {
	people []string
	read   time.Time
}

func newHouseIndex(app core.App) *houseIndex {
	return &houseIndex{app: app, now: time.Now, houses: map[string]houseEntry{}, gen: map[string]uint64{}}
}

// people returns the house's people.
func (x *houseIndex) people(house string) ([]string, error) {
	for {
		x.mu.Lock()
		if e, ok := x.houses[house]; ok && x.now().Sub(e.read) < houseIndexMaxAge {
			x.mu.Unlock()
			return e.people, nil
		}
		gen := x.gen[house]
		x.mu.Unlock()

		read := x.now()
		people, err := x.load(house)
		if err != nil {
			return nil, err
		}
		x.mu.Lock()
		if x.gen[house] == gen {
			x.houses[house] = houseEntry{people: people, read: read}
			x.mu.Unlock()
			return people, nil
		}
		x.mu.Unlock() // a membership changed while reading: read again
	}
}

func (x *houseIndex) load(house string) ([]string, error) {
	var rows []struct {
		User    string `db:"user"`
		Partner string `db:"partner"`
	}
	err := x.app.ConcurrentDB().NewQuery(
		"SELECT [[user]], [[partner]] FROM {{memberships}} WHERE [[house]] = {:house}",
	).Bind(dbx.Params{"house": house}).All(&rows)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, 2*len(rows))
	people := make([]string, 0, len(rows))
	for _, r := range rows {
		for _, id := range []string{r.User, r.Partner} {
			if id != "" && !seen[id] {
				seen[id] = true
				people = append(people, id)
			}
		}
	}
	return people, nil
}

// forget drops the house's people, to be read again on the next event.
func (x *houseIndex) forget(house string) {
	if house == "" {
		return
	}
	x.mu.Lock()
	delete(x.houses, house)
	x.gen[house]++
	x.mu.Unlock()
}
