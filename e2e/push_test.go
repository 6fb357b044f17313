package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"

	"hearth/testkit/pushfake"
)

// grantNotifications lets the origin show notifications without asking,
// as if the person had tapped "Allow".
func (p *phone) grantNotifications(origin string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "notifications"},
			Setting:    browser.PermissionSettingGranted,
			Origin:     origin,
		})
		return err
	}))
}

// swRegistration answers the id of the service worker registration for the
// origin's root, as DevTools knows it.
func (p *phone) swRegistration(origin string) serviceworker.RegistrationID {
	p.t.Helper()
	found := make(chan serviceworker.RegistrationID, 16)
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if e, ok := ev.(*serviceworker.EventWorkerRegistrationUpdated); ok {
			for _, r := range e.Registrations {
				if !r.IsDeleted && r.ScopeURL == origin+"/" {
					select {
					case found <- r.RegistrationID:
					default:
					}
				}
			}
		}
	}); err != nil {
		p.t.Fatal(err)
	}
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, serviceworker.Enable, cdp.Empty{})
		return err
	}))
	select {
	case id := <-found:
		return id
	case <-time.After(actionTimeout):
		p.t.Fatalf("no service worker registration for %s/", origin)
		return ""
	}
}

// deliverPush hands a push message to the page's service worker, as the
// browser does when its push service delivers one.
func (p *phone) deliverPush(origin string, reg serviceworker.RegistrationID, data string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, serviceworker.DeliverPushMessage, serviceworker.DeliverPushMessageParams{
			Origin: origin, RegistrationID: reg, Data: data,
		})
		return err
	}))
}

// shownNotification is what registration.getNotifications() tells of one.
type shownNotification struct {
	Title    string `json:"title"`
	Body     string `json:"body"`
	Tag      string `json:"tag"`
	Icon     string `json:"icon"`
	Renotify bool   `json:"renotify"`
	Data     struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
		URL  string `json:"url"`
	} `json:"data"`
}

// notifications lists the notifications the service worker shows now.
func (p *phone) notifications() []shownNotification {
	p.t.Helper()
	raw := run(p, chromedp.Evaluate[string](`(async () => {
		const reg = await navigator.serviceWorker.ready;
		const ns = await reg.getNotifications();
		return JSON.stringify(ns.map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, renotify: n.renotify, data: n.data })));
	})()`, chromedp.EvalAwaitPromise))
	var out []shownNotification
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		p.t.Fatalf("notifications: %v: %s", err, raw)
	}
	return out
}

