// Package ops makes Hearth safe to run on a machine nobody watches: one
// process per data directory, a version, no data directory made by a typo,
// no old binary on newer data, a backup before every upgrade, and faults
// that are loud. Register is its one entry point; main calls it.
package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Register names the binary "hearth" with its version, and binds the
// start-up guards to pb: they run at the bootstrap of every command
// (PocketBase skips it for --help and --version), before and after the
// databases open.
func Register(pb *pocketbase.PocketBase) {
	pb.RootCmd.Use = "hearth"
	pb.RootCmd.Short = "Hearth, a community server for sober living homes"
	pb.RootCmd.Version = Build().String()
	pb.RootCmd.AddCommand(newRestoreCommand(pb), newDoctorCommand(pb))

	m := &monitor{app: pb, stderr: os.Stderr}
	g := &guards{pb: pb, stderr: os.Stderr, now: time.Now, monitor: m}
	gate := &restoreGate{}
	pb.OnBootstrap().Bind(&hook.Handler[*core.BootstrapEvent]{
		Id:       "hearthOpsGuards",
		Priority: -999, // before every other bootstrap hook (PocketBase's own start at -998)
		Func:     g.bootstrap,
	})
	pb.OnBackupCreate().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, restoreNoteName)
		return excludeLockFile(e)
	})
	pb.OnBackupRestore().BindFunc(excludeLockFile)
	pb.OnServe().BindFunc(func(se *core.ServeEvent) error {
		fmt.Fprintf(g.stderr, "Hearth %s serving the data directory %s\n", Build(), se.App.DataDir())
		se.App.Logger().Info("Hearth starting", "version", Build().String(), "dir", se.App.DataDir())
		logRestoreNote(se.App, g.stderr)
		if os.Getenv("HEARTH_LITESTREAM") == "1" {
			// hooks.DBConnect opens data.db for Litestream (hooks/db_litestream.go).
			fmt.Fprintln(g.stderr, "Litestream mode (HEARTH_LITESTREAM=1): data.db's checkpoints are left to Litestream")
			se.App.Logger().Info("Litestream mode: data.db's blocking checkpoints are made passive")
		}
		bindHealthRoutes(se, m)
		se.Router.BindFunc(gate.middleware)
		return se.Next()
	})
	pb.OnBackupRestore().BindFunc(gate.onRestore)
	pb.OnBackupRestore().BindFunc(func(e *core.BackupEvent) error {
		// The restore replaces the request logs with the backup's: its own
		// words go to standard error (the journal) too.
		fmt.Fprintf(g.stderr, "hearth: restoring the backup %s; Hearth restarts on it\n", e.Name)
		e.Exclude = append(e.Exclude, restoreNoteName)
		if err := writeRestoreNote(e.App.DataDir(), e.Name, time.Now()); err != nil {
			e.App.Logger().Warn("restore: cannot leave its note", "error", err)
		}
		err := e.Next()
		if err != nil {
			removeRestoreNote(e.App.DataDir())
			fmt.Fprintf(g.stderr, "hearth: the restore of %s failed, the data is unchanged: %v\n", e.Name, err)
		}
		return err
	})
}

// policy is what the guards do for one command.
type policy struct {
	skip      bool // bootstrap nothing: the root command's help, or an offline command
	createDir bool // the data directory may be created (serve's first start)
	lock      bool // the command writes: it takes the data directory's lock
	migrates  bool // the command applies pending migrations: back up first
}

// policyFor is the policy of the command at path ("serve", "house create",
// "migrate up"; "" for the root command).
func policyFor(path string) policy {
	first, _, _ := strings.Cut(path, " ")
	switch {
	case path == "":
		return policy{skip: true}
	case path == "serve":
		return policy{createDir: true, lock: true, migrates: true}
	case path == "demo", path == "house create":
		return policy{lock: true, migrates: true}
	case path == "house list":
		return policy{migrates: true}
	case path == "migrate", path == "migrate up":
		return policy{lock: true, migrates: true}
	case first == "migrate", first == "superuser":
		return policy{lock: true}
	case slices.Contains(offlineCommands, first):
		return policy{skip: true}
	}
	return policy{}
}

