package hooks

import (
	"runtime"
	"sync"
	"weak"

	"github.com/pocketbase/pocketbase/core"
)

// auditedReads are the collections whose records, read by anyone but the
// person they are about (auditSubjects), are recorded in the audit trail.
var auditedReads = []string{"checkins", "meetings", "drug_tests", "incidents"}

// auditSubjects are the people a record of an audited collection is
// about: its `user`, or, for an incident, everyone named in `people`
// (GetStringSlice reads a single relation as a list of one).
func auditSubjects(rec *core.Record) []string {
	if rec.Collection().Name == "incidents" {
		return rec.GetStringSlice("people")
	}
	return rec.GetStringSlice("user")
}

// auditMemo is what one request has recorded so far: one event per
// subject and collection, however many of their records the response
// holds (a list, a view, expands, a realtime message).
type auditMemo struct {
	mu   sync.Mutex
	ip   string
	list bool
	seen map[string]bool // collection + " " + subject
}

// auditByRequest holds one memo per request, keyed by its RequestInfo
// (PocketBase hands the same one to every enrich of a response); an entry
// goes when its RequestInfo is collected.
var auditByRequest sync.Map // weak.Pointer[core.RequestInfo] -> *auditMemo

func auditMemoOf(info *core.RequestInfo) *auditMemo {
	key := weak.Make(info)
	v, loaded := auditByRequest.LoadOrStore(key, &auditMemo{seen: map[string]bool{}})
	if !loaded {
		runtime.AddCleanup(info, func(k weak.Pointer[core.RequestInfo]) { auditByRequest.Delete(k) }, key)
	}
	return v.(*auditMemo)
}

// bindAuditReads records reads of another person's check-ins, meetings
// and private user fields through lists, views, expands and realtime
// messages: every way PocketBase hands out a record goes through enrich.
func bindAuditReads(app core.App) {
	app.OnRecordsListRequest(auditedReads...).BindFunc(func(e *core.RecordsListRequestEvent) error {
		noteAuditRequest(e.RequestEvent, true)
		return e.Next()
	})
	app.OnRecordViewRequest(auditedReads...).BindFunc(func(e *core.RecordRequestEvent) error {
		noteAuditRequest(e.RequestEvent, false)
		return e.Next()
	})
	app.OnRecordEnrich(auditedReads...).BindFunc(func(e *core.RecordEnrichEvent) error {
		for _, subject := range auditSubjects(e.Record) {
			auditRead(e.App, e.RequestInfo, e.Record, subject)
		}
		return e.Next()
	})
	app.OnFileDownloadRequest(auditedReads...).BindFunc(auditFileDownload)
}

// auditFileDownload records a download of a protected file of an audited
// record (a drug test's form, a meeting's slip) by anyone but the people
// it is about: a `view` of the record. PocketBase has already checked the
// file token against the view rule; the token names the reader.
func auditFileDownload(e *core.FileDownloadRequestEvent) error {
	if e.FileField == nil || !e.FileField.Protected {
		return e.Next()
	}
	reader := e.Auth
	if token := e.Request.URL.Query().Get("token"); token != "" {
		if r, err := e.App.FindAuthRecordByToken(token, core.TokenTypeFile); err == nil {
			reader = r
		}
	}
	if reader == nil {
		return e.Next()
	}
	now := appClock(e.App).Now()
	var events []AuditEvent
	for _, subject := range auditSubjects(e.Record) {
		if subject == "" || subject == reader.Id {
			continue
		}
		events = append(events, AuditEvent{At: now, Actor: reader.Id, ActorKind: actorKind(reader), Action: "view",
			Collection: e.Record.Collection().Name, Record: e.Record.Id, Subject: subject,
			House: e.Record.GetString("house"), IP: e.RealIP()})
	}
	recordAudit(e.App, events)
	return e.Next()
}

// noteAuditRequest keeps the request's address and whether it lists, for
// the events its enriches record.
func noteAuditRequest(e *core.RequestEvent, list bool) {
	info, err := e.RequestInfo()
	if err != nil || info.Auth == nil {
		return
	}
	memo := auditMemoOf(info)
	memo.mu.Lock()
	memo.ip, memo.list = e.RealIP(), list
	memo.mu.Unlock()
}

// auditRead records that the request's viewer read rec, about subject,
// once per request, subject and collection; nothing when the viewer is
// the subject or nobody is signed in.
func auditRead(app core.App, info *core.RequestInfo, rec *core.Record, subject string) {
	auditReadOf(app, info, rec.Collection().Name, rec.Id, rec.GetString("house"), subject)
}

// auditReadOf is auditRead for a read that is not a whole record (the
// board's authors' phones): the collection, record and house it read.
func auditReadOf(app core.App, info *core.RequestInfo, collection, recordID, house, subject string) {
	viewer := info.Auth
	if viewer == nil || subject == "" || viewer.Id == subject {
		return
	}
	memo := auditMemoOf(info)
	memo.mu.Lock()
	key := collection + " " + subject
	if memo.seen[key] {
		memo.mu.Unlock()
		return
	}
	memo.seen[key] = true
	ip, list := memo.ip, memo.list
	memo.mu.Unlock()

	ev := AuditEvent{At: appClock(app).Now(), Actor: viewer.Id, ActorKind: actorKind(viewer), Action: "view",
		Collection: collection, Record: recordID, Subject: subject, House: house, IP: ip}
	if list && info.Context == core.RequestInfoContextDefault && collection != "users" {
		ev.Action, ev.Record = "list", ""
	}
	recordAudit(app, []AuditEvent{ev})
}

// auditMarkSeen counts the subjects as recorded for the request's reads of
// collection (a write already recorded them).
func auditMarkSeen(info *core.RequestInfo, collection string, subjects []string) {
	memo := auditMemoOf(info)
	memo.mu.Lock()
	defer memo.mu.Unlock()
	for _, s := range subjects {
		memo.seen[collection+" "+s] = true
	}
}

// actorKind is "superuser" or "user".
func actorKind(auth *core.Record) string {
	if auth != nil && auth.IsSuperuser() {
		return "superuser"
	}
	return "user"
}

// auditRoute records that a request to one of Hearth's own routes read (or
// exported) the data of subjects: one event per subject other than the
// requester.
func auditRoute(e *core.RequestEvent, action, collection, house string, subjects []string) {
	if e.Auth == nil {
		return
	}
	now := appClock(e.App).Now()
	ip := e.RealIP()
	events := make([]AuditEvent, 0, len(subjects))
	for _, s := range subjects {
		if s == "" || (s == e.Auth.Id && action != "export") {
			continue
		}
		events = append(events, AuditEvent{At: now, Actor: e.Auth.Id, ActorKind: actorKind(e.Auth), Action: action,
			Collection: collection, Subject: s, House: house, IP: ip})
	}
	recordAudit(e.App, events)
}
