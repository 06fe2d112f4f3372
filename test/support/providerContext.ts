// Shared setup of the provider's integration tests: one real emulator (TLS, real identity platform),
// provider contexts built exactly as `configure` builds them, and plain Graph calls for fixtures.
import { createProviderContext, ProviderContext } from "../../provider/runtime";
import { resolveConfig } from "../../provider/config";
import type { RetryPolicy } from "../../provider/graph/retryPolicy";
import { appToken, graphRequest, type EmulatorProcess } from "./emulator";

/** Short retry budgets so fault tests stay quick; the rules are the production ones. */
export const testRetry: Partial<RetryPolicy> = { baseDelayMs: 50, maxDelayMs: 200, deadlineMs: 30_000, noticeAfterMs: 60_000 };

/** The stack config a user would set to point the provider at this emulator. */
export function emulatorStackConfig(emu: EmulatorProcess, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const info = emu.info;
  return {
    "msgraph:tenantId": info.tenantId,
    "msgraph:clientId": info.app.clientId,
    "msgraph:clientSecret": info.app.clientSecret,
    "msgraph:graphEndpoint": info.graphEndpoint,
    "msgraph:authorityHost": info.authorityHost,
    ...overrides,
  };
}

export function contextFor(emu: EmulatorProcess, overrides: Record<string, string | undefined> = {}, retry: Partial<RetryPolicy> = testRetry): ProviderContext {
  const values = emulatorStackConfig(emu, overrides);
  // An empty environment: the test must not pick up AZURE_* from the machine.
  const config = resolveConfig((k) => values[k], {});
  return createProviderContext(config, { retry });
}

let counter = 0;

/** A fresh online meeting of the seeded organizer, made with a plain Graph call. */
export async function newMeeting(emu: EmulatorProcess, organizerId = emu.info.organizer.id): Promise<string> {
  const token = await appToken(emu.info);
  const start = new Date(Date.now() + 86_400_000);
  const res = await graphRequest(emu.info, token, "POST", `/v1.0/users/${organizerId}/onlineMeetings`, {
    subject: `provider test ${++counter}`,
    startDateTime: start.toISOString(),
    endDateTime: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  if (res.status !== 201) throw new Error(`meeting fixture: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Graph call as the seeded app (out-of-band changes: drift, pre-existing registrations). */
export async function asApp(emu: EmulatorProcess, method: "GET" | "POST" | "PATCH" | "DELETE", p: string, body?: unknown) {
  return graphRequest(emu.info, await appToken(emu.info), method, p, body);
}

export function registrationPath(emu: EmulatorProcess, meetingId: string, userId = emu.info.organizer.id): string {
  return `/beta/users/${encodeURIComponent(userId)}/onlineMeetings/${encodeURIComponent(meetingId)}/registration`;
}
