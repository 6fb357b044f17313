package hooks

import (
	"os"
	"path/filepath"

	"github.com/pocketbase/pocketbase/core"
)

// bindFilesSync makes an uploaded photo as durable as the record that
// names it. PocketBase writes uploads to the local storage under a
// temporary name and renames them into place without syncing, while the
// record's commit is synced: after a power cut the record could name a
// photo that never reached the disk. This syncs each new file and its
// folders after the record is written and before the transaction commits,
// so an acknowledged chore photo or meeting slip survives like the rest.
// Storage on S3 is left to S3.
func bindFilesSync(app core.App) {
	sync := func(e *core.RecordEvent) error {
		var names []string
		for _, f := range e.Record.Collection().Fields {
			if f.Type() != core.FieldTypeFile {
				continue
			}
			for _, file := range e.Record.GetUnsavedFiles(f.GetName()) {
				names = append(names, file.Name)
			}
		}
		if err := e.Next(); err != nil || len(names) == 0 || e.App.Settings().S3.Enabled {
			return err
		}
		return syncStoredFiles(e.App, e.Record, names)
	}
	app.OnRecordCreateExecute().BindFunc(sync)
	app.OnRecordUpdateExecute().BindFunc(sync)
}

// syncStoredFiles flushes the named files of the record to the disk, then
// the folders that hold them (a new folder's entry lives in its parent).
func syncStoredFiles(app core.App, record *core.Record, names []string) error {
	storage := filepath.Join(app.DataDir(), "storage")
	dir := filepath.Join(storage, filepath.FromSlash(record.BaseFilesPath()))
	for _, name := range names {
		if err := fsync(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	for _, d := range []string{dir, filepath.Dir(dir), storage} {
		if err := fsync(d); err != nil {
			return err
		}
	}
	return nil
}

// fsync flushes one file or folder to the disk.
func fsync(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
