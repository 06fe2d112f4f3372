package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bailExitCode is what @pulumi/pulumi/cmd/run exits with after it has already shown the user the
// error (nodeJSProcessExitedAfterLoggingUserActionableMessage): the engine then adds nothing.
const bailExitCode = 32

// runScript is the SDK's program launcher, resolved from the program directory.
const runScript = "node_modules/@pulumi/pulumi/cmd/run/index.js"

// Run executes the program with the @pulumi/pulumi that the program itself installed, so the SDK
// version is the program's choice. The program's stdout and stderr are ours, which the engine
// shows as the program's output.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	h.runs.Add(1)
	defer h.runs.Done()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(h.stop, cancel)()
	cmd, err := h.programCommand(ctx, req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	logging.V(5).Infof("pulumi-language-nodejs: running %v in %s", cmd.Args, cmd.Dir)

	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(err, &exitErr):
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", ws.Signal())}, nil
		}
		if exitErr.ExitCode() == bailExitCode {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
}

// programCommand builds `node [nodeargs] <sdk>/cmd/run/index.js <flags> <program> [args]` with the
// environment the SDK reads its configuration from.
func (h *host) programCommand(ctx context.Context, req *pulumirpc.RunRequest) (*exec.Cmd, error) {
	info := req.GetInfo()
	opts, err := parseRuntimeOptions(info.GetOptions())
	if err != nil {
		return nil, err
	}
	pwd := req.GetPwd()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = pwd
	}
	if pwd == "" {
		pwd = programDir
	}
	rootDir := info.GetRootDirectory()
	if rootDir == "" {
		rootDir = programDir
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	// "." asks the SDK to find the entry point from package.json (exports, then main), relative
	// to --pwd; otherwise name the file exactly.
	program := "."
	if entry != "" && entry != "." {
		program = filepath.Join(programDir, entry)
	} else if filepath.Clean(pwd) != filepath.Clean(programDir) {
		program = programDir
	}

	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errNodeNotFound(err)
	}
	run, err := findUp(programDir, runScript)
	if err != nil {
		return nil, fmt.Errorf("could not find @pulumi/pulumi in %s or any parent directory's node_modules: "+
			"run `npm install` there (the program must depend on @pulumi/pulumi)", programDir)
	}

	args := append([]string{}, opts.nodeArgs...)
	args = append(args, run,
		"--monitor="+req.GetMonitorAddress(),
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+pwd,
		"--root-directory="+rootDir,
	)
	if e := h.engine(); e != "" {
		args = append(args, "--engine="+e)
	}
	if o := req.GetOrganization(); o != "" {
		args = append(args, "--organization="+o)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if p := req.GetParallel(); p != 0 {
		args = append(args, "--parallel="+strconv.Itoa(int(p)))
	}
	if h.tracing != "" {
		args = append(args, "--tracing="+h.tracing)
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, opts)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, node, args...)
	// When the engine gives up on the run, let the SDK's exit handlers run before a hard kill.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = pwd
	cmd.Env = append(os.Environ(), env...)
	return cmd, nil
}

// programEnv is what the SDK reads at start-up: the stack's config (secrets already decrypted by
// the engine), which of its keys are secret, and the TypeScript settings.
func programEnv(req *pulumirpc.RunRequest, opts runtimeOptions) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := []string{
		"PULUMI_CONFIG=" + string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretJSON),
		"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(opts.typescript),
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// findUp returns dir/rel or the same path under the nearest parent that has it, the way Node
// resolves a bare package name from dir.
func findUp(dir, rel string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func errNodeNotFound(err error) error {
	return fmt.Errorf("could not find node on PATH (Pulumi Node.js programs need Node.js): %w", err)
}
