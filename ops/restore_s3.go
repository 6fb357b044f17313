package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/filesystem/blob"
	"github.com/pocketbase/pocketbase/tools/security"
)

// The environment variables `hearth restore --from-s3` reads the bucket
// from when they are set (a new machine, or a data directory whose
// database no longer opens); otherwise it reads the dashboard's settings
// (Settings > Backups > S3) from the data directory's database.
const (
	EnvS3Bucket         = "HEARTH_S3_BUCKET"
	EnvS3Region         = "HEARTH_S3_REGION"
	EnvS3Endpoint       = "HEARTH_S3_ENDPOINT"
	EnvS3AccessKey      = "HEARTH_S3_ACCESS_KEY"
	EnvS3Secret         = "HEARTH_S3_SECRET"
	EnvS3ForcePathStyle = "HEARTH_S3_FORCE_PATH_STYLE"
)

// s3Source is where a backup is downloaded from, and how Hearth found it
// (for the operator's message).
type s3Source struct {
	config core.S3Config
	from   string
}

// backupsS3Config is the S3 storage of backups: from the HEARTH_S3_*
// variables when HEARTH_S3_BUCKET is set, else from the data directory's
// settings. encryptionEnv names the variable holding the settings' key
// when they are encrypted (--encryptionEnv).
func backupsS3Config(dir, encryptionEnv string, getenv func(string) string) (s3Source, error) {
	if getenv(EnvS3Bucket) != "" {
		c := core.S3Config{
			Enabled:   true,
			Bucket:    getenv(EnvS3Bucket),
			Region:    getenv(EnvS3Region),
			Endpoint:  getenv(EnvS3Endpoint),
			AccessKey: getenv(EnvS3AccessKey),
			Secret:    getenv(EnvS3Secret),
		}
		if v := getenv(EnvS3ForcePathStyle); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return s3Source{}, fmt.Errorf("%s=%q: write true or false", EnvS3ForcePathStyle, v)
			}
			c.ForcePathStyle = b
		}
		if err := c.Validate(); err != nil {
			return s3Source{}, fmt.Errorf("the %s* variables are incomplete: %v", "HEARTH_S3_", err)
		}
		return s3Source{config: c, from: "the HEARTH_S3_* variables"}, nil
	}
	c, err := settingsS3(filepath.Join(dir, "data.db"), getenv(encryptionEnv))
	if err != nil {
		return s3Source{}, fmt.Errorf("cannot read the S3 settings from %s (%v): set %s, %s, %s, %s, %s "+
			"(and %s=true for most providers but AWS) instead", dir, err,
			EnvS3Bucket, EnvS3Region, EnvS3Endpoint, EnvS3AccessKey, EnvS3Secret, EnvS3ForcePathStyle)
	}
	if !c.Enabled {
		return s3Source{}, fmt.Errorf("the backups of %s are not stored on S3 (Settings > Backups): "+
			"set %s and the other HEARTH_S3_* variables to restore from a bucket", dir, EnvS3Bucket)
	}
	return s3Source{config: c, from: "the settings in " + dir}, nil
}

// settingsS3 reads the backups' S3 settings from a data.db, read-only,
// decrypting them with key when PocketBase stored them encrypted.
func settingsS3(dbPath, key string) (core.S3Config, error) {
	if _, err := os.Stat(dbPath); err != nil {
		return core.S3Config{}, err
	}
	db, err := dbx.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return core.S3Config{}, err
	}
	defer db.Close()
	var raw string
	if err := db.NewQuery("SELECT value FROM _params WHERE id = 'settings'").Row(&raw); err != nil {
		return core.S3Config{}, err
	}
	var s struct {
		Backups struct {
			S3 core.S3Config `json:"s3"`
		} `json:"backups"`
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		if key == "" {
			return core.S3Config{}, errors.New("the settings are encrypted and the encryption key variable is empty")
		}
		plain, derr := security.Decrypt(raw, key)
		if derr != nil {
			return core.S3Config{}, derr
		}
		if err := json.Unmarshal(plain, &s); err != nil {
			return core.S3Config{}, err
		}
	}
	return s.Backups.S3, nil
}

