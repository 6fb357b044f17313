package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// NewAuditCommand is `hearth audit verify --dir DIR`: it checks the audit
// trail's hash chain from the oldest remaining row and names the first
// broken row (exit status 1). It only reads. See docs/OPERATIONS.md.
func NewAuditCommand(app core.App) *cobra.Command {
	audit := &cobra.Command{
		Use:   "audit",
		Short: "Checks the audit trail",
	}
	audit.AddCommand(&cobra.Command{
		Use:           "verify",
		Short:         "Checks that no row of the audit trail was changed or removed",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			n, err := VerifyAudit(app.DB())
			if err != nil {
				return fmt.Errorf("%w (%d rows before it are sound)", err, n)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "The audit trail is intact: %d rows checked.\n", n)
			return nil
		},
	})
	return audit
}
