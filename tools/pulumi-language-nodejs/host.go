package main

import (
	"context"
	"os/exec"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// fallbackVersion is reported when the build did not set the SDK's version variable
// (scripts/pulumi-bin.sh sets it with -ldflags, as for the CLI).
const fallbackVersion = "v3.274.1"

// host implements the engine's LanguageRuntime service for Node.js programs. Methods it does not
// define (code generation, packing, linking, templates, RunPlugin) answer codes.Unimplemented
// through the embedded UnimplementedLanguageRuntimeServer.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	tracing       string

	stop context.Context // ends when the engine is gone: running programs are stopped
	runs sync.WaitGroup  // programs running now
}

func newHost(a hostArgs) *host {
	return &host{engineAddress: a.engineAddress, tracing: a.tracing, stop: context.Background()}
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

// Handshake is the engine's first call when it supports it; the address it sends wins over the
// command-line one (they are the same when the engine launched us).
func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if addr := req.GetEngineAddress(); addr != "" {
		h.mu.Lock()
		h.engineAddress = addr
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	v := version.Version
	if v == "" {
		v = fallbackVersion
	}
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(v, "v")}, nil
}

// GetRequiredPlugins and GetRequiredPackages report nothing: the engine loads the resource
// plugins a program uses when it first registers a resource of theirs (for dynamic resources,
// pulumi-resource-pulumi-nodejs from PATH or beside the CLI). Pulumi's host scans node_modules
// for packages that declare plugins so they can be installed ahead of time; with automatic
// plugin acquisition off, as here, that would change nothing.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// RuntimeOptionsPrompts has nothing to ask: `pulumi new` templates are not supported.
func (h *host) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// About reports the node found on PATH and its version (for `pulumi about`).
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errNodeNotFound(err)
	}
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "tools/pulumi-language-nodejs (pulumi-msgraph-meetings)"},
	}, nil
}

// Cancel is sent when the user interrupts an operation. The Node program is in the CLI's process
// group and gets the same signal, and Run stops waiting when the engine's context ends, so there
// is nothing left to do here.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	logging.V(5).Infof("pulumi-language-nodejs: Cancel")
	return &emptypb.Empty{}, nil
}

// InstallDependencies runs `npm install` in the program directory (`pulumi install`, `pulumi new`),
// streaming its output back to the CLI.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	var mu sync.Mutex
	return npmInstall(stream.Context(), dir, &streamWriter{mu: &mu, send: func(b []byte) error {
		return stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
	}}, &streamWriter{mu: &mu, send: func(b []byte) error {
		return stream.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
	}})
}

// GetProgramDependencies lists the program's package.json dependencies (for `pulumi about`).
func (h *host) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	deps, err := programDependencies(dir)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}