// waitNotifications waits until the service worker shows n notifications.
func (p *phone) waitNotifications(n int) []shownNotification {
	p.t.Helper()
	deadline := time.Now().Add(actionTimeout)
	for {
		got := p.notifications()
		if len(got) == n || time.Now().After(deadline) {
			if len(got) != n {
				p.shot("failed-" + sanitize(p.t.Name()))
				p.t.Fatalf("the service worker shows %d notifications, want %d: %+v", len(got), n, got)
			}
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// inWorker evaluates an expression in the origin's service worker (its own
// global scope, where sw.js's functions live) and answers its string value.
func (p *phone) inWorker(origin, expr string) string {
	p.t.Helper()
	targets, err := chromedp.Targets(p.ctx)
	if err != nil {
		p.t.Fatal(err)
	}
	for _, ti := range targets {
		if ti.Type != "service_worker" || !strings.HasPrefix(ti.URL, origin+"/sw.js") {
			continue
		}
		wctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(ti.TargetID))
		defer cancel()
		ctx, stop := context.WithTimeout(wctx, actionTimeout)
		defer stop()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			p.t.Fatalf("in the service worker: %v", err)
		}
		return v
	}
	p.t.Fatalf("no running service worker of %s among %d targets", origin, len(targets))
	return ""
}

// A push reaches the phone's service worker and shows as a notification:
// the payload's title and body, the notification's id as its tag (a repeat
// replaces it rather than ringing again), Hearth's icon, and the link kept
// inside the app (a link to another origin opens the same path here).
// Tapping it brings the app to the link's screen.
func TestPushShowsNotification(t *testing.T) {
	p := newPhone(t)
	p.signIn(alexEmail)
	p.until(`!!navigator.serviceWorker.controller`)
	p.grantNotifications(baseURL)
	reg := p.swRegistration(baseURL)

	payload := func(id, title, body, url string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "kind": "announcement", "title": title, "body": body, "url": url})
		return string(b)
	}
	p.deliverPush(baseURL, reg, payload("n1abc", "Maple House: announcement", "House meeting tonight at 8.", baseURL+"/board/posts/p1abc"))
	got := p.waitNotifications(1)[0]
	if got.Title != "Maple House: announcement" || got.Body != "House meeting tonight at 8." {
		t.Errorf("shown %q / %q, want the payload's title and body", got.Title, got.Body)
	}
	if got.Tag != "n1abc" || got.Renotify {
		t.Errorf("tag %q renotify %v, want the notification's id and no second ring", got.Tag, got.Renotify)
	}
	if !strings.HasSuffix(got.Icon, "/icons/icon-192.png") {
		t.Errorf("icon %q, want Hearth's", got.Icon)
	}
	if got.Data.URL != "/board/posts/p1abc" || got.Data.ID != "n1abc" || got.Data.Kind != "announcement" {
		t.Errorf("data %+v, want the app path of the link, the id and kind", got.Data)
	}

	// The same notification again (a rare repeat): still one.
	p.deliverPush(baseURL, reg, payload("n1abc", "Maple House: announcement", "House meeting tonight at 8.", baseURL+"/board/posts/p1abc"))
	time.Sleep(500 * time.Millisecond)
	p.waitNotifications(1)

	// Another origin's link is not followed there; a payload that is not
	// JSON still shows Hearth's name.
	p.deliverPush(baseURL, reg, payload("n2abc", "Check-in", "Time for today’s check-in.", "https://elsewhere.example/checkin?x=1"))
	p.deliverPush(baseURL, reg, "not json")
	shown := p.waitNotifications(3)
	var other, plain *shownNotification
	for i := range shown {
		switch shown[i].Tag {
		case "n2abc":
			other = &shown[i]
		case "":
			plain = &shown[i]
		}
	}
	if other == nil || other.Data.URL != "/checkin?x=1" {
		t.Errorf("a link to another origin: %+v, want /checkin?x=1 here", other)
	}
	if plain == nil || plain.Title != "Hearth" {
		t.Errorf("a payload that is not JSON: %+v, want a notification titled Hearth", plain)
	}

	// The tap: the open Hearth window goes to the link's screen. (A real
	// notificationclick cannot be made from DevTools; the handler's work
	// is openFromNotification, run here in the worker with the shown
	// notification's data.)
	p.open("/")
	p.waitHome()
	p.until(`!!navigator.serviceWorker.controller`)
	url := p.inWorker(baseURL, `(async () => {
		const ns = await self.registration.getNotifications({ tag: 'n1abc' });
		const win = await openFromNotification(ns[0].data);
		return win ? win.url : '';
	})()`)
	if url != baseURL+"/board/posts/p1abc" {
		t.Errorf("the tap opened %q, want %s/board/posts/p1abc", url, baseURL)
	}
	p.until(`location.pathname === '/board/posts/p1abc'`)
	p.shot("push-tap-opened-post")
}

// subscribeStub replaces the browser's push subscription with a device of
// the fake push service: headless Chromium has no push service of its own
// (its subscribe fails), so the page subscribes to the fake instead, and
// everything else — the permission, the server's key, the server's
// record, the encrypted push and the service worker — is real. The stub
// remembers the key it was given.
func subscribeStub(device string) string {
	return `(() => {
		const dev = ` + device + `;
		const KEY = 'e2e.pushsub';
		const fake = () => ({
			endpoint: dev.endpoint, expirationTime: null, options: { userVisibleOnly: true, applicationServerKey: null },
			toJSON: () => dev, getKey: () => null,
			unsubscribe: async () => { localStorage.removeItem(KEY); return true; },
		});
		if (!self.PushManager) return;
		PushManager.prototype.subscribe = async function (opts) {
			const k = new Uint8Array(opts.applicationServerKey);
			localStorage.setItem('e2e.subscribeKey', btoa(String.fromCharCode(...k)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
			localStorage.setItem(KEY, '1');
			return fake();
		};
		PushManager.prototype.getSubscription = async function () { return localStorage.getItem(KEY) ? fake() : null; };
	})();`
}

