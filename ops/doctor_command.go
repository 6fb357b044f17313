package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/tools/archive"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/spf13/cobra"
)

// backupTooOld is the age from which the newest backup is a problem: the
// nightly backup missed a night.
const backupTooOld = 50 * time.Hour

// newDoctorCommand is `hearth doctor --dir DIR`: it checks the database,
// the disk, the clock and the backups, without PocketBase's start-up (a
// database too damaged to open is one of the things it finds), and says
// what to do. It only reads, so it runs beside a serving Hearth.
func newDoctorCommand(pb *pocketbase.PocketBase) *cobra.Command {
	return &cobra.Command{
		Use:           "doctor",
		Short:         "Checks the data directory (database, disk, clock, backups) and says what to do",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if problems := doctor(cmd.Context(), cmd.OutOrStdout(), pb.DataDir(), time.Now()); problems > 0 {
				return fmt.Errorf("%d problem(s) found; what to do is above", problems)
			}
			return nil
		},
	}
}

// finding is one line of the doctor's report.
type finding struct {
	what, status, todo string // todo is "" when all is well
}

// doctor checks dir at now, prints a report to w and returns the number of
// problems found.
func doctor(ctx context.Context, w io.Writer, dir string, now time.Time) int {
	if ctx == nil {
		ctx = context.Background()
	}
	fmt.Fprintf(w, "Hearth %s, data directory %s\n\n", Build(), dir)
	if err := checkDataDir(dir, false, nil); err != nil {
		fmt.Fprintf(w, "PROBLEM  %v\n", err)
		return 1
	}
	var fs []finding
	fs = append(fs, doctorRunning(dir))
	db := doctorDatabase(ctx, dir)
	fs = append(fs, db, doctorDisk(dir))
	if db.todo == "" {
		fs = append(fs, doctorClock(ctx, dir, now))
	}
	fs = append(fs, doctorBackups(ctx, dir, now))
	if db.todo == "" {
		fs = append(fs, doctorDelivery(ctx, dir, now))
	}

	problems := 0
	for _, f := range fs {
		mark := "ok      "
		if f.todo != "" {
			mark = "PROBLEM "
			problems++
		}
		fmt.Fprintf(w, "%s %-9s %s\n", mark, f.what, f.status)
	}
	if problems == 0 {
		fmt.Fprintln(w, "\nAll is well.")
		return 0
	}
	fmt.Fprintln(w, "\nWhat to do:")
	for _, f := range fs {
		if f.todo != "" {
			fmt.Fprintf(w, "- %s: %s\n", f.what, f.todo)
		}
	}
	return problems
}

func doctorRunning(dir string) finding {
	f := finding{what: "process"}
	l, err := AcquireLock(dir, "doctor")
	var locked *LockedError
	switch {
	case errors.As(err, &locked):
		f.status = "Hearth is running (" + locked.Holder + ")"
	case err != nil:
		f.status = "cannot tell whether Hearth is running: " + err.Error()
	default:
		_ = l.Release()
		f.status = "Hearth is not running on this data directory"
	}
	return f
}

func doctorDatabase(ctx context.Context, dir string) finding {
	f := finding{what: "database"}
	path := filepath.Join(dir, "data.db")
	res, err := checkDatabaseFile(ctx, path, true)
	switch {
	case errors.Is(err, os.ErrNotExist):
		f.status = "no data.db yet (Hearth has not started here)"
	case err != nil:
		f.status = "data.db cannot be read: " + err.Error()
		f.todo = "the database is unusable. " + restoreAdvice(dir)
	case res != "ok":
		f.status = "data.db is damaged (integrity_check: " + res + ")"
		f.todo = "the database is damaged. " + restoreAdvice(dir)
	default:
		f.status = "data.db passes SQLite's integrity_check"
	}
	return f
}

func doctorDisk(dir string) finding {
	f := finding{what: "disk"}
	free, err := diskFree(dir)
	if err != nil {
		f.status, f.todo = "cannot read the free space: "+err.Error(), "check the disk (df -h "+dir+")"
		return f
	}
	f.status = fmt.Sprintf("%s free", humanBytes(free))
	if free < minFreeBytes {
		f.status = fmt.Sprintf("full: %s free", humanBytes(free))
		f.todo = "free some space on that disk (old files, or old backups copied elsewhere first): " +
			"Hearth refuses writes until there is room"
	} else if size, _ := dirBytes(dir); free < uint64(size) {
		f.todo = "free some space: the disk has less room than the data directory takes, so a backup or a restore would fill it"
	}
	return f
}

func doctorClock(ctx context.Context, dir string, now time.Time) finding {
	f := finding{what: "clock"}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db")+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		f.status = "cannot read the last job run: " + err.Error()
		return f
	}
	defer db.Close()
	var last sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT MAX(created) FROM job_runs").Scan(&last); err != nil || !last.Valid {
		f.status = fmt.Sprintf("%s (no house job has run yet)", now.UTC().Format(time.RFC3339))
		return f
	}
	lastRun, err := time.Parse("2006-01-02 15:04:05.000Z", last.String)
	if err != nil {
		f.status = "cannot read the last job run " + last.String
		return f
	}
	f.status = fmt.Sprintf("%s; the last house job ran at %s", now.UTC().Format(time.RFC3339), lastRun.UTC().Format(time.RFC3339))
	if now.Before(lastRun) {
		f.todo = "the clock reads earlier than the last house job: Hearth skips the jobs until it is right. " +
			"Set it (timedatectl set-ntp true; timedatectl shows whether it is synchronized)"
	}
	return f
}

func doctorBackups(ctx context.Context, dir string, now time.Time) finding {
	f := finding{what: "backups"}
	all, err := localBackups(dir)
	if err != nil {
		f.status, f.todo = "cannot list backups: "+err.Error(), "check "+filepath.Join(dir, "backups")
		return f
	}
	backups := restorable(all) // a copy of replaced data is no backup to go back to
	if len(backups) == 0 {
		f.status = "none in " + filepath.Join(dir, "backups")
		f.todo = "make one: dashboard > Settings > Backups > Backup now (and check the schedule there), then copy it off this machine"
		return f
	}
	b := backups[0]
	age := now.Sub(b.Modified).Round(time.Minute)
	f.status = fmt.Sprintf("%d; the newest is %s (%s, %s old)", len(all), b.Name, humanBytes(uint64(b.Size)), age)
	if res, err := backupOpens(ctx, dir, b.Path); err != nil || res != "ok" {
		f.status += fmt.Sprintf("; it does NOT open (%v%s)", err, res)
		f.todo = "the newest backup is unusable: make a new one now (Settings > Backups > Backup now) and check it with hearth doctor"
		return f
	}
	f.status += "; it opens and its database passes quick_check"
	if age > backupTooOld {
		f.todo = "no backup for " + age.String() + ": check Settings > Backups (the schedule is in UTC) and the log for backup errors"
	}
	return f
}

// backupOpens extracts a backup's data.db into the data directory's temp
// folder and runs quick_check on it.
func backupOpens(ctx context.Context, dir, zipPath string) (string, error) {
	temp := filepath.Join(dir, ".pb_temp_to_delete", "doctor_"+security.PseudorandomString(8))
	defer os.RemoveAll(temp)
	if err := archive.Extract(zipPath, temp); err != nil {
		return "", err
	}
	return checkDatabaseFile(ctx, filepath.Join(temp, "data.db"), false)
}

// dirBytes is the size of the files under dir.
func dirBytes(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n, err
}

// humanBytes is n in B, KB, MB or GB.
func humanBytes(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
