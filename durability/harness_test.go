package durability_test

// The harness builds the real hearth binary once, gives each test its own
// data directory under durability/.work, and starts, kills and restarts
// `hearth serve` on it. Readiness is always polled (/api/health), never
// slept for.
//
// Environment:
//   HEARTH_LONG=1            long mode (same as -long): 25 kills, a full year of data
//   HEARTH_DURABILITY_BIN    use this prebuilt binary instead of building one
//                            (it must not live under /tmp: PocketBase takes such
//                            a binary for `go run`)
//   HEARTH_DURABILITY_SEED   the random seed of the kill test, to replay a run
//   HEARTH_SYNC_COST=1       run TestSynchronousCost (synchronous=FULL against
//                            NORMAL) outside long mode
//   HEARTH_KEEP=1            keep the work directory even when everything passed
//
// A failed run keeps its data directories and server logs in
// durability/.work/run-*/ for a look.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver PocketBase itself uses
)

const (
	adminEmail    = "admin@durability.example"
	adminPassword = "durability-admin-password-1234"
	userPassword  = "durability-user-password"

	// healthLimit bounds a start: migrations on an empty directory, or the
	// start-up sweep on a big one, on a machine busy with other tests.
	healthLimit = 60 * time.Second
)

var (
	longFlag = flag.Bool("long", false, "long mode: 25 kills and a full year of data (or HEARTH_LONG=1)")

	longMode bool
	repoRoot string
	workDir  string // this run's directory under durability/.work
	binPath  string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "durability setup:", err)
		code = 1
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	longMode = *longFlag || os.Getenv("HEARTH_LONG") == "1"
	var err error
	if repoRoot, err = filepath.Abs(".."); err != nil {
		return 1, err
	}
	// Not under os.TempDir(): PocketBase takes a binary there for `go run`
	// (development mode, automigrate) and puts its data next to the sources.
	root := filepath.Join(repoRoot, "durability", ".work")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return 1, err
	}
	if workDir, err = os.MkdirTemp(root, "run-"); err != nil {
		return 1, err
	}

	binPath = os.Getenv("HEARTH_DURABILITY_BIN")
	if binPath == "" {
		binPath = filepath.Join(workDir, "hearth")
		if err := buildHearth(binPath); err != nil {
			return 1, err
		}
	}

	code := m.Run()
	if code == 0 && os.Getenv("HEARTH_KEEP") != "1" {
		os.RemoveAll(workDir)
	} else {
		fmt.Fprintln(os.Stderr, "durability: data directories and server logs kept in", workDir)
	}
	return code, nil
}

// buildHearth builds the binary from the repository root, with extra go
// build arguments (such as -overlay).
func buildHearth(out string, args ...string) error {
	cmdArgs := append([]string{"build", "-o", out}, args...)
	build := exec.Command("go", append(cmdArgs, ".")...)
	build.Dir = repoRoot
	build.Env = append(os.Environ(), "GOTOOLCHAIN=auto", "CGO_ENABLED=0")
	if b, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	return nil
}

