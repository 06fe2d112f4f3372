// pulumi-language-nodejs: a minimal Node.js language host for the Pulumi CLI, for machines where
// Pulumi's own host cannot be built (see README.md). The engine starts it as
//
//	pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] [other flags] ENGINE_ADDRESS
//
// reads one line with the gRPC port from its stdout, and shows everything it writes afterwards
// (including the Node program's own output) as diagnostics.
package main

import (
	"fmt"
	"os"

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

	host := newHost(args)
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

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: gRPC server stopped: %v\n", err)
		os.Exit(1)
	}
}
