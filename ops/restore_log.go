package ops

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// restoreNoteName is a note left in the data directory across a restore's
// restart: the restore replaces the request logs (auxiliary.db) with the
// backup's, so the restarted process writes the restore into the new logs
// from this note.
const restoreNoteName = "hearth.restored"

// restoreNote is what the note holds.
type restoreNote struct {
	Backup    string    `json:"backup"`
	Requested time.Time `json:"requested"`
	Version   string    `json:"version"`
}

// writeRestoreNote leaves the note before a restore; removeRestoreNote
// takes it back when the restore fails.
func writeRestoreNote(dir, backup string, now time.Time) error {
	b, err := json.Marshal(restoreNote{Backup: backup, Requested: now.UTC(), Version: Build().String()})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, restoreNoteName), b, 0o640)
}

func removeRestoreNote(dir string) { _ = os.Remove(filepath.Join(dir, restoreNoteName)) }

// logRestoreNote writes a restore's note, if there is one, into the app's
// log and standard error, then removes it.
func logRestoreNote(app core.App, stderr io.Writer) {
	path := filepath.Join(app.DataDir(), restoreNoteName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	var n restoreNote
	if err == nil {
		err = json.Unmarshal(b, &n)
	}
	if err != nil {
		app.Logger().Warn("a restore note that cannot be read", "error", err)
	} else {
		fmt.Fprintf(stderr, "hearth: restarted on the backup %s (restore requested at %s)\n", n.Backup, n.Requested.Format(time.RFC3339))
		app.Logger().Info("backup restored", "backup", n.Backup, "requested", n.Requested, "version", n.Version)
	}
	_ = os.Remove(path)
}
