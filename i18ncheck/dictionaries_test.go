// Package i18ncheck_test checks the web app's dictionaries
// (pb_public/js/i18n/*.js) against each other and against the screens that
// use them. It reads the files as text with a small parser for the one
// format they use (an exported object literal of single-quoted strings and
// nested objects), so no JavaScript engine is needed.
package i18ncheck_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

const dictDir = "../pb_public/js/i18n"

// pluralForms are the CLDR plural categories i18n.js looks up (plus zero,
// which it tries first for a count of 0 in every language).
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

// parser reads `export default { ... };` into flat dotted keys.
type parser struct {
	src  string
	pos  int
	file string
}

func (p *parser) fail(format string, args ...any) error {
	line := 1 + strings.Count(p.src[:p.pos], "\n")
	return fmt.Errorf("%s:%d: %s", p.file, line, fmt.Sprintf(format, args...))
}

// skip passes over white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.src) {
		switch {
		case unicode.IsSpace(rune(p.src[p.pos])):
			p.pos++
		case strings.HasPrefix(p.src[p.pos:], "//"):
			if i := strings.IndexByte(p.src[p.pos:], '\n'); i >= 0 {
				p.pos += i + 1
			} else {
				p.pos = len(p.src)
			}
		case strings.HasPrefix(p.src[p.pos:], "/*"):
			if i := strings.Index(p.src[p.pos+2:], "*/"); i >= 0 {
				p.pos += i + 4
			} else {
				p.pos = len(p.src)
			}
		default:
			return
		}
	}
}

func (p *parser) expect(s string) error {
	p.skip()
	if !strings.HasPrefix(p.src[p.pos:], s) {
		return p.fail("want %q", s)
	}
	p.pos += len(s)
	return nil
}

// str reads a quoted string with JavaScript's simple escapes.
func (p *parser) str() (string, error) {
	q := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c == '\n':
			return "", p.fail("line break inside a string")
		case c == '\\' && p.pos+1 < len(p.src):
			e := p.src[p.pos+1]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\\', '\'', '"':
				b.WriteByte(e)
			default:
				return "", p.fail("unsupported escape \\%c", e)
			}
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.fail("unterminated string")
}

// key reads an identifier, a number or a quoted string.
func (p *parser) key() (string, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return "", p.fail("unexpected end")
	}
	if c := p.src[p.pos]; c == '\'' || c == '"' {
		return p.str()
	}
	start := p.pos
	for p.pos < len(p.src) {
		c := rune(p.src[p.pos])
		if c != '_' && c != '$' && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			break
		}
		p.pos++
	}
	if p.pos == start {
		return "", p.fail("want a key, found %q", p.src[p.pos:min(p.pos+20, len(p.src))])
	}
	return p.src[start:p.pos], nil
}

// object reads `{ key: value, ... }` into out under prefix.
func (p *parser) object(prefix string, out map[string]string) error {
	if err := p.expect("{"); err != nil {
		return err
	}
	for {
		p.skip()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return nil
		}
		k, err := p.key()
		if err != nil {
			return err
		}
		full := prefix + k
		if err := p.expect(":"); err != nil {
			return err
		}
		p.skip()
		if p.pos >= len(p.src) {
			return p.fail("unexpected end")
		}
		switch c := p.src[p.pos]; {
		case c == '{':
			if err := p.object(full+".", out); err != nil {
				return err
			}
		case c == '\'' || c == '"':
			s, err := p.str()
			if err != nil {
				return err
			}
			if _, dup := out[full]; dup {
				return p.fail("key %s appears twice", full)
			}
			out[full] = s
		default:
			return p.fail("%s: only strings and objects are supported", full)
		}
		p.skip()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		p.skip()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			continue
		}
		return p.fail("want , or } after %s", full)
	}
}

// parseDict reads one dictionary file into flat dotted keys.
func parseDict(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := &parser{src: string(raw), file: filepath.Base(path)}
	p.skip()
	if err := p.expect("export default"); err != nil {
		return nil, err
	}
	out := map[string]string{}
	if err := p.object("", out); err != nil {
		return nil, err
	}
	if err := p.expect(";"); err != nil {
		return nil, err
	}
	p.skip()
	if p.pos != len(p.src) {
		return nil, p.fail("text after the dictionary")
	}
	return out, nil
}

// dictFile is one file of the dictionaries: a part of one language's
// dictionary. <lang>.js is the first-load part (part ""), <part>.<lang>.js
// a part loaded with the screens that name it (js/routes.js).
type dictFile struct {
	part, lang string
	keys       map[string]string
}

// loadFiles reads every dictionary file.
func loadFiles(t *testing.T) []dictFile {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dictDir, "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	var out []dictFile
	for _, f := range files {
		d, err := parseDict(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".js")
		part, lang := "", name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			part, lang = name[:i], name[i+1:]
		}
		out = append(out, dictFile{part: part, lang: lang, keys: d})
	}
	return out
}

// loadParts answers each part's dictionaries by language.
func loadParts(t *testing.T) map[string]map[string]map[string]string {
	t.Helper()
	parts := map[string]map[string]map[string]string{}
	for _, f := range loadFiles(t) {
		if parts[f.part] == nil {
			parts[f.part] = map[string]map[string]string{}
		}
		parts[f.part][f.lang] = f.keys
	}
	if parts[""] == nil || parts[""]["en"] == nil || len(parts[""]) < 2 {
		t.Fatalf("want en.js and at least one translation in %s", dictDir)
	}
	return parts
}