// testDir is a fresh directory for the test under the run's work
// directory, named after the test.
func testDir(t testing.TB) string {
	t.Helper()
	name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
	dir := filepath.Join(workDir, name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// hearth runs a one-shot command of the binary (demo, superuser, ...).
func hearth(t testing.TB, args ...string) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(os.Environ(), "BROWSER=true")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hearth %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// ---------- the server process ----------

// server is `hearth serve` on one data directory. Its log collects every
// start (and PocketBase's own restarts) in order.
type server struct {
	t      testing.TB
	bin    string
	dir    string
	log    *os.File
	cmd    *exec.Cmd
	exited chan struct{}
	base   string
	starts int
	env    []string // added to the process's environment
}

// newServer prepares a server for the data directory (with a superuser)
// and starts it. The test's cleanup stops it, killing it if it must.
func newServer(t testing.TB, dir string) *server {
	t.Helper()
	return newServerWith(t, binPath, dir)
}

// newServerWith is newServer with another binary.
func newServerWith(t testing.TB, bin, dir string) *server {
	t.Helper()
	// Only serve makes a data directory that does not exist.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hearth(t, "superuser", "upsert", adminEmail, adminPassword, "--dir", dir)
	return serveOn(t, bin, dir)
}

// serveOn starts `hearth serve` on a data directory as it is (a restored
// one keeps its own superuser), with extra environment variables
// ("HEARTH_LITESTREAM=1"). The test's cleanup stops it.
func serveOn(t testing.TB, bin, dir string, env ...string) *server {
	t.Helper()
	log, err := openLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, bin: bin, dir: dir, log: log, env: env}
	t.Cleanup(func() {
		if s.running() {
			s.stop()
		}
		log.Close()
	})
	s.start()
	return s
}

// openLog opens (appending) the server log kept next to a data directory.
func openLog(dir string) (*os.File, error) {
	return os.OpenFile(dir+".serve.log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
}

// start starts `hearth serve` on a free port and waits for its health.
func (s *server) start() {
	s.t.Helper()
	if err := s.startNoWait(); err != nil {
		s.t.Fatal(err)
	}
	if err := s.waitHealthy(healthLimit); err != nil {
		s.t.Fatal(err)
	}
}

// startNoWait starts `hearth serve` without waiting for it to serve.
func (s *server) startNoWait() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	s.starts++
	fmt.Fprintf(s.log, "\n===== start %d on %s at %s =====\n", s.starts, addr, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(s.bin, "serve", "--http", addr, "--dir", s.dir)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	// No superuser-less installer, and no browser in any case.
	cmd.Env = append(append(os.Environ(), "BROWSER=true"), s.env...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("hearth serve: %w", err)
	}
	s.cmd, s.base = cmd, "http://"+addr
	exited := make(chan struct{})
	s.exited = exited
	go func() { _ = cmd.Wait(); close(exited) }()
	return nil
}

// running reports whether the process is still alive (PocketBase's
// restart keeps the process: it execs the binary again in place).
func (s *server) running() bool {
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// waitHealthy polls /api/health until it answers 200. A process that
// exits meanwhile fails at once with its log's tail.
func (s *server) waitHealthy(limit time.Duration) error {
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if !s.running() {
			return fmt.Errorf("hearth serve exited before serving (%v); log %s:\n%s", s.cmd.ProcessState, s.log.Name(), tail(s.log.Name(), 40))
		}
		resp, err := client.Get(s.base + "/api/health")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("hearth serve at %s not healthy after %s; log %s:\n%s", s.base, limit, s.log.Name(), tail(s.log.Name(), 40))
}

// kill sends SIGKILL (on Linux, what Process.Kill sends) and waits for the
// process to be gone.
func (s *server) kill() {
	s.t.Helper()
	if err := s.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		s.t.Fatalf("kill: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.t.Fatal("the killed server did not exit within 30 s")
	}
	if st, ok := s.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() || st.Signal() != syscall.SIGKILL {
		// It may have exited by itself before the signal: that is a failure too.
		s.t.Fatalf("the server did not die of SIGKILL: %v", s.cmd.ProcessState)
	}
	fmt.Fprintf(s.log, "\n===== SIGKILL at %s =====\n", time.Now().Format(time.RFC3339Nano))
}

// stop asks the server to stop (SIGINT, as Ctrl-C), and kills it after
// 15 s.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail is the last n lines of a file.
func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// ---------- the REST API ----------

// client talks to one server as one account (token "" for a guest).
type client struct {
	base  string
	token string
	http  *http.Client
}

// newHTTP is an HTTP client with its own connections: after a kill, old
// keep-alive connections are dead and must not be reused.
func newHTTP() *http.Client {
	return &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true},
	}
}

// apiError is an answer that was not 2xx.
type apiError struct {
	Method, Path string
	Status       int
	Body         string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, e.Body)
}

// upload is one file of a multipart request.
type upload struct {
	field, name string
	data        []byte
}

// do sends a JSON body (nil for none) and decodes a 2xx answer into out
// (nil to skip). A transport error comes back as it is; a non-2xx answer
// as an *apiError.
func (c *client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	return c.send(ctx, method, path, "application/json", rd, out)
}

// multipart sends form fields and files.
func (c *client) multipart(ctx context.Context, method, path string, fields map[string]string, files []upload, out any) error {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, f.field, f.name))
		h.Set("Content-Type", "image/png")
		part, err := w.CreatePart(h)
		if err != nil {
			return err
		}
		if _, err := part.Write(f.data); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.send(ctx, method, path, w.FormDataContentType(), &buf, out)
}

func (c *client) send(ctx context.Context, method, path, contentType string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err // the answer was cut off: not an acknowledgement
	}
	if resp.StatusCode/100 != 2 {
		return &apiError{Method: method, Path: path, Status: resp.StatusCode, Body: string(raw)}
	}
	if out != nil && len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(out); err != nil {
			return fmt.Errorf("%s %s: decode: %v: %s", method, path, err, raw)
		}
	}
	return nil
}

// must is do for set-up steps: anything but a 2xx fails the test.
func (c *client) must(t testing.TB, method, path string, body, out any) {
	t.Helper()
	if err := c.do(context.Background(), method, path, body, out); err != nil {
		t.Fatal(err)
	}
}

// status is the HTTP status of an error from do (0 for a transport error).
func status(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}

// record is a record as the API returns it.
type record = map[string]any

