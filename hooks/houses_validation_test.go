package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// badHouseValue is one bad value of one house field and the error Hearth
// answers it with.
type badHouseValue struct {
	field string
	value any
	code  string
	// words are part of Hearth's message, proving it is Hearth's and not
	// PocketBase's generic one.
	words string
}

func badHouseValues() []badHouseValue {
	var bad []badHouseValue
	for _, tz := range []string{"", "Local", "Mars/Olympus", " America/Los_Angeles", "+02:00"} {
		bad = append(bad, badHouseValue{"timezone", tz, "validation_invalid_timezone", "by its full name"})
	}
	for _, field := range []string{"curfew", "curfew_weekend", "checkin_by"} {
		for _, clock := range []string{"24:00", "7:30", "12:60", "11pm", "ab:cd"} {
			bad = append(bad, badHouseValue{field, clock, "validation_invalid_time", "needs a 24-hour time like 23:00"})
		}
	}
	bad = append(bad,
		badHouseValue{"capacity", -1, "validation_invalid_capacity", "number of beds as a whole number"},
		badHouseValue{"capacity", 2.5, "validation_invalid_capacity", "number of beds as a whole number"},
		badHouseValue{"chore_grace", -5, "validation_invalid_grace", "The grace time is a number of minutes"},
		badHouseValue{"meetings_per_week", -1, "validation_invalid_meetings", "Meetings per week is a number"},
		badHouseValue{"support_craving", -1, "validation_invalid_support_craving", "Choose a craving from 0 to 10"},
		badHouseValue{"support_craving", 11, "validation_invalid_support_craving", "Choose a craving from 0 to 10"},
		badHouseValue{"support_craving", 6.5, "validation_invalid_support_craving", "Choose a craving from 0 to 10"},
	)
	return bad
}

// TestHousesRefuseBadSettings sends every bad value of every house field
// through the API, as a superuser creating a house and as house A's manager
// updating it: each is a 400 on that field with Hearth's code and message,
// and nothing is saved.
func TestHousesRefuseBadSettings(t *testing.T) {
	w := tk.Seeded(t)
	for _, bad := range badHouseValues() {
		create := map[string]any{"name": "Bad House", "timezone": "Europe/Madrid", bad.field: bad.value}
		update := map[string]any{bad.field: bad.value}
		for _, s := range []tests.ApiScenario{
			{
				Name:    fmt.Sprintf("superuser creates a house with %s=%q", bad.field, fmt.Sprint(bad.value)),
				Method:  http.MethodPost,
				URL:     "/api/collections/houses/records",
				Body:    bodyJSON(t, create),
				Headers: w.Headers(tk.Superuser),
			},
			{
				Name:    fmt.Sprintf("managerA sets house A's %s=%q", bad.field, fmt.Sprint(bad.value)),
				Method:  http.MethodPatch,
				URL:     "/api/collections/houses/records/" + w.HouseA,
				Body:    bodyJSON(t, update),
				Headers: w.Headers(tk.ManagerA),
			},
		} {
			s.TestAppFactory = tk.Factory
			s.ExpectedStatus = 400
			s.ExpectedContent = []string{`"data":{`, fieldErrJSON(bad.field, bad.code), bad.words}
			s.NotExpectedContent = []string{`"id":`}
			expectUnchanged(&s, "houses")
			s.Test(t)
		}
	}
}

