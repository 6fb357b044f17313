package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReportsScreen: a manager finds Reports from the manager's screens,
// sees the house's and each resident's figures and the weekly charts (uPlot,
// loaded by this screen only, within the page's security policy), picks
// another period, and downloads the CSV and PDF; at 360 px nothing
// overflows and every control is big enough to tap. A resident's profile
// offers their own letter and export, and both download.
func TestReportsScreen(t *testing.T) {
	p := newPhone(t)
	p.signIn(managerEmail)
	p.open("/manage")
	p.waitVisible("manage-reports")
	if got := p.eval(`String(!!document.querySelector('script[src*="uplot"], link[href*="uplot"]'))`); got != "true" && got != "false" {
		t.Fatalf("eval: %s", got)
	} else if got == "true" {
		t.Errorf("uPlot is loaded before the Reports screen is opened")
	}
	p.do(chromedp.Click(tid("manage-reports")))
	p.waitVisible("reports-body")
	p.until(`document.querySelectorAll('[data-testid^="reports-chart-"] canvas').length === 5`)
	p.until(`document.querySelectorAll('[data-testid="reports-row"]').length > 0`)
	if got := p.eval(`document.querySelector('[data-testid="reports-house-checkins"] dd').textContent`); got == "" {
		t.Errorf("no house check-in figure")
	}
	p.fits(360)
	p.tappable()
	p.shot("manage-reports")

	// This week, then a month: the range follows.
	p.eval(`{ const s = document.querySelector('[data-testid="reports-period"]'); s.value = 'month';
		s.dispatchEvent(new Event('change', { bubbles: true })); } 'ok'`)
	p.until(`document.querySelector('[data-testid="reports-month"]')`)
	p.until(`document.querySelector('[data-testid="reports-body"]')`)

	// The downloads: each button saves a file of its type.
	spyBlobs := `window.__blobs = []; { const make = URL.createObjectURL.bind(URL);
		URL.createObjectURL = (b) => { window.__blobs.push(b.type + ' ' + b.size); return make(b); }; } 'ok'`
	p.eval(spyBlobs)
	p.do(chromedp.Click(tid("reports-csv")))
	p.until(`window.__blobs.length === 1`)
	p.do(chromedp.Click(tid("reports-pdf")))
	p.until(`window.__blobs.length === 2`)
	if got := p.eval(`window.__blobs.join(', ')`); !strings.HasPrefix(got, "text/csv") || !strings.Contains(got, ", application/pdf") {
		t.Errorf("downloads: %s, want a CSV and a PDF", got)
	}

	r := newPhone(t)
	r.signIn(alexEmail)
	r.open("/profile")
	r.waitVisible("my-records")
	r.waitVisible("my-records-letter")
	r.eval(spyBlobs)
	r.do(chromedp.Click(tid("my-records-letter")))
	r.until(`window.__blobs.length === 1`)
	r.do(chromedp.Click(tid("my-records-export")))
	r.until(`window.__blobs.length === 2`)
	if got := r.eval(`window.__blobs.join(', ')`); !strings.HasPrefix(got, "application/pdf") || !strings.Contains(got, ", application/zip") {
		t.Errorf("a resident's downloads: %s, want a PDF and a zip", got)
	}
	if got := r.eval(`String(!!document.querySelector('[data-testid="my-records-error"]'))`); got != "false" {
		t.Errorf("a resident's download failed")
	}
	r.fits(360)
}
