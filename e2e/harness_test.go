package e2e_test

// The harness builds the real hearth binary once, fills a fresh data
// directory with `hearth demo` and a superuser, serves it on a free local
// port, and gives each test its own headless Chromium with a fresh profile.
//
// Environment:
//   CI=true              a missing Chromium fails the run instead of skipping it
//   HEARTH_CHROMIUM      path of the browser (default: /usr/bin/chromium, then PATH)
//   HEARTH_E2E_BIN       use this prebuilt binary instead of building one
//   HEARTH_E2E_SHOTS     where screenshots go (default: e2e/.work/shots)

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	demoPassword  = "maple-house-demo"
	managerEmail  = "manager@maple.example"
	adminEmail    = "admin@example.com"
	adminPassword = "e2e-admin-password-1234"

	// actionTimeout bounds every single browser step.
	actionTimeout = 20 * time.Second
)

var (
	hearthBin  string // the binary under test
	repoRoot   string
	baseURL    string
	chromium   string
	skipReason string
	shotsDir   string
	workDir    string
)

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		code = 1
	}
	os.Exit(code)
}

func setup(m *testing.M) (int, error) {
	var err error
	if repoRoot, err = filepath.Abs(".."); err != nil {
		return 1, err
	}
	shotsDir = os.Getenv("HEARTH_E2E_SHOTS")
	if shotsDir == "" {
		shotsDir = filepath.Join(repoRoot, "e2e", ".work", "shots")
	}
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		return 1, err
	}

	chromium = findChromium()
	if chromium == "" {
		if os.Getenv("CI") == "true" {
			return 1, fmt.Errorf("chromium not found (install Debian's chromium, or set HEARTH_CHROMIUM); CI=true so this is a failure")
		}
		skipReason = "chromium not found; install it or set HEARTH_CHROMIUM (CI=true makes this a failure)"
		return m.Run(), nil
	}

	// Not under os.TempDir(): PocketBase takes a binary there for `go run`
	// and would put its data next to the sources.
	root := filepath.Join(repoRoot, "e2e", ".work")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return 1, err
	}
	if workDir, err = os.MkdirTemp(root, "run-"); err != nil {
		return 1, err
	}

	bin := os.Getenv("HEARTH_E2E_BIN")
	if bin == "" {
		bin = filepath.Join(workDir, "hearth")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = repoRoot
		build.Env = append(os.Environ(), "GOTOOLCHAIN=auto")
		if out, err := build.CombinedOutput(); err != nil {
			return 1, fmt.Errorf("go build: %v\n%s", err, out)
		}
	}

	hearthBin = bin

	data := filepath.Join(workDir, "data")
	// Only serve makes a data directory that does not exist.
	if err := os.MkdirAll(data, 0o755); err != nil {
		return 1, err
	}
	if out, err := exec.Command(bin, "demo", "--dir", data).CombinedOutput(); err != nil {
		return 1, fmt.Errorf("hearth demo: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "superuser", "upsert", adminEmail, adminPassword, "--dir", data).CombinedOutput(); err != nil {
		return 1, fmt.Errorf("hearth superuser upsert: %v\n%s", err, out)
	}

	port, err := freePort()
	if err != nil {
		return 1, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	baseURL = "http://" + addr
	logFile, err := os.Create(filepath.Join(workDir, "serve.log"))
	if err != nil {
		return 1, err
	}
	defer logFile.Close()
	serve := exec.Command(bin, "serve", "--http", addr, "--dir", data)
	serve.Stdout, serve.Stderr = logFile, logFile
	if err := serve.Start(); err != nil {
		return 1, fmt.Errorf("hearth serve: %w", err)
	}
	if err := waitHealthy(30 * time.Second); err != nil {
		stop(serve)
		log, _ := os.ReadFile(logFile.Name())
		return 1, fmt.Errorf("%w\nserve log:\n%s", err, log)
	}

	if err := relaxSignInLimit(); err != nil {
		stop(serve)
		return 1, err
	}

	code := m.Run()
	stop(serve)
	if code == 0 {
		// A failed run keeps its data and server log in e2e/.work for a look.
		os.RemoveAll(workDir)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: data and server log kept in", workDir)
	}
	return code, nil
}

// relaxSignInLimit raises the server's sign-in rate limits (`*:auth` and
// `*:authWithPassword`, 20 a minute per address in production) for the browser tests, which sign in
// dozens of demo people from one address within a minute. The limit itself
// is tested against the real settings in the hooks package.
func relaxSignInLimit() error {
	post := func(method, path, token string, body any, out any) error {
		var rd io.Reader
		if body != nil {
			raw, err := json.Marshal(body)
			if err != nil {
				return err
			}
			rd = bytes.NewReader(raw)
		}
		req, err := http.NewRequest(method, baseURL+path, rd)
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, got)
		}
		return json.Unmarshal(got, out)
	}
	var auth struct {
		Token string `json:"token"`
	}
	if err := post("POST", "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": adminEmail, "password": adminPassword}, &auth); err != nil {
		return err
	}
	var settings struct {
		RateLimits struct {
			Enabled bool             `json:"enabled"`
			Rules   []map[string]any `json:"rules"`
		} `json:"rateLimits"`
	}
	if err := post("GET", "/api/settings", auth.Token, nil, &settings); err != nil {
		return err
	}
	found := 0
	for _, r := range settings.RateLimits.Rules {
		if r["label"] == "*:auth" || r["label"] == "*:authWithPassword" {
			r["maxRequests"] = 1000
			found++
		}
	}
	if found != 2 {
		return fmt.Errorf("the sign-in rate limit rules are not in %+v", settings.RateLimits.Rules)
	}
	var updated map[string]any
	return post("PATCH", "/api/settings", auth.Token, map[string]any{"rateLimits": settings.RateLimits}, &updated)
}

