package ops

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/archive"
	"github.com/pocketbase/pocketbase/tools/osutils"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/spf13/cobra"
)

// keptOnRestore are the data directory's entries a restore leaves in place.
var keptOnRestore = []string{core.LocalBackupsDirName, core.LocalTempDirName, core.LocalAutocertCacheDirName, LockFileName, "lost+found"}

// newRestoreCommand is `hearth restore BACKUP --dir DIR`: with Hearth
// stopped, it replaces the data directory's content by a backup's, after
// saving the current content as another backup. It works on a data
// directory whose database no longer opens, and on one a newer Hearth
// migrated (the rollback of an upgrade).
func newRestoreCommand(pb *pocketbase.PocketBase) *cobra.Command {
	var fromS3, list bool
	cmd := &cobra.Command{
		Use:   "restore BACKUP.zip",
		Short: "Restores a backup into the data directory (with Hearth stopped)",
		Long: "Replaces the data directory's content by a backup's: a name from its backups folder, or a path to a zip.\n" +
			"The current content is saved first as backups/before-restore-<time>.zip. Hearth must be stopped.\n\n" +
			"With --from-s3 the backup is downloaded first from the S3 bucket of Settings > Backups (read from the\n" +
			"data directory), or from the bucket the HEARTH_S3_* variables name (a new machine: " + EnvS3Bucket + ",\n" +
			EnvS3Region + ", " + EnvS3Endpoint + ", " + EnvS3AccessKey + ", " + EnvS3Secret + ", " + EnvS3ForcePathStyle + ").\n" +
			"--from-s3 --list lists the bucket's backups.",
		Args: func(cmd *cobra.Command, args []string) error {
			if list {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			out := cmd.OutOrStdout()
			if list && !fromS3 {
				return fmt.Errorf("--list lists a bucket's backups: use it with --from-s3 (the local ones: hearth doctor)")
			}
			name := ""
			if len(args) > 0 {
				name = args[0]
			}
			if fromS3 {
				if err := checkDataDir(pb.DataDir(), false, nil); err != nil {
					return err
				}
				src, err := backupsS3Config(pb.DataDir(), pb.EncryptionEnv(), os.Getenv)
				if err != nil {
					return err
				}
				if list {
					return listS3Backups(cmd.Context(), src, out)
				}
				t0 := time.Now()
				n, err := downloadBackup(cmd.Context(), src, pb.DataDir(), name)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "Downloaded %s (%.1f MiB) from the bucket %s (%s) in %s.\n",
					name, float64(n)/(1<<20), src.config.Bucket, src.from, time.Since(t0).Round(time.Millisecond))
			}
			t0 := time.Now()
			saved, err := restoreBackup(pb.DataDir(), name, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "Restored %s into %s in %s.\n", name, pb.DataDir(), time.Since(t0).Round(time.Millisecond))
			fmt.Fprintf(out, "What was there before is saved as backups/%s.\n", saved)
			fmt.Fprintln(out, "Start Hearth again (systemctl start hearth).")
			return nil
		},
	}
	cmd.Flags().BoolVar(&fromS3, "from-s3", false, "download the backup from the S3 bucket first")
	cmd.Flags().BoolVar(&list, "list", false, "with --from-s3: list the bucket's backups and restore nothing")
	return cmd
}

// restoreBackup restores the backup named (or at the path) backup into
// dir, and returns the name of the backup of what it replaced.
func restoreBackup(dir, backup string, now time.Time) (string, error) {
	if err := checkDataDir(dir, false, nil); err != nil {
		return "", err
	}
	lock, err := AcquireLock(dir, "restore")
	if err != nil {
		return "", err
	}
	defer lock.Release()

	zipPath := backup
	if !strings.ContainsRune(backup, os.PathSeparator) {
		zipPath = filepath.Join(dir, core.LocalBackupsDirName, backup)
	}
	if _, err := os.Stat(zipPath); err != nil {
		return "", fmt.Errorf("no backup %s: %w (`hearth doctor --dir %s` lists them)", backup, err, dir)
	}
	temp := filepath.Join(dir, core.LocalTempDirName)
	if err := os.MkdirAll(temp, 0o750); err != nil {
		return "", err
	}
	extracted := filepath.Join(temp, "restore_"+security.PseudorandomString(8))
	defer os.RemoveAll(extracted)
	if err := archive.Extract(zipPath, extracted); err != nil {
		return "", fmt.Errorf("the backup %s cannot be read: %w; nothing was changed", backup, err)
	}
	if res, err := checkDatabaseFile(context.Background(), filepath.Join(extracted, "data.db"), false); err != nil || res != "ok" {
		return "", fmt.Errorf("the backup %s has no sound data.db (%v%s); nothing was changed, try an older backup", backup, err, res)
	}

	saved := beforeRestorePrefix + now.UTC().Format("20060102-150405") + ".zip"
	if err := archive.Create(dir, filepath.Join(dir, core.LocalBackupsDirName, saved), keptOnRestore...); err != nil {
		return "", fmt.Errorf("saving the current data before the restore: %w; nothing was changed", err)
	}
	old := filepath.Join(temp, "old_"+security.PseudorandomString(8))
	if err := osutils.MoveDirContent(dir, old, keptOnRestore...); err != nil {
		return "", fmt.Errorf("moving the current data aside: %w", err)
	}
	if err := osutils.MoveDirContent(extracted, dir, keptOnRestore...); err != nil {
		if back := osutils.MoveDirContent(old, dir, keptOnRestore...); back != nil {
			return "", fmt.Errorf("moving the backup in: %w; and moving the old data back: %v (it is in %s)", err, back, old)
		}
		return "", fmt.Errorf("moving the backup in: %w; the old data is back in place", err)
	}
	_ = os.RemoveAll(old)
	syscall.Sync() // a power cut right after must not undo the restore
	return saved, nil
}
