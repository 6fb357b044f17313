package ops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// NewerDataError is the refusal of a binary started on a data directory
// that newer migrations than its own have changed.
type NewerDataError struct {
	Unknown []string // the applied migrations this binary does not know
}

func (e *NewerDataError) Error() string {
	return fmt.Sprintf("this data was written by a newer Hearth (it has migrations this binary %s does not know: %s); "+
		"install that version or newer", Build().String(), strings.Join(e.Unknown, ", "))
}

// migrationState compares the data directory's _migrations table with the
// migrations this binary carries: the applied ones it does not know, the
// ones it knows that are not applied yet, and how many of Hearth's own
// (not PocketBase's system ones) are applied.
func migrationState(app core.App) (unknown, pending []string, appliedApp int, err error) {
	var applied []string
	if err := app.DB().NewQuery("SELECT file FROM {{" + core.DefaultMigrationsTable + "}}").Column(&applied); err != nil {
		return nil, nil, 0, err
	}
	done := make(map[string]bool, len(applied))
	for _, f := range applied {
		done[f] = true
	}
	known := map[string]bool{}
	for _, m := range core.SystemMigrations.Items() {
		known[m.File] = true
	}
	for _, m := range core.AppMigrations.Items() {
		known[m.File] = true
		if done[m.File] {
			appliedApp++
		} else {
			pending = append(pending, m.File)
		}
	}
	for _, f := range applied {
		if !known[f] {
			unknown = append(unknown, f)
		}
	}
	slices.Sort(unknown)
	return unknown, pending, appliedApp, nil
}

// checkMigrations refuses a data directory with unknown migrations, and
// backs up an existing one before its pending migrations are applied (by
// `serve`, `migrate up` or any command that migrates): the backup is what
// a rollback restores. It returns the backup's name, or "".
func checkMigrations(app core.App, now time.Time) (string, error) {
	unknown, pending, appliedApp, err := migrationState(app)
	if err != nil {
		return "", fmt.Errorf("reading the applied migrations: %w", err)
	}
	if len(unknown) > 0 {
		return "", &NewerDataError{Unknown: unknown}
	}
	if len(pending) == 0 || appliedApp == 0 {
		return "", nil // up to date, or a new data directory with nothing to lose
	}
	name := fmt.Sprintf("pre-upgrade-%s-%s.zip", now.UTC().Format("20060102-150405"), safeName(Build().Version))
	if err := app.CreateBackup(context.Background(), name); err != nil {
		return "", fmt.Errorf("backing up before applying %d new migrations (%s): %w; nothing was changed",
			len(pending), strings.Join(pending, ", "), err)
	}
	return name, nil
}

// safeName is s in the characters PocketBase's backups API accepts in a
// backup's name (lower-case letters, digits, '-' and '_').
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, s)
}