// addScript runs a script in every document the phone opens, before the app.
func (p *phone) addScript(src string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// checked: the value of the checked radio of a Choices group.
func (p *phone) checked(testid string) string {
	return p.eval(fmt.Sprintf(`(document.querySelector('[data-testid=%q] input:checked') || {}).value || ''`, testid))
}

// pushSubs lists a person's push subscriptions, as themselves (token).
func pushSubs(t *testing.T, base, token string) []map[string]any {
	t.Helper()
	var list struct {
		Items []map[string]any `json:"items"`
	}
	getJSON(t, base+"/api/collections/push_subscriptions/records", token, &list)
	return list.Items
}

// getJSON GETs a URL with a token and decodes the answer.
func getJSON(t *testing.T, url, token string, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, raw)
	}
}

// A resident turns push on for their phone from the notification settings
// (reached from the profile): nothing is asked on load; after "Allow", the
// page subscribes with the server's key and the server keeps the
// subscription as theirs. A test notification goes through the server's
// outbox, encrypted, to the push service, and — handed to the phone's
// service worker — shows. The levels and quiet hours are kept through a
// reload; the Spanish screen fits 360 px; turning push off removes the
// device.
func TestNotificationSettings(t *testing.T) {
	fake := pushfake.New(t)
	s := newOwnServerEnv(t, true, []string{"HEARTH_PUSH_ALLOW=" + fake.HostPort()})
	dev := fake.Subscribe()
	p := newPhone(t)
	p.base = s.url
	p.addScript(subscribeStub(dev.JSON()))
	p.signIn(alexEmail)
	// One token for the test's own reads: this server keeps the real
	// sign-in rate limit (a refused sign-in would read as an empty list).
	token, _ := apiSignIn(t, s.url, alexEmail)
	if token == "" {
		t.Fatal("no token for alex")
	}
	p.until(`!!navigator.serviceWorker.controller`)

	p.open("/profile")
	p.waitVisible("profile-notify-settings")
	p.do(chromedp.Click(tid("profile-notify-settings")))
	p.waitVisible("notify-settings")
	p.until(`location.pathname === '/settings/notifications'`)
	p.waitVisible("push-device")

	// A resident's defaults, shown as chosen: push everything, no email,
	// no quiet hours. Nothing was asked on opening the screen.
	if got := p.checked("push-level"); got != "all" {
		t.Errorf("push level shown %q, want the default all", got)
	}
	if got := p.checked("email-level"); got != "off" {
		t.Errorf("email level shown %q, want a resident's default off", got)
	}
	if n := p.eval(`String(document.querySelectorAll('[data-testid="level-default"]').length)`); n != "2" {
		t.Errorf("%s default notes, want 2 (push and email not chosen yet)", n)
	}
	p.waitVisible("quiet-none")
	if got := p.eval(`document.querySelector('[data-testid="push-device"]').dataset.state + ' ' + Notification.permission`); got != "off default" {
		t.Errorf("on opening: %q, want push off and the permission not asked", got)
	}
	if p.exists(`[data-testid="email-digest"]`) {
		t.Error("a resident is offered the managers' daily digest")
	}
	p.fits(360)
	p.tappable()
	p.shot("notify-settings-0-off")

	// "Allow", then on.
	p.grantNotifications(s.url)
	p.do(chromedp.Click(tid("push-on")))
	p.until(`document.querySelector('[data-testid="push-device"]')?.dataset.state === 'on'`)
	p.waitVisible("push-message")
	subs := pushSubs(t, s.url, token)
	if len(subs) != 1 || subs[0]["endpoint"] != dev.Endpoint || subs[0]["p256dh"] != dev.P256dh || subs[0]["auth"] != dev.Auth ||
		!strings.Contains(fmt.Sprint(subs[0]["user_agent"]), "Chrome") {
		t.Fatalf("the server keeps %+v, want this device's subscription", subs)
	}
	var key struct {
		PublicKey string `json:"public_key"`
	}
	getJSON(t, s.url+"/api/hearth/push/key", token, &key)
	if got := p.eval(`localStorage.getItem('e2e.subscribeKey') || ''`); got == "" || got != strings.TrimRight(key.PublicKey, "=") {
		t.Errorf("subscribed with key %q, want the server's %q", got, key.PublicKey)
	}
	p.shot("notify-settings-1-on")

	// A test notification: through the outbox to the push service, then to
	// the phone's service worker.
	p.do(chromedp.Click(tid("push-test")))
	p.until(`/1/.test(document.querySelector('[data-testid="push-message"]')?.textContent || '')`)
	msgs := fake.Wait(t, 1, 30*time.Second)
	if msgs[0].JSON["kind"] != "push_test" || !strings.HasSuffix(fmt.Sprint(msgs[0].JSON["url"]), "/settings/notifications") {
		t.Errorf("the push service got %s, want the test notification linking to the settings", msgs[0].Plain)
	}
	p.deliverPush(s.url, p.swRegistration(s.url), string(msgs[0].Plain))
	shown := p.waitNotifications(1)
	if shown[0].Title != msgs[0].JSON["title"] || shown[0].Tag != msgs[0].JSON["id"] || shown[0].Data.URL != "/settings/notifications" {
		t.Errorf("shown %+v for the push %s", shown[0], msgs[0].Plain)
	}

	// Levels and quiet hours, saved and kept.
	p.click(`[data-testid="push-level-important"]`)
	p.click(`[data-testid="email-level-all"]`)
	p.click(`[data-testid="quiet-on"]`)
	p.waitVisible("quiet-start")
	if got := p.eval(`document.querySelector('[data-testid="quiet-start"]').value + '-' + document.querySelector('[data-testid="quiet-end"]').value`); got != "22:00-07:00" {
		t.Errorf("quiet hours start from %q, want a usual night 22:00-07:00", got)
	}
	p.set("quiet-start", "23:30")
	p.set("quiet-end", "23:30")
	p.do(chromedp.Click(tid("notify-save")))
	p.waitVisible("quiet-end-error") // the same time twice is not a night
	p.set("quiet-end", "06:45")
	p.do(chromedp.Click(tid("notify-save")))
	p.until(`(document.querySelector('[data-testid="notify-saved"]')?.textContent || '').trim() !== ''`)
	p.fits(360)
	p.shot("notify-settings-2-saved")

	var me map[string]any
	getJSON(t, s.url+"/api/collections/users/records/"+p.eval(`JSON.parse(localStorage.getItem('hearth_auth')).record.id`), token, &me)
	if me["push_notifications"] != "important" || me["email_notifications"] != "all" || me["quiet_start"] != "23:30" || me["quiet_end"] != "06:45" || me["email_digest"] != false {
		t.Errorf("the server keeps %v %v %v-%v digest %v", me["push_notifications"], me["email_notifications"], me["quiet_start"], me["quiet_end"], me["email_digest"])
	}
	p.open("/settings/notifications")
	p.waitVisible("push-device")
	p.waitVisible("quiet-start")
	if got := p.checked("push-level") + " " + p.checked("email-level") + " " +
		p.eval(`document.querySelector('[data-testid="quiet-start"]').value + '-' + document.querySelector('[data-testid="quiet-end"]').value`); got != "important all 23:30-06:45" {
		t.Errorf("after a reload: %q, want important all 23:30-06:45", got)
	}
	if p.exists(`[data-testid="level-default"]`) {
		t.Error("a chosen level is still called the default")
	}
	p.until(`document.querySelector('[data-testid="push-device"]')?.dataset.state === 'on'`)

	// Quiet hours: none.
	p.click(`[data-testid="quiet-on"]`)
	p.waitVisible("quiet-none")
	p.do(chromedp.Click(tid("notify-save")))
	p.until(`(document.querySelector('[data-testid="notify-saved"]')?.textContent || '').trim() !== ''`)
	getJSON(t, s.url+"/api/collections/users/records/"+fmt.Sprint(me["id"]), token, &me)
	if me["quiet_start"] != "" || me["quiet_end"] != "" {
		t.Errorf("quiet hours none kept as %q-%q", me["quiet_start"], me["quiet_end"])
	}

	// In Spanish, at 360 px.
	p.open("/profile")
	p.waitVisible("profile-language")
	p.set("profile-language", "es")
	p.until(`document.documentElement.lang === 'es'`)
	p.open("/settings/notifications")
	p.waitVisible("push-device")
	if got := p.text("h1"); got != "Notificaciones" {
		t.Errorf("the Spanish screen is titled %q", got)
	}
	p.fits(360)
	p.tappable()
	p.shot("notify-settings-3-es")

	// Off for this device: the server forgets it.
	p.do(chromedp.Click(tid("push-off")))
	p.until(`document.querySelector('[data-testid="push-device"]')?.dataset.state === 'off'`)
	if subs := pushSubs(t, s.url, token); len(subs) != 0 {
		t.Errorf("after turning push off the server keeps %+v", subs)
	}

	// On again, then a sign-out: a shared phone stops getting this
	// person's notifications.
	p.do(chromedp.Click(tid("push-on")))
	p.until(`document.querySelector('[data-testid="push-device"]')?.dataset.state === 'on'`)
	if subs := pushSubs(t, s.url, token); len(subs) != 1 {
		t.Fatalf("push on again: the server keeps %d subscriptions, want 1", len(subs))
	}
	p.open("/profile")
	p.waitVisible("signout")
	p.do(chromedp.Click(tid("signout")))
	p.waitVisible("signin-form")
	deadline := time.Now().Add(10 * time.Second)
	for len(pushSubs(t, s.url, token)) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("after signing out the server still sends this phone the person's notifications")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got := p.eval(`localStorage.getItem('e2e.pushsub') || 'gone'`); got != "gone" {
		t.Errorf("after signing out the browser keeps its push subscription")
	}
}

