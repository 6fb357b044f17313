package hooks

import (
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// realtimeScope is who can possibly pass a collection's list or view rule,
// read from the rules themselves: the clients whose person has a
// membership (any role, any status) of the house that houses names, or is
// the partner on one; the clients whose person is named by users; and
// superusers. A rule part it cannot read makes the scope open (every
// client is a candidate, as in PocketBase). See realtime_fanout.go.
type realtimeScope struct {
	open   bool
	houses []string // paths from the record to a house id: "house", "post.house", "id"
	users  []string // paths from the record to a person's id: "user", "people.id"
}

// union is the scope of "a || b".
func (s realtimeScope) union(o realtimeScope) realtimeScope {
	if s.open || o.open {
		return realtimeScope{open: true}
	}
	return realtimeScope{houses: mergePaths(s.houses, o.houses), users: mergePaths(s.users, o.users)}
}

func mergePaths(a, b []string) []string {
	out := slices.Clone(a)
	for _, p := range b {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// scopeOfCollection is the union of the scopes of the list and view rules:
// a subscription to the collection is checked with the list rule, to one
// record with the view rule. Auth collections are always open, so that
// PocketBase's own handling of their clients' auth stays as it is.
func scopeOfCollection(c *core.Collection) realtimeScope {
	if c.IsAuth() {
		return realtimeScope{open: true}
	}
	return scopeOfRule(c.ListRule).union(scopeOfRule(c.ViewRule))
}

// scopeOfRule reads one rule. A nil rule (superusers only) has the empty
// scope; an empty rule (everyone) is open.
func scopeOfRule(rule *string) realtimeScope {
	if rule == nil {
		return realtimeScope{}
	}
	n, err := parseRule(*rule)
	if err != nil {
		return realtimeScope{open: true}
	}
	return n.scope()
}

// ruleNode is a rule parsed into "and", "or" and atoms.
type ruleNode struct {
	op   string // "&&", "||" or "" for an atom
	atom string
	kids []*ruleNode
}

// scope is the node's scope: an atom it knows narrows to the house or the
// person it names; any other atom is open; "a && b" is the scope of its
// first narrowed part (each part holds for whoever passes the whole);
// "a || b" is the union.
func (n *ruleNode) scope() realtimeScope {
	switch n.op {
	case "||":
		s := realtimeScope{}
		for _, k := range n.kids {
			s = s.union(k.scope())
		}
		return s
	case "&&":
		for _, k := range n.kids {
			if ks := k.scope(); !ks.open {
				return ks
			}
		}
		return realtimeScope{open: true}
	}
	return atomScope(n.atom)
}

var (
	// "@request.auth.memberships_via_user.house ?= house": the requester
	// has a membership of the record's house (or, via partner, is the
	// partner on one).
	houseAtom = regexp.MustCompile(`^@request\.auth\.memberships_via_(?:user|partner)\.house \?= ([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)$`)
	// "user = @request.auth.id", "people.id ?= @request.auth.id".
	userAtom = regexp.MustCompile(`^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*) \??= @request\.auth\.id$`)
)

func atomScope(atom string) realtimeScope {
	if m := houseAtom.FindStringSubmatch(atom); m != nil {
		return realtimeScope{houses: []string{m[1]}}
	}
	if m := userAtom.FindStringSubmatch(atom); m != nil {
		return realtimeScope{users: []string{m[1]}}
	}
	return realtimeScope{open: true}
}

var errRuleSyntax = errors.New("realtime scope: a rule it cannot read")

// parseRule parses PocketBase's filter syntax as far as "&&", "||",
// parentheses and quoted strings; everything between is an atom.
func parseRule(rule string) (*ruleNode, error) {
	p := &ruleParser{s: rule}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(p.s[p.i:]) != "" {
		return nil, errRuleSyntax
	}
	return n, nil
}

type ruleParser struct {
	s string
	i int
}

func (p *ruleParser) skip() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *ruleParser) or() (*ruleNode, error) { return p.list("||", p.and) }

func (p *ruleParser) and() (*ruleNode, error) { return p.list("&&", p.primary) }

func (p *ruleParser) list(op string, part func() (*ruleNode, error)) (*ruleNode, error) {
	first, err := part()
	if err != nil {
		return nil, err
	}
	n := &ruleNode{op: op, kids: []*ruleNode{first}}
	for {
		p.skip()
		if !strings.HasPrefix(p.s[p.i:], op) {
			break
		}
		p.i += len(op)
		k, err := part()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, k)
	}
	if len(n.kids) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *ruleParser) primary() (*ruleNode, error) {
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		p.i++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return nil, errRuleSyntax
		}
		p.i++
		return n, nil
	}
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(p.s[p.i+1:], c)
			if end < 0 {
				return nil, errRuleSyntax
			}
			p.i += end + 2
			continue
		case c == '(':
			return nil, errRuleSyntax // a function call or the like: not read
		case c == ')' || strings.HasPrefix(p.s[p.i:], "&&") || strings.HasPrefix(p.s[p.i:], "||"):
			goto done
		}
		p.i++
	}
done:
	atom := strings.Join(strings.Fields(p.s[start:p.i]), " ")
	if atom == "" {
		return nil, errRuleSyntax
	}
	return &ruleNode{atom: atom}, nil
}

// resolvePath reads the values a path names from the record, following
// relations ("post.house" reads the post's house), through app. "id" is
// the record's own id. An error (a field that is not there, a related
// record not found) means the path cannot be trusted for this record.
func resolvePath(app core.App, rec *core.Record, path string) ([]string, error) {
	segs := strings.Split(path, ".")
	if len(segs) == 1 {
		if segs[0] == "id" {
			return []string{rec.Id}, nil
		}
		if rec.Collection().Fields.GetByName(segs[0]) == nil {
			return nil, errRuleSyntax
		}
		return rec.GetStringSlice(segs[0]), nil
	}
	rel, ok := rec.Collection().Fields.GetByName(segs[0]).(*core.RelationField)
	if !ok {
		return nil, errRuleSyntax
	}
	ids := rec.GetStringSlice(segs[0])
	if len(segs) == 2 && segs[1] == "id" {
		return ids, nil
	}
	var out []string
	for _, id := range ids {
		sub, err := app.FindRecordById(rel.CollectionId, id)
		if err != nil {
			return nil, err
		}
		vals, err := resolvePath(app, sub, strings.Join(segs[1:], "."))
		if err != nil {
			return nil, err
		}
		out = append(out, vals...)
	}
	return out, nil
}