func findChromium() string {
	if p := os.Getenv("HEARTH_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitHealthy(limit time.Duration) error { return waitHealthyAt(baseURL, limit) }

func waitHealthyAt(base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/api/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("server at %s not healthy after %s", base, limit)
}

// ownServer is a Hearth of one test's own, on its own data directory and
// port, that the test may stop and start again (a dead zone, then the
// connection back) without disturbing the shared server.
type ownServer struct {
	t    *testing.T
	url  string
	bin  string // the binary it runs (hearthBin unless a test swaps it)
	args []string
	env  []string // added to the test's environment
	cmd  *exec.Cmd
}

// newOwnServer serves a fresh data directory (with the demo house when
// demo is set) with the extra serve args, and stops it when the test ends.
func newOwnServer(t *testing.T, demo bool, args ...string) *ownServer {
	t.Helper()
	return newOwnServerEnv(t, demo, nil, args...)
}

// newOwnServerEnv is newOwnServer with variables added to the server's
// environment (HEARTH_PUSH_ALLOW=host:port of a fake push service).
func newOwnServerEnv(t *testing.T, demo bool, env []string, args ...string) *ownServer {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp(workDir, "own-")
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if demo {
		// Only serve makes a data directory (a mistyped --dir is refused).
		if err := os.MkdirAll(data, 0o750); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(hearthBin, "demo", "--dir", data).CombinedOutput(); err != nil {
			t.Fatalf("hearth demo: %v\n%s", err, out)
		}
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	s := &ownServer{t: t, url: "http://" + addr, bin: hearthBin, env: env, args: append([]string{"serve", "--http", addr, "--dir", data}, args...)}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func (s *ownServer) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, s.args...)
	if s.env != nil {
		s.cmd.Env = append(os.Environ(), s.env...)
	}
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	if err := waitHealthyAt(s.url, 30*time.Second); err != nil {
		s.t.Fatal(err)
	}
}

func (s *ownServer) stop() {
	if s.cmd != nil {
		stop(s.cmd)
		s.cmd = nil
	}
}

func stop(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _, _ = cmd.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// ---------- browser ----------

// phone is one browser with a fresh profile and one tab, sized like a small phone.
type phone struct {
	t   *testing.T
	ctx context.Context
	// base is the server the phone opens paths on (baseURL when empty).
	base string
}

func newBrowser(t *testing.T, width, height int64, extra ...chromedp.ExecAllocatorOption) *phone {
	t.Helper()
	return newBrowserWith(t, width, height)
}

// newBrowserWith is newBrowser with more options for Chromium (a host name
// mapped to this machine, say).
func newBrowserWith(t *testing.T, width, height int64, extra ...chromedp.ExecAllocatorOption) *phone {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(width), int(height)),
	}
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })

	// Start the browser with no timeout: the first Do binds its life to ctx.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return setupTab(t, ctx, width, height)
}

