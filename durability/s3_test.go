package durability_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

const s3Bucket = "hearth-backups"

// s3Server is an in-process S3 (gofakes3) that times the requests on
// each object: the first start to the last end of the writes (a multipart
// upload is several) and of the reads.
type s3Server struct {
	*httptest.Server
	backend *s3mem.Backend

	mu     sync.Mutex
	writes map[string][2]time.Time
	reads  map[string][2]time.Time
}

func newS3Server(t testing.TB) *s3Server {
	t.Helper()
	s := &s3Server{backend: s3mem.New(), writes: map[string][2]time.Time{}, reads: map[string][2]time.Time{}}
	if err := s.backend.CreateBucket(s3Bucket); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(s.backend).Server()
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		fake.ServeHTTP(w, r)
		key := strings.TrimPrefix(r.URL.Path, "/"+s3Bucket+"/")
		if key == r.URL.Path || key == "" {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		var m map[string][2]time.Time
		switch r.Method {
		case http.MethodPut, http.MethodPost:
			m = s.writes
		case http.MethodGet:
			m = s.reads
		default:
			return
		}
		span, ok := m[key]
		if !ok || start.Before(span[0]) {
			span[0] = start
		}
		span[1] = time.Now()
		m[key] = span
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *s3Server) took(m map[string][2]time.Time, key string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return m[key][1].Sub(m[key][0])
}

// s3Env is the bucket in the HEARTH_S3_* variables `hearth restore
// --from-s3` reads on a machine that has no settings.
func (s *s3Server) env() []string {
	return []string{"HEARTH_S3_BUCKET=" + s3Bucket, "HEARTH_S3_REGION=us-east-1", "HEARTH_S3_ENDPOINT=" + s.URL,
		"HEARTH_S3_ACCESS_KEY=durability", "HEARTH_S3_SECRET=durability-secret", "HEARTH_S3_FORCE_PATH_STYLE=true"}
}

// TestS3BackupRestoreYear is the off-site round trip: PocketBase's
// backups go to an S3 bucket (an in-process gofakes3, configured through
// the settings API as an operator does in the dashboard), the machine is
// lost, and a new, empty data directory is rebuilt from the bucket with
// `hearth restore --from-s3` (the HEARTH_S3_* variables, since the new
// machine has no settings). Every collection has its count of the backup
// time, sampled records come back field for field and photos byte for
// byte, and the databases pass the integrity check. It logs the time of
// the backup, the upload, the download and the restore. Short mode: 90
// days of a house of 20; long mode: 365.
func TestS3BackupRestoreYear(t *testing.T) {
	days := 90
	if longMode {
		days = 365
	}
	base := testDir(t)
	dir := filepath.Join(base, "data")
	st, err := seedHouse(dir, days, quietZone(time.Now()), uint64(time.Now().UnixNano()))
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	t.Logf("seeded %d days of a house of 20: %d records, %d photos, in %s", days, st.records, st.files, st.took.Round(time.Millisecond))

	s3 := newS3Server(t)
	srv := newServer(t, dir)
	su := superuser(t, srv)
	openTheGates(t, su)
	su.must(t, "PATCH", "/api/settings", map[string]any{"backups": map[string]any{"s3": map[string]any{
		"enabled": true, "bucket": s3Bucket, "region": "us-east-1", "endpoint": s3.URL,
		"accessKey": "durability", "secret": "durability-secret", "forcePathStyle": true,
	}}}, nil)
	su.must(t, "POST", "/api/settings/test/s3", map[string]string{"filesystem": "backups"}, nil)

	cols := collectionNames(t, su)
	before := countAll(t, su, cols)
	samples := sampleRecords(t, su, cols, 25)
	// The test's sign-in on the restored server updates its _authOrigins
	// row (the same device signing in again): its count is compared, its
	// fields are not.
	delete(samples, "_authOrigins")
	photos := samplePhotos(t, su)
	dataBytes, _ := dirSize(dir)

	t0 := time.Now()
	su.must(t, "POST", "/api/backups", map[string]string{"name": "offsite.zip"}, nil)
	backupTook := time.Since(t0)
	uploadTook := s3.took(s3.writes, "offsite.zip")
	obj, err := s3.backend.HeadObject(s3Bucket, "offsite.zip")
	if err != nil {
		t.Fatalf("the backup is not in the bucket: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "backups", "offsite.zip")); err == nil {
		t.Error("the backup stayed in the local backups folder too")
	}
	var listed []struct {
		Key string `json:"key"`
	}
	su.must(t, "GET", "/api/backups", nil, &listed)
	if len(listed) != 1 || listed[0].Key != "offsite.zip" {
		t.Errorf("the dashboard lists %+v, want the bucket's offsite.zip", listed)
	}

	// The machine is lost; its data directory with it.
	srv.stop()
	checkIntegrity(t, dir)
	fresh := filepath.Join(base, "new-machine")
	if err := os.MkdirAll(fresh, 0o750); err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	cmd := exec.Command(binPath, "restore", "--from-s3", "offsite.zip", "--dir", fresh)
	cmd.Env = append(os.Environ(), s3.env()...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hearth restore --from-s3: %v\n%s", err, out)
	}
	restoreCmdTook := time.Since(t1)
	downloadTook := s3.took(s3.reads, "offsite.zip")
	t.Logf("hearth restore --from-s3 said:\n%s", out)

	t2 := time.Now()
	restored := serveOn(t, binPath, fresh)
	startTook := time.Since(t2)
	su2 := superuser(t, restored)
	after := countAll(t, su2, cols)
	for _, c := range cols {
		if after[c] != before[c] {
			t.Errorf("%s: %d records after the restore from S3, %d at backup time", c, after[c], before[c])
		}
	}
	checkSamples(t, su2, samples)
	token := fileToken(t, su2)
	for _, p := range photos {
		got, err := fileSum(context.Background(), su2, p.collection, p.id, p.name, token)
		if err != nil {
			t.Errorf("photo after the restore: %v", err)
		} else if got != p.sum {
			t.Errorf("photo %s/%s/%s differs after the restore from S3", p.collection, p.id, p.name)
		}
	}
	restored.stop()
	checkIntegrity(t, fresh)
	// Record by record: every row of every collection of the lost
	// machine's data.db (unchanged since the backup) against the
	// restored one.
	rows := compareRows(t, filepath.Join(dir, "data.db"), filepath.Join(fresh, "data.db"), cols)

	t.Logf("S3 round trip of %d days (data directory %s, backup %s; %s): backup with upload %s (upload %s), "+
		"download %s, restore --from-s3 %s in all (restore without the download %s), first start %s; "+
		"%d collections, %d records field by field and %d photos byte by byte compared",
		days, mib(dataBytes), mib(obj.Size), formatCounts(before), backupTook.Round(time.Millisecond), uploadTook.Round(time.Millisecond),
		downloadTook.Round(time.Millisecond), restoreCmdTook.Round(time.Millisecond), (restoreCmdTook - downloadTook).Round(time.Millisecond),
		startTook.Round(time.Millisecond), len(cols), rows, len(photos))
}

// compareRows compares every row of the collections in two data.db files
// field by field, and returns how many it compared. _authOrigins is
// compared by id only: a sign-in on the restored server updates its row.
func compareRows(t *testing.T, wantPath, gotPath string, cols []string) int {
	t.Helper()
	read := func(path, col string) map[string]string {
		db, err := openRO(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(fmt.Sprintf("SELECT * FROM `%s`", col))
		if err != nil {
			t.Fatalf("%s in %s: %v", col, path, err)
		}
		defer rows.Close()
		names, _ := rows.Columns()
		out := map[string]string{}
		for rows.Next() {
			vals := make([]any, len(names))
			ptrs := make([]any, len(names))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			id := ""
			for i, n := range names {
				if n == "id" {
					id = fmt.Sprint(vals[i])
				}
				if col == "_authOrigins" && n != "id" {
					continue
				}
				fmt.Fprintf(&b, "%s=%v;", n, vals[i])
			}
			out[id] = b.String()
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	n := 0
	for _, c := range cols {
		want, got := read(wantPath, c), read(gotPath, c)
		for id, w := range want {
			if g, ok := got[id]; !ok {
				t.Errorf("%s/%s is missing after the restore", c, id)
			} else if g != w {
				t.Errorf("%s/%s differs after the restore:\n got %s\nwant %s", c, id, g, w)
			}
			n++
		}
		for id := range got {
			if _, ok := want[id]; !ok {
				t.Errorf("%s/%s is in the restored data only", c, id)
			}
		}
	}
	return n
}
