package pb_migrations_test

import (
	"testing"

	tk "hearth/testkit"
)

// TestHousesSupportCravingDefault: houses that existed before the field
// came get the default, 7, not 0 (which would make every check-in ask
// for support).
func TestHousesSupportCravingDefault(t *testing.T) {
	m := migration(t, "1763900017_houses_support_craving.go")
	app := tk.NewApp(t)
	defer app.Cleanup()
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	houses, err := app.FindAllRecords("houses")
	if err != nil || len(houses) == 0 {
		t.Fatalf("houses: %d, %v", len(houses), err)
	}
	for _, h := range houses {
		if got := h.GetInt("support_craving"); got != 7 {
			t.Errorf("house %s: support_craving %d, want 7", h.GetString("name"), got)
		}
	}
}
