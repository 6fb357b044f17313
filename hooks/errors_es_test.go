package hooks_test

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hearth/hooks"
)

// messageSinks are the calls whose argument at the index is a message a
// person reads: Hearth's field errors and the request errors of
// PocketBase's router (on the event, or built by router/apis).
var messageSinks = map[string]int{
	"fieldError":              1,
	"BadRequestError":         0,
	"ForbiddenError":          0,
	"NotFoundError":           0,
	"UnauthorizedError":       0,
	"TooManyRequestsError":    0,
	"InternalServerError":     0,
	"NewBadRequestError":      0,
	"NewForbiddenError":       0,
	"NewNotFoundError":        0,
	"NewUnauthorizedError":    0,
	"NewTooManyRequestsError": 0,
	"NewInternalServerError":  0,
	"NewError":                1, // validation.NewError(code, message)
}

// relayed are expressions that pass on a message written elsewhere, and
// checked there: the house_full field error (memberships_validation.go)
// that joining with an invite answers with too.
var relayed = map[string]bool{"full.Message()": true}

// hookMessages reads hooks/*.go (not the tests; domain/*.go for the
// functions whose words the hooks pass on, like domain.ChoreTransition's)
// and returns every message given to a sink, as a template: a literal as it is, fmt.Sprintf's format,
// and "%s" for each part of a concatenation that is not a constant. A
// message whose words the reader cannot see (a field of a value, a call
// outside the package) is returned in unresolved, with its position.
func hookMessages(t *testing.T) (templates map[string][]string, unresolved []string) {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	domainPaths, err := filepath.Glob("../domain/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, p := range append(paths, domainPaths...) {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	c := &msgCollector{
		fset:     fset,
		globals:  map[string]ast.Expr{},
		funcs:    map[string][]*ast.FuncDecl{},
		structs:  map[string][]string{},
		sinks:    map[string]int{},
		found:    map[string][]string{},
		visiting: map[string]bool{},
	}
	c.files = files
	for k, v := range messageSinks {
		c.sinks[k] = v
	}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					vs, ok := s.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							c.globals[n.Name] = vs.Values[i]
						}
					}
				}
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok {
						continue
					}
					if st, ok := ts.Type.(*ast.StructType); ok {
						var names []string
						for _, f := range st.Fields.List {
							for _, n := range f.Names {
								names = append(names, n.Name)
							}
							if len(f.Names) == 0 {
								names = append(names, "")
							}
						}
						c.structs[ts.Name.Name] = names
					}
				}
			case *ast.FuncDecl:
				c.funcs[d.Name.Name] = append(c.funcs[d.Name.Name], d)
			}
		}
	}
	// A function that hands one of its parameters to a sink is a sink too.
	for changed := true; changed; {
		changed = false
		c.sinkCalls(func(fd *ast.FuncDecl, params map[string]int, arg ast.Expr) {
			if id, ok := arg.(*ast.Ident); ok {
				if pi, ok := params[id.Name]; ok {
					if _, had := c.sinks[fd.Name.Name]; !had {
						c.sinks[fd.Name.Name] = pi
						changed = true
					}
				}
			}
		})
	}
	c.sinkCalls(func(fd *ast.FuncDecl, params map[string]int, arg ast.Expr) {
		if id, ok := arg.(*ast.Ident); ok {
			if _, isParam := params[id.Name]; isParam {
				return // its callers' arguments are read instead
			}
		}
		pos := fset.Position(arg.Pos()).String()
		got, ok := c.resolve(arg, fd, false)
		if !ok {
			unresolved = append(unresolved, pos+": "+c.src(arg))
			return
		}
		for _, s := range got {
			if s != "" {
				c.found[s] = append(c.found[s], pos)
			}
		}
	})
	return c.found, unresolved
}

// sinkCalls calls fn with the message argument of every call to a sink in
// the hooks package's functions, and the calling function's parameters.
func (c *msgCollector) sinkCalls(fn func(fd *ast.FuncDecl, params map[string]int, arg ast.Expr)) {
	for _, f := range c.files {
		if f.Name.Name != "hooks" {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			params := paramIndex(fd)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if i, ok := c.sinks[callName(call)]; ok && i < len(call.Args) {
					fn(fd, params, call.Args[i])
				}
				return true
			})
		}
	}
}

