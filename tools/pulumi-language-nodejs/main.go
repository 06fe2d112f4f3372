// pulumi-language-nodejs: a minimal Node.js language host for the Pulumi CLI, for machines where
// Pulumi's own host cannot be built (see README.md). The engine starts it as
//
//	pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] [other flags] ENGINE_ADDRESS
//
// reads one line with the gRPC port from its stdout, and shows everything it writes afterwards
// (including the Node program's own output) as diagnostics.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	args, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(2)
	}
	logging.InitLogging(args.logToStderr, args.verbose, args.logFlow)

	stop, cancel := context.WithCancel(context.Background())
	watchParent(cancel, time.Second)
	host := newHost(args)
	host.stop = stop
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads exactly this line to learn where to connect.
	fmt.Printf("%d\n", handle.Port)

	select {
	case err := <-handle.Done:
		if err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: gRPC server stopped: %v\n", err)
			os.Exit(1)
		}
	case <-stop.Done():
		host.runs.Wait() // each program got SIGTERM, and a kill 5 s later
	}
}