// Where push cannot work, the screen says why: permission blocked (and how
// to allow it again), or an address without email.
func TestNotificationSettingsBlocked(t *testing.T) {
	p := newPhone(t)
	p.signIn(jordanEmail)
	p.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "notifications"},
			Setting:    browser.PermissionSettingDenied,
			Origin:     baseURL,
		})
		return err
	}))
	p.open("/settings/notifications")
	p.waitVisible("push-why")
	if got := p.eval(`document.querySelector('[data-testid="push-why"]').dataset.state`); got != "denied" {
		t.Errorf("with notifications blocked the screen says %q, want denied", got)
	}
	if p.exists(`[data-testid="push-on"]`) {
		t.Error("a button to turn push on while the browser blocks it")
	}
	p.fits(360)
	p.shot("notify-settings-blocked")
}

// A manager on plain http (a name on the house's network, not this
// machine) is told what they miss and where HTTPS is explained; the
// settings say push needs a secure connection. On https or this machine,
// no such notice.
func TestHttpNoticeForManager(t *testing.T) {
	port := strings.TrimPrefix(baseURL, "http://127.0.0.1:")
	p := newBrowserWith(t, 360, 800,
		chromedp.Flag("host-resolver-rules", "MAP hearth.home.arpa 127.0.0.1"),
		chromedp.Flag("disable-features", "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"))
	p.base = "http://hearth.home.arpa:" + port
	p.signIn(managerEmail)
	if got := p.eval(`String(window.isSecureContext)`); got != "false" {
		t.Fatalf("http://hearth.home.arpa is a secure context (%s): the test needs plain http", got)
	}
	p.waitVisible("http-notice")
	if txt := p.text(`[data-testid="http-notice"]`); !strings.Contains(txt, "OPERATIONS.md") || !strings.Contains(txt, "HTTPS") {
		t.Errorf("the notice says %q, want where HTTPS is explained", txt)
	}
	p.fits(360)
	p.shot("http-notice-home")
	p.open("/manage")
	p.waitVisible("http-notice")
	p.open("/settings/notifications")
	p.waitVisible("push-why")
	if got := p.eval(`document.querySelector('[data-testid="push-why"]').dataset.state`); got != "insecure" {
		t.Errorf("on plain http the settings say %q, want insecure", got)
	}
	if txt := p.text(`[data-testid="push-why"]`); !strings.Contains(txt, "OPERATIONS.md") {
		t.Errorf("a manager is told %q, want where HTTPS is explained", txt)
	}
	// A manager's email default and the digest.
	if got := p.checked("email-level"); got != "important" {
		t.Errorf("a manager's email level shown %q, want the default important", got)
	}
	p.waitVisible("email-digest")
	p.fits(360)
	p.shot("http-notice-settings")

	// This machine (a secure context): no notice.
	q := newPhone(t)
	q.signIn(managerEmail)
	q.waitVisible("home-manage")
	if q.exists(`[data-testid="http-notice"]`) {
		t.Error("the http notice shows on a secure origin")
	}
}
