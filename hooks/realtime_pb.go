package hooks

// This file is a copy, adapted, of unexported code of PocketBase v0.40.4
// (apis/realtime.go: realtimeBroadcastRecord, realtimeCanAccessRecord,
// isSameAuth, getDryCacheKey, recordData; apis/record_helpers.go:
// triggerRecordEnrichHooks, expandFetch, autoResolveRecordsFlags,
// checkForSuperuserOnlyRuleFields), so that Hearth's house-scoped realtime
// (realtime_fanout.go) runs exactly PocketBase's access check and enrich
// for each candidate client. The changes: the clients are given instead of
// read from app.SubscriptionsBroker(), sending goes through a function
// given by the caller (realtimeFanout.send, which keeps each client's
// messages in order), and no dry cache (deletes stay on PocketBase's own
// path). Keep it in step with PocketBase when upgrading.
//
// The MIT License (MIT)
// Copyright (c) 2022 - present, Gani Georgiev
//
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software
// and associated documentation files (the "Software"), to deal in the Software without restriction,
// including without limitation the rights to use, copy, modify, merge, publish, distribute,
// sublicense, and/or sell copies of the Software, and to permit persons to whom the Software
// is furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all copies or
// substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
// BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
// NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
// DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

import (
	"encoding/json/v2"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/list"
	"github.com/pocketbase/pocketbase/tools/picker"
	"github.com/pocketbase/pocketbase/tools/routine"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
	"golang.org/x/sync/errgroup"
)

// pbClientsChunkSize is PocketBase's clientsChunkSize.
const pbClientsChunkSize = 150

// pbRecordData is PocketBase's recordData: a record event's message data.
type pbRecordData struct {
	Record any    `json:"record"` /* map or core.Record */
	Action string `json:"action"`
}

// pbBroadcastRecord is PocketBase's realtimeBroadcastRecord (without its
// dry cache) over the given clients: for each subscription of each client
// to the record's collection or the record itself, the collection's rule
// and the subscription's filter are checked as that client, the enrich
// hooks run, and the message goes to send.
func pbBroadcastRecord(app core.App, clients []subscriptions.Client, action string, record *core.Record, send func(subscriptions.Client, subscriptions.Message)) error {
	collection := record.Collection()
	if collection == nil {
		return errors.New("[broadcastRecord] Record collection not set")
	}

	chunks := list.ToChunks(clients, pbClientsChunkSize)
	if len(chunks) == 0 {
		return nil // no subscribers
	}

	subscriptionRuleMap := map[string]*string{
		(collection.Name + "/" + record.Id + "?"): collection.ViewRule,
		(collection.Id + "/" + record.Id + "?"):   collection.ViewRule,
		(collection.Name + "/*?"):                 collection.ListRule,
		(collection.Id + "/*?"):                   collection.ListRule,

		// @deprecated: the same as the wildcard topic but kept for backward compatibility
		(collection.Name + "?"): collection.ListRule,
		(collection.Id + "?"):   collection.ListRule,
	}

	group := new(errgroup.Group)

	for _, chunk := range chunks {
		group.Go(routine.SafeWrap(func() error {
			var clientAuth *core.Record

			for _, client := range chunk {
				for prefix, rule := range subscriptionRuleMap {
					subs := client.Subscriptions(prefix)
					if len(subs) == 0 {
						continue
					}

					clientAuth, _ = client.Get(apis.RealtimeClientAuthKey).(*core.Record)

					for sub, options := range subs {
						requestInfo := &core.RequestInfo{
							Context: core.RequestInfoContextRealtime,
							Method:  "GET",
							Query:   options.Query,
							Headers: options.Headers,
							Auth:    clientAuth,
						}

						if !pbCanAccessRecord(app, record, requestInfo, rule) {
							continue
						}

						cleanRecord := record.Fresh()

						if requestInfo.HasSuperuserAuth() {
							cleanRecord.Unhide(collection.Fields.FieldNames()...)
						}

						enrichErr := pbTriggerRecordEnrichHooks(app, requestInfo, []*core.Record{cleanRecord}, func() error {
							rawExpand := options.Query["expand"]
							if rawExpand != "" {
								expandErrs := app.ExpandRecord(cleanRecord, strings.Split(rawExpand, ","), pbExpandFetch(app, requestInfo))
								if len(expandErrs) > 0 {
									app.Logger().Debug(
										"[broadcastRecord] expand errors",
										slog.String("id", cleanRecord.Id),
										slog.String("collectionName", cleanRecord.Collection().Name),
										slog.String("sub", sub),
										slog.String("expand", rawExpand),
										slog.Any("errors", expandErrs),
									)
								}
							}

							if collection.IsAuth() {
								if pbIsSameAuth(clientAuth, cleanRecord) ||
									pbCanAccessRecord(app, cleanRecord, requestInfo, collection.ManageRule) {
									cleanRecord.IgnoreEmailVisibility(true)
								}
							}

							return nil
						})
						if enrichErr != nil {
							app.Logger().Debug(
								"[broadcastRecord] record enrich error",
								slog.String("id", cleanRecord.Id),
								slog.String("collectionName", cleanRecord.Collection().Name),
								slog.String("sub", sub),
								slog.Any("error", enrichErr),
							)
							continue
						}

						data := &pbRecordData{
							Action: action,
							Record: cleanRecord,
						}

						rawFields := options.Query["fields"]
						if rawFields != "" {
							decoded, err := picker.Pick(cleanRecord, rawFields)
							if err == nil {
								data.Record = decoded
							} else {
								app.Logger().Debug(
									"[broadcastRecord] pick fields error",
									slog.String("id", cleanRecord.Id),
									slog.String("collectionName", cleanRecord.Collection().Name),
									slog.String("sub", sub),
									slog.String("fields", rawFields),
									slog.String("error", err.Error()),
								)
							}
						}

						dataBytes, err := json.Marshal(data)
						if err != nil {
							app.Logger().Debug(
								"[broadcastRecord] data marshal error",
								slog.String("id", cleanRecord.Id),
								slog.String("collectionName", cleanRecord.Collection().Name),
								slog.String("error", err.Error()),
							)
							continue
						}

						send(client, subscriptions.Message{Name: sub, Data: dataBytes})
					}
				}
			}

			return nil
		}))
	}

	return group.Wait()
}

