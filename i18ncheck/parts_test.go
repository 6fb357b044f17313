package i18ncheck_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

const jsDir = "../pb_public/js"

// TestNoKeyInTwoParts: a key lives in one part of a language's dictionary,
// so where a string lives is never a guess.
func TestNoKeyInTwoParts(t *testing.T) {
	seen := map[string]map[string]string{} // lang → key → part
	for _, f := range loadFiles(t) {
		if seen[f.lang] == nil {
			seen[f.lang] = map[string]string{}
		}
		for k := range f.keys {
			if other, ok := seen[f.lang][k]; ok {
				t.Errorf("%s: %s is in part %q and in part %q", f.lang, k, other, f.part)
			}
			seen[f.lang][k] = f.part
		}
	}
}

var (
	staticImport = regexp.MustCompile(`(?m)^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'`)
	quoted       = regexp.MustCompile(`'([A-Za-z0-9_.]+)'`)
	routeLine    = regexp.MustCompile(`\{ path: ([^,]+), (?:parts: ([A-Z_]+|\[[^\]]*\]), )?load: \(\) => import\('\./([^']+)'\)`)
	partsConst   = regexp.MustCompile(`(?m)^const ([A-Z_]+) = \[([^\]]*)\];`)
	// lazyImport: a module's own import() of another, with the parts of the
	// dictionary it loads alongside (useModule(name, load, enabled, parts)).
	lazyImport = regexp.MustCompile(`import\('(\.[^']+)'\)(?:,\s*[A-Za-z_.!]+)?(?:,\s*\[([^\]]*)\])?`)
)

// module is one of the app's modules: its static imports and source.
type module struct {
	imports []string
	src     string
}

func readModules(t *testing.T) map[string]module {
	t.Helper()
	mods := map[string]module{}
	err := filepath.WalkDir(jsDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "i18n" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".js") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := module{src: string(raw)}
		for _, im := range staticImport.FindAllStringSubmatch(m.src, -1) {
			m.imports = append(m.imports, filepath.Join(filepath.Dir(path), im[1]))
		}
		mods[filepath.Clean(path)] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

// closure answers a module and every module it imports statically.
func closure(mods map[string]module, start string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(f string) {
		f = filepath.Clean(f)
		if seen[f] {
			return
		}
		seen[f] = true
		for _, g := range mods[f].imports {
			walk(g)
		}
	}
	walk(start)
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// usedKeys answers the keys a module names: a quoted key or plural group
// (t('a.b'), or a key handed to a helper that calls t), and every key under
// a quoted prefix ending in a dot (t('events.kind.' + kind)).
func usedKeys(src string, en map[string]string) []string {
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(src, -1) {
		s := m[1]
		for k := range en {
			base, _, _ := splitPlural(k)
			if k == s || base == s || (strings.HasSuffix(s, ".") && strings.HasPrefix(k, s)) {
				out = append(out, k)
			}
		}
	}
	return out
}

// TestScreensLoadTheirParts: every key a module names is in the first-load
// part when the module is in the first load (main.js and its static
// imports), or else in the first-load part or a part that every route
// reaching the module names (js/routes.js), so no screen renders a key
// before its strings are in. A module a module imports itself (useModule)
// is held to the parts named in the same call.
func TestScreensLoadTheirParts(t *testing.T) {
	parts := loadParts(t)
	partOf := map[string]string{}
	for part, dicts := range parts {
		for k := range dicts["en"] {
			partOf[k] = part
		}
	}
	en := loadAll(t)["en"]
	mods := readModules(t)
	check := func(where string, files []string, allowed []string) {
		for _, f := range files {
			for _, k := range usedKeys(mods[f].src, en) {
				if p := partOf[k]; p != "" && !slices.Contains(allowed, p) {
					t.Errorf("%s: %s names %s, which is in part %q that it does not load", where, f, k, p)
				}
			}
		}
	}
	shell := closure(mods, filepath.Join(jsDir, "main.js"))
	check("the first load", shell, nil)

	routes := mods[filepath.Clean(filepath.Join(jsDir, "routes.js"))].src
	consts := map[string][]string{}
	for _, m := range partsConst.FindAllStringSubmatch(routes, -1) {
		consts[m[1]] = splitList(m[2])
	}
	found := 0
	for _, m := range routeLine.FindAllStringSubmatch(routes, -1) {
		found++
		var named []string
		switch {
		case strings.HasPrefix(m[2], "["):
			named = splitList(strings.Trim(m[2], "[]"))
		case m[2] != "":
			c, ok := consts[m[2]]
			if !ok {
				t.Fatalf("route %s names parts %s, which routes.js does not define", m[1], m[2])
			}
			named = c
		}
		for _, p := range named {
			if parts[p] == nil {
				t.Errorf("route %s names part %q, which has no files", m[1], p)
			}
		}
		check("route "+m[1], closure(mods, filepath.Join(jsDir, m[3])), named)
	}
	for f, m := range mods {
		base := filepath.Base(f)
		if base == "routes.js" || base == "i18n.js" {
			continue
		}
		for _, im := range lazyImport.FindAllStringSubmatch(m.src, -1) {
			target := filepath.Join(filepath.Dir(f), im[1])
			check(f+"'s import("+im[1]+")", closure(mods, target), splitList(im[2]))
		}
	}
	if found < 20 {
		t.Errorf("found only %d lazy routes in routes.js; the pattern no longer matches the code", found)
	}
	if len(parts) < 2 {
		t.Errorf("the dictionaries have no part beside the first-load one")
	}
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.Trim(strings.TrimSpace(x), `'"`); x != "" {
			out = append(out, x)
		}
	}
	return out
}
