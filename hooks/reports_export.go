package hooks

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// exportPart is one JSON file of a person's export: the records of a
// collection that are theirs, the fields left out (others' words, keys
// that work as passwords), and the file fields whose files go in too.
type exportPart struct {
	collection string
	filter     dbx.Expression
	omit       []string
	files      []string
}

// exportParts lists what GET /api/hearth/me/export holds about user:
// records they made or that are about them alone, never the words of
// others (a comment on their post by someone else is that person's).
func exportParts(user string) []exportPart {
	mine := dbx.HashExp{"user": user}
	return []exportPart{
		{collection: "users", filter: dbx.HashExp{"id": user}, omit: []string{"password", "tokenKey"}, files: []string{"avatar"}},
		{collection: "memberships", filter: mine},
		{collection: "checkins", filter: mine},
		{collection: "meetings", filter: mine, files: []string{"proof"}},
		{collection: "chore_assignments", filter: dbx.HashExp{"assignee": user}, files: []string{"photo"}},
		{collection: "posts", filter: dbx.Or(dbx.HashExp{"author": user}, dbx.HashExp{"subject": user}), files: []string{"images"}},
		{collection: "comments", filter: dbx.HashExp{"author": user}},
		{collection: "reactions", filter: mine},
		{collection: "rsvps", filter: mine},
		{collection: "reports", filter: dbx.HashExp{"reporter": user}},
		// A notification's body may quote someone else's words (an answer
		// to a support post): kind, title, link and when are kept.
		{collection: "notifications", filter: mine, omit: []string{"body", "params"}},
		{collection: "push_subscriptions", filter: mine, omit: []string{"p256dh", "auth"}},
		// Staff records about them, as they read them in the app (a test's
		// form, uploaded by a manager, is named but not copied).
		{collection: "drug_tests", filter: mine},
		{collection: "incidents", filter: dbx.NewExp(
			"EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid([[incidents.people]]) THEN [[incidents.people]] ELSE '[]' END) WHERE value = {:user})",
			dbx.Params{"user": user})},
	}
}

// personalExport answers GET /api/hearth/me/export: a zip of every record
// about the requester, one JSON file per collection, and the files they
// uploaded (read from storage, protected ones included). Alumni and
// people discharged keep theirs: they lose the house, not their data.
func personalExport(e *core.RequestEvent, clock clockwork.Clock) error {
	user := e.Auth.Id
	now := clock.Now().UTC()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, body []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = f.Write(body)
		return err
	}
	fsys, err := e.App.NewFilesystem()
	if err != nil {
		return e.InternalServerError("", err)
	}
	defer fsys.Close()

	for _, part := range exportParts(user) {
		if _, err := e.App.FindCachedCollectionByNameOrId(part.collection); err != nil {
			continue // a collection this data directory does not have
		}
		records, err := e.App.FindAllRecords(part.collection, part.filter)
		if err != nil {
			return e.InternalServerError("", err)
		}
		rows := make([]map[string]any, 0, len(records))
		for _, r := range records {
			data := r.FieldsData()
			for _, f := range part.omit {
				delete(data, f)
			}
			rows = append(rows, data)
			for _, field := range part.files {
				for _, name := range r.GetStringSlice(field) {
					body, err := readStoredFile(fsys.GetReader, r.BaseFilesPath()+"/"+name)
					if err != nil {
						e.App.Logger().Warn("export: a stored file could not be read", "collection", part.collection, "record", r.Id, "error", err)
						continue
					}
					if err := add("files/"+part.collection+"/"+r.Id+"/"+name, body); err != nil {
						return e.InternalServerError("", err)
					}
				}
			}
		}
		body, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			return e.InternalServerError("", err)
		}
		if err := add(part.collection+".json", body); err != nil {
			return e.InternalServerError("", err)
		}
	}
	readme := "Everything Hearth holds about you, made " + now.Format(time.RFC3339) + ".\n" +
		"One JSON file per kind of record; files/ holds the photos and files you uploaded.\n" +
		"Others' words (their comments, their reactions) are theirs and are not here.\n"
	if err := add("README.txt", []byte(readme)); err != nil {
		return e.InternalServerError("", err)
	}
	if err := zw.Close(); err != nil {
		return e.InternalServerError("", err)
	}
	auditRoute(e, "export", "users", "", []string{user})
	return sendDownload(e, "application/zip", "hearth-export-"+now.Format("2006-01-02")+".zip", buf.Bytes())
}

// readStoredFile reads a whole stored file.
func readStoredFile[R io.ReadCloser](open func(string) (R, error), key string) ([]byte, error) {
	r, err := open(key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
