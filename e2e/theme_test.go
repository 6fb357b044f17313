package e2e_test

// The phone's settings: dark mode (prefers-color-scheme) with the contrast
// of the light scheme, and a text size that follows the phone's.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// scheme makes the page see the phone in dark or light mode.
func (p *phone) scheme(value string) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: value}},
		})
		return err
	}))
}

// textSize sets the browser's default font size, as a phone's text-size
// setting does.
func (p *phone) textSize(px int64) {
	p.t.Helper()
	p.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: px}})
		return err
	}))
}

// lowContrast answers the visible text of the page whose colour is below
// WCAG AA against the background it sits on: 4.5:1, or 3:1 for large text.
// Text over photos, gradients or see-through layers and disabled controls
// are left out.
const lowContrastJS = `(() => {
	const parse = (c) => {
		const m = /rgba?\(([^)]+)\)/.exec(c || '');
		if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
	};
	const lum = ({ r, g, b }) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const background = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const s = getComputedStyle(e);
			if (s.backgroundImage !== 'none' || e.tagName === 'IMG') return null;
			const c = parse(s.backgroundColor);
			if (c && c.a >= 0.99) return c;
			if (c && c.a > 0.01) return null;
		}
		return parse(getComputedStyle(document.documentElement).backgroundColor) || { r: 255, g: 255, b: 255, a: 1 };
	};
	const out = [];
	let checked = 0;
	for (const el of document.querySelectorAll('body *')) {
		const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
		if (!own || el.closest(':disabled, [aria-disabled="true"], .visually-hidden, [hidden]')) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		const s = getComputedStyle(el);
		if (s.visibility === 'hidden' || Number(s.opacity) < 1) continue;
		const fg = parse(s.color), bg = background(el);
		if (!fg || !bg || fg.a < 0.99) continue;
		checked++;
		const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
		const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
		const got = ratio(fg, bg);
		if (got < need) out.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 40) + '" ' +
			got.toFixed(2) + ':1 (' + s.color + ' on ' + 'rgb(' + bg.r + ', ' + bg.g + ', ' + bg.b + '))');
	}
	return JSON.stringify({ checked, out });
})()`

// checkContrast fails the test on text below WCAG AA on the page.
func (p *phone) checkContrast(where string) {
	p.t.Helper()
	var res struct {
		Checked int      `json:"checked"`
		Out     []string `json:"out"`
	}
	if err := json.Unmarshal([]byte(p.eval(lowContrastJS)), &res); err != nil {
		p.t.Fatal(err)
	}
	if res.Checked < 5 {
		p.t.Errorf("%s: only %d pieces of text were checked for contrast", where, res.Checked)
	}
	for _, o := range res.Out {
		p.t.Errorf("%s: text below WCAG AA contrast: %s", where, o)
	}
}

