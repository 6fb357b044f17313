package hooks

import (
	"strings"
	"sync"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// readsThroughPost reports whether a collection's rule (comments' or
// reactions' view rule) is the posts' list rule read through the record's
// post relation: the same expression, token for token, with each of the
// posts' own fields named through "post." (house becomes post.house,
// hidden post.hidden). The migrations build them so (seesPost), and then a
// comment or a reaction is visible exactly when its post is: the board
// route, which reads its posts under the posts' rule, reads their comments
// and reactions by post alone instead of evaluating the same rule again
// for each of them. A rule that differs in any token (an admin tightened
// it in the dashboard) answers false, and the route applies it as
// PocketBase would.
func readsThroughPost(posts *core.Collection, rule *string) bool {
	if posts.ListRule == nil || rule == nil {
		return false
	}
	key := throughPostKey{posts, *posts.ListRule, *rule}
	if v, ok := throughPostMemo.Load(key); ok {
		return v.(bool)
	}
	fields := map[string]bool{}
	for _, f := range posts.Fields {
		fields[f.GetName()] = true
	}
	// A posts field, with whatever follows it (house.name, body:lower),
	// is read through the post; the requester, other collections and
	// literals are the same from either side; anything else (the request's
	// context, query or body, a date macro) is not vouched for.
	through := func(id string) (string, bool) {
		if sameFromAnywhere(id) {
			return id, true
		}
		if fields[firstSegment(id)] {
			return "post." + id, true
		}
		return "", false
	}
	onComment := func(id string) (string, bool) {
		return id, sameFromAnywhere(id) || strings.HasPrefix(id, "post.")
	}
	want, ok1 := ruleTokens(*posts.ListRule, through)
	got, ok2 := ruleTokens(*rule, onComment)
	same := ok1 && ok2 && len(want) > 0 && strings.Join(want, "\x00") == strings.Join(got, "\x00")
	throughPostMemo.Store(key, same)
	return same
}

// throughPostKey is what readsThroughPost's answer depends on: the posts
// collection (its fields) and both rules.
type throughPostKey struct {
	posts            *core.Collection
	postsRule, other string
}

// throughPostMemo keeps readsThroughPost's answers (a handful in a
// server's life).
var throughPostMemo sync.Map // throughPostKey -> bool

// sameFromAnywhere reports whether an identifier means the same whichever
// record a rule is evaluated on: the requester's own fields and
// relations, another collection, and true, false and null.
func sameFromAnywhere(id string) bool {
	switch id {
	case "true", "false", "null":
		return true
	}
	return strings.HasPrefix(id, "@request.auth.") || strings.HasPrefix(id, "@collection.")
}

// firstSegment is the field an identifier starts from: "house" of
// "house.name", "body" of "body:lower".
func firstSegment(id string) string {
	if i := strings.IndexAny(id, ".:"); i >= 0 {
		return id[:i]
	}
	return id
}

// ruleTokens returns the tokens of a rule without whitespace and comments,
// groups opened, each identifier passed through name. ok is false for a
// rule it cannot vouch for: one that does not scan, holds a function
// (whose arguments it does not open), or an identifier name refuses.
func ruleTokens(rule string, name func(string) (string, bool)) (tokens []string, ok bool) {
	s := fexpr.NewScanner([]byte(rule))
	for {
		t, err := s.Scan()
		if err != nil {
			return nil, false
		}
		switch t.Type {
		case fexpr.TokenEOF:
			return tokens, true
		case fexpr.TokenWS, fexpr.TokenComment:
		case fexpr.TokenIdentifier:
			id, ok := name(t.Literal)
			if !ok {
				return nil, false
			}
			tokens = append(tokens, "id:"+id)
		case fexpr.TokenGroup:
			inner, ok := ruleTokens(t.Literal, name)
			if !ok {
				return nil, false
			}
			tokens = append(tokens, "(")
			tokens = append(tokens, inner...)
			tokens = append(tokens, ")")
		case fexpr.TokenJoin, fexpr.TokenSign, fexpr.TokenNumber, fexpr.TokenText:
			tokens = append(tokens, string(t.Type)+":"+t.Literal)
		default:
			return nil, false
		}
	}
}

// builtRule is a rule built into SQL for one requester: the condition
// and the resolver that holds its joins.
type builtRule struct {
	expr     dbx.Expression
	resolver *core.RecordFieldResolver
}

// builtRules keeps the rules the board route has built, by requester.
// Building a rule is most of a page's cost (PocketBase parses the
// memberships' indexes again for each back-relation in it), while what it
// builds for a requester changes only with the rule, the collection or
// the requester's own record: the requester's memberships are joined when
// the query runs, not read while building. Bounded: emptied when full.
var builtRules = struct {
	sync.Mutex
	m map[builtRuleKey]builtRule
}{m: map[builtRuleKey]builtRule{}}

// builtRulesMax bounds builtRules: a few rules for each person reading a
// board.
const builtRulesMax = 4096

// builtRuleKey is everything a built rule depends on.
type builtRuleKey struct {
	collection *core.Collection // the cached collection; a changed one is a new pointer
	rule       string
	context    string
	auth       string // the requester's collection, id and last update
}

// buildRule returns the rule built for the requester, from builtRules
// when it was built before. Only a rule that reads nothing but the
// record, the requester and other collections is kept (cacheableRule):
// one that reads the request's query, body or headers, or a date macro
// such as @now, which building fixes at that moment, is built for each
// request. A kept rule is built from the requester and the context alone,
// so that it holds nothing else of the first request.
func buildRule(app core.App, info *core.RequestInfo, collection *core.Collection, rule string) (builtRule, error) {
	cacheable := info.Auth != nil && cacheableRule(rule)
	var key builtRuleKey
	if cacheable {
		key = builtRuleKey{collection: collection, rule: rule, context: info.Context,
			auth: info.Auth.Collection().Id + "/" + info.Auth.Id + "/" + info.Auth.GetString("updated")}
		builtRules.Lock()
		b, ok := builtRules.m[key]
		builtRules.Unlock()
		if ok {
			return b, nil
		}
		info = &core.RequestInfo{Auth: info.Auth, Context: info.Context, Method: info.Method}
	}
	resolver := core.NewRecordFieldResolver(app, collection, info, true)
	expr, err := search.FilterData(rule).BuildExpr(resolver)
	if err != nil {
		return builtRule{}, err
	}
	b := builtRule{expr: expr, resolver: resolver}
	if cacheable {
		builtRules.Lock()
		if len(builtRules.m) >= builtRulesMax {
			clear(builtRules.m)
		}
		builtRules.m[key] = b
		builtRules.Unlock()
	}
	return b, nil
}

// cacheableRule reports whether a rule, once built for a requester, stays
// right for them: its identifiers are the record's fields, the
// requester's (@request.auth.*) or other collections' (@collection.*),
// and literals. Answers are kept by rule.
func cacheableRule(rule string) bool {
	if v, ok := cacheableMemo.Load(rule); ok {
		return v.(bool)
	}
	_, ok := ruleTokens(rule, func(id string) (string, bool) {
		return id, !strings.HasPrefix(id, "@") || sameFromAnywhere(id)
	})
	cacheableMemo.Store(rule, ok)
	return ok
}

// cacheableMemo keeps cacheableRule's answers, by rule.
var cacheableMemo sync.Map // string -> bool
