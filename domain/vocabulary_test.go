package domain_test

import (
	"testing"

	"hearth/domain"
)

// TestMembershipWords checks "member of", "manager of" and "alumnus of"
// against docs/API.md's "Words" for every role and status.
func TestMembershipWords(t *testing.T) {
	tests := []struct {
		role, status             string
		member, manager, alumnus bool
	}{
		{domain.RoleResident, domain.StatusActive, true, false, false},
		{domain.RoleResident, domain.StatusAway, true, false, false},
		{domain.RoleResident, domain.StatusAlumni, false, false, true},
		{domain.RoleResident, domain.StatusDischarged, false, false, false},
		{domain.RoleManager, domain.StatusActive, true, true, false},
		{domain.RoleManager, domain.StatusAway, true, false, false},
		{domain.RoleManager, domain.StatusAlumni, false, false, true},
		{domain.RoleManager, domain.StatusDischarged, false, false, false},
		{"", "", false, false, false},
	}
	for _, tt := range tests {
		if got := domain.IsMember(tt.status); got != tt.member {
			t.Errorf("IsMember(%q) = %v, want %v", tt.status, got, tt.member)
		}
		if got := domain.IsManager(tt.role, tt.status); got != tt.manager {
			t.Errorf("IsManager(%q, %q) = %v, want %v", tt.role, tt.status, got, tt.manager)
		}
		if got := domain.IsAlumnus(tt.status); got != tt.alumnus {
			t.Errorf("IsAlumnus(%q) = %v, want %v", tt.status, got, tt.alumnus)
		}
	}
}
