package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// fakeNode puts a `node` on PATH that records its argv and selected env vars in call.txt
// and exits with $FAKE_NODE_EXIT.
func fakeNode(t *testing.T) (programDir, record string) {
	t.Helper()
	root := t.TempDir()
	bin := filepath.Join(root, "bin")
	record = filepath.Join(root, "call.txt")
	script := "#!/bin/sh\n{ for a in \"$@\"; do echo \"arg $a\"; done; echo \"pwd $(pwd)\";" +
		" echo \"env PULUMI_CONFIG=$PULUMI_CONFIG\"; echo \"env PULUMI_CONFIG_SECRET_KEYS=$PULUMI_CONFIG_SECRET_KEYS\";" +
		" echo \"env PULUMI_NODEJS_TYPESCRIPT=$PULUMI_NODEJS_TYPESCRIPT\"; echo \"env PULUMI_NODEJS_TSCONFIG_PATH=$PULUMI_NODEJS_TSCONFIG_PATH\"; } > " +
		record + "\nexit ${FAKE_NODE_EXIT:-0}\n"
	must(t, os.MkdirAll(bin, 0o755))
	must(t, os.WriteFile(filepath.Join(bin, "node"), []byte(script), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	// The SDK is installed one level up, as in a workspace with hoisted dependencies.
	programDir = filepath.Join(root, "proj", "app")
	must(t, os.MkdirAll(filepath.Join(root, "proj", "node_modules/@pulumi/pulumi/cmd/run"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "proj", runScript), nil, 0o644))
	must(t, os.MkdirAll(programDir, 0o755))
	return programDir, record
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func runRequest(t *testing.T, programDir string, options map[string]any) *pulumirpc.RunRequest {
	opts, err := structpb.NewStruct(options)
	must(t, err)
	return &pulumirpc.RunRequest{
		Project: "p", Stack: "dev", Pwd: programDir, Program: ".", Args: []string{"x"},
		Config: map[string]string{"p:foo": "bar"}, ConfigSecretKeys: []string{"p:foo"},
		DryRun: true, Parallel: 8, MonitorAddress: "127.0.0.1:1", Organization: "org",
		Info: &pulumirpc.ProgramInfo{RootDirectory: filepath.Dir(programDir), ProgramDirectory: programDir,
			EntryPoint: ".", Options: opts},
	}
}

func TestRunStartsTheProgramsSDKWithFlagsAndConfig(t *testing.T) {
	programDir, record := fakeNode(t)
	h := newHost(hostArgs{engineAddress: "127.0.0.1:2"})
	resp, err := h.Run(context.Background(), runRequest(t, programDir,
		map[string]any{"nodeargs": "--inspect=0 --no-warnings", "tsconfig": "tsconfig.pulumi.json"}))
	must(t, err)
	if resp.Error != "" || resp.Bail {
		t.Fatalf("response %+v", resp)
	}
	b, err := os.ReadFile(record)
	must(t, err)
	got := strings.Split(strings.TrimSpace(string(b)), "\n")
	config, _ := json.Marshal(map[string]string{"p:foo": "bar"})
	want := []string{
		"arg --inspect=0", "arg --no-warnings",
		"arg " + filepath.Join(filepath.Dir(programDir), runScript),
		"arg --monitor=127.0.0.1:1", "arg --project=p", "arg --stack=dev", "arg --pwd=" + programDir,
		"arg --root-directory=" + filepath.Dir(programDir), "arg --engine=127.0.0.1:2", "arg --organization=org",
		"arg --dry-run", "arg --parallel=8", "arg .", "arg x",
		"pwd " + programDir,
		"env PULUMI_CONFIG=" + string(config), `env PULUMI_CONFIG_SECRET_KEYS=["p:foo"]`,
		"env PULUMI_NODEJS_TYPESCRIPT=true", "env PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.pulumi.json",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("node saw\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRunMapsExitCodes(t *testing.T) {
	programDir, _ := fakeNode(t)
	h := newHost(hostArgs{})
	for code, want := range map[string]*pulumirpc.RunResponse{
		"32": {Bail: true},
		"3":  {Error: "Program exited with non-zero exit code: 3"},
	} {
		t.Setenv("FAKE_NODE_EXIT", code)
		resp, err := h.Run(context.Background(), runRequest(t, programDir, map[string]any{"typescript": false}))
		must(t, err)
		if resp.Error != want.Error || resp.Bail != want.Bail {
			t.Errorf("exit %s: got %+v, want %+v", code, resp, want)
		}
	}
}

func TestRunExplainsAMissingSDK(t *testing.T) {
	fakeNode(t)
	empty := t.TempDir()
	resp, err := newHost(hostArgs{}).Run(context.Background(), runRequest(t, empty, nil))
	must(t, err)
	want := "could not find @pulumi/pulumi in " + empty + " or any parent directory's node_modules: " +
		"run `npm install` there (the program must depend on @pulumi/pulumi)"
	if resp.Error != want {
		t.Fatalf("error %q", resp.Error)
	}
}

func TestRuntimeOptions(t *testing.T) {
	s, err := structpb.NewStruct(map[string]any{"typescript": "false", "packagemanager": "pnpm"})
	must(t, err)
	o, err := parseRuntimeOptions(s)
	must(t, err)
	if o.typescript || o.tsconfig != "" || o.nodeArgs != nil {
		t.Fatalf("%+v", o)
	}
	s, err = structpb.NewStruct(map[string]any{"typescript": 1.0})
	must(t, err)
	if _, err := parseRuntimeOptions(s); err == nil {
		t.Fatal("typescript: 1 accepted")
	}
}
