package main

import (
	"errors"
	"strconv"
	"strings"
)

// hostArgs is what the engine passes on the command line.
type hostArgs struct {
	engineAddress string
	tracing       string // a Zipkin endpoint, handed on to the Node program
	root          string // the project root (Pulumi's host accepts -root; the engine sends it in RunRequest too)
	logToStderr   bool
	logFlow       bool
	verbose       int
}

// valueFlags take a value ("-name value" or "-name=value"); any other flag is a switch.
var valueFlags = map[string]bool{
	"tracing": true, "root": true, "v": true,
	// Pulumi's host also accepts these; the same settings arrive as runtime options, so they are ignored here.
	"typescript": false, "tsconfig": true, "nodeargs": true, "packagemanager": true,
}

// parseArgs reads Go-style flags in any order and takes the last positional argument as the
// engine address. Unknown flags are ignored, so a newer CLI that adds one does not break us.
func parseArgs(argv []string) (hostArgs, error) {
	var a hostArgs
	var positional []string
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			positional = append(positional, argv[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if valueFlags[name] && !hasValue {
			if i+1 >= len(argv) {
				return a, errors.New("flag -" + name + " needs a value")
			}
			i++
			value, hasValue = argv[i], true
		}
		switch name {
		case "tracing":
			a.tracing = value
		case "root":
			a.root = value
		case "v":
			n, err := strconv.Atoi(value)
			if err != nil {
				return a, errors.New("flag -v needs a number, got " + strconv.Quote(value))
			}
			a.verbose = n
		case "logtostderr":
			a.logToStderr = !hasValue || value == "true"
		case "logflow":
			a.logFlow = !hasValue || value == "true"
		}
	}
	if len(positional) > 0 {
		a.engineAddress = positional[len(positional)-1]
	}
	return a, nil
}
