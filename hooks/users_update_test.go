package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// TestOwnersWriteTheirPrivateFields: hidden fields are still the owner's to
// change, through the ordinary update, as JSON or as a form with a file.
func TestOwnersWriteTheirPrivateFields(t *testing.T) {
	w := tk.Seeded(t)
	a2 := w.People[tk.ResidentA2].ID
	changedValues := func(t testing.TB, app *tests.TestApp, res *http.Response) {
		u, err := app.FindRecordById("users", a2)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"phone": "555-7777", "emergency_name": "New Contact", "emergency_phone": "555-8888",
			"sobriety_date": "2025-12-24 00:00:00.000Z",
		}
		for field, v := range want {
			if got := u.GetString(field); got != v {
				t.Errorf("%s = %q, want %q", field, got, v)
			}
		}
	}
	unchangedValues := func(t testing.TB, app *tests.TestApp, res *http.Response) {
		u, err := app.FindRecordById("users", a2)
		if err != nil {
			t.Fatal(err)
		}
		if u.GetString("phone") != phoneA2 || u.GetString("emergency_phone") != emergencyA2 {
			t.Errorf("private fields changed: %q %q", u.GetString("phone"), u.GetString("emergency_phone"))
		}
	}
	body := `{"phone":"555-7777","emergency_name":"New Contact","emergency_phone":"555-8888","sobriety_date":"2025-12-24"}`
	form := "--X\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n555-7777\r\n" +
		"--X\r\nContent-Disposition: form-data; name=\"emergency_name\"\r\n\r\nNew Contact\r\n" +
		"--X\r\nContent-Disposition: form-data; name=\"emergency_phone\"\r\n\r\n555-8888\r\n" +
		"--X\r\nContent-Disposition: form-data; name=\"sobriety_date\"\r\n\r\n2025-12-24\r\n--X--\r\n"

	scenarios := []tests.ApiScenario{
		{
			Name: "the owner changes their private fields (JSON)", Body: strings.NewReader(body),
			Headers:         map[string]string{"Authorization": w.People[tk.ResidentA2].Token, "Content-Type": "application/json"},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"phone":"555-7777"`, `"emergency_phone":"555-8888"`},
			AfterTestFunc:   changedValues,
		},
		{
			Name: "the owner changes their private fields (multipart form)", Body: strings.NewReader(form),
			Headers:         map[string]string{"Authorization": w.People[tk.ResidentA2].Token, "Content-Type": "multipart/form-data; boundary=X"},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"phone":"555-7777"`},
			AfterTestFunc:   changedValues,
		},
		{
			Name: "a manager cannot change a resident's private fields", Body: strings.NewReader(body),
			Headers:            map[string]string{"Authorization": w.People[tk.ManagerA].Token, "Content-Type": "application/json"},
			ExpectedStatus:     404,
			NotExpectedContent: []string{"555-7777"},
			AfterTestFunc:      unchangedValues,
		},
		{
			Name: "a housemate cannot change them", Body: strings.NewReader(body),
			Headers:            map[string]string{"Authorization": w.People[tk.ResidentA1].Token, "Content-Type": "application/json"},
			ExpectedStatus:     404,
			NotExpectedContent: []string{"555-7777"},
			AfterTestFunc:      unchangedValues,
		},
	}
	for _, s := range scenarios {
		s.Method = http.MethodPatch
		s.URL = "/api/collections/users/records/" + a2
		s.TestAppFactory = tk.Factory
		s.Test(t)
	}
}

// TestUserNameIsOneLine: a name with a line break or another control
// character is refused in plain words, whoever writes it; a name with
// accents and spaces is fine.
func TestUserNameIsOneLine(t *testing.T) {
	w := tk.Seeded(t)
	a1 := w.People[tk.ResidentA1].ID
	for _, c := range []struct {
		name, body string
		status     int
	}{
		{"a line break", `{"name":"Alex\r\nBcc: someone@example.com"}`, 400},
		{"a tab", `{"name":"Alex\tB"}`, 400},
		{"a NUL", `{"name":"Alex\u0000"}`, 400},
		{"accents and spaces", `{"name":"Íñigo Muñoz Peña"}`, 200},
	} {
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPatch, URL: "/api/collections/users/records/" + a1,
			Body: strings.NewReader(c.body), Headers: w.Headers(tk.ResidentA1), TestAppFactory: tk.Factory,
			ExpectedStatus: c.status,
		}
		if c.status == 400 {
			s.ExpectedContent = []string{`"name":{"code":"validation_name_control"`, "one line"}
		} else {
			s.ExpectedContent = []string{`"name":"Íñigo Muñoz Peña"`}
		}
		s.Test(t)
	}
}
