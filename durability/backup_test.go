package durability_test

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBackupRestoreYear makes a backup of a year of a house of 20 through
// PocketBase's backups API (POST /api/backups), changes and deletes data,
// restores the backup (POST /api/backups/{key}/restore: PocketBase swaps
// the data directory and execs the binary again in the same process), and
// proves that every collection has the count it had at backup time, that
// sampled records come back field for field and sampled photos byte for
// byte, and that the restored databases pass the integrity check. It logs
// the sizes and the time of each step. Short mode: 90 days; long mode: 365.
func TestBackupRestoreYear(t *testing.T) {
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

	srv := newServer(t, dir)
	su := superuser(t, srv)
	openTheGates(t, su)
	cols := collectionNames(t, su)

	// What the house holds when the backup is made.
	before := countAll(t, su, cols)
	samples := sampleRecords(t, su, cols, 25)
	photos := samplePhotos(t, su)
	dataBytes, dataFiles := dirSize(dir)
	dbInfo, err := os.Stat(filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	storageBytes, storageFiles := dirSize(filepath.Join(dir, "storage"))
	t.Logf("data directory: %s in %d files (data.db %s, storage/ %s in %d files); records by collection: %s",
		mib(dataBytes), dataFiles, mib(dbInfo.Size()), mib(storageBytes), storageFiles, formatCounts(before))

	// The backup, timed.
	t0 := time.Now()
	su.must(t, "POST", "/api/backups", map[string]string{"name": "year.zip"}, nil)
	backupTook := time.Since(t0)
	var backups []struct {
		Key  string `json:"key"`
		Size int64  `json:"size"`
	}
	su.must(t, "GET", "/api/backups", nil, &backups)
	var zipSize int64
	for _, b := range backups {
		if b.Key == "year.zip" {
			zipSize = b.Size
		}
	}
	if zipSize == 0 {
		t.Fatalf("the backup is not listed: %+v", backups)
	}
	t.Logf("backup: %s in %s", mib(zipSize), backupTook.Round(time.Millisecond))

	// The archive holds what the house held.
	archived, zipFiles := archiveCounts(t, filepath.Join(dir, "backups", "year.zip"), cols, base)
	for _, c := range cols {
		if archived[c] != before[c] {
			t.Errorf("%s: %d records in the backup, %d when it was made", c, archived[c], before[c])
		}
	}
	if zipFiles != storageFiles {
		t.Errorf("the backup holds %d files of storage/, the data directory %d", zipFiles, storageFiles)
	}

	// Life goes on, then the backup is restored.
	changeTheHouse(t, su, st.house)
	changed := countAll(t, su, cols)
	for _, c := range []string{"users", "memberships", "checkins", "posts", "comments", "notifications"} {
		if changed[c] == before[c] {
			t.Errorf("%s: still %d records after the changes; the round trip would prove nothing", c, changed[c])
		}
	}
	pid := srv.cmd.Process.Pid
	startsBefore := strings.Count(readFile(t, srv.log.Name()), "Server started at")
	t1 := time.Now()
	su.must(t, "POST", "/api/backups/year.zip/restore", nil, nil)
	down := waitRestored(t, srv, su, st.house, 5*time.Minute)
	restoreTook := time.Since(t1)
	if err := srv.waitHealthy(healthLimit); err != nil {
		t.Fatal(err)
	}
	t.Logf("restore: %s from the request to the restored house answering (PocketBase waits 1 s before it starts; "+
		"the server did not answer for %s)", restoreTook.Round(time.Millisecond), down.Round(time.Millisecond))
	if !srv.running() || srv.cmd.Process.Pid != pid {
		t.Fatalf("the restore should restart the server in place (pid %d)", pid)
	}
	if got := strings.Count(readFile(t, srv.log.Name()), "Server started at"); got != startsBefore+1 {
		t.Errorf("the log shows %d starts after the restore, want %d", got, startsBefore+1)
	}

	// Everything is as it was when the backup was made.
	after := countAll(t, su, cols)
	for _, c := range cols {
		if after[c] != before[c] {
			t.Errorf("%s: %d records after the restore, %d when the backup was made (%d after the changes)", c, after[c], before[c], changed[c])
		}
	}
	checkSamples(t, su, samples)
	token := fileToken(t, su)
	for _, p := range photos {
		got, err := fileSum(context.Background(), su, p.collection, p.id, p.name, token)
		if err != nil {
			t.Errorf("photo after the restore: %v", err)
		} else if got != p.sum {
			t.Errorf("photo %s/%s/%s differs after the restore", p.collection, p.id, p.name)
		}
	}
	restoredBytes, restoredFiles := dirSize(dir)
	t.Logf("after the restore: data directory %s in %d files (with the backup and PocketBase's leftovers until the next start); "+
		"%d collections, %d records and %d photos compared", mib(restoredBytes), restoredFiles, len(cols), countSum(after), len(photos))

	srv.stop()
	checkIntegrity(t, dir)
	t.Logf("integrity_check after the restore: ok (data.db and auxiliary.db)")
}

// collectionNames lists the collections that hold records (not views).
func collectionNames(t *testing.T, su *client) []string {
	t.Helper()
	var res struct {
		Items []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"items"`
	}
	su.must(t, "GET", "/api/collections?perPage=500&skipTotal=1&fields=name,type&sort=name", nil, &res)
	var out []string
	for _, c := range res.Items {
		// audit_events is left out: the test's own reads as a superuser
		// add rows to it, a quarter second later, while it counts.
		if c.Type != "view" && c.Name != "audit_events" {
			out = append(out, c.Name)
		}
	}
	return out
}

func countAll(t *testing.T, su *client, cols []string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, c := range cols {
		out[c] = count(t, su, c, "")
	}
	return out
}

func countSum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func formatCounts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return fmt.Sprintf("%d in all (%s)", countSum(m), strings.Join(parts, ", "))
}

// sampleRecords picks up to n random records of each collection.
func sampleRecords(t *testing.T, su *client, cols []string, n int) map[string][]record {
	t.Helper()
	out := map[string][]record{}
	for _, c := range cols {
		var page struct {
			Items []record `json:"items"`
		}
		su.must(t, "GET", fmt.Sprintf("/api/collections/%s/records?perPage=%d&skipTotal=1&sort=@random", c, n), nil, &page)
		out[c] = page.Items
	}
	return out
}

// checkSamples compares the sampled records with what the server holds.
func checkSamples(t *testing.T, su *client, samples map[string][]record) {
	t.Helper()
	for c, recs := range samples {
		for _, want := range recs {
			var got record
			if err := su.do(context.Background(), "GET", "/api/collections/"+c+"/records/"+want["id"].(string), nil, &got); err != nil {
				t.Errorf("%s/%s after the restore: %v", c, want["id"], err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s after the restore:\n got %v\nwant %v", c, want["id"], got, want)
			}
		}
	}
}

// storedPhoto is a protected file and its SHA-256.
type storedPhoto struct {
	collection, id, name, sum string
}

// samplePhotos fetches some of the house's photos (finished chores,
// meeting slips, the board) and their sums.
func samplePhotos(t *testing.T, su *client) []storedPhoto {
	t.Helper()
	token := fileToken(t, su)
	var out []storedPhoto
	for _, f := range []struct{ collection, field string }{{"chore_assignments", "photo"}, {"meetings", "proof"}, {"posts", "images"}} {
		var page struct {
			Items []record `json:"items"`
		}
		su.must(t, "GET", fmt.Sprintf("/api/collections/%s/records?perPage=10&skipTotal=1&sort=@random&filter=%s",
			f.collection, url.QueryEscape(f.field+` != ""`)), nil, &page)
		for _, r := range page.Items {
			var names []string
			switch v := r[f.field].(type) {
			case string:
				names = []string{v}
			case []any:
				for _, n := range v {
					names = append(names, n.(string))
				}
			}
			for _, n := range names {
				s, err := fileSum(context.Background(), su, f.collection, r["id"].(string), n, token)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, storedPhoto{f.collection, r["id"].(string), n, s})
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("the house has no photos to sample")
	}
	return out
}

// archiveCounts counts the records of each collection in the data.db of a
// backup, and the files of its storage/.
func archiveCounts(t *testing.T, zipPath string, cols []string, work string) (map[string]int, int) {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := 0
	dbPath := filepath.Join(work, "archived-data.db")
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "storage/") && !strings.HasSuffix(f.Name, "/") {
			files++
		}
		if f.Name != "data.db" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(out, rc)
		rc.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := integrity(dbPath); err != nil || ok != "ok" {
		t.Fatalf("the backup's data.db: integrity %q, %v", ok, err)
	}
	db, err := openRO(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts := map[string]int{}
	for _, c := range cols {
		var n int
		if err := db.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM `%s`", c)).Scan(&n); err != nil {
			t.Fatalf("%s in the backup: %v", c, err)
		}
		counts[c] = n
	}
	return counts, files
}

// changeTheHouse does what a house does after a backup: a resident
// leaves and is deleted with everything of theirs, posts are taken down,
// people check in and are notified, and the house is renamed (the sign
// that tells the restore is done).
func changeTheHouse(t *testing.T, su *client, house string) {
	t.Helper()
	var residents struct {
		Items []record `json:"items"`
	}
	su.must(t, "GET", "/api/collections/memberships/records?perPage=3&skipTotal=1&sort=@random&filter="+
		url.QueryEscape(fmt.Sprintf(`house = %q && role = "resident"`, house)), nil, &residents)
	su.must(t, "DELETE", "/api/collections/users/records/"+residents.Items[0]["user"].(string), nil, nil)
	var posts struct {
		Items []record `json:"items"`
	}
	su.must(t, "GET", "/api/collections/posts/records?perPage=10&skipTotal=1&sort=@random", nil, &posts)
	for _, p := range posts.Items {
		su.must(t, "DELETE", "/api/collections/posts/records/"+p["id"].(string), nil, nil)
	}
	for i, m := range residents.Items[1:] {
		su.must(t, "POST", "/api/collections/notifications/records", map[string]any{
			"user": m["user"], "kind": "event", "title": fmt.Sprintf("House meeting moved %d", i),
		}, nil)
		su.must(t, "POST", "/api/collections/checkins/records", map[string]any{
			"user": m["user"], "house": house, "kind": "daily", "mood": 4, "craving": 1, "note": "after the backup",
		}, nil)
	}
	su.must(t, "PATCH", "/api/collections/houses/records/"+house, map[string]any{"name": "Changed after the backup"}, nil)
}

// waitRestored polls until the server answers with the house's name of
// the backup, and returns how long it did not answer at all meanwhile.
func waitRestored(t *testing.T, srv *server, su *client, house string, limit time.Duration) time.Duration {
	t.Helper()
	c := &client{base: su.base, token: su.token, http: newHTTP()}
	c.http.Timeout = 5 * time.Second
	var down time.Duration
	var downSince time.Time
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !srv.running() {
			t.Fatalf("the server exited during the restore; log %s:\n%s", srv.log.Name(), tail(srv.log.Name(), 40))
		}
		var h record
		err := c.do(context.Background(), "GET", "/api/collections/houses/records/"+house, nil, &h)
		if err != nil && status(err) == 0 {
			if downSince.IsZero() {
				downSince = time.Now()
			}
			c.http.CloseIdleConnections()
			continue
		}
		if !downSince.IsZero() {
			down += time.Since(downSince)
			downSince = time.Time{}
		}
		if err == nil && h["name"] == "Birch House" {
			return down
		}
	}
	t.Fatalf("the backup was not restored within %s; log %s:\n%s", limit, srv.log.Name(), tail(srv.log.Name(), 40))
	return 0
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
