// Tokens from an emulator's identity platform, the ways a user's client gets them: app-only through
// @azure/identity (ClientSecretCredential) or straight from the token endpoint, delegated through
// the device-code flow (DeviceCodeCredential, or plain HTTP).
import { request } from "undici";
import { ClientSecretCredential, DeviceCodeCredential } from "@azure/identity";
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorProcess } from "./emulator";
import { agentFor } from "./graphRequest";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** The seeded app's (or `app`'s) ClientSecretCredential against the emulator; it caches its token. */
export function appCredential(info: EmulatorInfo, app: { clientId: string; clientSecret: string } = info.app, tenantId = info.tenantId): ClientSecretCredential {
  return new ClientSecretCredential(tenantId, app.clientId, app.clientSecret, {
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
  });
}

/** An app-only Graph token from the emulator's token endpoint, through @azure/identity. */
export async function appToken(info: EmulatorInfo, app: { clientId: string; clientSecret: string } = info.app, tenantId = info.tenantId): Promise<string> {
  const token = await appCredential(info, app, tenantId).getToken(GRAPH_SCOPE);
  return token.token;
}

/** An app-only token straight from the token endpoint (no MSAL cache): cheap, for tests of Graph routes. */
export async function fetchAppToken(info: EmulatorInfo, app: { clientId: string; clientSecret: string } = info.app, tenantId = info.tenantId): Promise<string> {
  const res = await request(`${info.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    dispatcher: agentFor(info.caFile),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: GRAPH_SCOPE }).toString(),
  });
  const body = (await res.body.json()) as { access_token?: string; error?: string; error_description?: string };
  if (res.statusCode !== 200 || !body.access_token) throw new Error(`token endpoint: ${res.statusCode} ${body.error}: ${body.error_description}`);
  return body.access_token;
}

const publicClients = new WeakMap<EmulatorProcess, Promise<string>>();

/**
 * The client id of a public client app ("Allow public client flows": the only kind that gets device
 * codes): the seeded one when the ready line names it, else one registered once through the admin API.
 */
export function publicClientId(emu: EmulatorProcess): Promise<string> {
  const seeded = (emu.info as EmulatorInfo & { publicClient?: { clientId: string } }).publicClient?.clientId;
  if (seeded) return Promise.resolve(seeded);
  let id = publicClients.get(emu);
  if (!id) {
    id = emu.admin
      .addApp({ displayName: "test public client", isFallbackPublicClient: true, roles: [], delegatedScopes: ["OnlineMeetings.ReadWrite"] })
      .then((app) => app.clientId);
    publicClients.set(emu, id);
  }
  return id;
}

/**
 * A delegated Graph token (scp) through the device-code flow, as the public client app by default. With auto-approval (the default) the
 * code is approved for the tenant's organizer; pass `approveAs` (user id or UPN) and set
 * autoApproveDeviceCodes=false to sign in as someone else.
 */
export async function delegatedToken(
  emu: EmulatorProcess,
  options: { clientId?: string; tenantId?: string; approveAs?: string; scope?: string } = {},
): Promise<string> {
  const info = emu.info;
  const credential = new DeviceCodeCredential({
    tenantId: options.tenantId ?? info.tenantId,
    clientId: options.clientId ?? (await publicClientId(emu)),
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
    userPromptCallback: (details) => {
      if (options.approveAs) void emu.admin.approveDeviceCode(details.userCode, options.approveAs);
    },
  });
  const token = await credential.getToken(options.scope ?? "https://graph.microsoft.com/OnlineMeetings.ReadWrite");
  return token.token;
}

/**
 * A delegated token by the device-code flow in plain HTTP (no MSAL): POST /devicecode, then poll
 * /token until the code is approved (at once on the emulator by default). Defaults: the seeded
 * public client and `.default` (its VirtualEvent.ReadWrite and OnlineMeetings.ReadWrite scopes).
 */
export async function deviceCodeToken(
  info: EmulatorInfo,
  options: { clientId?: string; tenantId?: string; scope?: string; onUserCode?: (userCode: string) => void | Promise<void> } = {},
): Promise<string> {
  const tenant = options.tenantId ?? info.tenantId;
  const clientId = options.clientId ?? info.publicClient.clientId;
  const post = async (p: string, form: Record<string, string>) => {
    const res = await request(`${info.authorityHost}/${tenant}/oauth2/v2.0/${p}`, {
      method: "POST",
      dispatcher: agentFor(info.caFile),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, any> };
  };
  const start = await post("devicecode", { client_id: clientId, scope: options.scope ?? GRAPH_SCOPE });
  if (start.status !== 200) throw new Error(`devicecode: ${start.status} ${start.body.error}: ${start.body.error_description}`);
  await options.onUserCode?.(start.body.user_code);
  for (;;) {
    const res = await post("token", { grant_type: "urn:ietf:params:oauth:grant-type:device_code", client_id: clientId, device_code: start.body.device_code });
    if (res.status === 200) return res.body.access_token as string;
    if (res.body.error !== "authorization_pending") throw new Error(`token: ${res.status} ${res.body.error}: ${res.body.error_description}`);
    await new Promise((r) => setTimeout(r, start.body.interval * 1000));
  }
}
