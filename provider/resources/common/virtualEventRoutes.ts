// The v1.0 virtual-event routes the three webinar resources call (contract:
// shared/virtual-events-contract.md). Ids are single path segments (route() encodes them, so the
// "@" of a webinar id travels as %40, as the Kiota SDKs send it).
import { route, Route } from "../../graph/route";

export const webinarsRoute = (): Route => route("/v1.0/solutions/virtualEvents/webinars");
export const webinarRoute = (webinarId: string, suffix = ""): Route => route(`/v1.0/solutions/virtualEvents/webinars/{webinarId}${suffix}`, { webinarId });
export const configurationRoute = (webinarId: string): Route => webinarRoute(webinarId, "/registrationConfiguration");
export const questionsRoute = (webinarId: string): Route => webinarRoute(webinarId, "/registrationConfiguration/questions");
export const questionRoute = (webinarId: string, questionId: string): Route =>
  route("/v1.0/solutions/virtualEvents/webinars/{webinarId}/registrationConfiguration/questions/{questionId}", { webinarId, questionId });
export const sessionsRoute = (webinarId: string): Route => webinarRoute(webinarId, "/sessions");
export const registrationsRoute = (webinarId: string): Route => webinarRoute(webinarId, "/registrations");
export const registrationRoute = (webinarId: string, registrationId: string, suffix = ""): Route =>
  route(`/v1.0/solutions/virtualEvents/webinars/{webinarId}/registrations/{registrationId}${suffix}`, { webinarId, registrationId });

/** OData string literal: a quote is doubled. */
const odataString = (v: string): string => v.replace(/'/g, "''");

/** The alternate-key lookup `registrations(email='…')` ([M]; undocumented on the docs pages). */
export const registrationByEmailRoute = (webinarId: string, email: string): Route =>
  route("/v1.0/solutions/virtualEvents/webinars/{webinarId}/registrations(email='{email}')", { webinarId, email: odataString(email) });

/** The beta list with `$filter=email eq '…'` (v1.0's list takes no query options). */
export const registrationsByEmailFilterRoute = (webinarId: string, email: string): Route =>
  route("/beta/solutions/virtualEvents/webinars/{webinarId}/registrations?$filter={filter}", { webinarId, filter: `email eq '${odataString(email)}'` });

/** Where a user finds the webinars they organize (named in messages). */
export const organizerWebinarsHint = "GET /v1.0/solutions/virtualEvents/webinars/getByUserRole(role='organizer') as the organizer";
