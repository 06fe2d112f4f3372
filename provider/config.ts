// Provider configuration: the msgraph:* stack config that the dynamic-provider host hands to
// `configure`, with the Azure SDK's environment variables as fallbacks. Validates everything once,
// up front, and names the setting and the fix in every problem. Secret values never enter messages.
import { Cloud, cloudNames, clouds, findCloud, isKnownAuthorityHost } from "./graph/clouds";
import { guidPattern as guid } from "./resources/common/ids";

export const configNamespace = "msgraph";

/** Every msgraph:* key, with its environment fallback. */
export const configKeys = {
  tenantId: "AZURE_TENANT_ID",
  clientId: "AZURE_CLIENT_ID",
  clientSecret: "AZURE_CLIENT_SECRET",
  clientCertificatePath: "AZURE_CLIENT_CERTIFICATE_PATH",
  clientCertificatePassword: "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  federatedTokenFile: "AZURE_FEDERATED_TOKEN_FILE",
  accessToken: "MSGRAPH_ACCESS_TOKEN",
  // The delegated (signed-in user) identity, beside the application one: webinar writes need it.
  userAccessToken: "MSGRAPH_USER_ACCESS_TOKEN",
  userCredential: "MSGRAPH_USER_CREDENTIAL",
  userClientId: "MSGRAPH_USER_CLIENT_ID",
  userTokenCacheDir: "MSGRAPH_USER_TOKEN_CACHE_DIR",
  cloud: "MSGRAPH_CLOUD",
  graphEndpoint: "MSGRAPH_GRAPH_ENDPOINT",
  authorityHost: "AZURE_AUTHORITY_HOST",
  allowCustomGraphEndpoint: "MSGRAPH_ALLOW_CUSTOM_GRAPH_ENDPOINT",
  verifyCredentials: "MSGRAPH_VERIFY_CREDENTIALS",
} as const;

export type ConfigKey = keyof typeof configKeys;

export const secretConfigKeys: readonly ConfigKey[] = ["clientSecret", "clientCertificatePassword", "accessToken", "userAccessToken"];

/** Keys that take true or false (a string "true"/"false" from stack config or the environment). */
export const booleanConfigKeys: readonly ConfigKey[] = ["allowCustomGraphEndpoint", "verifyCredentials"];

export type CredentialSettings =
  | { kind: "accessToken"; token: string; source: string }
  | { kind: "clientSecret"; tenantId: string; clientId: string; clientSecret: string; source: string }
  | { kind: "clientCertificate"; tenantId: string; clientId: string; certificatePath: string; certificatePassword?: string; source: string }
  | { kind: "federatedToken"; tenantId: string; clientId: string; tokenFilePath: string; source: string }
  | { kind: "default"; tenantId?: string; clientId?: string; source: "DefaultAzureCredential" };