// separate opens another person's phone in the same browser: a new browser
// context, with its own cookies and storage, so nothing of p's session is
// shared.
func (p *phone) separate() *phone {
	p.t.Helper()
	ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithNewBrowserContext())
	p.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		p.t.Fatalf("open a second browser context: %v", err)
	}
	return setupTab(p.t, ctx, 360, 800)
}

// setupTab sizes a started tab, makes it behave as a focused window and
// watches its console.
func setupTab(t *testing.T, ctx context.Context, width, height int64) *phone {
	t.Helper()
	p := &phone{t: t, ctx: ctx}
	// Behave as a focused window, so :focus-visible applies as it does for a person.
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	// Report every Content-Security-Policy violation to the console, where
	// the cleanup below fails the test on it: the page's policy must let
	// the whole app run.
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `document.addEventListener('securitypolicyviolation', (e) =>
				console.error('` + cspViolation + ` ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`,
		})
		return err
	}))
	if width <= 480 { // a phone: 2x pixels, touch, honours the viewport meta tag
		p.do(chromedp.EmulateViewport(width, height, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	} else {
		p.do(chromedp.EmulateViewport(width, height))
	}

	// Page errors go to the test log; an uncaught exception fails the test.
	var mu sync.Mutex
	var msgs []chromedp.ConsoleMessage
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, m)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() { // runs before the browser is closed
		mu.Lock()
		defer mu.Unlock()
		for _, m := range msgs {
			if m.IsException() {
				t.Errorf("page exception at %s:%d: %s", m.URL, m.Line+1, m)
			} else if strings.Contains(m.Text, cspViolation) && !expectCSPViolation(t) {
				t.Errorf("the page broke its Content-Security-Policy: %s", m.Text)
			} else if strings.Contains(m.Text, "i18n: missing key") {
				t.Errorf("the page asked for a string that is not in the dictionary: %s", m.Text)
			} else if m.Type == "error" || m.Type == "warning" {
				t.Logf("console %s: %s", m.Type, m)
			}
		}
	})
	return p
}

func newPhone(t *testing.T) *phone { return newBrowser(t, 360, 800) }

// cspViolation starts the console message of a Content-Security-Policy
// violation (see setupTab).
const cspViolation = "hearth-csp-violation"

// cspViolationsExpected are the tests that break the policy on purpose.
var cspViolationsExpected sync.Map

// expectCSPViolation reports whether t breaks the page's policy on purpose.
func expectCSPViolation(t *testing.T) bool {
	_, ok := cspViolationsExpected.Load(t.Name())
	return ok
}

// do runs steps, each under its own timeout.
func (p *phone) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	for i, s := range steps {
		ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
		err := chromedp.Do(ctx, s)
		cancel()
		if err != nil {
			p.shot("failed-" + sanitize(p.t.Name()))
			p.t.Fatalf("browser step %d: %v", i+1, err)
		}
	}
}

func run[T any](p *phone, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.shot("failed-" + sanitize(p.t.Name()))
		p.t.Fatalf("browser: %v", err)
	}
	return v
}

func tid(id string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf("[data-testid=%q]", id)) }

func (p *phone) open(path string) {
	p.t.Helper()
	base := p.base
	if base == "" {
		base = baseURL
	}
	p.do(chromedp.Navigate(base + path))
}

func (p *phone) waitVisible(id string) {
	p.t.Helper()
	p.do(chromedp.WaitVisible(tid(id)))
}

// until polls a JavaScript expression until it is truthy.
func (p *phone) until(expr string) {
	p.t.Helper()
	run(p, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(actionTimeout-time.Second)))
}

func (p *phone) eval(expr string) string {
	p.t.Helper()
	return run(p, chromedp.Evaluate[string](expr))
}

// fill replaces the text of an input the way a person does: select all, type.
func (p *phone) fill(id, value string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`(() => { const el = document.querySelector('[data-testid=%q]'); el.focus(); el.select(); return ''; })()`, id))
	p.do(chromedp.SendKeys(tid(id), value))
}

func (p *phone) signIn(email string) {
	p.t.Helper()
	p.open("/signin")
	p.waitVisible("signin-email")
	p.do(
		chromedp.SendKeys(tid("signin-email"), email),
		chromedp.SendKeys(tid("signin-password"), demoPassword),
		chromedp.Click(tid("signin-submit")),
	)
	p.waitHome()
}

