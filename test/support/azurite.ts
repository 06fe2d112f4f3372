// Azurite (Microsoft's Azure Storage emulator, npm `azurite`, blob service only) as a local Azure
// Blob state backend for the Pulumi CLI: started on loopback with a free port and a private
// workspace, its well-known development account, a container created over the Blob REST API (plain
// HTTP, SharedKey), and the `azblob://` URL the CLI logs in to. Used by the tests, the benchmarks and
// `npm run azurite` (scripts/azurite.ts).
//
//   const az = await startAzurite();
//   const backend = await az.backend("pulumi-state");   // { url, env }: pass both to the CLI
//   after(() => az.stop());
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { request } from "undici";

const ROOT = path.resolve(__dirname, "..", "..");
const AZURITE_BLOB = path.join(ROOT, "node_modules", "azurite", "dist", "src", "blob", "main.js");

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
/** The Blob REST version our own calls send (Azurite 3.37 knows it). */
const API_VERSION = "2021-08-06";

export interface StartAzuriteOptions {
  /** Workspace (blobs and metadata); kept across restart(). Default: a fresh temp directory. */
  location?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
}

export interface AzuriteBackend {
  /** `azblob://<container>?localemu=true&domain=127.0.0.1:<port>&protocol=http` */
  url: string;
  /** What the CLI needs besides the URL: AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY. */
  env: Record<string, string>;
}

export interface AzuriteProcess {
  readonly port: number;
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly blobEndpoint: string;
  readonly location: string;
  /** Creates the container if missing and returns the Pulumi backend on it. */
  backend(container: string): Promise<AzuriteBackend>;
  /** Names of the blobs in a container (prefix optional), sorted. */
  listBlobs(container: string, prefix?: string): Promise<string[]>;
  /** Azurite's stdout/stderr so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port and workspace (nothing is lost: Azurite persists to disk). */
  restart(): Promise<void>;
  /** Starts again after stop() (same port and workspace). */
  start(): Promise<void>;
}

/** The Node that runs Azurite (it declares engines.node >= 22): this one if new enough, else the repo's Node 22. */
function nodeForAzurite(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const bundled = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "node.exe" : "node");
  return fs.existsSync(bundled) ? bundled : process.execPath;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

function spawnAzurite(location: string, port: number, log: { text: string }): Promise<Running> {
  if (!fs.existsSync(AZURITE_BLOB)) throw new Error(`${AZURITE_BLOB} is missing: run npm ci (azurite is a devDependency)`);
  const args = [AZURITE_BLOB, "--blobHost", "127.0.0.1", "--blobPort", String(port), "--location", location, "--disableTelemetry", "--skipApiVersionCheck", "--silent"];
  const child = spawn(nodeForAzurite(), args, { cwd: location, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => (live.delete(child), resolve())));
  const collect = (c: Buffer) => (log.text = (log.text + c.toString()).slice(-32_000));
  child.stderr!.on("data", collect);
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Azurite not listening after 30 s:\n${log.text}`));
    }, 30_000);
    let seen = "";
    child.stdout!.on("data", (c: Buffer) => {
      collect(c);
      seen += c.toString();
      const m = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        seen = "";
        child.unref();
        resolve({ child, port: Number(m[1]), exited });
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited before it listened:\n${log.text}`));
    });
  });
}

/** Authorization header value for a Blob REST call (SharedKey, with the canonical string of the 2009-09-19+ scheme). */
export function sharedKeyAuthorization(method: string, url: URL, headers: Record<string, string>, account = DEV_ACCOUNT, key = DEV_KEY): string {
  const h = (name: string) => headers[name] ?? "";
  const msHeaders = Object.keys(headers)
    .filter((k) => k.startsWith("x-ms-"))
    .sort()
    .map((k) => `${k}:${headers[k].trim()}\n`)
    .join("");
  const params = [...url.searchParams.keys()]
    .map((k) => k.toLowerCase())
    .sort()
    .map((k) => `\n${k}:${url.searchParams.getAll(k).sort().join(",")}`)
    .join("");
  const contentLength = h("content-length") === "0" ? "" : h("content-length");
  const toSign = [method, h("content-encoding"), h("content-language"), contentLength, h("content-md5"), h("content-type"), "", "", "", "", "", h("range")].join("\n") +
    "\n" + msHeaders + `/${account}${url.pathname}` + params;
  return `SharedKey ${account}:${createHmac("sha256", Buffer.from(key, "base64")).update(toSign, "utf8").digest("base64")}`;
}

async function blobCall(endpoint: string, method: "GET" | "PUT", p: string, query: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(endpoint + p);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "x-ms-date": new Date().toUTCString(), "x-ms-version": API_VERSION };
  if (method === "PUT") headers["content-length"] = "0";
  headers.authorization = sharedKeyAuthorization(method, url, headers);
  const res = await request(url, { method, headers });
  return { status: res.statusCode, text: await res.body.text() };
}

/** The `azblob://` URL of a container in Azurite for Pulumi (gocloud's azureblob driver in emulator mode). */
export function azuriteBackendUrl(container: string, port: number): string {
  return `azblob://${container}?localemu=true&domain=127.0.0.1:${port}&protocol=http`;
}

export async function startAzurite(options: StartAzuriteOptions = {}): Promise<AzuriteProcess> {
  const location = options.location ?? fs.mkdtempSync(path.join(os.tmpdir(), "azurite-"));
  fs.mkdirSync(location, { recursive: true });
  const log = { text: "" };
  let current: Running | undefined = await spawnAzurite(location, options.port ?? 0, log);
  const port = current.port;
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;

  const stop = async () => {
    if (!current) return;
    const c = current;
    current = undefined;
    c.child.ref();
    c.child.kill("SIGTERM");
    await c.exited;
  };
  const start = async () => {
    if (current) return;
    current = await spawnAzurite(location, port, log);
  };
  return {
    port,
    blobEndpoint,
    location,
    async backend(container) {
      const res = await blobCall(blobEndpoint, "PUT", `/${container}`, { restype: "container" });
      if (res.status !== 201 && res.status !== 409) throw new Error(`Azurite: creating container ${container} gave ${res.status}: ${res.text}`);
      return { url: azuriteBackendUrl(container, port), env: { AZURE_STORAGE_ACCOUNT: DEV_ACCOUNT, AZURE_STORAGE_KEY: DEV_KEY } };
    },
    async listBlobs(container, prefix) {
      const names: string[] = [];
      let marker = "";
      do {
        const query: Record<string, string> = { restype: "container", comp: "list" };
        if (prefix) query.prefix = prefix;
        if (marker) query.marker = marker;
        const res = await blobCall(blobEndpoint, "GET", `/${container}`, query);
        if (res.status !== 200) throw new Error(`Azurite: listing ${container} gave ${res.status}: ${res.text}`);
        for (const m of res.text.matchAll(/<Blob><Name>([^<]*)<\/Name>/g)) names.push(decodeXml(m[1]));
        marker = /<NextMarker>([^<]*)<\/NextMarker>/.exec(res.text)?.[1] ?? "";
      } while (marker);
      return names.sort();
    },
    output: () => log.text,
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
  };
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
