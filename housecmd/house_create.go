package housecmd

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"hearth/domain"
	"hearth/hooks"
)

// Flag names of `hearth house create`; errors name them.
const (
	flagName            = "name"
	flagTimezone        = "timezone"
	flagCapacity        = "capacity"
	flagAddress         = "address"
	flagCurfew          = "curfew"
	flagManagerEmail    = "manager-email"
	flagManagerName     = "manager-name"
	flagManagerPassword = "manager-password"
)

// createFlags are the values of `hearth house create`'s flags.
type createFlags struct {
	name, timezone, address, curfew        string
	capacity                               int
	managerEmail, managerName, managerPass string
}

// created is what createHouse made.
type created struct {
	house   *core.Record
	manager *core.Record // nil without --manager-email
	// newAccount is true when the manager's account was created now,
	// false when an existing account was reused.
	newAccount bool
	// password is the generated password of a new account, "" when the
	// admin gave one or the account already existed.
	password string
	moveIn   string // the membership's move-in day, house-local
}

func newCreateCommand(app core.App) *cobra.Command {
	var f createFlags
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Creates a house and, with --manager-email, its first manager",
		Long: `Creates a house and, with --manager-email, its first manager: an existing
account with that email is reused as it is (returning staff), otherwise a new
verified account is created. Without --manager-password a new account gets a
generated password, printed once. The manager's membership is active from
today, house-local. Everything is created together or not at all.`,
		Example: `  hearth house create --name "Maple House" --timezone America/Los_Angeles \
    --capacity 8 --address "412 Maple Street, Sacramento, CA" --curfew 23:00 \
    --manager-email rosa@example.org --manager-name "Rosa Delgado" --dir /var/lib/hearth/pb_data`,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true, // the binary prints the error once, as "hearth: ..."
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.trim()
			if err := f.check(); err != nil {
				return err
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			res, err := createHouse(app, f, time.Now())
			if err != nil {
				return err
			}
			attrs := []any{"house", res.house.Id, "name", res.house.GetString("name")}
			if res.manager != nil {
				attrs = append(attrs, "manager", res.manager.Email(), "newAccount", res.newAccount)
			}
			app.Logger().Info("hearth house create: house created", attrs...)
			return printCreated(cmd.OutOrStdout(), app, f, res)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.name, flagName, "", `the house's name as residents see it, e.g. "Maple House" (required)`)
	fl.StringVar(&f.timezone, flagTimezone, "", "the house's IANA timezone, e.g. America/Los_Angeles, America/New_York, Europe/Madrid (required)")
	fl.IntVar(&f.capacity, flagCapacity, 0, "beds; 0 = no limit")
	fl.StringVar(&f.address, flagAddress, "", "the house's street address")
	fl.StringVar(&f.curfew, flagCurfew, "", "nightly curfew, 24-hour HH:MM, e.g. 23:00; empty = no curfew")
	fl.StringVar(&f.managerEmail, flagManagerEmail, "", "the first manager's email: an existing account is reused, else one is created")
	fl.StringVar(&f.managerName, flagManagerName, "", "the manager's full name (needed when a new account is created)")
	fl.StringVar(&f.managerPass, flagManagerPassword, "", "a new account's password, 10 characters or more; default: a generated one, printed once")
	return cmd
}

func (f *createFlags) trim() {
	f.name = strings.TrimSpace(f.name)
	f.timezone = strings.TrimSpace(f.timezone)
	f.address = strings.TrimSpace(f.address)
	f.curfew = strings.TrimSpace(f.curfew)
	f.managerEmail = strings.TrimSpace(f.managerEmail)
	f.managerName = strings.TrimSpace(f.managerName)
}

