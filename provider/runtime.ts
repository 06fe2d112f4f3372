// The provider's per-process state: one configuration, one credential with one cached token, one
// Graph client (one connection pool), shared by every resource kind. The dynamic-provider host
// calls `configure` once per serialized provider (so once per resource kind, with the same config);
// a repeat with the same config keeps what exists.
import { createHash } from "node:crypto";
import { createCredential, credentialFailure } from "./auth/credentials";
import { CachedTokenSource, defaultTokenTimeoutMs } from "./auth/tokenCache";
import { TokenRequestLimits } from "./auth/tokenRequests";
import { ConfigLookup, ProviderConfig, resolveConfig } from "./config";
import { userTokensOf } from "./auth/identities";
import { GraphClient, GraphClientOptions, type TokenSource } from "./graph/client";
import { notice } from "./graph/log";

export interface ProviderContext {
  config: ProviderConfig;
  client: GraphClient;
  /** The delegated identity's tokens; tests set it, else auth/identities.ts makes it from config.userCredential on first use. */
  userTokens?: GraphClientOptions["tokens"];
}

/** `ready` settles when the credential has been checked (a token obtained), or at once when that is off. */
type State = { fingerprint: string; context: ProviderContext; ready: Promise<void> } | { error: Error };
let state: State | undefined;

/** Builds a context from a resolved config (tests build their own, e.g. with short retry budgets). */
export function createProviderContext(config: ProviderConfig, clientOptions: Partial<Omit<GraphClientOptions, "graphEndpoint" | "tokens">> = {}): ProviderContext {
  const scope = config.cloud.scope;
  const limits = new TokenRequestLimits();
  const tokens = new CachedTokenSource(createCredential(config, limits), scope, config.credential.source, (cause) => credentialFailure(config, scope, cause), defaultTokenTimeoutMs, (reason) => limits.abortAll(reason));
  return { config, client: new GraphClient({ ...clientOptions, graphEndpoint: config.graphEndpoint, tokens }) };
}

function fingerprint(config: ProviderConfig): string {
  return createHash("sha256").update(JSON.stringify(config)).digest("hex");
}

/**
 * The host's `configure`: resolves msgraph:* config (+ environment) and, unless
 * msgraph:verifyCredentials is false, gets the deployment's token right away. So a wrong, expired or
 * missing credential fails every run, one with no changes included (the host configures a provider
 * before the first check, which every run makes); a run with changes finds its token ready. That
 * token is the one a deployment needs anyway: the check adds no request, to Graph or elsewhere.
 * Every kind's configure (one per serialized provider) waits for the same token request.
 * A configuration failure is kept and rethrown by every later call.
 */
export async function configure(lookup: ConfigLookup | undefined): Promise<void> {
  await configureWith(lookup, true);
}

async function configureWith(lookup: ConfigLookup | undefined, verify: boolean): Promise<void> {
  let config: ProviderConfig;
  try {
    config = resolveConfig(lookup);
  } catch (e) {
    // The host caches the provider before configure returns, so a failed configure is never
    // repeated: remember the error instead of silently running unconfigured.
    state = { error: e as Error };
    throw e;
  }
  const fp = fingerprint(config);
  if (!(state && "fingerprint" in state && state.fingerprint === fp)) {
    const previous = state && "context" in state ? state.context : undefined;
    const context = createProviderContext(config);
    const ready = verify && config.verifyCredentials ? verifiedSource(context).getToken().then(() => undefined) : Promise.resolve();
    ready.catch(() => undefined); // awaited below; never an unhandled rejection
    state = { fingerprint: fp, context, ready };
    void previous?.client.close();
    const where = tokenDestination(config);
    if (where) notice(where);
  }
  await state.ready;
}

/**
 * The identity whose token configure gets: the application's, unless none is configured (the
 * DefaultAzureCredential fallback) while a delegated one is: a webinar-only stack runs on the
 * organizer's token alone, and its first request would need exactly that one.
 */
function verifiedSource(context: ProviderContext): TokenSource {
  const application = context.client.tokenSource;
  if (context.config.credential.kind !== "default") return application;
  return userTokensOf(context) ?? application;
}

/** One line naming where access tokens go, when that is not the cloud's own Graph. */
export function tokenDestination(config: ProviderConfig): string | undefined {
  if (!config.customGraphEndpoint) return undefined;
  const allowed = config.customAuthority ? "" : " (allowed by msgraph:allowCustomGraphEndpoint)";
  return `access tokens issued by ${config.authorityHost} go with every Graph request to ${config.graphEndpoint}, set by ${config.customGraphEndpoint}${allowed}, not to ${config.cloud.graphEndpoint}.`;
}

/** The shared context; configured from the environment alone when the host never called configure (SDK < 3.139). */
export function providerContext(): ProviderContext {
  if (!state) {
    // Lazily, as before configure existed: the first Graph request gets the token.
    const pending = configureWith(undefined, false);
    pending.catch(() => undefined);
  }
  if ("error" in state!) throw state.error;
  return state!.context;
}

/** Forgets the shared context (tests). */
export async function resetProviderContext(): Promise<void> {
  const previous = state && "context" in state ? state.context : undefined;
  state = undefined;
  await previous?.client.close();
}
