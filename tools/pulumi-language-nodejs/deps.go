package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// npmInstall runs `npm install` in dir with its output going to stdout and stderr.
func npmInstall(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("could not find npm on PATH: %w", err)
	}
	cmd := exec.CommandContext(ctx, npm, "install")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`npm install` in %s failed: %w", dir, err)
	}
	return nil
}

// streamWriter turns writes into stream messages. exec.Cmd copies stdout and stderr on two
// goroutines, and a gRPC stream must not be sent on concurrently, so all writers share one lock.
type streamWriter struct {
	mu   *sync.Mutex
	send func([]byte) error
}

func (w *streamWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

type packageJSON struct {
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

// programDependencies lists the direct dependencies in the nearest package.json at or above dir,
// each with the version installed under node_modules, or the declared range if not installed.
func programDependencies(dir string) ([]*pulumirpc.DependencyInfo, error) {
	manifest, err := findUp(dir, "package.json")
	if err != nil {
		return nil, fmt.Errorf("no package.json in %s or any parent directory", dir)
	}
	var pkg packageJSON
	if err := readJSON(manifest, &pkg); err != nil {
		return nil, err
	}
	declared := map[string]string{}
	for name, r := range pkg.DevDependencies {
		declared[name] = r
	}
	for name, r := range pkg.Dependencies {
		declared[name] = r
	}
	root := filepath.Dir(manifest)
	deps := make([]*pulumirpc.DependencyInfo, 0, len(declared))
	for name, r := range declared {
		version := r
		if p, err := findUp(root, filepath.Join("node_modules", name, "package.json")); err == nil {
			var installed packageJSON
			if readJSON(p, &installed) == nil && installed.Version != "" {
				version = installed.Version
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: version})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
