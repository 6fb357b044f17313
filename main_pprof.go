//go:build pprof

package main

import (
	"net/http"
	_ "net/http/pprof" // the profiles, on their own listener
	"os"
)

// A build for finding where the time goes (go build -tags pprof; see
// BENCHMARKS.md): with HEARTH_PPROF set to an address (127.0.0.1:6060),
// Go's profiles are served there, beside Hearth. Never in a release build.
func init() {
	if addr := os.Getenv("HEARTH_PPROF"); addr != "" {
		go func() { _ = http.ListenAndServe(addr, nil) }()
	}
}