// pbDryCacheKey is PocketBase's getDryCacheKey: where a delete's messages
// wait in each client's store until the delete is committed.
func pbDryCacheKey(action string, model core.Model) string {
	pkStr, ok := model.PK().(string)
	if !ok {
		pkStr = fmt.Sprintf("%v", model.PK())
	}

	return action + "/" + model.TableName() + "/" + pkStr
}

// pbIsSameAuth is PocketBase's isSameAuth.
func pbIsSameAuth(authA, authB *core.Record) bool {
	if authA == nil {
		return authB == nil
	}

	if authB == nil {
		return false
	}

	return authA.Id == authB.Id && authA.Collection().Id == authB.Collection().Id
}

// pbCanAccessRecord is PocketBase's realtimeCanAccessRecord: the rule, then
// the subscription's own filter.
func pbCanAccessRecord(app core.App, record *core.Record, requestInfo *core.RequestInfo, accessRule *string) bool {
	if ok, _ := app.CanAccessRecord(record, requestInfo, accessRule); !ok {
		return false
	}

	filter := requestInfo.Query[search.FilterQueryParam]
	if filter == "" {
		return true
	}

	if err := pbCheckForSuperuserOnlyRuleFields(requestInfo); err != nil {
		return false
	}

	var exists int

	q := app.ConcurrentDB().Select("(1)").
		From(record.Collection().Name).
		AndWhere(dbx.HashExp{record.Collection().Name + ".id": record.Id})

	resolver := core.NewRecordFieldResolver(app, record.Collection(), requestInfo, false)
	expr, err := search.FilterData(filter).BuildExpr(resolver)
	if err != nil {
		return false
	}

	q.AndWhere(expr)

	if err := resolver.UpdateQuery(q); err != nil {
		return false
	}

	err = q.Limit(1).Row(&exists)

	return err == nil && exists > 0
}

// pbCheckForSuperuserOnlyRuleFields is PocketBase's
// checkForSuperuserOnlyRuleFields.
func pbCheckForSuperuserOnlyRuleFields(requestInfo *core.RequestInfo) error {
	if len(requestInfo.Query) == 0 || requestInfo.HasSuperuserAuth() {
		return nil
	}

	for _, param := range []string{search.FilterQueryParam, search.SortQueryParam} {
		v := requestInfo.Query[param]
		if v == "" {
			continue
		}

		for _, field := range []string{"@collection.", "@request."} {
			if strings.Contains(v, field) {
				return errors.New("only superusers can filter by " + field)
			}
		}
	}

	return nil
}

