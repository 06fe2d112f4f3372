package main

import (
	"reflect"
	"testing"
)

func TestParseArgsTakesTheEngineFlagsTheCLIPasses(t *testing.T) {
	got, err := parseArgs([]string{"--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9411", "-newflag",
		"-root=/proj", "127.0.0.1:4321"})
	if err != nil {
		t.Fatal(err)
	}
	want := hostArgs{engineAddress: "127.0.0.1:4321", tracing: "http://127.0.0.1:9411", root: "/proj",
		logToStderr: true, verbose: 9}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestParseArgsRejectsABadVerbosity(t *testing.T) {
	if _, err := parseArgs([]string{"-v=lots", "127.0.0.1:1"}); err == nil || err.Error() != `flag -v needs a number, got "lots"` {
		t.Fatalf("err = %v", err)
	}
	if _, err := parseArgs([]string{"--tracing"}); err == nil || err.Error() != "flag -tracing needs a value" {
		t.Fatalf("err = %v", err)
	}
}
