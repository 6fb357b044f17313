package main

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"hearth/hooks"
)

// What a resident's phone downloads on its first visit (the page and what
// it imports at start, which the service worker also keeps) stays within
// 100 KB gzipped: phones with little data, patchy signal. Screens load
// when opened; the managers' screens never reach a resident's phone.
func TestFirstLoadBudget(t *testing.T) {
	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		t.Fatal(err)
	}
	shell, err := hooks.StartShell(public)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, url := range shell {
		name := strings.TrimPrefix(url, "/")
		if name == "" {
			name = "index.html"
		}
		data, err := fs.ReadFile(public, name)
		if err != nil {
			t.Fatalf("the shell names %s: %v", url, err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		zw.Write(data)
		zw.Close()
		total += buf.Len()
		if strings.Contains(name, "screens/manage-") {
			t.Errorf("a manager's screen is in the first load: %s", name)
		}
		if strings.HasPrefix(name, "js/i18n/") {
			t.Errorf("a dictionary is in the first load's shell: %s", name)
		}
	}
	// The page loads the first-load part of one dictionary, its language's,
	// on top; the other parts (js/i18n/<part>.<lang>.js) come with the
	// screens that name them.
	dictionary := 0
	for _, name := range []string{"js/i18n/en.js", "js/i18n/es.js"} {
		data, err := fs.ReadFile(public, name)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		zw.Write(data)
		zw.Close()
		dictionary = max(dictionary, buf.Len())
		if slices.Contains(shell, "/"+name) {
			t.Errorf("both dictionaries are in the first load: %s", name)
		}
	}
	total += dictionary
	t.Logf("first load: %d files and a dictionary, %d bytes gzipped", len(shell), total)
	for _, need := range []string{"/", "/js/main.js", "/app.css", "/vendor/preact@11.2.0/preact.mjs", "/js/screens/home.js", "/js/outbox.js"} {
		if !slices.Contains(shell, need) {
			t.Errorf("the first load lacks %s", need)
		}
	}
	if total > 100*1024 {
		t.Errorf("the first load is %d bytes gzipped, over the 100 KB budget", total)
	}
}
