# Hearth: build, demo, test. Run `make help` for the list.
#
# go.mod asks for Go 1.27; GOTOOLCHAIN=auto lets an older installed `go`
# fetch that toolchain through the module proxy on first use.
export GOTOOLCHAIN := auto
# Go's official tarball installs into /usr/local/go; make it findable even
# from a shell whose PATH does not have it yet.
export PATH := $(PATH):/usr/local/go/bin

GO        ?= go
DIST      ?= ./dist
BIN       := $(DIST)/hearth
DATA      ?= ./pb_data
# Where `make demo` serves. Override for another port: make demo HTTP=127.0.0.1:8100
HTTP      ?= 127.0.0.1:8090
BENCHTIME ?= 200ms
# How long `make fuzz` runs each fuzz target.
FUZZTIME  ?= 3s
# The version and commit `hearth --version`, the start-up line and
# /api/hearth/health show (ops/app_version.go). VERSION is the tag on the
# commit (git describe --tags), else "dev"; override it for a release:
# make build-amd64 VERSION=v1.2.0. COMMIT gets "-modified" when the tree
# has uncommitted changes.
VERSION   ?= $(shell git describe --tags --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { [ -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo $$c || echo $$c-modified; })
LDFLAGS   := -s -w -X hearth/ops.Version=$(VERSION) -X hearth/ops.Commit=$(COMMIT)
# Debian packages the tests need: the browser tests drive chromium, the
# durability tests watch file syncs with strace.
BROWSER_PKGS := chromium fonts-dejavu-core strace
# The linter `make lint` (and CI) runs, pinned. It is built by the
# toolchain go.mod asks for: its own go.mod would pick an older Go, which
# cannot read code that needs Go 1.27.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(CURDIR)/.work/bin/staticcheck

# Litestream (deploy/litestream.service), pinned: `make litestream` builds
# it from its Go module into .work/bin, where the drill
# (durability/litestream_test.go) finds it. Its download site is not
# needed, only the module proxy.
LITESTREAM_VERSION := v0.5.18
LITESTREAM := $(CURDIR)/.work/bin/litestream

.PHONY: help demo build build-amd64 build-arm64 deps test check lint bench durability fuzz vendor clean litestream offsite

help:
	@echo "make demo         build, add the demo house to $(DATA), serve on http://$(HTTP)"
	@echo "make build        build $(BIN) for this machine (CGO_ENABLED=0)"
	@echo "make build-amd64  build $(DIST)/hearth-linux-amd64 (stripped)"
	@echo "make build-arm64  build $(DIST)/hearth-linux-arm64 (stripped)"
	@echo "make deps         install Debian's chromium for the browser tests if missing"
	@echo "make test         all tests: domain, API, browser (runs deps first)"
	@echo "make check        gofmt, go vet and staticcheck"
	@echo "make lint         staticcheck $(STATICCHECK_VERSION) (installs it into .work/bin)"
	@echo "make bench        the hooks benchmarks, briefly"
	@echo "make durability   the durability tests in long mode: 25 SIGKILLs, a year's backup and restore"
	@echo "make offsite      the off-site drills in long mode: a year through S3 backups, 60 s of writes through Litestream"
	@echo "make litestream   build Litestream $(LITESTREAM_VERSION) into .work/bin (from its Go module)"
	@echo "make fuzz         every fuzz target for FUZZTIME each (default 3s; FUZZTIME=30s for longer)"
	@echo "make load         the load test: $(HOUSES) houses × $(RESIDENTS), $(DAYS) days, at $(CONCURRENCY) concurrent"
	@echo "make vendor       re-vendor the web app's browser libraries (needs npm)"
	@echo "make clean        remove $(DIST)/"

# The demo house and its accounts are printed by `hearth demo`; running it
# again on the same data directory adds nothing.
demo: build
	@mkdir -p $(DATA)
	$(BIN) demo --dir $(DATA)
	$(BIN) serve --http $(HTTP) --dir $(DATA)

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

build-amd64:
	CGO_ENABLED=0 GOOS=linux GOARCH=amd64 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(DIST)/hearth-linux-amd64 .
	@ls -l $(DIST)/hearth-linux-amd64

build-arm64:
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(DIST)/hearth-linux-arm64 .
	@ls -l $(DIST)/hearth-linux-arm64

# The browser tests (e2e/) drive Debian's chromium and the durability tests
# use strace. Without them those tests skip, or fail when CI=true.
deps:
	@if { [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; } && command -v strace >/dev/null 2>&1; then \
		echo "deps: chromium and strace are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "deps: installing $(BROWSER_PKGS) with apt-get"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq $(BROWSER_PKGS) </dev/null; \
	else \
		echo "deps: chromium or strace is missing; the tests that need them will skip (or fail with CI=true)."; \
		echo "deps: install it as root with:  apt-get install -y $(BROWSER_PKGS)"; \
		echo "deps: or point HEARTH_CHROMIUM at a Chromium or Chrome binary."; \
	fi

test: deps
	$(GO) test ./... -count=1 -timeout 25m

# gofmt of the toolchain go.mod asks for, not whichever is first on PATH.
check:
	@gofmt="$$($(GO) env GOROOT)/bin/gofmt"; out=$$("$$gofmt" -l .); \
	if [ -n "$$out" ]; then echo "gofmt -l lists files that need formatting:"; echo "$$out"; exit 1; fi; \
	echo "gofmt -l: nothing to format"
	$(GO) vet ./...
	$(MAKE) --no-print-directory lint

lint:
	GOBIN="$(dir $(STATICCHECK))" GOTOOLCHAIN="$$($(GO) env GOVERSION)" \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(STATICCHECK) ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime=$(BENCHTIME) ./hooks/

# Long mode: 25 kills during writes, a year of data backed up and restored,
# 8 rounds of kills in the scheduler's start-up, synchronous=FULL against
# NORMAL. `make test` runs the short mode.
durability: litestream
	$(GO) test ./durability/ -long -count=1 -v -timeout 40m

# The S3 backup round trip and the Litestream restore drill, long mode.
offsite: litestream
	$(GO) test ./durability/ -long -count=1 -v -timeout 20m -run 'TestS3BackupRestoreYear|TestLitestreamRestoreDrill'

# Built once; again only when the pinned version changes. The module's own
# go.mod picks its Go; GOTOOLCHAIN=auto fetches it if needed.
litestream:
	@if [ -x "$(LITESTREAM)" ] && [ "$$("$(LITESTREAM)" version 2>/dev/null)" = "$(LITESTREAM_VERSION)" ]; then \
		echo "litestream $(LITESTREAM_VERSION) is in $(LITESTREAM)"; \
	else \
		echo "building litestream $(LITESTREAM_VERSION) into $(LITESTREAM)"; \
		cd / && CGO_ENABLED=0 GOBIN="$(dir $(LITESTREAM))" $(GO) install -trimpath -ldflags "-s -w" \
			github.com/benbjohnson/litestream/cmd/litestream@$(LITESTREAM_VERSION); \
	fi

# One `go test -fuzz` per target (Go fuzzes one at a time); a failing input
# lands in the package's testdata/fuzz/ and replays in every `make test`.
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(DIST)

# The load test (cmd/hearth-load, README "Load test"): seeds HOUSES houses
# of RESIDENTS with DAYS of history into a fresh .work/load-* directory,
# serves it with $(BIN) on loopback, and drives the resident mix and the
# bare-PocketBase baseline for DURATION per phase at each CONCURRENCY.
# More flags through LOADFLAGS, e.g. LOADFLAGS="-check-targets -keep".
HOUSES      ?= 50
RESIDENTS   ?= 20
DAYS        ?= 365
CONCURRENCY ?= 10,50
DURATION    ?= 20s
LOADFLAGS   ?=

.PHONY: load
load: build
	$(GO) run ./cmd/hearth-load -bin $(BIN) -houses $(HOUSES) -residents $(RESIDENTS) -days $(DAYS) \
		-concurrency $(CONCURRENCY) -duration $(DURATION) $(LOADFLAGS)
