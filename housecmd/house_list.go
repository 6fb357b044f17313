package housecmd

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"hearth/hooks"
)

// houseRow is one line of `hearth house list`.
type houseRow struct {
	ID        string `db:"id"`
	Name      string `db:"name"`
	Timezone  string `db:"timezone"`
	Capacity  int    `db:"capacity"`
	Residents int    `db:"residents"`
	Managers  string `db:"managers"`
}

func newListCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:           "list",
		Short:         "Lists the houses: id, name, timezone, capacity, active residents, managers",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true, // the binary prints the error once, as "hearth: ..."
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			rows, err := listHouses(app)
			if err != nil {
				return err
			}
			return printHouses(cmd.OutOrStdout(), rows)
		},
	}
}

// listHouses reads every house by name, with its count of active
// residents and its active managers' emails.
func listHouses(app core.App) ([]houseRow, error) {
	var rows []houseRow
	err := app.DB().NewQuery(`
		SELECT h.id, h.name, h.timezone, CAST(COALESCE(h.capacity, 0) AS INTEGER) AS capacity,
			(SELECT COUNT(*) FROM memberships m
				WHERE m.house = h.id AND m.role = {:resident} AND m.status = {:active}) AS residents,
			COALESCE((SELECT GROUP_CONCAT(email, ', ') FROM (
				SELECT u.email FROM memberships m JOIN users u ON u.id = m.user
				WHERE m.house = h.id AND m.role = {:manager} AND m.status = {:active}
				ORDER BY u.email)), '') AS managers
		FROM houses h
		ORDER BY h.name COLLATE NOCASE, h.id`,
	).Bind(dbx.Params{
		"resident": hooks.RoleResident,
		"manager":  hooks.RoleManager,
		"active":   hooks.StatusActive,
	}).All(&rows)
	return rows, err
}

func printHouses(w io.Writer, rows []houseRow) error {
	if len(rows) == 0 {
		fmt.Fprintln(w, "No houses yet. Create one with:")
		fmt.Fprintln(w, `  hearth house create --name "Maple House" --timezone America/Los_Angeles --manager-email rosa@example.org --manager-name "Rosa Delgado"`)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTIMEZONE\tCAPACITY\tACTIVE RESIDENTS\tMANAGERS")
	for _, r := range rows {
		capacity := "no limit"
		if r.Capacity > 0 {
			capacity = fmt.Sprint(r.Capacity)
		}
		managers := r.Managers
		if managers == "" {
			managers = "(none)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", r.ID, r.Name, r.Timezone, capacity, r.Residents, managers)
	}
	return tw.Flush()
}