// pbTriggerRecordEnrichHooks is PocketBase's triggerRecordEnrichHooks: the
// OnRecordEnrich hooks (Hearth's privacy and audit hooks among them) run
// for each record, then finalizer.
func pbTriggerRecordEnrichHooks(app core.App, requestInfo *core.RequestInfo, records []*core.Record, finalizer func() error) error {
	index := 0
	next := func() *core.Record {
		if index < len(records) {
			index++
			return records[index-1]
		}
		return nil
	}

	enrichHook := app.OnRecordEnrich()

	event := new(core.RecordEnrichEvent)
	event.App = app
	event.RequestInfo = requestInfo

	var iterate func(record *core.Record) error
	iterate = func(record *core.Record) error {
		if record == nil {
			return nil
		}

		event.Record = record

		return enrichHook.Trigger(event, func(ee *core.RecordEnrichEvent) error {
			n := next()
			if n == nil {
				if finalizer != nil {
					return finalizer()
				}
				return nil
			}

			event.App = ee.App // in case it was replaced with a transaction
			event.Record = n

			err := iterate(n)

			event.App = app
			event.Record = record

			return err
		})
	}

	return iterate(next())
}

// pbExpandFetch is PocketBase's expandFetch: related records are read
// under their own view rule, as the client.
func pbExpandFetch(app core.App, originalRequestInfo *core.RequestInfo) core.ExpandFetchFunc {
	requestInfoClone := *originalRequestInfo
	requestInfoPtr := &requestInfoClone
	requestInfoPtr.Context = core.RequestInfoContextExpand

	return func(relCollection *core.Collection, relIds []string) ([]*core.Record, error) {
		records, findErr := app.FindRecordsByIds(relCollection.Id, relIds, func(q *dbx.SelectQuery) error {
			if requestInfoPtr.Auth != nil && requestInfoPtr.Auth.IsSuperuser() {
				return nil // superusers can access everything
			}

			if relCollection.ViewRule == nil {
				return fmt.Errorf("only superusers can view collection %q records", relCollection.Name)
			}

			if *relCollection.ViewRule != "" {
				resolver := core.NewRecordFieldResolver(app, relCollection, requestInfoPtr, true)

				expr, err := search.FilterData(*(relCollection.ViewRule)).BuildExpr(resolver)
				if err != nil {
					return err
				}

				q.AndWhere(expr)

				if err := resolver.UpdateQuery(q); err != nil {
					return err
				}
			}

			return nil
		})
		if findErr != nil {
			return nil, findErr
		}

		enrichErr := pbTriggerRecordEnrichHooks(app, requestInfoPtr, records, func() error {
			if err := pbAutoResolveRecordsFlags(app, records, requestInfoPtr); err != nil {
				app.Logger().Warn("Failed to apply autoResolveRecordsFlags for the expanded records", "error", err)
			}

			return nil
		})
		if enrichErr != nil {
			return nil, enrichErr
		}

		return records, nil
	}
}

// pbAutoResolveRecordsFlags is PocketBase's autoResolveRecordsFlags:
// hidden fields for superusers, emails for their owner, superusers and
// managers.
func pbAutoResolveRecordsFlags(app core.App, records []*core.Record, requestInfo *core.RequestInfo) error {
	if len(records) == 0 {
		return nil
	}

	if requestInfo.HasSuperuserAuth() {
		hiddenFields := records[0].Collection().Fields.FieldNames()
		for _, rec := range records {
			rec.Unhide(hiddenFields...)
			rec.IgnoreEmailVisibility(true)
		}
	}

	if !records[0].Collection().IsAuth() {
		return nil
	}

	collection := records[0].Collection()

	mappedRecords := make(map[string]*core.Record, len(records))
	recordIds := make([]any, len(records))
	for i, rec := range records {
		mappedRecords[rec.Id] = rec
		recordIds[i] = rec.Id
	}

	if requestInfo.Auth != nil && mappedRecords[requestInfo.Auth.Id] != nil {
		mappedRecords[requestInfo.Auth.Id].IgnoreEmailVisibility(true)
	}

	if collection.ManageRule == nil || *collection.ManageRule == "" {
		return nil
	}

	managedIds := []string{}

	query := app.RecordQuery(collection).
		Select(app.ConcurrentDB().QuoteSimpleColumnName(collection.Name) + ".id").
		AndWhere(dbx.In(app.ConcurrentDB().QuoteSimpleColumnName(collection.Name)+".id", recordIds...))

	resolver := core.NewRecordFieldResolver(app, collection, requestInfo, true)
	expr, err := search.FilterData(*collection.ManageRule).BuildExpr(resolver)
	if err != nil {
		return err
	}

	query.AndWhere(expr)

	if err := resolver.UpdateQuery(query); err != nil {
		return err
	}

	if err := query.Column(&managedIds); err != nil {
		return err
	}

	for _, id := range managedIds {
		if rec, ok := mappedRecords[id]; ok {
			rec.IgnoreEmailVisibility(true)
		}
	}

	return nil
}
