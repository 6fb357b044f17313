package ops

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/pocketbase/pocketbase/core"
)

// fakeS3 is an in-process S3 server holding one empty bucket.
func fakeS3(t *testing.T, bucket string) *httptest.Server {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	return srv
}

// TestRestoreFromS3 backs up a data directory to an S3 bucket with
// PocketBase's own CreateBackup (its settings encrypted, as with
// --encryptionEnv), changes the data, then restores it as
// `hearth restore --from-s3` does: the bucket read from the data
// directory's settings, the zip downloaded, then the offline restore.
func TestRestoreFromS3(t *testing.T) {
	s3 := fakeS3(t, "hearth-backups")
	t.Setenv("HEARTH_TEST_ENC_KEY", strings.Repeat("k", 32))
	dir := t.TempDir()

	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "HEARTH_TEST_ENC_KEY"})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	settings := app.Settings()
	settings.Backups.S3 = core.S3Config{Enabled: true, Bucket: "hearth-backups", Region: "us-east-1",
		Endpoint: s3.URL, AccessKey: "key", Secret: "secret", ForcePathStyle: true}
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	newSuperuser(t, app, "kept@example.com")
	if err := app.CreateBackup(context.Background(), "offsite.zip"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, core.LocalBackupsDirName, "offsite.zip")); err == nil {
		t.Fatal("the backup is in the local backups folder; it should be in the bucket only")
	}
	newSuperuser(t, app, "after@example.com")
	if err := app.ClearBootstrap(); err != nil {
		t.Fatal(err)
	}

	src, err := backupsS3Config(dir, "HEARTH_TEST_ENC_KEY", os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if src.config.Endpoint != s3.URL || src.config.Secret != "secret" {
		t.Fatalf("S3 settings read as %+v", src.config)
	}
	var list bytes.Buffer
	if err := listS3Backups(context.Background(), src, &list); err != nil || !strings.Contains(list.String(), "offsite.zip") {
		t.Fatalf("the list %q (%v) lacks offsite.zip", list.String(), err)
	}
	if _, err := downloadBackup(context.Background(), src, dir, "missing.zip"); err == nil || !strings.Contains(err.Error(), "offsite.zip") {
		t.Errorf("a missing name: %v; want an error naming the bucket's backups", err)
	}
	if _, err := downloadBackup(context.Background(), src, dir, "offsite.zip"); err != nil {
		t.Fatal(err)
	}
	// A second download of the same name never replaces the local copy.
	if _, err := downloadBackup(context.Background(), src, dir, "offsite.zip"); err == nil || !strings.Contains(err.Error(), "already in") {
		t.Errorf("a second download over the local offsite.zip: %v; want it refused", err)
	}
	if _, err := restoreBackup(dir, "offsite.zip", time.Now()); err != nil {
		t.Fatal(err)
	}

	restored := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "HEARTH_TEST_ENC_KEY"})
	if err := restored.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer restored.ClearBootstrap()
	if _, err := restored.FindAuthRecordByEmail(core.CollectionNameSuperusers, "kept@example.com"); err != nil {
		t.Errorf("the superuser of the backup is not back: %v", err)
	}
	if _, err := restored.FindAuthRecordByEmail(core.CollectionNameSuperusers, "after@example.com"); err == nil {
		t.Error("the superuser made after the backup is still there: nothing was restored")
	}
}

func newSuperuser(t *testing.T, app core.App, email string) {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.SetEmail(email)
	r.SetPassword("a-long-enough-password")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

// TestBackupsS3Config: the HEARTH_S3_* variables win over the settings
// (a new machine has none), and what is missing is said.
func TestBackupsS3Config(t *testing.T) {
	full := map[string]string{
		EnvS3Bucket: "b", EnvS3Region: "auto", EnvS3Endpoint: "https://s3.example.org",
		EnvS3AccessKey: "k", EnvS3Secret: "s", EnvS3ForcePathStyle: "true",
	}
	without := func(k string) map[string]string {
		m := map[string]string{}
		for kk, v := range full {
			if kk != k {
				m[kk] = v
			}
		}
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"every variable", full, ""},
		{"no secret", without(EnvS3Secret), "secret"},
		{"no endpoint", without(EnvS3Endpoint), "endpoint"},
		{"path style not a bool", map[string]string{EnvS3Bucket: "b", EnvS3ForcePathStyle: "yes please"}, EnvS3ForcePathStyle},
		{"no variables and no database", map[string]string{}, "cannot read the S3 settings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := backupsS3Config(t.TempDir(), "", func(k string) string { return tt.env[k] })
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c := src.config; !c.Enabled || c.Bucket != "b" || c.Region != "auto" || !c.ForcePathStyle || c.Secret != "s" {
					t.Errorf("config %+v", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}
