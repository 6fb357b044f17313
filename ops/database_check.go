package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, as PocketBase uses it
)

// checkDatabaseFile runs SQLite's quick_check (or, with full, the slower
// integrity_check) on the database file at path, read-only. It returns "ok"
// or what SQLite found, and an error when the file cannot be read as a
// database at all.
func checkDatabaseFile(ctx context.Context, path string, full bool) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return "", err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	pragma := "PRAGMA quick_check(20)"
	if full {
		pragma = "PRAGMA integrity_check(20)"
	}
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		found = append(found, s)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return strings.Join(found, "; "), nil
}

// backupFile is one zip in the data directory's backups folder.
type backupFile struct {
	Name     string
	Path     string
	Modified time.Time
	Size     int64
}

// localBackups lists dir/backups/*.zip, newest first.
func localBackups(dir string) ([]backupFile, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "backups"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []backupFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".zip") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, backupFile{Name: e.Name(), Path: filepath.Join(dir, "backups", e.Name()),
			Modified: info.ModTime(), Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Modified.After(out[j].Modified) })
	return out, nil
}

// beforeRestorePrefix names the copy `hearth restore` makes of the data it
// replaces: damaged data, often, so never offered as the backup to restore.
const beforeRestorePrefix = "before-restore-"

// restorable is backups without the copies of replaced data.
func restorable(backups []backupFile) []backupFile {
	var out []backupFile
	for _, b := range backups {
		if !strings.HasPrefix(b.Name, beforeRestorePrefix) {
			out = append(out, b)
		}
	}
	return out
}

// restoreAdvice is what to do with a data directory whose database is
// broken: the newest backup and the command that restores it.
func restoreAdvice(dir string) string {
	all, _ := localBackups(dir)
	backups := restorable(all)
	if len(backups) == 0 {
		return fmt.Sprintf("There is no backup in %s. Copy one back into that folder "+
			"(from where you keep copies off the machine), then run: hearth restore NAME.zip --dir %s",
			filepath.Join(dir, "backups"), dir)
	}
	b := backups[0]
	return fmt.Sprintf("The newest backup is %s (%s). Stop Hearth (systemctl stop hearth), then restore it with:\n"+
		"  hearth restore %s --dir %s\n"+
		"and start Hearth again. `hearth doctor --dir %s` checks the backups first.",
		b.Name, b.Modified.Local().Format("2006-01-02 15:04"), b.Name, dir, dir)
}