// downloadBackup copies the backup name from the bucket into dir's
// backups folder (through a .part file, so a broken download leaves no
// zip behind) and returns its size. A name the bucket does not hold is
// answered with the newest names it does.
func downloadBackup(ctx context.Context, src s3Source, dir, name string) (int64, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return 0, fmt.Errorf("%q is not a backup name: give the name the dashboard or `hearth restore --from-s3 --list` shows", name)
	}
	c := src.config
	fsys, err := filesystem.NewS3(c.Bucket, c.Region, c.Endpoint, c.AccessKey, c.Secret, c.ForcePathStyle)
	if err != nil {
		return 0, err
	}
	defer fsys.Close()
	fsys.SetContext(ctx)
	ok, err := fsys.Exists(name)
	if err != nil {
		return 0, fmt.Errorf("cannot reach the bucket %s at %s: %w", c.Bucket, c.Endpoint, err)
	}
	if !ok {
		var names []string
		objs, _ := zips(fsys)
		for _, o := range objs[:min(len(objs), 5)] {
			names = append(names, o.Key)
		}
		return 0, fmt.Errorf("the bucket %s holds no backup %s (the newest: %s)", c.Bucket, name, strings.Join(names, ", "))
	}
	r, err := fsys.GetReader(name)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	backups := filepath.Join(dir, core.LocalBackupsDirName)
	if err := os.MkdirAll(backups, 0o750); err != nil {
		return 0, err
	}
	// A local backup of the same name is never replaced by the bucket's:
	// it may be the only copy of something the bucket lost.
	if _, err := os.Stat(filepath.Join(backups, name)); err == nil {
		return 0, fmt.Errorf("a local backup %s is already in %s: restore it with `hearth restore %s`, or move it away to download the bucket's", name, backups, name)
	}
	part := filepath.Join(backups, name+".part")
	f, err := os.OpenFile(part, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(part, filepath.Join(backups, name))
	}
	if err != nil {
		_ = os.Remove(part)
		return 0, fmt.Errorf("downloading %s: %w", name, err)
	}
	return n, nil
}

// zips lists the backups (zips at the top) in the bucket, newest first.
func zips(fsys *filesystem.System) ([]*blob.ListObject, error) {
	objs, err := fsys.List("")
	if err != nil {
		return nil, err
	}
	objs = slices.DeleteFunc(objs, func(o *blob.ListObject) bool {
		return !strings.HasSuffix(o.Key, ".zip") || strings.Contains(o.Key, "/")
	})
	slices.SortFunc(objs, func(a, b *blob.ListObject) int { return b.ModTime.Compare(a.ModTime) })
	return objs, nil
}

// listS3Backups is `hearth restore --from-s3 --list`: the bucket's
// backups, newest first, with their sizes and times.
func listS3Backups(ctx context.Context, src s3Source, w io.Writer) error {
	c := src.config
	fsys, err := filesystem.NewS3(c.Bucket, c.Region, c.Endpoint, c.AccessKey, c.Secret, c.ForcePathStyle)
	if err != nil {
		return err
	}
	defer fsys.Close()
	fsys.SetContext(ctx)
	objs, err := zips(fsys)
	if err != nil {
		return fmt.Errorf("cannot list the bucket %s at %s: %w", c.Bucket, c.Endpoint, err)
	}
	fmt.Fprintf(w, "Backups in the bucket %s (%s), newest first:\n", c.Bucket, src.from)
	for _, o := range objs {
		fmt.Fprintf(w, "  %s  %8.1f MiB  %s\n", o.Key, float64(o.Size)/(1<<20), o.ModTime.UTC().Format(time.RFC3339))
	}
	return nil
}
