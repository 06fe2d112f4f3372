// A real HTTPS server on loopback that misbehaves on purpose (trickles, floods, hangs), with a
// certificate from the test CA that scripts/launch.js makes every test process trust
// (MSGRAPH_TEST_CA_DIR + NODE_EXTRA_CA_CERTS). The clients under test verify it like any server.
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { ensureCa, issueServerCertificate } from "../../emulator/tls";
import { testCaDir } from "./emulator";

export interface HostileServer {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** Requests seen: method and path. */
  seen: { method: string; url: string }[];
  /** Sockets closed by the client (or the server) so far. */
  closedSockets(): number;
  /** Bytes of response bodies written so far. */
  bytesWritten(): number;
  close(): Promise<void>;
}

export type HostileHandler = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, track: (bytes: number) => void) => void;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const caDir = testCaDir();
  const { cert, key } = await issueServerCertificate(ensureCa(caDir));
  const seen: { method: string; url: string }[] = [];
  const sockets = new Set<Socket>();
  let closed = 0;
  let written = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    seen.push({ method: req.method!, url: req.url! });
    handler(req, res, (n) => (written += n));
  });
  server.on("secureConnection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => {
      closed += 1;
      sockets.delete(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    closedSockets: () => closed,
    bytesWritten: () => written,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes one byte every `everyMs` until the client goes away: headers arrive, the body never ends. */
export function trickle(everyMs: number): HostileHandler {
  return (_req, res, track) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("[");
    const t = setInterval(() => {
      if (res.destroyed) return clearInterval(t);
      res.write(" ");
      track(1);
    }, everyMs);
    res.on("close", () => clearInterval(t));
  };
}

/** A chunked body of `totalBytes` (no content-length), written as fast as the client reads it. */
export function flood(status: number, totalBytes: number): HostileHandler {
  return (_req, res, track) => {
    res.writeHead(status, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let left = totalBytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(chunk.length, left);
        left -= n;
        track(n);
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on("error", () => undefined);
    pump();
  };
}

/** Accepts the request and never answers. */
export const silent: HostileHandler = () => undefined;
