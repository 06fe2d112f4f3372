// Plain Microsoft Graph calls for the end-to-end tests ("behind Pulumi's back"): an app token from
// the emulator's identity platform through @azure/identity, and JSON requests with undici.
// Everything an end user could do with any Graph client, nothing of the provider's code.
import { ClientSecretCredential } from "@azure/identity";
import { request } from "undici";

export interface GraphTarget {
  graphEndpoint: string;
  authorityHost: string;
  tenantId: string;
  app: { clientId: string; clientSecret: string };
}

export interface GraphResponse {
  status: number;
  body: Record<string, unknown> | undefined;
}

export class PlainGraph {
  private readonly credential: ClientSecretCredential;
  private readonly root: string;

  constructor(target: GraphTarget) {
    this.credential = new ClientSecretCredential(target.tenantId, target.app.clientId, target.app.clientSecret, {
      authorityHost: target.authorityHost,
      disableInstanceDiscovery: true,
    });
    // graphEndpoint may or may not carry the version segment; the calls below name it.
    this.root = target.graphEndpoint.replace(/\/+$/, "").replace(/\/(beta|v1\.0)$/, "");
  }

  async call(method: "GET" | "POST" | "DELETE" | "PATCH", pathAndQuery: string, body?: unknown): Promise<GraphResponse> {
    const token = await this.credential.getToken("https://graph.microsoft.com/.default");
    const res = await request(this.root + pathAndQuery, {
      method,
      headers: {
        authorization: `Bearer ${token.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  /** An online meeting of `organizerId` (201), returning its id. */
  async createMeeting(organizerId: string, subject: string): Promise<string> {
    const start = new Date(Date.now() + 24 * 3600_000);
    const end = new Date(start.getTime() + 3600_000);
    const res = await this.call("POST", `/v1.0/users/${organizerId}/onlineMeetings`, {
      subject,
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
    });
    if (res.status !== 201) throw new Error(`creating a meeting gave ${res.status}: ${JSON.stringify(res.body)}`);
    return String(res.body!.id);
  }

  /** The registration of a meeting, created directly (201 expected). */
  async createRegistration(organizerId: string, meetingId: string, allowedRegistrant: string): Promise<GraphResponse> {
    return this.call("POST", `/beta/users/${organizerId}/onlineMeetings/${meetingId}/registration`, {
      "@odata.type": "#microsoft.graph.externalMeetingRegistration",
      allowedRegistrant,
    });
  }

  getRegistration(organizerId: string, meetingId: string): Promise<GraphResponse> {
    return this.call("GET", `/beta/users/${organizerId}/onlineMeetings/${meetingId}/registration`);
  }

  deleteRegistration(organizerId: string, meetingId: string): Promise<GraphResponse> {
    return this.call("DELETE", `/beta/users/${organizerId}/onlineMeetings/${meetingId}/registration`);
  }
}
