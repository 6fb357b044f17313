package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindMembershipsSupportAlerts keeps memberships.support_alerts the
// person's own choice: an alumnus turns on their old house's need-support
// alerts on their own membership (see checkMembershipUpdate), nobody else
// changes it for them (superusers aside), and moving out starts with it
// off, so an alumnus receives alerts only once they have chosen to as an
// alumnus. Members always receive them; the field means nothing for them.
func bindMembershipsSupportAlerts(app core.App) {
	app.OnRecordUpdateRequest("memberships").BindFunc(func(e *core.RecordRequestEvent) error {
		r := e.Record
		if !e.HasSuperuserAuth() && changed(r, "support_alerts") && r.Original().GetString("user") != e.Auth.Id {
			return e.ForbiddenError("Only the person themselves can choose whether they get need-support alerts.", nil)
		}
		return e.Next()
	})
	app.OnRecordCreateRequest("memberships").BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			e.Record.Set("support_alerts", false)
		}
		return e.Next()
	})
	app.OnRecordValidate("memberships").BindFunc(func(e *core.RecordEvent) error {
		r := e.Record
		if !r.IsNew() && r.GetString("status") == StatusAlumni && r.Original().GetString("status") != StatusAlumni {
			r.Set("support_alerts", false)
		}
		return e.Next()
	})
}
