package ops

import "testing"

func TestPolicyFor(t *testing.T) {
	tests := []struct {
		path string
		want policy
	}{
		{"", policy{skip: true}},
		{"serve", policy{createDir: true, lock: true, migrates: true}},
		{"demo", policy{lock: true, migrates: true}},
		{"house create", policy{lock: true, migrates: true}},
		{"house list", policy{migrates: true}},
		{"house", policy{}},
		{"migrate", policy{lock: true, migrates: true}},
		{"migrate up", policy{lock: true, migrates: true}},
		{"migrate down", policy{lock: true}},
		{"migrate history-sync", policy{lock: true}},
		{"superuser upsert", policy{lock: true}},
		{"superuser delete", policy{lock: true}},
		{"doctor", policy{skip: true}},
		{"restore", policy{skip: true}},
	}
	for _, tt := range tests {
		if got := policyFor(tt.path); got != tt.want {
			t.Errorf("policyFor(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
}

func TestBuildInfoString(t *testing.T) {
	tests := []struct {
		b    BuildInfo
		want string
	}{
		{BuildInfo{Version: "v1.2.0", Commit: "6e62476abcdef0123456789"}, "v1.2.0 (commit 6e62476abcde)"},
		{BuildInfo{Version: "dev", Commit: "6e62476", Modified: true}, "dev (commit 6e62476, modified)"},
		{BuildInfo{Version: "dev"}, "dev (commit unknown)"},
	}
	for _, tt := range tests {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.b, got, tt.want)
		}
	}
}

func TestBuildOverride(t *testing.T) {
	oldV, oldC := Version, Commit
	defer func() { Version, Commit = oldV, oldC }()
	Version, Commit = "v9.9.9", "0123456789ab-modified"
	if got, want := Build().String(), "v9.9.9 (commit 0123456789ab, modified)"; got != want {
		t.Errorf("Build() = %q, want %q", got, want)
	}
}

func TestSafeName(t *testing.T) {
	if got, want := safeName("v0.0.0-2026+Dirty.1"), "v0_0_0-2026_dirty_1"; got != want {
		t.Errorf("safeName = %q, want %q", got, want)
	}
}
