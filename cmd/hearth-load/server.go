package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a running `hearth serve` on loopback.
type server struct {
	cmd  *exec.Cmd
	url  string
	log  *os.File
	done chan error

	stopOnce sync.Once
	stopErr  error
}

// hearthCmd runs a one-off hearth command (migrate, superuser) on the data
// directory.
func hearthCmd(ctx context.Context, bin, dataDir string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, append(args, "--dir", dataDir)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("hearth %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// startServer starts `hearth serve` on a free loopback port with its log
// in logPath and env added to its environment, and waits until
// /api/health answers.
func startServer(ctx context.Context, bin, dataDir, logPath string, env ...string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--http", addr, "--dir", dataDir)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("hearth serve: %w", err)
	}
	s := &server{cmd: cmd, url: "http://" + addr, log: log, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()

	deadline := time.Now().Add(2 * time.Minute)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/api/health", nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case err := <-s.done:
			log.Close()
			return nil, fmt.Errorf("hearth serve exited (%v); see %s", err, logPath)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("hearth serve did not answer /api/health within 2 minutes; see %s", logPath)
		}
	}
}

// stop interrupts the server, as Ctrl-C would, and waits for it to exit;
// it is killed if it takes more than 15 seconds. Stopping it again does
// nothing.
func (s *server) stop() error {
	s.stopOnce.Do(func() { s.stopErr = s.interrupt() })
	return s.stopErr
}

func (s *server) interrupt() error {
	defer s.log.Close()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil && !errors.Is(err, os.ErrProcessDone) {
		s.cmd.Process.Kill()
	}
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signaled() {
			return nil
		}
		return err
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("hearth serve did not stop within 15 seconds; killed")
	}
}

// cpu is the CPU time the server has used so far (user and system), or 0
// where /proc has no answer.
func (s *server) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14 and stime 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// clockTicks is Linux's USER_HZ, the unit of /proc's CPU times.
const clockTicks = 100

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// prepareDataDir migrates a fresh data directory with the binary's own
// migrations and adds the superuser the tool drives the admin API with.
func prepareDataDir(ctx context.Context, bin, dataDir, email, password string) error {
	// Only serve makes a data directory that does not exist.
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	if err := hearthCmd(ctx, bin, dataDir, "migrate", "up"); err != nil {
		return err
	}
	return hearthCmd(ctx, bin, dataDir, "superuser", "upsert", email, password)
}

// setupServer does, through the admin API of a running server, what the
// run needs before seeding: the rate limiter off (one client address
// makes thousands of requests a second) and the baseline collection.
func setupServer(ctx context.Context, c *client, email, password string) error {
	var auth struct {
		Token string `json:"token"`
	}
	if err := c.json(ctx, http.MethodPost, "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": email, "password": password}, &auth); err != nil {
		return fmt.Errorf("superuser sign-in: %w", err)
	}
	var settings struct {
		RateLimits struct {
			Enabled bool             `json:"enabled"`
			Rules   []map[string]any `json:"rules"`
		} `json:"rateLimits"`
	}
	if err := c.json(ctx, http.MethodGet, "/api/settings", auth.Token, nil, &settings); err != nil {
		return err
	}
	settings.RateLimits.Enabled = false
	if err := c.json(ctx, http.MethodPatch, "/api/settings", auth.Token,
		map[string]any{"rateLimits": settings.RateLimits}, nil); err != nil {
		return fmt.Errorf("turning the rate limiter off: %w", err)
	}
	if err := c.json(ctx, http.MethodPost, "/api/collections", auth.Token, baselineCollectionDef(), nil); err != nil {
		return fmt.Errorf("creating %s: %w", baselineCollection, err)
	}
	return nil
}

// superuserToken signs the superuser in.
func superuserToken(ctx context.Context, c *client, email, password string) (string, error) {
	var auth struct {
		Token string `json:"token"`
	}
	err := c.json(ctx, http.MethodPost, "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": email, "password": password}, &auth)
	return auth.Token, err
}

// workDirs are the run directory's parts.
func workDirs(dir string) (dataDir, logPath string) {
	return filepath.Join(dir, "pb_data"), filepath.Join(dir, "serve.log")
}
