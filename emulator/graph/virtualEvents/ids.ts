// Webinar ids as Graph makes them: `{guid}@{tenantGuid}` (docs put them raw in paths; Kiota SDKs
// send the `@` as `%40`; the router decodes each segment, so both arrive here as `@`).
import { randomUUID } from "node:crypto";

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const WEBINAR_ID = new RegExp(`^${GUID}@${GUID}$`);

export function newWebinarId(tenantId: string): string {
  return `${randomUUID()}@${tenantId}`;
}

export function isWebinarId(id: string): boolean {
  return WEBINAR_ID.test(id);
}
