// POST /{tenant}/oauth2/v2.0/devicecode: starts a device-code sign-in. The polling interval is 1 s
// (Entra says 5) so that tests and pipelines do not wait.
import type { IdentityContext } from "../types";
import { firstUser, resolveClient } from "./clients";
import type { DeviceCodes } from "./deviceCodes";
import { entraErrors } from "./errors";
import { parseDelegatedScope } from "./scopes";
import type { TenantRoute } from "./tenants";

export const DEVICE_CODE_INTERVAL_SECONDS = 1;
export const DEFAULT_DEVICE_CODE_LIFETIME_SECONDS = 900;

export function handleDeviceCodeRequest(ctx: IdentityContext, deviceCodes: DeviceCodes, route: TenantRoute, form: URLSearchParams) {
  const { app, tenant } = resolveClient(ctx, route, form.get("client_id"));
  // Only an app with "Allow public client flows" can sign users in by device code; Entra answers a
  // confidential app with AADSTS7000218 (it wants the app's credential). The emulator answers so
  // here, before a code exists, so no code of a confidential app is ever approved.
  if (app.isFallbackPublicClient !== true) throw entraErrors.credentialRequired();
  const scope = form.get("scope") ?? "";
  parseDelegatedScope(scope, app, tenant.displayName, false); // unknown resources now, consent at redemption
  const lifetime = ctx.deviceCodeLifetimeSeconds?.() ?? DEFAULT_DEVICE_CODE_LIFETIME_SECONDS;
  const entry = deviceCodes.create(app.clientId, tenant.id, scope, lifetime);
  if (ctx.autoApproveDeviceCodes()) {
    const organizer = firstUser(ctx, tenant.id);
    if (organizer) deviceCodes.approve(entry.userCode, organizer.id);
  }
  const verificationUri = `${ctx.origin()}/devicelogin`;
  return {
    user_code: entry.userCode,
    device_code: entry.deviceCode,
    verification_uri: verificationUri,
    expires_in: lifetime,
    interval: DEVICE_CODE_INTERVAL_SECONDS,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
  };
}
