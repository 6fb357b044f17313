package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// startLitestream runs `litestream replicate` on dataDir's data.db with a
// file replica and its state in workDir, as deploy/litestream.yml does
// with a second disk. The returned function stops it (SIGTERM: its
// shutdown sync) and waits.
func startLitestream(bin, workDir, dataDir string) (func(), error) {
	abs, err := filepath.Abs(workDir)
	if err != nil {
		return nil, err
	}
	dataAbs, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, err
	}
	cfg := filepath.Join(abs, "litestream.yml")
	yml := fmt.Sprintf("dbs:\n  - path: %s\n    meta-path: %s\n    replica:\n      type: file\n      path: %s\n      sync-interval: 1s\n",
		filepath.Join(dataAbs, "data.db"), filepath.Join(abs, "litestream-meta", "data.db"), filepath.Join(abs, "replica", "data.db"))
	if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(abs, "litestream.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "replicate", "-config", cfg)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("litestream replicate: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	return func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		log.Close()
	}, nil
}
