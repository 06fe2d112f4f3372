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
  cloud: "MSGRAPH_CLOUD",
  graphEndpoint: "MSGRAPH_GRAPH_ENDPOINT",
  authorityHost: "AZURE_AUTHORITY_HOST",
} as const;

export type ConfigKey = keyof typeof configKeys;

export const secretConfigKeys: readonly ConfigKey[] = ["clientSecret", "clientCertificatePassword", "accessToken"];

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
  /** https origin of the identity platform (the cloud's, or msgraph:authorityHost). */
  authorityHost: string;
  /** An authority MSAL does not know: instance discovery must be off. */
  customAuthority: boolean;
  /** Whether the beta registration API can be called (the cloud has it, or a custom Graph endpoint is set). */
  meetingRegistrationApi: boolean;
  credential: CredentialSettings;
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

  const credential = chooseCredential(settings, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    cloud,
    graphEndpoint,
    authorityHost,
    customAuthority: !isKnownAuthorityHost(authorityHost),
    meetingRegistrationApi: cloud.meetingRegistration || graphEndpoint !== cloud.graphEndpoint,
    credential: credential!,
  };
}

function readSetting(key: ConfigKey, lookup: ConfigLookup | undefined, env: NodeJS.ProcessEnv, problems: string[]): Setting | undefined {
  const stackKey = `${configNamespace}:${key}`;
  const fromStack = lookup?.(stackKey);
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