type msgCollector struct {
	fset     *token.FileSet
	globals  map[string]ast.Expr
	funcs    map[string][]*ast.FuncDecl
	structs  map[string][]string // struct type -> field names in order
	files    []*ast.File
	sinks    map[string]int
	found    map[string][]string
	visiting map[string]bool
}

func (c *msgCollector) src(e ast.Expr) string {
	var b strings.Builder
	_ = printerFprint(&b, c.fset, e)
	return b.String()
}

func paramIndex(fd *ast.FuncDecl) map[string]int {
	out := map[string]int{}
	i := 0
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, n := range f.Names {
			out[n.Name] = i
			i++
		}
	}
	return out
}

func callName(call *ast.CallExpr) string {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		return fn.Sel.Name
	}
	return ""
}

// resolve returns the templates an expression can take. In a
// concatenation (part), what is not constant becomes "%s".
func (c *msgCollector) resolve(e ast.Expr, fd *ast.FuncDecl, part bool) ([]string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			break
		}
		s, err := strconv.Unquote(e.Value)
		return []string{s}, err == nil
	case *ast.ParenExpr:
		return c.resolve(e.X, fd, part)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			break
		}
		xs, okX := c.resolve(e.X, fd, true)
		ys, okY := c.resolve(e.Y, fd, true)
		if !okX || !okY {
			return nil, false
		}
		var out []string
		for _, x := range xs {
			for _, y := range ys {
				out = append(out, x+y)
			}
		}
		return out, true
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "fmt" && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
				return c.resolve(e.Args[0], fd, false)
			}
		}
		if !part {
			return c.callReturns(e, 0)
		}
	case *ast.SelectorExpr:
		if !part {
			return c.structField(e.Sel.Name)
		}
	case *ast.Ident:
		if fd != nil {
			if _, isParam := paramIndex(fd)[e.Name]; isParam {
				if part {
					return []string{"%s"}, true
				}
				return nil, false
			}
			if rhs := localAssignments(fd, e.Name); len(rhs) > 0 {
				var out []string
				for _, r := range rhs {
					var got []string
					var ok bool
					if r.result >= 0 {
						got, ok = c.callReturns(r.expr.(*ast.CallExpr), r.result)
						if part && !ok {
							got, ok = []string{"%s"}, true
						}
					} else {
						got, ok = c.resolve(r.expr, fd, part)
					}
					if !ok {
						if part {
							got = []string{"%s"}
						} else {
							return nil, false
						}
					}
					out = append(out, got...)
				}
				return out, true
			}
		}
		if g, ok := c.globals[e.Name]; ok && !c.visiting["var "+e.Name] {
			c.visiting["var "+e.Name] = true
			defer delete(c.visiting, "var "+e.Name)
			return c.resolve(g, nil, part)
		}
	}
	if part {
		return []string{"%s"}, true
	}
	return nil, false
}

// callReturns resolves the result-th result of a call to a function or
// method of hooks or domain, by its name.
func (c *msgCollector) callReturns(call *ast.CallExpr, result int) ([]string, bool) {
	name := callName(call)
	fs, ok := c.funcs[name]
	if !ok || c.visiting[name] {
		return nil, false
	}
	c.visiting[name] = true
	defer delete(c.visiting, name)
	var out []string
	for _, f := range fs {
		got, ok := c.returns(f, result)
		if !ok {
			return nil, false
		}
		out = append(out, got...)
	}
	return out, true
}

