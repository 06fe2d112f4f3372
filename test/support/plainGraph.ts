// Plain Microsoft Graph calls for the end-to-end tests ("behind Pulumi's back"): the seeded app's
// token from the emulator's identity platform through @azure/identity (one credential, so its
// token is cached as any client's would be), and JSON requests over TLS. Everything an end user
// could do with any Graph client, nothing of the provider's code.
import type { ClientSecretCredential } from "@azure/identity";
import type { EmulatorInfo } from "../../emulator/index";
import { graphRequest, type GraphResponse } from "./graphRequest";
import { createMeeting } from "./meetingFixtures";
import { appCredential, GRAPH_SCOPE } from "./tokens";

export class PlainGraph {
  private readonly credential: ClientSecretCredential;

  constructor(private readonly info: EmulatorInfo) {
    this.credential = appCredential(info);
  }

  private async token(): Promise<string> {
    return (await this.credential.getToken(GRAPH_SCOPE)).token;
  }

  /** `pathAndQuery` names the version (/beta/…, /v1.0/…). */
  async call(method: "GET" | "POST" | "DELETE" | "PATCH", pathAndQuery: string, body?: unknown): Promise<GraphResponse> {
    return graphRequest(this.info, await this.token(), method, pathAndQuery, body);
  }

  /** An online meeting of `organizerId` (201), returning its id. */
  async createMeeting(organizerId: string, subject: string): Promise<string> {
    return createMeeting(this.info, { token: await this.token(), organizerId, subject });
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