// loadAll answers each language's whole dictionary, all parts together.
func loadAll(t *testing.T) map[string]map[string]string {
	t.Helper()
	dicts := map[string]map[string]string{}
	for _, f := range loadFiles(t) {
		if dicts[f.lang] == nil {
			dicts[f.lang] = map[string]string{}
		}
		for k, v := range f.keys {
			dicts[f.lang][k] = v
		}
	}
	return dicts
}

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// splitPlural answers a key's base and plural form, or ok=false.
func splitPlural(key string) (base, form string, ok bool) {
	i := strings.LastIndexByte(key, '_')
	if i < 0 {
		return key, "", false
	}
	if f := key[i+1:]; slices.Contains(pluralForms, f) {
		return key[:i], f, true
	}
	return key, "", false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestDictionariesMatch: in every part, every key of English is in every
// translation and the other way round, with the same placeholders (a _zero
// or _one form may leave out {count} and say the number in words).
func TestDictionariesMatch(t *testing.T) {
	langs := map[string]bool{}
	for _, f := range loadFiles(t) {
		langs[f.lang] = true
	}
	for part, dicts := range loadParts(t) {
		for lang := range langs {
			if dicts[lang] == nil {
				t.Errorf("part %q has no %s file", part, lang)
			}
		}
		testPartMatch(t, part, dicts)
	}
}

func testPartMatch(t *testing.T, part string, dicts map[string]map[string]string) {
	en := dicts["en"]
	if en == nil {
		t.Errorf("part %q has no English file", part)
		return
	}
	for lang, d := range dicts {
		if lang == "en" {
			continue
		}
		t.Run(strings.TrimPrefix(part+"."+lang, "."), func(t *testing.T) {
			var missing, extra []string
			for _, k := range sortedKeys(en) {
				s, ok := d[k]
				if !ok {
					missing = append(missing, k)
					continue
				}
				a, b := placeholders(en[k]), placeholders(s)
				if _, form, ok := splitPlural(k); ok && (form == "zero" || form == "one") && !slices.Contains(b, "count") {
					// "La próxima semana": a form for one count may say it in words.
					a = slices.DeleteFunc(a, func(p string) bool { return p == "count" })
				}
				if !slices.Equal(a, b) {
					t.Errorf("%s: placeholders %v in en.js, %v in %s.js", k, a, b, lang)
				}
			}
			for _, k := range sortedKeys(d) {
				if _, ok := en[k]; !ok {
					extra = append(extra, k)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%d of %d keys of en.js are missing from %s.js:\n  %s", len(missing), len(en), lang, strings.Join(missing, "\n  "))
			}
			if len(extra) > 0 {
				t.Errorf("%d keys of %s.js are not in en.js:\n  %s", len(extra), lang, strings.Join(extra, "\n  "))
			}
		})
	}
}

// TestDictionaryStrings: no empty strings, balanced braces, and plural
// groups that i18n.js can always resolve (an _other form beside any other
// form).
func TestDictionaryStrings(t *testing.T) {
	for _, f := range loadFiles(t) {
		for _, k := range sortedKeys(f.keys) {
			if base, _, ok := splitPlural(k); ok && f.keys[base+"_other"] == "" {
				t.Errorf("%s.%s: plural %s is split across parts", f.part, f.lang, base)
			}
		}
	}
	for lang, d := range loadAll(t) {
		groups := map[string][]string{}
		for _, k := range sortedKeys(d) {
			s := d[k]
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s.js: %s is empty", lang, k)
			}
			if strings.Count(s, "{") != strings.Count(s, "}") || len(placeholder.FindAllString(s, -1)) != strings.Count(s, "{") {
				t.Errorf("%s.js: %s has a brace that is not a {placeholder}: %q", lang, k, s)
			}
			if base, form, ok := splitPlural(k); ok {
				groups[base] = append(groups[base], form)
				if _, plain := d[base]; plain {
					t.Errorf("%s.js: %s is both a plain string and a plural group", lang, base)
				}
			}
		}
		for base, forms := range groups {
			if !slices.Contains(forms, "other") {
				t.Errorf("%s.js: plural %s has %v but no _other form", lang, base, forms)
			}
			if len(forms) == 1 && forms[0] == "other" {
				t.Errorf("%s.js: plural %s has only the _other form; a plain key would do", lang, base)
			}
		}
	}
}

// tCall finds t('key' ...) calls with a literal key in the app's modules.
var tCall = regexp.MustCompile(`\bt\(\s*'([A-Za-z0-9_.]+)'\s*[,)]`)

// TestScreensUseKnownKeys: every literal key a module asks t() for is in
// en.js, as a string or a plural group.
func TestScreensUseKnownKeys(t *testing.T) {
	en := loadAll(t)["en"]
	bases := map[string]bool{}
	for k := range en {
		if base, _, ok := splitPlural(k); ok {
			bases[base] = true
		}
	}
	var files []string
	err := filepath.WalkDir("../pb_public/js", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".js") && !strings.Contains(path, string(filepath.Separator)+"i18n"+string(filepath.Separator)) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	used := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tCall.FindAllStringSubmatch(string(raw), -1) {
			used++
			k := m[1]
			if _, ok := en[k]; !ok && !bases[k] {
				t.Errorf("%s asks for %q, which en.js does not have", f, k)
			}
		}
	}
	if used < 100 {
		t.Errorf("found only %d t('…') calls in %d modules; the pattern no longer matches the code", used, len(files))
	}
}