// structField resolves a field of a struct value: the field as every
// composite literal of a struct type with that field sets it.
func (c *msgCollector) structField(field string) ([]string, bool) {
	var out []string
	ok := true
	seen := false
	for _, f := range c.files {
		for _, d := range f.Decls {
			var fd *ast.FuncDecl
			if x, isFunc := d.(*ast.FuncDecl); isFunc {
				fd = x
			}
			ast.Inspect(d, func(n ast.Node) bool {
				cl, isLit := n.(*ast.CompositeLit)
				if !isLit {
					return true
				}
				id, isIdent := cl.Type.(*ast.Ident)
				if !isIdent {
					return true
				}
				fields, isStruct := c.structs[id.Name]
				if !isStruct {
					return true
				}
				for i, el := range cl.Elts {
					v := el
					name := ""
					if kv, isKV := el.(*ast.KeyValueExpr); isKV {
						k, _ := kv.Key.(*ast.Ident)
						if k != nil {
							name = k.Name
						}
						v = kv.Value
					} else if i < len(fields) {
						name = fields[i]
					}
					if name != field {
						continue
					}
					seen = true
					if relayed[c.src(v)] {
						continue
					}
					got, okV := c.resolve(v, fd, false)
					if !okV {
						ok = false
					}
					out = append(out, got...)
				}
				return true
			})
		}
	}
	return out, ok && seen
}

// returns resolves what a function returns as its result-th result.
func (c *msgCollector) returns(f *ast.FuncDecl, result int) ([]string, bool) {
	var out []string
	ok := true
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		r, isRet := n.(*ast.ReturnStmt)
		if !isRet || len(r.Results) <= result {
			return true
		}
		if lit, isLit := r.Results[result].(*ast.BasicLit); isLit && lit.Value == `""` {
			return true
		}
		got, okR := c.resolve(r.Results[result], f, false)
		if !okR {
			ok = false
		}
		out = append(out, got...)
		return true
	})
	return out, ok
}

// assigned is a value given to a local variable: an expression, or the
// result-th result of a call (result -1 for a plain expression).
type assigned struct {
	expr   ast.Expr
	result int
}

// localAssignments lists the values assigned to name inside the function.
func localAssignments(fd *ast.FuncDecl, name string) []assigned {
	var out []assigned
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || id.Name != name {
					continue
				}
				if len(s.Lhs) == len(s.Rhs) {
					out = append(out, assigned{s.Rhs[i], -1})
				} else if call, ok := s.Rhs[0].(*ast.CallExpr); ok && len(s.Rhs) == 1 {
					out = append(out, assigned{call, i})
				}
			}
		case *ast.ValueSpec:
			for i, n := range s.Names {
				if n.Name == name && i < len(s.Values) {
					out = append(out, assigned{s.Values[i], -1})
				}
			}
		}
		return true
	})
	return out
}

// TestEveryErrorMessageHasSpanish reads the hooks' source for every
// message a refused request can answer with (field errors and request
// errors) and fails for one the Spanish catalogue lacks: a new English
// message cannot ship untranslated.
func TestEveryErrorMessageHasSpanish(t *testing.T) {
	found, unresolved := hookMessages(t)
	for _, u := range unresolved {
		t.Errorf("%s: a message whose words the test cannot read; write it as a literal, a constant, fmt.Sprintf or a concatenation", u)
	}
	if len(found) < 150 {
		t.Fatalf("found %d messages; the reader of the hooks' source is broken", len(found))
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !hooks.ErrorsESHas(k) {
			t.Errorf("no Spanish in hooks/errors_es.go for %q (%s)", k, strings.Join(found[k], ", "))
			continue
		}
		if !strings.Contains(k, "%") && hooks.TranslateErrorMessage("es", k) == k {
			t.Errorf("%q is in the catalogue but does not translate", k)
		}
	}
}

// TestErrorsESVerbs checks each Spanish template carries as many values as
// its English.
func TestErrorsESVerbs(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?[sdqv]`)
	for en, es := range hooks.ErrorsES() {
		if got, want := len(verb.FindAllString(es, -1)), len(verb.FindAllString(en, -1)); got != want {
			t.Errorf("%q has %d values, its Spanish %q %d", en, want, es, got)
		}
		if es == en || strings.TrimSpace(es) == "" {
			t.Errorf("%q: no Spanish", en)
		}
	}
}

func printerFprint(b *strings.Builder, fset *token.FileSet, e ast.Expr) error {
	return printer.Fprint(b, fset, e)
}
