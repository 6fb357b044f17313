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
	key := [2]string{*posts.ListRule, *rule}
	if v, ok := throughPostMemo.Load(key); ok {
		return v.(bool)
	}
	fields := map[string]bool{}
	for _, f := range posts.Fields {
		fields[f.GetName()] = true
	}
	through := func(id string) string {
		if first, _, _ := strings.Cut(id, "."); fields[first] {
			return "post." + id
		}
		return id
	}
	want, ok1 := ruleTokens(*posts.ListRule, through)
	got, ok2 := ruleTokens(*rule, func(id string) string { return id })
	same := ok1 && ok2 && len(want) > 0 && strings.Join(want, "\x00") == strings.Join(got, "\x00")
	throughPostMemo.Store(key, same)
	return same
}

// throughPostMemo keeps readsThroughPost's answers by the pair of rules
// (a handful in a server's life).
var throughPostMemo sync.Map // [2]string -> bool

// ruleTokens returns the tokens of a rule without whitespace and comments,
// groups opened, each identifier passed through name. ok is false for a
// rule it cannot vouch for: one that does not scan, or holds a function
// (whose arguments it does not open).
func ruleTokens(rule string, name func(string) string) (tokens []string, ok bool) {
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
			tokens = append(tokens, "id:"+name(t.Literal))
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

// requestBound names the parts of a request a rule may read besides the
// requester; a rule that reads one is built for each request.
var requestBound = []string{"@request.body", "@request.query", "@request.headers", "@request.method"}

// buildRule returns the rule built for the requester, from builtRules
// when it was built before.
func buildRule(app core.App, info *core.RequestInfo, collection *core.Collection, rule string) (builtRule, error) {
	cacheable := info.Auth != nil
	for _, p := range requestBound {
		cacheable = cacheable && !strings.Contains(rule, p)
	}
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
