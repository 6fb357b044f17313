package demo

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewCommand returns the `hearth demo` command.
func NewCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "demo",
		Short:        "Adds the demo house \"" + HouseName + "\" to the data directory (safe to run twice)",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			res, err := Seed(app, time.Now())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if res.Added == 0 {
				fmt.Fprintf(out, "%s is already in %s; nothing added.\n\n", HouseName, app.DataDir())
			} else {
				fmt.Fprintf(out, "Added %s to %s.\n\n", HouseName, app.DataDir())
			}
			fmt.Fprintf(out, "Start Hearth (hearth serve) and sign in at http://127.0.0.1:8090/ with any of these accounts,\nall with the password %q:\n\n", Password)
			tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "  NAME\tEMAIL\tROLE\tSTATUS")
			for _, a := range res.Accounts {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Name, a.Email, a.Role, a.Status)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(out, "\nSign in as the manager to see what a house manager sees, or as a resident for a resident's home.")
			return nil
		},
	}
}
