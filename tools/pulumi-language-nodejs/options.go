package main

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/types/known/structpb"
)

// runtimeOptions are Pulumi.yaml's `runtime.options` for nodejs that this host honours.
// `packagemanager` is accepted and ignored: dependencies are always installed with npm.
type runtimeOptions struct {
	typescript bool     // run .ts programs through ts-node (default true)
	tsconfig   string   // tsconfig path for ts-node, relative to the program's working directory
	nodeArgs   []string // extra arguments for node itself, e.g. "--max-old-space-size=4096"
}

func parseRuntimeOptions(s *structpb.Struct) (runtimeOptions, error) {
	o := runtimeOptions{typescript: true}
	for k, v := range s.GetFields() {
		switch k {
		case "typescript":
			switch x := v.AsInterface().(type) {
			case bool:
				o.typescript = x
			case string:
				o.typescript = x != "false"
			default:
				return o, fmt.Errorf("runtime option typescript must be true or false, got %v", x)
			}
		case "tsconfig":
			o.tsconfig = fmt.Sprint(v.AsInterface())
		case "nodeargs":
			o.nodeArgs = strings.Fields(fmt.Sprint(v.AsInterface()))
		}
	}
	return o, nil
}