export interface ProviderConfig {
  cloud: Cloud;
  /** https origin of Graph (the cloud's, or msgraph:graphEndpoint). */
  graphEndpoint: string;
  /** Where a graphEndpoint other than the cloud's was set ("msgraph:graphEndpoint" or "MSGRAPH_GRAPH_ENDPOINT"); undefined for the cloud's own. */
  customGraphEndpoint?: string;
  /** https origin of the identity platform (the cloud's, or msgraph:authorityHost). */
  authorityHost: string;
  /** An authority MSAL does not know: instance discovery must be off. */
  customAuthority: boolean;
  /** Whether the beta registration API can be called (the cloud has it, or a custom Graph endpoint is set). */
  meetingRegistrationApi: boolean;
  /** Get a token when the provider is configured, so a broken credential fails every run (msgraph:verifyCredentials, default true). */
  verifyCredentials: boolean;
  credential: CredentialSettings;
  /** The delegated identity; undefined when none is configured. */
  userCredential?: UserCredentialSettings;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid msgraph configuration: ${problems[0]}`
        : `Invalid msgraph configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

/** Looks a key up in the stack config, e.g. the `get` of the ConfigureRequest's config. */
export type ConfigLookup = (key: string) => unknown;

interface Setting {
  value: string;
  /** "msgraph:tenantId" or "AZURE_TENANT_ID": named in messages. */
  source: string;
  fromStack: boolean;
}

const domain = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export function resolveConfig(lookup: ConfigLookup | undefined, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const problems: string[] = [];
  const settings = {} as Record<ConfigKey, Setting | undefined>;
  for (const key of Object.keys(configKeys) as ConfigKey[]) {
    settings[key] = readSetting(key, lookup, env, problems);
  }

  const cloudSetting = settings.cloud;
  let cloud = clouds.Global;
  if (cloudSetting) {
    const found = findCloud(cloudSetting.value);
    if (found) cloud = found;
    else problems.push(`${cloudSetting.source} is "${cloudSetting.value}"; use one of ${cloudNames.join(", ")}.`);
  }
  const graphEndpoint = httpsOrigin(settings.graphEndpoint, problems) ?? cloud.graphEndpoint;
  const authorityHost = httpsOrigin(settings.authorityHost, problems) ?? cloud.authorityHost;

  for (const key of ["tenantId", "clientId"] as const) {
    const s = settings[key];
    if (!s) continue;
    if (key === "clientId" && !guid.test(s.value)) {
      problems.push(`${s.source} must be the application (client) id, a GUID like 00000000-0000-0000-0000-000000000000.`);
    }
    if (key === "tenantId") {
      if (["common", "organizations", "consumers"].includes(s.value.toLowerCase())) {
        problems.push(`${s.source} is "${s.value}"; an app needs its own tenant: use the directory (tenant) id GUID or its domain (contoso.onmicrosoft.com).`);
      } else if (!guid.test(s.value) && !domain.test(s.value)) {
        problems.push(`${s.source} must be the directory (tenant) id GUID or a verified domain like contoso.onmicrosoft.com.`);
      }
    }
  }

  const allowCustom = booleanSetting(settings.allowCustomGraphEndpoint, false, problems);
  const verifyCredentials = booleanSetting(settings.verifyCredentials, true, problems);
  const customAuthority = !isKnownAuthorityHost(authorityHost);
  const customGraphEndpoint = graphEndpoint !== cloud.graphEndpoint ? settings.graphEndpoint?.source : undefined;
  // The token's audience is the cloud's Graph; only an identity platform of its own (an emulator's)
  // or an explicit opt-in lets a Graph token go to another host.
  if (customGraphEndpoint && !customAuthority && !allowCustom) {
    problems.push(
      `${customGraphEndpoint} is ${graphEndpoint}, not Microsoft Graph, but tokens come from ${authorityHost} (the ${cloud.name} cloud's identity platform): real access tokens for ${cloud.graphEndpoint} would be sent to ${graphEndpoint}. ` +
        `Point msgraph:authorityHost at the identity platform that serves ${graphEndpoint} (e.g. the emulator's), or set msgraph:allowCustomGraphEndpoint true if ${graphEndpoint} is a proxy you trust with those tokens, or unset ${customGraphEndpoint} to use Microsoft Graph.`,
    );
  }

  const credential = chooseCredential(settings, problems);
  const userCredential = chooseUserCredential(settings, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    cloud,
    graphEndpoint,
    ...(customGraphEndpoint ? { customGraphEndpoint } : {}),
    authorityHost,
    customAuthority,
    meetingRegistrationApi: cloud.meetingRegistration || graphEndpoint !== cloud.graphEndpoint,
    verifyCredentials,
    credential: credential!,
    ...(userCredential ? { userCredential } : {}),
  };
}

function booleanSetting(s: Setting | undefined, fallback: boolean, problems: string[]): boolean {
  if (!s) return fallback;
  const v = s.value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  problems.push(`${s.source} must be true or false, not "${s.value}".`);
  return fallback;
}

function readSetting(key: ConfigKey, lookup: ConfigLookup | undefined, env: NodeJS.ProcessEnv, problems: string[]): Setting | undefined {
  const stackKey = `${configNamespace}:${key}`;
  let fromStack = lookup?.(stackKey);
  if (typeof fromStack === "boolean" && booleanConfigKeys.includes(key)) fromStack = String(fromStack);
  if (fromStack !== undefined && fromStack !== null && fromStack !== "") {
    if (typeof fromStack !== "string") {
      problems.push(`${stackKey} must be a plain string (set it with \`pulumi config set ${secretConfigKeys.includes(key) ? "--secret " : ""}${stackKey} <value>\`).`);
      return undefined;
    }
    return { value: fromStack.trim(), source: stackKey, fromStack: true };
  }
  const envName = configKeys[key];
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { value: fromEnv.trim(), source: envName, fromStack: false };
  return undefined;
}

function httpsOrigin(s: Setting | undefined, problems: string[]): string | undefined {
  if (!s) return undefined;
  let url: URL;
  try {
    url = new URL(s.value);
  } catch {
    problems.push(`${s.source} is not a URL; use an https origin like https://graph.microsoft.com.`);
    return undefined;
  }
  if (url.protocol !== "https:") {
    problems.push(`${s.source} must use https:// (tokens are never sent in clear text).`);
    return undefined;
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    problems.push(`${s.source} must be an origin only, like https://${url.host} (no path, query or credentials).`);
    return undefined;
  }
  return url.origin;
}

/** Which credential: one named in stack config wins; else the environment, in the Azure SDK's order. */
function chooseCredential(s: Record<ConfigKey, Setting | undefined>, problems: string[]): CredentialSettings | undefined {
  const materials = ["accessToken", "clientSecret", "clientCertificatePath", "federatedTokenFile"] as const;
  const inStack = materials.filter((k) => s[k]?.fromStack);
  if (inStack.length > 1) {
    problems.push(`set only one credential; the stack config sets ${inStack.map((k) => s[k]!.source).join(" and ")}.`);
    return undefined;
  }
  if (s.clientCertificatePassword?.fromStack && !s.clientCertificatePath) {
    problems.push(`${s.clientCertificatePassword.source} is set but msgraph:clientCertificatePath is not: set the path of the PEM file (certificate and private key) too.`);
  }
  const chosen = inStack[0] ?? materials.find((k) => s[k] !== undefined);
  if (chosen === undefined) {
    return { kind: "default", tenantId: s.tenantId?.value, clientId: s.clientId?.value, source: "DefaultAzureCredential" };
  }
  const material = s[chosen]!;
  if (chosen === "accessToken") {
    if (/^bearer\s/i.test(material.value)) {
      problems.push(`${material.source} starts with "Bearer "; set the token alone.`);
    } else if (/\s/.test(material.value)) {
      problems.push(`${material.source} contains whitespace; set the token alone, on one line.`);
    }
    return { kind: "accessToken", token: material.value, source: material.source };
  }
  const tenantId = s.tenantId?.value;
  const clientId = s.clientId?.value;
  if (!tenantId) problems.push(`${material.source} is set but the tenant is not: set msgraph:tenantId (or AZURE_TENANT_ID).`);
  if (!clientId) problems.push(`${material.source} is set but the app is not: set msgraph:clientId (or AZURE_CLIENT_ID).`);
  if (!tenantId || !clientId) return undefined;
  switch (chosen) {
    case "clientSecret":
      return { kind: "clientSecret", tenantId, clientId, clientSecret: material.value, source: material.source };
    case "clientCertificatePath":
      return { kind: "clientCertificate", tenantId, clientId, certificatePath: material.value, certificatePassword: s.clientCertificatePassword?.value, source: material.source };
    case "federatedTokenFile":
      return { kind: "federatedToken", tenantId, clientId, tokenFilePath: material.value, source: material.source };
  }
}

/** Every secret value in a config, so text about it can be scrubbed. */
export function secretValues(config: ProviderConfig): string[] {
  const user = config.userCredential?.kind === "userAccessToken" ? [config.userCredential.token] : [];
  return [...applicationSecretValues(config), ...user];
}

function applicationSecretValues(config: ProviderConfig): string[] {
  const c = config.credential;
  switch (c.kind) {
    case "accessToken":
      return [c.token];
    case "clientSecret":
      return [c.clientSecret];
    case "clientCertificate":
      return c.certificatePassword ? [c.certificatePassword] : [];
    default:
      return [];
  }
}

/** Ways to get the delegated identity without a static token (msgraph:userCredential). */
export const userCredentialKinds = ["deviceCode", "azureCli"] as const;

/**
 * The public client app device code signs in through when msgraph:userClientId is not set:
 * "Microsoft Graph Command Line Tools" (Graph PowerShell's), which can ask for VirtualEvent.ReadWrite.
 */
export const defaultUserClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/** The delegated identity (webinar and question writes); absent when none is configured. */
export type UserCredentialSettings =
  | { kind: "userAccessToken"; token: string; source: string }
  | { kind: "deviceCode"; tenantId: string; clientId: string; cacheDir?: string; source: string }
  | { kind: "azureCli"; tenantId?: string; source: string };

/** The delegated identity: a static token wins; else msgraph:userCredential names a way to sign in. */
function chooseUserCredential(s: Record<ConfigKey, Setting | undefined>, problems: string[]): UserCredentialSettings | undefined {
  const token = s.userAccessToken;
  const way = s.userCredential;
  if (token && way?.fromStack && token.fromStack) {
    problems.push(`set only one delegated identity; the stack config sets ${token.source} and ${way.source}.`);
    return undefined;
  }
  if (token && !(way?.fromStack && !token.fromStack)) {
    if (/^bearer\s/i.test(token.value)) problems.push(`${token.source} starts with "Bearer "; set the token alone.`);
    else if (/\s/.test(token.value)) problems.push(`${token.source} contains whitespace; set the token alone, on one line.`);
    return { kind: "userAccessToken", token: token.value, source: token.source };
  }
  if (!way) {
    for (const k of ["userClientId", "userTokenCacheDir"] as const) {
      const extra = s[k];
      if (extra) problems.push(`${extra.source} is set but msgraph:userCredential is not: set msgraph:userCredential deviceCode (or MSGRAPH_USER_CREDENTIAL) to sign in by device code.`);
    }
    return undefined;
  }
  const kind = userCredentialKinds.find((k) => k.toLowerCase() === way.value.toLowerCase());
  if (!kind) {
    problems.push(`${way.source} is "${way.value}"; use deviceCode (sign in once on this workstation) or azureCli (the user signed in with \`az login\`), or set msgraph:userAccessToken instead.`);
    return undefined;
  }
  const clientId = s.userClientId;
  if (clientId && !guid.test(clientId.value)) problems.push(`${clientId.source} must be the public client app's (client) id, a GUID like 00000000-0000-0000-0000-000000000000.`);
  if (kind === "azureCli") {
    if (clientId) problems.push(`${clientId.source} is set but the Azure CLI signs in with its own app: remove it, or set msgraph:userCredential deviceCode.`);
    return { kind, tenantId: s.tenantId?.value, source: way.source };
  }
  return {
    kind,
    // A device-code sign-in needs a tenant; "organizations" lets any work account sign in.
    tenantId: s.tenantId?.value ?? "organizations",
    clientId: clientId?.value ?? defaultUserClientId,
    ...(s.userTokenCacheDir ? { cacheDir: s.userTokenCacheDir.value } : {}),
    source: way.source,
  };
}
