package durability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
)

// TestSynchronousCost measures what synchronous=FULL on data.db
// (hooks/db_connect.go) costs a resident: the time of a check-in create
// through the real binary over HTTP, against the same binary built with
// PocketBase's default NORMAL (go build -overlay swaps db_connect.go for a
// copy that says NORMAL; the tree is not touched). Both servers run at
// once on data directories of the same shape, and their requests
// alternate, so the machine's load falls on both alike. It runs in long
// mode or with HEARTH_SYNC_COST=1, and reports; it asserts nothing about
// the figures.
func TestSynchronousCost(t *testing.T) {
	if !longMode && os.Getenv("HEARTH_SYNC_COST") != "1" {
		t.Skip("a measurement: run with -long, HEARTH_LONG=1 or HEARTH_SYNC_COST=1")
	}
	const residents = 300
	root := testDir(t)

	// The NORMAL build.
	src := filepath.Join(repoRoot, "hooks", "db_connect.go")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(orig), `return "FULL"`) != 1 {
		t.Fatalf(`%s no longer has one 'return "FULL"': update this test`, src)
	}
	normalSrc := filepath.Join(root, "db_connect_normal.go")
	if err := os.WriteFile(normalSrc, []byte(strings.Replace(string(orig), `return "FULL"`, `return "NORMAL"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{src: normalSrc}})
	overlayPath := filepath.Join(root, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	normalBin := filepath.Join(root, "hearth-normal")
	if err := buildHearth(normalBin, "-overlay", overlayPath); err != nil {
		t.Fatal(err)
	}

	type mode struct {
		name  string
		srv   *server
		users []*client
		ids   []string
		house string
		times []time.Duration
	}
	modes := []*mode{{name: "synchronous=FULL (Hearth)"}, {name: "synchronous=NORMAL (PocketBase's default)"}}
	for i, m := range modes {
		bin := binPath
		if i == 1 {
			bin = normalBin
		}
		dir := filepath.Join(root, fmt.Sprintf("data%d", i))
		house, ids, err := seedResidents(dir, residents)
		if err != nil {
			t.Fatal(err)
		}
		m.house, m.ids = house, ids
		m.srv = newServerWith(t, bin, dir)
		su := superuser(t, m.srv)
		openTheGates(t, su)
		for _, id := range ids {
			var res struct {
				Token string `json:"token"`
			}
			su.must(t, "POST", "/api/collections/users/impersonate/"+id, map[string]any{"duration": 3600}, &res)
			m.users = append(m.users, &client{base: m.srv.base, token: res.Token, http: newHTTP()})
		}
	}

	// Each resident checks in (daily, then curfew) on each server in turn,
	// one request at a time, as phones do.
	rng := rand.New(rand.NewPCG(1, 1))
	for _, kind := range []string{"daily", "curfew"} {
		for i := range residents {
			order := []int{0, 1}
			if rng.IntN(2) == 0 {
				order = []int{1, 0}
			}
			for _, k := range order {
				m := modes[k]
				body := map[string]any{"user": m.ids[i], "house": m.house, "kind": kind}
				if kind == "daily" {
					body["mood"], body["craving"] = 4, 1
				}
				t0 := time.Now()
				if err := m.users[i].do(context.Background(), "POST", "/api/collections/checkins/records", body, nil); err != nil {
					t.Fatal(err)
				}
				m.times = append(m.times, time.Since(t0))
			}
		}
	}
	for _, m := range modes {
		slices.Sort(m.times)
		q := func(p float64) time.Duration {
			return m.times[int(p*float64(len(m.times)-1))].Round(10 * time.Microsecond)
		}
		t.Logf("%s: %d check-ins, p50 %s, p90 %s, p99 %s, max %s", m.name, len(m.times), q(0.5), q(0.9), q(0.99), q(1))
	}
}

// seedResidents writes a house and n residents into an empty data
// directory, without passwords (the test signs them in by impersonation),
// and returns the house's and the residents' ids.
func seedResidents(dir string, n int) (string, []string, error) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: hooks.DBConnect})
	if err := app.Bootstrap(); err != nil {
		return "", nil, err
	}
	defer app.ClearBootstrap()
	if err := app.RunAllMigrations(); err != nil {
		return "", nil, err
	}
	var house string
	var ids []string
	err := app.RunInTransaction(func(tx core.App) error {
		s := &seeder{app: tx, rng: rand.New(rand.NewPCG(1, 2)), loc: time.UTC, cols: map[string]*core.Collection{}}
		earlier := time.Now().Add(-72 * time.Hour)
		h, err := s.save("houses", earlier, map[string]any{"name": "Timing House", "timezone": "UTC", "curfew": "23:00", "checkin_by": "21:00"})
		if err != nil {
			return err
		}
		house = h.Id
		for i := range n {
			u, err := s.save("users", earlier, map[string]any{"email": fmt.Sprintf("timing%03d@sync.example", i), "name": fmt.Sprintf("Resident %03d", i)})
			if err != nil {
				return err
			}
			if _, err := s.save("memberships", earlier, map[string]any{
				"house": house, "user": u.Id, "role": "resident", "status": "active",
				"move_in": earlier.Format("2006-01-02"),
			}); err != nil {
				return err
			}
			ids = append(ids, u.Id)
		}
		return nil
	})
	return house, ids, err
}
