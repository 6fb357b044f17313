package domain

import (
	"net"
	"net/url"
	"strings"
)

// IsLoopbackHost reports whether a URL's host (with or without its port)
// names this machine only: localhost, a name under .localhost, or a
// loopback address (127.0.0.0/8, ::1). A phone that opens a link to such a
// host reaches itself, not the computer that made the link.
func IsLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LANURLs rewrites a link made at a loopback origin (rawURL, as
// http://127.0.0.1:8090/join#CODE) for each of the machine's addresses
// that another device on the network can reach: IPv4 addresses that are
// neither loopback, link-local (169.254/16) nor unspecified, in the order
// given, each once. The scheme, port, path and fragment are kept. A link
// whose host is not loopback needs no rewriting: the answer is empty.
func LANURLs(rawURL string, addrs []net.Addr) []string {
	u, err := url.Parse(rawURL)
	if err != nil || !IsLoopbackHost(u.Host) {
		return nil
	}
	port := u.Port()
	seen := map[string]bool{}
	var out []string
	for _, a := range addrs {
		var ip net.IP
		switch v := a.(type) {
		case *net.IPNet:
			ip = v.IP
		case *net.IPAddr:
			ip = v.IP
		}
		ip4 := ip.To4()
		if ip4 == nil || ip4.IsLoopback() || ip4.IsLinkLocalUnicast() || ip4.IsUnspecified() || seen[ip4.String()] {
			continue
		}
		seen[ip4.String()] = true
		v := *u
		v.Host = ip4.String()
		if port != "" {
			v.Host = net.JoinHostPort(ip4.String(), port)
		}
		out = append(out, v.String())
	}
	return out
}
