// Package housecmd is the `hearth house` command: an admin on the house's
// mini PC creates a house and its first manager in one step, without the
// dashboard, and lists the houses in the data directory.
package housecmd

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewCommand returns the `hearth house` command with its subcommands
// `create` and `list`.
func NewCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "house",
		Short: "Creates and lists houses (hearth house create --help)",
		Long: "Creates a house and its first manager in one step, or lists the houses in the data directory.\n" +
			"The dashboard way to do the same is in docs/ADMIN.md.",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCreateCommand(app), newListCommand(app))
	return cmd
}