// TestHousesAcceptGoodSettings: valid updates pass and are stored.
func TestHousesAcceptGoodSettings(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name  string
		actor string
		body  map[string]any
	}{
		{"managerA sets curfew 23:30", tk.ManagerA, map[string]any{"curfew": "23:30"}},
		{"managerA sets timezone Europe/Madrid", tk.ManagerA, map[string]any{"timezone": "Europe/Madrid"}},
		{"managerA sets weekend curfew midnight", tk.ManagerA, map[string]any{"curfew_weekend": "00:00"}},
		{"managerA clears the curfew", tk.ManagerA, map[string]any{"curfew": ""}},
		{"managerA sets capacity 0 and grace 0", tk.ManagerA, map[string]any{"capacity": 0, "chore_grace": 0, "meetings_per_week": 0}},
		{"superuser sets checkin_by 20:45", tk.Superuser, map[string]any{"checkin_by": "20:45"}},
		{"managerA sets support_craving 0", tk.ManagerA, map[string]any{"support_craving": 0}},
		{"managerA sets support_craving 10", tk.ManagerA, map[string]any{"support_craving": 10}},
	}
	for _, c := range cases {
		body := c.body
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPatch,
			URL:             "/api/collections/houses/records/" + w.HouseA,
			Body:            bodyJSON(t, body),
			Headers:         w.Headers(c.actor),
			TestAppFactory:  tk.Factory,
			ExpectedStatus:  200,
			ExpectedContent: []string{`"id":"` + w.HouseA + `"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				house := findOrFail(t, app, "houses", w.HouseA)
				for field, want := range body {
					if got := fmt.Sprint(house.Get(field)); got != fmt.Sprint(want) {
						t.Errorf("stored %s = %q, want %q", field, got, fmt.Sprint(want))
					}
				}
			},
		}
		s.Test(t)
	}
}

// TestHouseDefaults: a house created through the API without the settings
// that have defaults gets them; settings it names are kept, even 0.
func TestHouseDefaults(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name string
		body map[string]any
		want map[string]any
	}{
		{
			name: "settings left out get the defaults",
			body: map[string]any{"name": "New House", "timezone": "America/Denver", "capacity": 4},
			want: map[string]any{"chore_grace": hooks.DefaultChoreGrace, "meetings_per_week": hooks.DefaultMeetingsPerWeek,
				"checkin_by": hooks.DefaultCheckinBy, "capacity": 4, "support_craving": hooks.DefaultSupportCraving},
		},
		{
			name: "defaults are 120, 3, 21:00 and 7",
			body: map[string]any{"name": "New House", "timezone": "America/Denver"},
			want: map[string]any{"chore_grace": 120, "meetings_per_week": 3, "checkin_by": "21:00", "support_craving": 7},
		},
		{
			name: "a blank checkin_by gets the default",
			body: map[string]any{"name": "New House", "timezone": "America/Denver", "checkin_by": ""},
			want: map[string]any{"checkin_by": "21:00"},
		},
		{
			name: "settings given are kept, zeros included",
			body: map[string]any{"name": "New House", "timezone": "America/Denver", "chore_grace": 0, "meetings_per_week": 5, "checkin_by": "22:15", "support_craving": 0},
			want: map[string]any{"chore_grace": 0, "meetings_per_week": 5, "checkin_by": "22:15", "support_craving": 0},
		},
	}
	for _, c := range cases {
		want := c.want
		var expected []string
		for field, v := range want {
			expected = append(expected, fmt.Sprintf(`"%s":%s`, field, jsonLiteral(v)))
		}
		s := tests.ApiScenario{
			Name:            c.name,
			Method:          http.MethodPost,
			URL:             "/api/collections/houses/records",
			Body:            bodyJSON(t, c.body),
			Headers:         w.Headers(tk.Superuser),
			TestAppFactory:  tk.Factory,
			ExpectedStatus:  200,
			ExpectedContent: expected,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				house, err := app.FindFirstRecordByData("houses", "name", "New House")
				if err != nil {
					t.Fatalf("the new house was not saved: %v", err)
				}
				for field, v := range want {
					if got := fmt.Sprint(house.Get(field)); got != fmt.Sprint(v) {
						t.Errorf("stored %s = %q, want %q", field, got, fmt.Sprint(v))
					}
				}
			},
		}
		s.Test(t)
	}
}

func jsonLiteral(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

// TestHouseValidationInGo: Go code that saves a house goes through the same
// validation as the API.
func TestHouseValidationInGo(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name  string
		house func(t testing.TB, app core.App) *core.Record
		field string
		code  string
	}{
		{"existing house, timezone Mars/Olympus", func(t testing.TB, app core.App) *core.Record {
			r := findOrFail(t, app, "houses", w.HouseA)
			r.Set("timezone", "Mars/Olympus")
			return r
		}, "timezone", "validation_invalid_timezone"},
		{"existing house, timezone Local", func(t testing.TB, app core.App) *core.Record {
			r := findOrFail(t, app, "houses", w.HouseB)
			r.Set("timezone", "Local")
			return r
		}, "timezone", "validation_invalid_timezone"},
		{"new house, no timezone", func(t testing.TB, app core.App) *core.Record {
			return unsavedRecord(t, app, "houses", map[string]any{"name": "Go House"})
		}, "timezone", "validation_invalid_timezone"},
		{"new house, curfew 24:00", func(t testing.TB, app core.App) *core.Record {
			return unsavedRecord(t, app, "houses", map[string]any{"name": "Go House", "timezone": "UTC", "curfew": "24:00"})
		}, "curfew", "validation_invalid_time"},
		{"existing house, capacity 2.5", func(t testing.TB, app core.App) *core.Record {
			r := findOrFail(t, app, "houses", w.HouseA)
			r.Set("capacity", 2.5)
			return r
		}, "capacity", "validation_invalid_capacity"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			before := dumpCollection(t, app, "houses")

			err := app.Save(c.house(t, app))
			if err == nil {
				t.Fatal("app.Save accepted the house")
			}
			if got := saveErrorCode(err, c.field); got != c.code {
				t.Errorf("error on %s = %q, want %q (whole error: %v)", c.field, got, c.code, err)
			}
			if after := dumpCollection(t, app, "houses"); after != before {
				t.Errorf("houses changed:\nbefore:\n%safter:\n%s", before, after)
			}
		})
	}
}
