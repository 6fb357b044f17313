package domain_test

import (
	"net"
	"slices"
	"testing"

	"hearth/domain"
)

func TestIsLoopbackHost(t *testing.T) {
	for _, tc := range []struct {
		host string
		want bool
	}{
		{"127.0.0.1", true},
		{"127.0.0.1:8090", true},
		{"127.1.2.3:80", true},
		{"localhost", true},
		{"LOCALHOST:8090", true},
		{"localhost.", true},
		{"hearth.localhost:8090", true},
		{"[::1]:8090", true},
		{"::1", true},
		{"192.168.1.20:8090", false},
		{"10.0.0.5", false},
		{"hearth.example.com", false},
		{"localhost.example.com", false},
		{"[fe80::1]:8090", false},
		{"", false},
	} {
		if got := domain.IsLoopbackHost(tc.host); got != tc.want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", tc.host, got, tc.want)
		}
	}
}

func TestLANURLs(t *testing.T) {
	cidr := func(s string) net.Addr {
		ip, n, err := net.ParseCIDR(s)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		return n
	}
	machine := []net.Addr{
		cidr("127.0.0.1/8"), cidr("::1/128"), cidr("192.168.1.20/24"), cidr("fe80::1/64"),
		cidr("169.254.3.4/16"), cidr("10.0.0.5/8"), &net.IPAddr{IP: net.ParseIP("192.168.1.20")}, cidr("0.0.0.0/0"),
	}
	for _, tc := range []struct {
		name, url string
		addrs     []net.Addr
		want      []string
	}{
		{"loopback with port", "http://127.0.0.1:8090/join#ABCD-EFGH", machine,
			[]string{"http://192.168.1.20:8090/join#ABCD-EFGH", "http://10.0.0.5:8090/join#ABCD-EFGH"}},
		{"localhost without port", "http://localhost/join#X", machine, []string{"http://192.168.1.20/join#X", "http://10.0.0.5/join#X"}},
		{"ipv6 loopback", "https://[::1]:8443/join#X", machine[:3], []string{"https://192.168.1.20:8443/join#X"}},
		{"a LAN address already", "http://192.168.1.20:8090/join#X", machine, nil},
		{"a public name", "https://hearth.example.com/join#X", machine, nil},
		{"no other address", "http://127.0.0.1:8090/join#X", machine[:2], nil},
		{"not a URL", "http://[::1/join", machine, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.LANURLs(tc.url, tc.addrs); !slices.Equal(got, tc.want) {
				t.Errorf("LANURLs(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}
