// A persisted MSAL token cache for the device-code sign-in, so a workstation signs in once, not once
// per deployment (each `pulumi up` starts a new provider process). Registered through
// @azure/identity's public plugin hook (useIdentityPlugin), the same hook
// @azure/identity-cache-persistence uses; this one keeps the cache in a file readable only by its
// owner (mode 0600, like the Azure CLI's msal_token_cache.json on Linux), so it needs no native
// keychain module. Beside it, the sign-in's AuthenticationRecord (account ids, no secret) lets the
// next process find the cached account.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { useIdentityPlugin, type AuthenticationRecord } from "@azure/identity";

/** The per-user cache folder of this OS (msgraph:userTokenCacheDir overrides it). */
export function defaultTokenCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === "win32") return path.join(env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "pulumi-msgraph-meetings");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "pulumi-msgraph-meetings");
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "pulumi-msgraph-meetings");
}

/** The subset of MSAL's TokenCacheContext a cache plugin uses. */
interface CacheContext {
  cacheHasChanged: boolean;
  tokenCache: { serialize(): string; deserialize(text: string): void };
}

interface CachePlugin {
  beforeCacheAccess(context: CacheContext): Promise<void>;
  afterCacheAccess(context: CacheContext): Promise<void>;
}

/** Cache options as @azure/identity passes them to the persistence provider (name gets a .cae/.nocae suffix). */
interface PersistenceOptions {
  name?: string;
  /** Our own option: the folder (every credential of the process names its own). */
  cacheDir?: string;
}

function writePrivate(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole and renamed: a crash never leaves half a cache, and readers never see one.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function fileCachePlugin(file: string): CachePlugin {
  return {
    async beforeCacheAccess(context) {
      const text = readIfExists(file);
      if (text) context.tokenCache.deserialize(text);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) writePrivate(file, context.tokenCache.serialize());
    },
  };
}

let registered = false;

/** Registers the file persistence with @azure/identity (once per process). */
export function useFileTokenCache(): void {
  if (registered) return;
  registered = true;
  useIdentityPlugin((context: unknown) => {
    (context as { cachePluginControl: { setPersistence(p: (o: PersistenceOptions) => Promise<CachePlugin>): void } }).cachePluginControl.setPersistence(async (o) =>
      fileCachePlugin(path.join(o.cacheDir ?? defaultTokenCacheDir(), `${o.name ?? "msal"}.json`)),
    );
  });
}

/** Where a sign-in's AuthenticationRecord is kept: one per public client app and tenant. */
export function recordFile(cacheDir: string, clientId: string, tenantId: string): string {
  return path.join(cacheDir, `${clientId}.${tenantId.replace(/[^A-Za-z0-9.-]/g, "_")}.record.json`);
}

export function readRecord(file: string): AuthenticationRecord | undefined {
  const text = readIfExists(file);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as AuthenticationRecord;
  } catch {
    return undefined; // a damaged record only costs one more sign-in
  }
}

export function writeRecord(file: string, record: AuthenticationRecord): void {
  writePrivate(file, JSON.stringify(record));
}
