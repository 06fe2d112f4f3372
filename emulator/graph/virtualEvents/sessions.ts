// A webinar's sessions (read-only): exactly one per webinar, with the Teams join link. Docs:
// virtualevent-list-sessions, virtualeventsession-get, virtualeventregistration-list-sessions.
import { notFound, type HandlerResult } from "../errors";
import { webinarContext, type VirtualEventsRequest } from "./context";
import type { StoredWebinar } from "./store";
import { utcDateTimeTimeZone } from "./times";
import { readableWebinar } from "./webinars";
import { registrationOf } from "./registrations";

const TYPE = "#microsoft.graph.virtualEventSession";

function session(req: VirtualEventsRequest, webinar: StoredWebinar): Record<string, unknown> {
  const utc = req.config.webinarTimeEcho === "utc";
  return {
    "@odata.type": TYPE,
    id: webinar.session.id,
    subject: webinar.resource.displayName,
    joinWebUrl: webinar.session.joinWebUrl,
    startDateTime: utc ? utcDateTimeTimeZone(webinar.startUtc) : webinar.resource.startDateTime,
    endDateTime: utc ? utcDateTimeTimeZone(webinar.endUtc) : webinar.resource.endDateTime,
  };
}

export function listSessions(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = readableWebinar(req, webinarId);
  return { status: 200, body: { "@odata.context": `${webinarContext(req, webinar)}/sessions`, value: [session(req, webinar)] } };
}

export function getSession(req: VirtualEventsRequest, webinarId: string, sessionId: string): HandlerResult {
  const webinar = readableWebinar(req, webinarId);
  if (sessionId !== webinar.session.id) throw notFound(`The session '${sessionId}' was not found.`);
  return { status: 200, body: { "@odata.context": `${webinarContext(req, webinar)}/sessions/$entity`, ...session(req, webinar) } };
}

export function listRegistrationSessions(req: VirtualEventsRequest, webinarId: string, registrationId: string): HandlerResult {
  const { webinar } = registrationOf(req, webinarId, registrationId);
  return { status: 200, body: { "@odata.context": `${webinarContext(req, webinar)}/registrations('${registrationId}')/sessions`, value: [session(req, webinar)] } };
}
