package housecmd_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/domain"
	"hearth/hooks"
	"hearth/housecmd"
	"hearth/testkit"
)

// newApp is a fresh copy of the fixture world (Cedar House, Birch House
// and their people), migrated, with every Hearth hook registered.
func newApp(t *testing.T) *tests.TestApp {
	t.Helper()
	app := testkit.NewApp(t)
	t.Cleanup(app.Cleanup)
	return app
}

// run runs `hearth house ARGS...` against app and returns what it printed.
func run(t *testing.T, app core.App, args ...string) (string, error) {
	t.Helper()
	cmd := housecmd.NewCommand(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

// counts are the records the command may write.
func counts(t *testing.T, app core.App) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, c := range []string{"houses", "users", "memberships"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = n
	}
	return out
}

// generatedPassword is the password printed on its own indented line.
var generatedPassword = regexp.MustCompile(`(?m)^    (\S+)$`)

func TestCreate(t *testing.T) {
	base := []string{"create", "--name", "Maple House", "--timezone", "America/Los_Angeles",
		"--capacity", "8", "--address", "412 Maple Street", "--curfew", "23:00"}
	cases := []struct {
		name        string
		extra       []string
		wantManager string // email; "" = no manager
		newAccount  bool
		password    string // the password the manager signs in with; "generated" = read from the output
		managerName string
		wantOut     []string
		notOut      []string
	}{
		{
			name:        "new manager with the given password",
			extra:       []string{"--manager-email", "rosa@example.org", "--manager-name", "Rosa Delgado", "--manager-password", "lantern-harbor-42"},
			wantManager: "rosa@example.org", newAccount: true, password: "lantern-harbor-42", managerName: "Rosa Delgado",
			wantOut: []string{"Created the account rosa@example.org (Rosa Delgado)", "active manager of Maple House",
				"Sign in at http://localhost:8090/ as rosa@example.org", "tap Add resident to invite residents"},
			notOut: []string{"lantern-harbor-42", "shown only this once"},
		},
		{
			name:        "new manager with a generated password",
			extra:       []string{"--manager-email", "rosa@example.org", "--manager-name", "Rosa Delgado"},
			wantManager: "rosa@example.org", newAccount: true, password: "generated", managerName: "Rosa Delgado",
			wantOut: []string{"Password for rosa@example.org (shown only this once)", "change it after their first sign-in",
				"tap Add resident"},
		},
		{
			name: "returning staff keep their account, name and password",
			extra: []string{"--manager-email", testkit.Newcomer + "@example.com",
				"--manager-name", "Someone Else", "--manager-password", "not-their-password"},
			wantManager: testkit.Newcomer + "@example.com", password: testkit.Password, managerName: testkit.Newcomer,
			wantOut: []string{"Using the existing account " + testkit.Newcomer + "@example.com", "name and password are unchanged",
				"apply to new accounts only"},
			notOut: []string{"not-their-password", "shown only this once"},
		},
		{
			name:    "house without a manager",
			wantOut: []string{"has no manager yet", "memberships > New record"},
			notOut:  []string{"Password for"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(t)
			before := counts(t, app)
			out, err := run(t, app, append(base, tc.extra...)...)
			if err != nil {
				t.Fatalf("create: %v\n%s", err, out)
			}

			house, err := app.FindFirstRecordByData("houses", "name", "Maple House")
			if err != nil {
				t.Fatalf("no house: %v\n%s", err, out)
			}
			for field, want := range map[string]any{
				"timezone": "America/Los_Angeles", "capacity": 8, "address": "412 Maple Street", "curfew": "23:00",
				"checkin_by": hooks.DefaultCheckinBy, "chore_grace": hooks.DefaultChoreGrace, "meetings_per_week": hooks.DefaultMeetingsPerWeek,
			} {
				if got := house.GetString(field); got != fmt.Sprint(want) {
					t.Errorf("house %s = %v, want %v", field, got, want)
				}
			}
			wantOut := append([]string{`Created the house "Maple House" (id ` + house.Id + ")"}, tc.wantOut...)
			for _, s := range wantOut {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.notOut {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}

			after := counts(t, app)
			wantNew := map[string]int64{"houses": 1}
			if tc.wantManager != "" {
				wantNew["memberships"] = 1
			}
			if tc.newAccount {
				wantNew["users"] = 1
			}
			for c, n := range after {
				if n-before[c] != wantNew[c] {
					t.Errorf("%s: %d new, want %d", c, n-before[c], wantNew[c])
				}
			}
			if tc.wantManager == "" {
				return
			}

			user, err := app.FindAuthRecordByEmail("users", tc.wantManager)
			if err != nil {
				t.Fatal(err)
			}
			password := tc.password
			if password == "generated" {
				m := generatedPassword.FindStringSubmatch(out)
				if m == nil {
					t.Fatalf("no generated password in the output:\n%s", out)
				}
				password = m[1]
			}
			if !user.ValidatePassword(password) {
				t.Errorf("%s cannot sign in with %q", tc.wantManager, password)
			}
			if !user.Verified() {
				t.Errorf("%s is not verified", tc.wantManager)
			}
			if got := user.GetString("name"); got != tc.managerName {
				t.Errorf("name = %q, want %q", got, tc.managerName)
			}
			if !hooks.IsManagerOf(app, user.Id, house.Id) {
				t.Errorf("%s is not an active manager of the house", tc.wantManager)
			}
			m, err := app.FindFirstRecordByFilter("memberships", "house = {:h} && user = {:u}", dbx.Params{"h": house.Id, "u": user.Id})
			if err != nil {
				t.Fatal(err)
			}
			if m.GetString("role") != hooks.RoleManager || m.GetString("status") != hooks.StatusActive {
				t.Errorf("membership role %q status %q", m.GetString("role"), m.GetString("status"))
			}
			loc, _ := domain.LoadTimezone("America/Los_Angeles")
			moveIn := m.GetDateTime("move_in").Time().Format(domain.DateLayout)
			if today := domain.LocalDate(time.Now(), loc); moveIn != today && moveIn != domain.LocalDate(time.Now().Add(-time.Minute), loc) {
				t.Errorf("move_in = %s, want the house-local today %s", moveIn, today)
			}
		})
	}
}

func TestCreateGeneratedPassword(t *testing.T) {
	app := newApp(t)
	seen := map[string]bool{}
	for i, email := range []string{"one@example.org", "two@example.org", "three@example.org"} {
		out, err := run(t, app, "create", "--name", "House "+email, "--timezone", "America/New_York",
			"--manager-email", email, "--manager-name", "Manager "+email)
		if err != nil {
			t.Fatalf("create %d: %v\n%s", i, err, out)
		}
		m := generatedPassword.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no generated password in the output:\n%s", out)
		}
		pw := m[1]
		if len(pw) < 16 {
			t.Errorf("%q is shorter than 16 characters", pw)
		}
		if strings.ContainsAny(pw, "0O1lI") {
			t.Errorf("%q has a character that is easy to misread", pw)
		}
		if seen[pw] {
			t.Errorf("%q was generated twice", pw)
		}
		seen[pw] = true
		if strings.Count(out, pw) != 1 {
			t.Errorf("the password is printed %d times, want once", strings.Count(out, pw))
		}
		user, err := app.FindAuthRecordByEmail("users", email)
		if err != nil {
			t.Fatal(err)
		}
		if !user.ValidatePassword(pw) {
			t.Errorf("%s cannot sign in with the printed password %q", email, pw)
		}
	}
}

func TestCreateFailsNamingTheFlag(t *testing.T) {
	const email = "rosa@example.org"
	manager := []string{"--manager-email", email, "--manager-name", "Rosa Delgado"}
	cases := []struct {
		name string
		args []string
		want []string // every one must be in the error
	}{
		{"bad timezone", append([]string{"--name", "Maple House", "--timezone", "Mars/Olympus"}, manager...),
			[]string{`--timezone: "Mars/Olympus" is not a timezone Hearth knows`, "America/Los_Angeles"}},
		{"bad curfew", append([]string{"--name", "Maple House", "--timezone", "America/Los_Angeles", "--curfew", "25:00"}, manager...),
			[]string{`--curfew: "25:00"`, "24-hour time like 23:00"}},
		{"curfew not HH:MM", append([]string{"--name", "Maple House", "--timezone", "America/Los_Angeles", "--curfew", "11pm"}, manager...),
			[]string{`--curfew: "11pm"`}},
		{"several at once", []string{"--name", "Maple House", "--timezone", "Local", "--curfew", "7", "--capacity", "-2"},
			[]string{"--timezone:", "--curfew:", "--capacity:"}},
		{"missing name", append([]string{"--timezone", "America/Los_Angeles"}, manager...),
			[]string{"--name:"}},
		{"blank name", append([]string{"--name", "   ", "--timezone", "America/Los_Angeles"}, manager...),
			[]string{"--name:"}},
		{"missing timezone", append([]string{"--name", "Maple House"}, manager...),
			[]string{"--timezone:"}},
		{"house name taken", append([]string{"--name", "cedar house", "--timezone", "America/Los_Angeles"}, manager...),
			[]string{"--name:", `already a house named "cedar house"`}},
		{"password too short", []string{"--name", "Maple House", "--timezone", "America/Los_Angeles",
			"--manager-email", email, "--manager-name", "Rosa Delgado", "--manager-password", "short"},
			[]string{"--manager-password:"}},
		{"bad email", []string{"--name", "Maple House", "--timezone", "America/Los_Angeles",
			"--manager-email", "rosa@", "--manager-name", "Rosa Delgado"},
			[]string{`--manager-email: "rosa@"`}},
		{"new account without a name", []string{"--name", "Maple House", "--timezone", "America/Los_Angeles",
			"--manager-email", email},
			[]string{"--manager-name:", email}},
		{"manager name without email", []string{"--name", "Maple House", "--timezone", "America/Los_Angeles",
			"--manager-name", "Rosa Delgado"},
			[]string{"--manager-email:"}},
		{"capacity not a number", []string{"--name", "Maple House", "--timezone", "America/Los_Angeles", "--capacity", "eight"},
			[]string{"--capacity"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(t)
			before := counts(t, app)
			out, err := run(t, app, append([]string{"create"}, tc.args...)...)
			if err == nil {
				t.Fatalf("create succeeded:\n%s", out)
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error lacks %q:\n%v", s, err)
				}
			}
			if strings.Contains(err.Error(), "short") && tc.name == "password too short" {
				t.Errorf("the error repeats the password: %v", err)
			}
			if after := counts(t, app); !equal(before, after) {
				t.Errorf("records left behind: before %v, after %v", before, after)
			}
			if _, err := app.FindAuthRecordByEmail("users", email); err == nil {
				t.Errorf("the account %s was left behind", email)
			}
			if _, err := app.FindFirstRecordByData("houses", "name", "Maple House"); err == nil {
				t.Error("the house was left behind")
			}
		})
	}
}

func equal(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
