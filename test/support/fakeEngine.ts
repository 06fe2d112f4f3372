// The smallest Engine gRPC service a provider host can be pointed at: it records Log calls (what the
// real engine would show as diagnostics) and answers the root-resource calls; everything else is
// UNIMPLEMENTED (grpc-js's default for a missing handler). Test infrastructure, not the product.
import type * as grpcTypes from "@grpc/grpc-js";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { Empty, grpc } from "./dynamicProviderHost";

export interface FakeEngine {
  /** host:port to pass to the provider host. */
  address: string;
  /** Every Log call received, in order. */
  logs: engineProto.LogRequest.AsObject[];
  stop(): Promise<void>;
}

export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: engineProto.LogRequest.AsObject[] = [];
  const server = new grpc.Server();
  const impl: Partial<engineGrpc.IEngineServer> = {
    log: (call, callback) => {
      logs.push(call.request.toObject());
      callback(null, new Empty());
    },
    getRootResource: (_call, callback) => callback(null, new engineProto.GetRootResourceResponse()),
    setRootResource: (_call, callback) => callback(null, new engineProto.SetRootResourceResponse()),
  };
  server.addService(engineGrpc.EngineService, impl as grpcTypes.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
