package hooks

import "testing"

// TestMembershipSQL pins the SQL spelling of "member of", "manager of" and
// "alumnus of" to what the queries spelled out before they shared it.
func TestMembershipSQL(t *testing.T) {
	tests := []struct{ got, want string }{
		{memberSQL(""), "status IN ('active', 'away')"},
		{memberSQL("m"), "m.status IN ('active', 'away')"},
		{managerSQL(""), "role = 'manager' AND status = 'active'"},
		{managerSQL("mine"), "mine.role = 'manager' AND mine.status = 'active'"},
		{alumnusSQL(""), "status = 'alumni'"},
		{memberOrAlumnusSQL(""), "status IN ('active', 'away', 'alumni')"},
		{residentSQL("m"), "m.role = 'resident' AND m.status IN ('active', 'away')"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
