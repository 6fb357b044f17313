package ops

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// unitFile reads a systemd unit into section -> key -> values (a key may
// repeat).
func unitFile(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
			out[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s: cannot read %q", path, line)
			}
			out[section][k] = append(out[section][k], v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSystemdUnit: the unit waits for the clock to be set, gives up on a
// start that keeps failing instead of looping for ever (start limits in
// [Unit], where systemd reads them), and keeps its hardening.
func TestSystemdUnit(t *testing.T) {
	u := unitFile(t, "../deploy/hearth.service")
	unit, service := u["Unit"], u["Service"]

	if after := strings.Join(unit["After"], " "); !strings.Contains(after, "time-sync.target") {
		t.Errorf("[Unit] After=%q lacks time-sync.target", after)
	}
	interval, err := time.ParseDuration(last(unit["StartLimitIntervalSec"]) + "s")
	if err != nil || interval <= 0 {
		t.Fatalf("[Unit] StartLimitIntervalSec=%q: want a positive number of seconds", last(unit["StartLimitIntervalSec"]))
	}
	burst, err := strconv.Atoi(last(unit["StartLimitBurst"]))
	if err != nil || burst <= 0 {
		t.Fatalf("[Unit] StartLimitBurst=%q: want a positive number", last(unit["StartLimitBurst"]))
	}
	if _, ok := service["StartLimitIntervalSec"]; ok {
		t.Error("StartLimitIntervalSec belongs in [Unit]")
	}
	restart, err := time.ParseDuration(last(service["RestartSec"]))
	if err != nil {
		t.Fatalf("RestartSec=%q: %v", last(service["RestartSec"]), err)
	}
	// The limit must be reachable: burst restarts, RestartSec apart, fit
	// in the interval, or a failing start would loop for ever.
	if time.Duration(burst)*restart >= interval {
		t.Errorf("%d restarts %s apart do not fit in StartLimitIntervalSec=%s: the limit is never hit", burst, restart, interval)
	}
	if last(service["Restart"]) != "on-failure" {
		t.Errorf("Restart=%q, want on-failure", last(service["Restart"]))
	}

	checkHardening(t, "hearth.service", service)
}

// hardening is what both units keep: the network, /var/lib/hearth and
// nothing else.
var hardening = map[string]string{
	"NoNewPrivileges": "yes", "CapabilityBoundingSet": "", "AmbientCapabilities": "",
	"ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes", "PrivateDevices": "yes",
	"ProtectKernelTunables": "yes", "ProtectKernelModules": "yes", "ProtectKernelLogs": "yes",
	"ProtectControlGroups": "yes", "ProtectClock": "yes", "ProtectHostname": "yes",
	"ProtectProc": "invisible", "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
	"RestrictNamespaces": "yes", "RestrictRealtime": "yes", "RestrictSUIDSGID": "yes",
	"LockPersonality": "yes", "MemoryDenyWriteExecute": "yes", "RemoveIPC": "yes",
	"SystemCallArchitectures": "native", "ReadWritePaths": "/var/lib/hearth", "User": "hearth",
}

func checkHardening(t *testing.T, name string, service map[string][]string) {
	t.Helper()
	for k, want := range hardening {
		if got, ok := service[k]; !ok || last(got) != want {
			t.Errorf("%s [Service] %s=%q, want %q", name, k, strings.Join(got, ","), want)
		}
	}
	if got := strings.Join(service["SystemCallFilter"], " "); got != "@system-service ~@privileged" {
		t.Errorf("%s [Service] SystemCallFilter=%q, want @system-service then ~@privileged", name, got)
	}
}

// TestLitestreamUnit: Litestream runs as Hearth's user on Hearth's data
// directory with the same hardening, starts with Hearth and stops after
// it (its shutdown sync carries Hearth's last writes), reads the config
// and keys the docs install; the drop-in turns Hearth's Litestream mode
// on; the config replicates data.db with its state outside pb_data (which
// backups zip whole).
func TestLitestreamUnit(t *testing.T) {
	u := unitFile(t, "../deploy/litestream.service")
	unit, service, install := u["Unit"], u["Service"], u["Install"]
	checkHardening(t, "litestream.service", service)
	for k, want := range map[string]string{"Before": "hearth.service", "PartOf": "hearth.service"} {
		if got := strings.Join(unit[k], " "); !strings.Contains(got, want) {
			t.Errorf("[Unit] %s=%q lacks %s", k, got, want)
		}
	}
	if got := strings.Join(install["WantedBy"], " "); !strings.Contains(got, "hearth.service") {
		t.Errorf("[Install] WantedBy=%q: starting Hearth should start Litestream", got)
	}
	if got := last(service["ExecStart"]); got != "/usr/local/bin/litestream replicate -config /etc/litestream/hearth.yml" {
		t.Errorf("ExecStart=%q", got)
	}
	if got := last(service["EnvironmentFile"]); got != "/etc/litestream/hearth.env" {
		t.Errorf("EnvironmentFile=%q", got)
	}
	if last(service["Restart"]) != "on-failure" || last(service["KillSignal"]) != "SIGTERM" {
		t.Errorf("Restart=%q KillSignal=%q, want on-failure and SIGTERM", last(service["Restart"]), last(service["KillSignal"]))
	}

	dropIn := unitFile(t, "../deploy/hearth-litestream.conf")
	if got := dropIn["Service"]["Environment"]; !slices.Contains(got, "HEARTH_LITESTREAM=1") {
		t.Errorf("the drop-in's Environment=%q lacks HEARTH_LITESTREAM=1", got)
	}

	yml, err := os.ReadFile("../deploy/litestream.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- path: /var/lib/hearth/pb_data/data.db\n", "meta-path: /var/lib/hearth/litestream/", "type: s3\n", "force-path-style: true\n"} {
		if !strings.Contains(string(yml), want) {
			t.Errorf("litestream.yml lacks %q", want)
		}
	}
}

func last(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}
