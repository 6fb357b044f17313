package housecmd_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	"hearth/testkit"
)

func TestList(t *testing.T) {
	app := newApp(t)
	out, err := run(t, app, "create", "--name", "Maple House", "--timezone", "America/Los_Angeles", "--capacity", "8",
		"--manager-email", "rosa@example.org", "--manager-name", "Rosa Delgado")
	if err != nil {
		t.Fatalf("create: %v\n%s", err, out)
	}
	maple, err := app.FindFirstRecordByData("houses", "name", "Maple House")
	if err != nil {
		t.Fatal(err)
	}
	w := testkit.Seeded(t)

	out, err = run(t, app, "list")
	if err != nil {
		t.Fatalf("list: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, col := range []string{"ID", "NAME", "TIMEZONE", "CAPACITY", "ACTIVE RESIDENTS", "MANAGERS"} {
		if !strings.Contains(lines[0], col) {
			t.Errorf("header lacks %s: %q", col, lines[0])
		}
	}
	if len(lines) != 4 {
		t.Errorf("%d lines, want a header and 3 houses:\n%s", len(lines), out)
	}

	cases := []struct {
		id   string
		want []string // in the house's line, in this order
	}{
		// Cedar House: residentA1 and residentA2 are active; awayA, alumnusA
		// and dischargedA are not counted.
		{w.HouseA, []string{w.HouseA, "Cedar House", "America/Los_Angeles", "5", "2", testkit.ManagerA + "@example.com"}},
		// Birch House: residentB and dischargedA (active in B).
		{w.HouseB, []string{w.HouseB, "Birch House", "America/New_York", "no limit", "2", testkit.ManagerB + "@example.com"}},
		{maple.Id, []string{maple.Id, "Maple House", "America/Los_Angeles", "8", "0", "rosa@example.org"}},
	}
	for _, tc := range cases {
		line := ""
		for _, l := range lines {
			if strings.HasPrefix(l, tc.id+" ") {
				line = l
			}
		}
		if line == "" {
			t.Errorf("no line for %s:\n%s", tc.id, out)
			continue
		}
		rest := line
		for _, s := range tc.want {
			i := strings.Index(rest, s)
			if i < 0 {
				t.Errorf("line %q lacks %q (in order %q)", line, s, tc.want)
				break
			}
			rest = rest[i+len(s):]
		}
	}
}

func TestListEmpty(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := hooks.Register(app, hooks.Config{}); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, app, "list")
	if err != nil {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if !strings.Contains(out, "No houses yet") || !strings.Contains(out, "hearth house create") {
		t.Errorf("empty list says:\n%s", out)
	}
}
