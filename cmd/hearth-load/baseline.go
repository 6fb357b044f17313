package main

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"hearth/domain"
)

// The baseline is bare PocketBase in the same binary, on the same data
// and machine: a base collection shaped like checkins (the same columns,
// relation-free) with no hooks, a one-line rule and one index, holding as
// many rows as checkins. What Hearth's actions cost beyond it is what
// Hearth's rules, hooks and routes add.
const baselineCollection = "load_baseline"

// The baseline's actions, each compared with Hearth's like actions.
const (
	actBaseCreate = "base_create" // POST a record
	actBaseView   = "base_view"   // GET a record by id
	actBaseList   = "base_list"   // GET house = X, newest first, 20, skipTotal
)

// baselineMix is the baseline phase's mix.
const baselineMix = "base_list=40,base_view=30,base_create=30"

// baselineOf names the baseline action each Hearth action is compared
// with: reads with the filtered list, writes with the create.
var baselineOf = map[string]string{
	actHome:      actBaseList,
	actBoard:     actBaseList,
	actStatus:    actBaseList,
	actCheckin:   actBaseCreate,
	actReact:     actBaseCreate,
	actChoreDone: actBaseCreate,
	actPost:      actBaseCreate,
}

// baselineCollectionDef is the collection as the admin API creates it.
func baselineCollectionDef() map[string]any {
	rule := "@request.auth.id != ''"
	return map[string]any{
		"name":       baselineCollection,
		"type":       "base",
		"listRule":   rule,
		"viewRule":   rule,
		"createRule": rule,
		"fields": []map[string]any{
			{"name": "house", "type": "text", "required": true, "max": 15},
			{"name": "user", "type": "text", "required": true, "max": 15},
			{"name": "kind", "type": "text", "required": true, "max": 10},
			{"name": "mood", "type": "number", "onlyInt": true, "min": 0, "max": 5},
			{"name": "craving", "type": "number", "onlyInt": true, "min": 0, "max": 10},
			{"name": "note", "type": "text", "max": 2000},
			{"name": "late", "type": "bool"},
			{"name": "day", "type": "text", "max": 10},
			{"name": "created", "type": "autodate", "onCreate": true},
		},
		"indexes": []string{
			"CREATE INDEX `idx_load_baseline_house_created` ON `" + baselineCollection + "` (`house`, `created`)",
		},
	}
}

// baselineViewSample is how many baseline ids the view action picks from.
const baselineViewSample = 5000

// baseline copies every seeded check-in into the baseline collection
// under a new id, and keeps a sample of ids, spread over the table, for
// the view action.
func (s *seeder) baseline() error {
	res, err := s.tx.Exec("INSERT INTO `" + baselineCollection + "` (id, house, user, kind, mood, craving, note, late, day, created) " +
		"SELECT substr(lower(hex(randomblob(8))), 1, 15), house, user, kind, mood, craving, note, late, day, created FROM checkins ORDER BY created")
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	s.res.Rows[baselineCollection] = int(n)
	step := max(1, n/baselineViewSample)
	rows, err := s.tx.Query("SELECT id FROM `"+baselineCollection+"` WHERE rowid % ? = 0 LIMIT ?", step, baselineViewSample)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		s.res.BaselineIDs = append(s.res.BaselineIDs, id)
	}
	return rows.Err()
}

// baselineActions are the baseline phase's actions.
func (d *driver) baselineActions() []action {
	return []action{
		{name: actBaseList, run: (*worker).baseList},
		{name: actBaseView, run: (*worker).baseView},
		{name: actBaseCreate, run: (*worker).baseCreate},
	}
}

func (w *worker) baseCreate(ctx context.Context) result {
	p := w.resident()
	body := map[string]any{
		"house": p.House.ID, "user": p.ID, "kind": domain.CheckinDaily,
		"mood": 1 + w.rng.IntN(5), "craving": w.rng.IntN(6),
		"note": checkinNotes[w.rng.IntN(len(checkinNotes))],
		"day":  time.Now().Format("2006-01-02"),
	}
	return timed(w.d.c.do(ctx, http.MethodPost, "/api/collections/"+baselineCollection+"/records", p.Token, body, ""), nil, http.StatusOK)
}

func (w *worker) baseView(ctx context.Context) result {
	p := w.resident()
	if len(w.d.baseline) == 0 {
		return result{outcome: failed, detail: "no baseline record to view"}
	}
	id := w.d.baseline[w.rng.IntN(len(w.d.baseline))]
	return timed(w.d.c.do(ctx, http.MethodGet, "/api/collections/"+baselineCollection+"/records/"+id, p.Token, nil, ""), nil, http.StatusOK)
}

func (w *worker) baseList(ctx context.Context) result {
	p := w.resident()
	q := url.Values{}
	q.Set("page", "1")
	q.Set("perPage", "20")
	q.Set("skipTotal", "true")
	q.Set("filter", "house = '"+p.House.ID+"'")
	q.Set("sort", "-created")
	return timed(w.d.c.do(ctx, http.MethodGet, "/api/collections/"+baselineCollection+"/records?"+q.Encode(), p.Token, nil, ""), nil, http.StatusOK)
}