// offlineCommands run without PocketBase's bootstrap (which cannot open a
// corrupt database): they open the files themselves.
var offlineCommands = []string{"doctor", "restore"}

// guards holds the lock for the life of the process.
type guards struct {
	pb      *pocketbase.PocketBase
	stderr  io.Writer
	now     func() time.Time
	lock    *InstanceLock
	monitor *monitor // told the start-up check's result
}

// command is the path of the command being run, without the binary's name.
func (g *guards) command() string {
	cmd, _, err := g.pb.RootCmd.Find(os.Args[1:])
	if err != nil || cmd == nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), g.pb.RootCmd.Name()))
}

func (g *guards) bootstrap(e *core.BootstrapEvent) error {
	path := g.command()
	p := policyFor(path)
	if p.skip {
		// The command opens what it needs itself; quiet PocketBase's
		// warning that nothing was bootstrapped.
		slog.SetDefault(slog.New(slog.DiscardHandler))
		return nil
	}
	dir := e.App.DataDir()
	if err := checkDataDir(dir, p.createDir, g.stderr); err != nil {
		return err
	}
	if p.lock && g.lock == nil {
		lock, err := AcquireLock(dir, path)
		if err != nil {
			return err
		}
		g.lock = lock
	}
	if path == "serve" {
		if err := checkAtStart(dir); err != nil {
			return err
		}
		g.monitor.checked("ok")
	}
	if err := e.Next(); err != nil {
		if isCorrupt(err) {
			return fmt.Errorf("the database %s cannot be read (%v). %s", filepath.Join(dir, "data.db"), err, restoreAdvice(dir))
		}
		if isDiskFull(err) {
			free, _ := diskFree(dir)
			return fmt.Errorf("the disk holding %s is full (%d bytes free; %v): free some space, then start Hearth again", dir, free, err)
		}
		return err
	}
	if !p.migrates {
		_, err := checkNewer(e.App)
		return err
	}
	name, err := checkMigrations(e.App, g.now())
	if err != nil {
		return err
	}
	if name != "" {
		fmt.Fprintf(g.stderr, "New migrations to apply: the data directory was backed up first to backups/%s "+
			"(restore it to roll back; docs/OPERATIONS.md)\n", name)
		e.App.Logger().Warn("backed up before applying new migrations", "backup", name)
	}
	return nil
}

// checkAtStart refuses to serve a data database that fails SQLite's
// quick_check (a damaged page serves wrong answers, or fails writes, at
// random), naming the newest backup and the command that restores it.
func checkAtStart(dir string) error {
	path := filepath.Join(dir, "data.db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	res, err := checkDatabaseFile(context.Background(), path, false)
	if err != nil {
		return fmt.Errorf("the database %s cannot be read (%v). %s", path, err, restoreAdvice(dir))
	}
	if res != "ok" {
		return fmt.Errorf("the database %s is damaged (SQLite's quick_check: %s). %s", path, res, restoreAdvice(dir))
	}
	return nil
}

// checkNewer refuses a data directory with migrations this binary does not
// know.
func checkNewer(app core.App) (bool, error) {
	unknown, _, _, err := migrationState(app)
	if err != nil {
		return false, fmt.Errorf("reading the applied migrations: %w", err)
	}
	if len(unknown) > 0 {
		return true, &NewerDataError{Unknown: unknown}
	}
	return false, nil
}

// checkDataDir refuses a data directory that does not exist, unless create
// is set: then it makes it and says so.
func checkDataDir(dir string, create bool, stderr io.Writer) error {
	info, err := os.Stat(dir)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("the data directory %s is a file, not a directory: check --dir", dir)
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the data directory %s: %w", dir, err)
	case !create:
		return fmt.Errorf("the data directory %s does not exist: check --dir "+
			"(only `hearth serve` makes a new one, on its first start)", dir)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("cannot create the data directory %s: %w", dir, err)
	}
	fmt.Fprintf(stderr, "First start: created a new, empty data directory at %s\n", dir)
	return nil
}

// excludeLockFile keeps the lock file out of backups and restores: it
// belongs to the running process.
func excludeLockFile(e *core.BackupEvent) error {
	e.Exclude = append(e.Exclude, LockFileName)
	return e.Next()
}