// signIn signs in to an auth collection with a password.
func signIn(t testing.TB, base, collection, email, password string) *client {
	t.Helper()
	c := &client{base: base, http: newHTTP()}
	var res struct {
		Token string `json:"token"`
	}
	c.must(t, "POST", "/api/collections/"+collection+"/auth-with-password",
		map[string]string{"identity": email, "password": password}, &res)
	if res.Token == "" {
		t.Fatalf("%s sign-in gave no token", email)
	}
	c.token = res.Token
	return c
}

func superuser(t testing.TB, s *server) *client {
	t.Helper()
	return signIn(t, s.base, "_superusers", adminEmail, adminPassword)
}

// openTheGates turns the rate limits off (the tests write hundreds of
// records a second from one address) and PocketBase's batch API on.
func openTheGates(t testing.TB, su *client) {
	t.Helper()
	su.must(t, "PATCH", "/api/settings", map[string]any{
		"rateLimits": map[string]any{"enabled": false},
		"batch":      map[string]any{"enabled": true, "maxRequests": 500, "timeout": 30, "maxBodySize": 0},
	}, nil)
}

// count is a collection's number of records as the superuser sees them
// (with an optional filter).
func count(t testing.TB, su *client, collection, filter string) int {
	t.Helper()
	var res struct {
		TotalItems int `json:"totalItems"`
	}
	path := "/api/collections/" + collection + "/records?perPage=1&fields=id"
	if filter != "" {
		path += "&filter=" + url.QueryEscape(filter)
	}
	su.must(t, "GET", path, nil, &res)
	return res.TotalItems
}

// fileToken is a superuser's token for protected files.
func fileToken(t testing.TB, su *client) string {
	t.Helper()
	var res struct {
		Token string `json:"token"`
	}
	su.must(t, "POST", "/api/files/token", nil, &res)
	return res.Token
}

// fileSum fetches a stored file and returns its SHA-256.
func fileSum(ctx context.Context, c *client, collection, id, name, token string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/api/files/"+collection+"/"+id+"/"+name+"?token="+token, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("file %s/%s/%s: %d", collection, id, name, resp.StatusCode)
	}
	h := sha256.New()
	if _, err := io.Copy(h, resp.Body); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// newID is a PocketBase record id chosen by the client (15 of [a-z0-9]),
// so a write whose answer never came can still be looked for.
func newID(rng *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// photo is a small PNG of random noise: each one is different, so a file
// that comes back can be told from any other.
func photo(rng *rand.Rand, size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for i := 0; i < len(img.Pix); i += 4 {
		v := rng.Uint32()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(v), uint8(v>>8), uint8(v>>16), 255
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// ---------- the database files ----------

// openRO opens a database file read-only, with the WAL it has.
func openRO(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// integrity runs PRAGMA integrity_check and foreign_key_check on a
// database file and returns what they found ("ok" when all is well).
func integrity(path string) (string, error) {
	db, err := openRO(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		return "", err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return "", err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	fk, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		return "", err
	}
	defer fk.Close()
	for fk.Next() {
		out = append(out, "foreign key violation")
	}
	return strings.Join(out, "; "), fk.Err()
}

// checkIntegrity fails the test unless both databases of the data
// directory are intact.
func checkIntegrity(t testing.TB, dir string) {
	t.Helper()
	for _, name := range []string{"data.db", "auxiliary.db"} {
		got, err := integrity(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got != "ok" {
			t.Fatalf("%s: integrity_check = %q, want \"ok\"", name, got)
		}
	}
}

// uniqueKeys are the natural keys the contract says are never duplicated.
var uniqueKeys = []struct{ table, cols string }{
	{"checkins", "user, house, kind, day"},
	{"reactions", "post, user, kind"},
	{"chore_assignments", "chore, due"},
	{"chore_days", "house, day"},
	{"memberships", "house, user"},
	{"job_runs", "house, job, day"},
}

// duplicates lists the rows of data.db that share a natural key.
func duplicates(dir string) ([]string, error) {
	db, err := openRO(filepath.Join(dir, "data.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var out []string
	for _, k := range uniqueKeys {
		rows, err := db.Query(fmt.Sprintf("SELECT %s, COUNT(*) FROM %s GROUP BY %s HAVING COUNT(*) > 1", k.cols, k.table, k.cols))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprintf("%s %v", k.table, vals))
		}
		rows.Close()
	}
	return out, nil
}

// ids reads the ids of a table of data.db.
func ids(dir, table string) (map[string]bool, error) {
	db, err := openRO(filepath.Join(dir, "data.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query("SELECT id FROM " + table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// dirSize is the total size of the files under dir, and how many.
func dirSize(dir string) (size int64, files int) {
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			size += info.Size()
			files++
		}
		return nil
	})
	return size, files
}

// parallel runs f for 0..n-1 on up to workers goroutines and returns the
// errors, at most ten.
func parallel(n, workers int, f func(i int) error) []error {
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		next = make(chan int)
	)
	for range workers {
		wg.Go(func() {
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if len(errs) < 10 {
						errs = append(errs, err)
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