// shot saves a full-page PNG of the tab as <shots>/<name>.png.
func (p *phone) shot(name string) {
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	// From the top, so the sticky header is drawn where it belongs.
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(shotsDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	p.t.Logf("screenshot: %s", path)
}

// fits checks that nothing overflows the viewport horizontally.
func (p *phone) fits(width int) {
	p.t.Helper()
	sw := run(p, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if sw > width {
		wide := p.eval(`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > ` +
			fmt.Sprint(width) + `).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')`)
		p.t.Errorf("%s: page is %d px wide at %d px (overflowing: %s)", p.eval(`location.pathname`), sw, width, wide)
	}
}

// tappable checks that every visible control is at least 44 px tall and
// wide (a checkbox counts with its label).
func (p *phone) tappable() {
	p.t.Helper()
	small := run(p, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href], button, input, select, textarea')]
		.map(el => (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el)
		.filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.top >= 0; })
		.filter(el => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
		.map(el => el.tagName + '[' + (el.dataset.testid || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30)) + '] ' +
			Math.round(el.getBoundingClientRect().width) + 'x' + Math.round(el.getBoundingClientRect().height))`))
	for _, s := range small {
		p.t.Errorf("%s: touch target smaller than 44x44 px: %s", p.eval(`location.pathname`), s)
	}
}

func sanitize(s string) string {
	return strings.NewReplacer("/", "-", " ", "_").Replace(s)
}

// ---------- REST API as the superuser ----------

type api struct {
	t     *testing.T
	token string
}

func superuser(t *testing.T) *api {
	t.Helper()
	a := &api{t: t}
	var res struct {
		Token string `json:"token"`
	}
	a.call("POST", "/api/collections/_superusers/auth-with-password",
		map[string]string{"identity": adminEmail, "password": adminPassword}, &res)
	if res.Token == "" {
		t.Fatal("superuser sign-in gave no token")
	}
	a.token = res.Token
	return a
}

func (a *api) call(method, path string, body, out any) {
	a.t.Helper()
	status, raw := a.try(method, path, body)
	if status/100 != 2 {
		a.t.Fatalf("%s %s: %d %s", method, path, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(raw), out); err != nil {
			a.t.Fatalf("%s %s: decode %v: %s", method, path, err, raw)
		}
	}
}

// try sends a request and answers its status and body, without failing
// the test on a refusal (for the refusals the test expects).
func (a *api) try(method, path string, body any) (int, string) {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, baseURL+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if a.token != "" {
		req.Header.Set("Authorization", a.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

type user struct {
	ID            string `json:"id"`
	Email         string `json:"email"`
	Name          string `json:"name"`
	Phone         string `json:"phone"`
	SobrietyDate  string `json:"sobriety_date"`
	ShareSobriety bool   `json:"share_sobriety"`
}

type membership struct {
	ID     string `json:"id"`
	House  string `json:"house"`
	User   string `json:"user"`
	Role   string `json:"role"`
	Status string `json:"status"`
	Room   string `json:"room"`
	Expand struct {
		User  user `json:"user"`
		House struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Timezone string `json:"timezone"`
		} `json:"house"`
	} `json:"expand"`
}

// roster lists the active and away memberships of the demo manager's house,
// with users and house expanded, as the superuser sees them.
func (a *api) roster() []membership {
	a.t.Helper()
	var mine struct {
		Items []membership `json:"items"`
	}
	a.call("GET", "/api/collections/memberships/records?"+url.Values{
		"filter": {fmt.Sprintf(`user.email = %q && role = "manager"`, managerEmail)},
		"expand": {"house"},
	}.Encode(), nil, &mine)
	if len(mine.Items) == 0 {
		a.t.Fatal("the demo has no manager membership")
	}
	var res struct {
		Items []membership `json:"items"`
	}
	a.call("GET", "/api/collections/memberships/records?"+url.Values{
		"filter":  {fmt.Sprintf(`house = %q && (status = "active" || status = "away")`, mine.Items[0].House)},
		"expand":  {"user,house"},
		"perPage": {"200"},
		"sort":    {"room"},
	}.Encode(), nil, &res)
	return res.Items
}

// residents: the emails of the demo house's active residents, in room order.
func (a *api) residents() []string {
	var out []string
	for _, m := range a.roster() {
		if m.Role == "resident" && m.Status == "active" {
			out = append(out, m.Expand.User.Email)
		}
	}
	if len(out) < 3 {
		a.t.Fatalf("the demo house has %d active residents; the tests need 3", len(out))
	}
	return out
}
