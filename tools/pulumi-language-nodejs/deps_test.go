package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestProgramDependenciesPreferInstalledVersions(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "package.json"),
		[]byte(`{"dependencies":{"@pulumi/pulumi":"^3.276.0","b":"1.x"},"devDependencies":{"typescript":"~5.9"}}`), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "node_modules/@pulumi/pulumi"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "node_modules/@pulumi/pulumi/package.json"), []byte(`{"version":"3.276.0"}`), 0o644))
	sub := filepath.Join(dir, "src")
	must(t, os.MkdirAll(sub, 0o755))

	deps, err := programDependencies(sub)
	must(t, err)
	var got [][2]string
	for _, d := range deps {
		got = append(got, [2]string{d.Name, d.Version})
	}
	want := [][2]string{{"@pulumi/pulumi", "3.276.0"}, {"b", "1.x"}, {"typescript", "~5.9"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