// Dark mode follows the phone, and every text on the main screens keeps
// WCAG AA contrast in it (as in the light scheme).
func TestDarkMode(t *testing.T) {
	screens := []struct{ path, ready string }{
		{"/", `document.querySelector('[data-testid="house-name"]')`},
		{"/checkin", ""},
		{"/chores", ""},
		{"/meetings", ""},
		{"/events", ""},
		{"/board", `document.querySelector('[data-testid="post"]')`},
		{"/board/new?kind=support", `document.querySelector('[data-testid="crisis"]')`},
		{"/notifications", ""},
		{"/rules", ""},
		{"/partner", ""},
		{"/profile", `document.querySelector('[data-testid="profile-form"]')`},
		{"/settings/notifications", `document.querySelector('[data-testid="push-device"], [data-testid="push-why"]')`},
	}
	manager := []struct{ path, ready string }{
		{"/manage", ""},
		{"/manage/today", `document.querySelector('[data-testid="board-row"]')`},
		{"/manage/roster", `document.querySelector('[data-testid="roster-residents"]')`},
		{"/manage/review", ""},
		{"/manage/chore-points", ""},
		{"/manage/reports", `document.querySelector('[data-testid="reports-chart-checkins"] canvas')`},
		{"/manage/events", `document.querySelector('[data-testid="event-open"]')`},
		{"/manage/house", `document.querySelector('[data-testid="settings-rules"]')?.value`},
		{"/manage/invite", `document.querySelector('[data-testid="pending-invites"], [data-testid="pending-empty"]')`},
		{"/manage/chores", ""},
	}
	for _, mode := range []string{"dark", "light"} {
		screens, manager := screens, manager
		t.Run(mode, func(t *testing.T) {
			p := newPhone(t)
			p.scheme(mode)
			p.open("/signin")
			p.waitVisible("signin-form")
			// The dark block holds the palette only: a rule caught inside it
			// (an unclosed brace) would style the app in dark mode alone.
			if got := p.eval(`[...document.styleSheets].flatMap(s => [...s.cssRules])
				.filter(r => r instanceof CSSMediaRule && r.conditionText.includes('prefers-color-scheme: dark'))
				.map(r => [...r.cssRules].map(x => x.selectorText).join(',')).join(' | ')`); got != ":root" {
				t.Errorf("the dark-scheme block holds %q, want only :root's colours", got)
			}
			bg := p.eval(`getComputedStyle(document.body).backgroundColor`)
			if dark := bg == "rgb(23, 18, 15)"; dark != (mode == "dark") {
				t.Fatalf("in %s mode the page background is %s", mode, bg)
			}
			if got := p.eval(`getComputedStyle(document.documentElement).colorScheme`); got != "light dark" {
				t.Errorf("color-scheme is %q, want light dark (form controls follow the phone)", got)
			}
			p.checkContrast(mode + " /signin")
			p.shot(mode + "-signin")

			p.signInAs(alexEmail)
			if mode == "light" {
				// Today's scheme, for comparison: a few screens are enough.
				screens, manager = screens[:1], manager[1:2]
			}
			for _, s := range screens {
				p.open(s.path)
				p.until(screenReady + orTrue(s.ready))
				p.checkContrast(mode + " " + s.path)
				if mode == "dark" {
					p.shot("dark-resident" + sanitize(strings.NewReplacer("?", "-", "=", "-").Replace(s.path)))
				}
			}
			q := p.separate()
			q.scheme(mode)
			q.signInAs(managerEmail)
			for _, s := range manager {
				q.open(s.path)
				q.until(screenReady + orTrue(s.ready))
				q.checkContrast(mode + " " + s.path)
				if mode == "dark" {
					q.shot("dark-manager" + sanitize(s.path))
				}
			}
		})
	}
}

// viewShot saves what the screen shows as <shots>/<name>.png. Unlike shot
// (a full-page capture, which drops the font-size setting while it draws),
// it keeps the phone's text size.
func (p *phone) viewShot(name string) {
	p.t.Helper()
	buf := run(p, chromedp.CaptureScreenshot())
	path := filepath.Join(shotsDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p.t.Logf("screenshot: %s", path)
}

func orTrue(ready string) string {
	if ready == "" {
		return ""
	}
	return " && " + ready
}

// Text follows the phone's text size: at a 24 px default (150 %) every
// piece of text is half as big again, and the screens still fit 360 px.
func TestTextSizeFollowsPhone(t *testing.T) {
	paths := []string{"/", "/checkin", "/chores", "/board", "/profile", "/settings/notifications"}
	sizes := func(p *phone) map[string]float64 {
		raw := p.eval(`JSON.stringify(Object.fromEntries([...document.querySelectorAll('main *, header *')]
			.filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && !el.closest('.avatar'))
			.map(el => [el.tagName + '.' + el.className + ':' + el.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])))`)
		out := map[string]float64{}
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	p := newPhone(t)
	p.signInAs(alexEmail)
	base := map[string]map[string]float64{}
	for _, path := range paths {
		p.open(path)
		p.until(screenReady)
		base[path] = sizes(p)
	}
	p.textSize(24)
	for _, path := range paths {
		p.open(path)
		p.until(screenReady)
		if got := p.eval(`getComputedStyle(document.body).fontSize`); got != "24px" {
			t.Fatalf("%s: with the phone's text at 24 px the body text is %s", path, got)
		}
		big := sizes(p)
		compared := 0
		for key, was := range base[path] {
			now, ok := big[key]
			if !ok {
				continue
			}
			compared++
			if r := now / was; r < 1.45 || r > 1.55 {
				t.Errorf("%s: %s is %.1f px at a 24 px default, %.1f px at 16 px: it does not follow the phone's text size", path, key, now, was)
			}
		}
		if compared < 5 {
			t.Errorf("%s: only %d pieces of text compared", path, compared)
		}
		p.fits(360)
		p.viewShot(fmt.Sprintf("text-150%s", sanitize(path)))
	}
}