// check refuses what is wrong with the flags before anything is opened;
// the rest is the validation hooks' to say.
func (f *createFlags) check() error {
	var errs []string
	if f.name == "" {
		errs = append(errs, `--name: a house needs a name, e.g. --name "Maple House".`)
	}
	if f.timezone == "" {
		errs = append(errs, "--timezone: a house needs its IANA timezone, e.g. --timezone America/Los_Angeles.")
	}
	if f.managerEmail == "" && (f.managerName != "" || f.managerPass != "") {
		errs = append(errs, "--manager-email: --manager-name and --manager-password need the manager's email too.")
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// createHouse creates the house and, when asked, the manager's account and
// membership, in one transaction.
func createHouse(app core.App, f createFlags, now time.Time) (*created, error) {
	res := &created{}
	err := app.RunInTransaction(func(tx core.App) error {
		var existing string
		err := tx.DB().Select("id").From("houses").
			Where(dbx.NewExp("name = {:name} COLLATE NOCASE", dbx.Params{"name": f.name})).
			Limit(1).Row(&existing)
		if err == nil {
			//lint:ignore ST1005 the message is for the admin at the terminal: whole sentences
			return fmt.Errorf("--name: there is already a house named %q (id %s). Choose another name; hearth house list shows them all.", f.name, existing)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}

		houses, err := tx.FindCollectionByNameOrId("houses")
		if err != nil {
			return err
		}
		house := core.NewRecord(houses)
		house.Load(map[string]any{
			"name":              f.name,
			"timezone":          f.timezone,
			"capacity":          f.capacity,
			"address":           f.address,
			"curfew":            f.curfew,
			"checkin_by":        hooks.DefaultCheckinBy,
			"chore_grace":       hooks.DefaultChoreGrace,
			"meetings_per_week": hooks.DefaultMeetingsPerWeek,
			"support_craving":   hooks.DefaultSupportCraving,
		})
		if err := tx.Save(house); err != nil {
			return withFlagNames(err, []fieldFlag{
				{field: "name", flag: flagName, value: f.name},
				{field: "timezone", flag: flagTimezone, value: f.timezone},
				{field: "capacity", flag: flagCapacity, value: fmt.Sprint(f.capacity)},
				{field: "address", flag: flagAddress, value: f.address},
				{field: "curfew", flag: flagCurfew, value: f.curfew},
			})
		}
		res.house = house
		if f.managerEmail == "" {
			return nil
		}

		user, err := tx.FindAuthRecordByEmail("users", f.managerEmail)
		switch {
		case err == nil:
			res.manager = user
		case errors.Is(err, sql.ErrNoRows):
			if res.manager, res.password, err = createManagerAccount(tx, f); err != nil {
				return err
			}
			res.newAccount = true
		default:
			return err
		}

		loc, err := domain.LoadTimezone(house.GetString("timezone"))
		if err != nil {
			return err
		}
		res.moveIn = domain.LocalDate(now, loc)
		memberships, err := tx.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		m := core.NewRecord(memberships)
		m.Load(map[string]any{
			"house":   house.Id,
			"user":    res.manager.Id,
			"role":    hooks.RoleManager,
			"status":  hooks.StatusActive,
			"move_in": res.moveIn,
		})
		if err := tx.Save(m); err != nil {
			return fmt.Errorf("making %s the manager of %s: %w", f.managerEmail, f.name, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// createManagerAccount creates the verified account of a manager who has
// none yet, and returns it with its generated password ("" when the admin
// gave one).
func createManagerAccount(tx core.App, f createFlags) (*core.Record, string, error) {
	if f.managerName == "" {
		//lint:ignore ST1005 the message is for the admin at the terminal: whole sentences
		return nil, "", fmt.Errorf(`--manager-name: no account has the email %s yet, so Hearth creates one, and it needs the manager's name, e.g. --manager-name "Rosa Delgado".`, f.managerEmail)
	}
	password, generated := f.managerPass, ""
	if password == "" {
		var err error
		if password, err = generatePassword(); err != nil {
			return nil, "", err
		}
		generated = password
	}
	users, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, "", err
	}
	u := core.NewRecord(users)
	u.SetEmail(f.managerEmail)
	u.SetPassword(password)
	u.SetVerified(true)
	u.Set("name", f.managerName)
	if err := tx.Save(u); err != nil {
		return nil, "", withFlagNames(err, []fieldFlag{
			{field: "email", flag: flagManagerEmail, value: f.managerEmail},
			{field: "name", flag: flagManagerName, value: f.managerName},
			{field: "password", flag: flagManagerPassword, secret: true},
		})
	}
	return u, generated, nil
}

// printCreated tells the admin what was made and what to do next.
func printCreated(w io.Writer, app core.App, f createFlags, res *created) error {
	h := res.house
	fmt.Fprintf(w, "Created the house %q (id %s).\n", h.GetString("name"), h.Id)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  timezone\t%s\n", h.GetString("timezone"))
	if c := h.GetInt("capacity"); c > 0 {
		fmt.Fprintf(tw, "  capacity\t%d beds\n", c)
	} else {
		fmt.Fprintf(tw, "  capacity\tno limit\n")
	}
	if a := h.GetString("address"); a != "" {
		fmt.Fprintf(tw, "  address\t%s\n", a)
	}
	if c := h.GetString("curfew"); c != "" {
		fmt.Fprintf(tw, "  curfew\t%s\n", c)
	} else {
		fmt.Fprintf(tw, "  curfew\tnone\n")
	}
	fmt.Fprintf(tw, "  check-in by\t%s\n", h.GetString("checkin_by"))
	if err := tw.Flush(); err != nil {
		return err
	}

	signIn := strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/"
	m := res.manager
	if m != nil {
		name := m.GetString("name")
		if res.newAccount {
			fmt.Fprintf(w, "\nCreated the account %s (%s), verified: it can sign in now.\n", m.Email(), name)
		} else {
			fmt.Fprintf(w, "\nUsing the existing account %s (%s); its name and password are unchanged.\n", m.Email(), name)
			if f.managerName != "" || f.managerPass != "" {
				fmt.Fprintln(w, "(--manager-name and --manager-password apply to new accounts only, so they were not used.)")
			}
		}
		fmt.Fprintf(w, "%s is now the active manager of %s (since %s, house-local today).\n", m.Email(), h.GetString("name"), res.moveIn)
		if res.password != "" {
			fmt.Fprintf(w, "\nPassword for %s (shown only this once):\n\n    %s\n\n", m.Email(), res.password)
			fmt.Fprintf(w, "Give it to %s in person, and ask them to change it after their first sign-in.\n", name)
		}
		fmt.Fprintf(w, "\nSign in at %s as %s.\n", signIn, m.Email())
	} else {
		fmt.Fprintf(w, "\nThe house has no manager yet. Sign in at %s once it has one.\n", signIn)
	}
	if u, err := url.Parse(signIn); err == nil {
		switch u.Hostname() {
		case "localhost", "127.0.0.1", "::1":
			fmt.Fprintln(w, "That address works on this machine only. Phones on the house network need the mini PC's own")
			fmt.Fprintln(w, "address, like http://192.168.1.20:8090/: set it in the dashboard, Settings > Application URL.")
		}
	}

	fmt.Fprintln(w, "\nNext steps:")
	fmt.Fprintln(w, "  1. Start Hearth if it is not running (hearth serve, or systemctl start hearth).")
	if m != nil {
		fmt.Fprintln(w, "  2. Sign in as the manager and tap Add resident to invite residents: each resident gets")
		fmt.Fprintf(w, "     an invite code or QR code and joins at %sjoin.\n", signIn)
	} else {
		fmt.Fprintln(w, "  2. Give the house a manager in the dashboard (memberships > New record, role manager;")
		fmt.Fprintln(w, "     see docs/ADMIN.md), then sign in as them and tap Add resident to invite residents.")
	}
	return nil
}
