// The mistakes people make, one row each, with the exact text the user reads: stopped by `check`
// (before any plan), by configuration (before any request), or by Graph / the identity platform
// through the real provider code against the emulator (TLS, @azure/identity). Every text says what
// is wrong and what to do, and none quotes a secret or a token.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateKeyPair, SignJWT } from "jose";
import { ConfigError, resolveConfig } from "../../provider/config";
import { waysToConfigure } from "../../provider/auth/credentials";
import { createProviderContext, type ProviderContext } from "../../provider/runtime";
import * as registration from "../../provider/resources/externalMeetingRegistration/lifecycle";
import * as registrant from "../../provider/resources/externalMeetingRegistrant/inputs";
import { fetchAppToken } from "../support/tokens";
import { startEmulator, type EmulatorProcess } from "../support/emulator";
import { contextFor } from "../support/providerContext";
import { newMeeting } from "../support/meetingFixtures";

const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
const thread = "19:meeting_NTg0NmQ3NTctZDVkZC00YzRhLThmNmEtOGQ3NTQyNTQzM2Y1@thread.v2";
const graphId = Buffer.from(`1*${organizer}*0**${thread}`).toString("base64").replace(/=+$/, "");
const teamsClientId = Buffer.from(`0#${thread}#0`).toString("base64");
const graphIdFix = 'use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").';

/** Graph's and the client's ids, dates and the emulator's port vary per run: name them instead. */
function normalise(text: string, emu?: EmulatorProcess): string {
  let out = text
    .replace(/request-id [0-9a-f-]{36}/g, "request-id <id>")
    .replace(/client-request-id [0-9a-f-]{36}/g, "client-request-id <id>")
    .replace(/date \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/g, "date <date>");
  if (emu) out = out.split(emu.info.graphEndpoint).join("https://<emulator>");
  return out;
}

describe("reliability: the mistakes people make, and what they read", function () {
  this.timeout(60_000);

  describe("stopped by check, before any plan", () => {
    const rows: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
      ["a Teams-client meeting id instead of Graph's", { meetingId: teamsClientId, userId: organizer }, [
        { property: "meetingId", reason: `meetingId "${teamsClientId}" is a Teams-client meeting id (base64 of 0#<threadId>#0), not the Graph onlineMeeting id; ${graphIdFix}` },
      ]],
      ["a chat thread id", { meetingId: thread, userId: organizer }, [
        { property: "meetingId", reason: `meetingId "${thread}" is a Teams chat thread id, not an online meeting id; ${graphIdFix}` },
      ]],
      ["the join URL", { meetingId: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", userId: organizer }, [
        { property: "meetingId", reason: "meetingId is a URL; set the online meeting's id instead (find it with GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '<join URL>')." },
      ]],
      ["a UPN with a space", { meetingId: graphId, userId: "adele vance@contoso.com" }, [
        { property: "userId", reason: 'userId "adele vance@contoso.com" contains whitespace; a userPrincipalName has none (e.g. adele.vance@contoso.com).' },
      ]],
      ["a display name as userId", { meetingId: graphId, userId: "Adele Vance" }, [
        { property: "userId", reason: "userId contains whitespace; use the organizer's object id (GUID) or userPrincipalName." },
      ]],
    ];
    for (const [name, news, failures] of rows) {
      it(`ExternalMeetingRegistration: ${name}`, () => {
        expect(registration.check({}, news).failures).to.deep.equal(failures);
      });
    }

    it("ExternalMeetingRegistrant: the same meeting id mistakes, and a half-given Entra identity", () => {
      expect(registrant.check({}, { meetingId: teamsClientId, registrantId: "r-1" }).failures).to.deep.equal([
        { property: "meetingId", reason: `meetingId "${teamsClientId}" is a Teams-client meeting id (base64 of 0#<threadId>#0), not the Graph onlineMeeting id; ${graphIdFix}` },
      ]);
      expect(registrant.check({}, { meetingId: graphId, registrantId: "r-1", registrantTenantId: organizer }).failures).to.deep.equal([
        { property: "registrantUserId", reason: "registrantUserId is missing: Graph takes the registrant's Entra ids as a pair; set it with registrantTenantId, or omit both." },
      ]);
    });
  });

  describe("stopped by configuration, before any request", () => {
    const configError = (values: Record<string, string>): string => {
      try {
        resolveConfig((k) => values[k], {});
      } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error("expected a ConfigError");
    };

    it("an http:// Graph endpoint is refused, loopback included (there is no opt-in: the emulator speaks https)", () => {
      for (const url of ["http://graph.contoso.test", "http://127.0.0.1:8443", "http://localhost:8443", "http://[::1]:8443"]) {
        expect(configError({ "msgraph:graphEndpoint": url }), url).to.equal("Invalid msgraph configuration: msgraph:graphEndpoint must use https:// (tokens are never sent in clear text).");
      }
      expect(configError({ "msgraph:authorityHost": "http://127.0.0.1:8443" })).to.equal("Invalid msgraph configuration: msgraph:authorityHost must use https:// (tokens are never sent in clear text).");
    });

    it("a national cloud without the registration API: create stops before any request, saying so", async () => {
      for (const cloud of ["USGov", "USGovDoD", "China"]) {
        const config = resolveConfig((k) => ({ "msgraph:cloud": cloud, "msgraph:accessToken": "not-used-token" })[k], {});
        const ctx = createProviderContext(config);
        try {
          const err = await registration.create(ctx, { meetingId: graphId, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
          expect(err.message).to.equal(
            `Could not create the ExternalMeetingRegistration for meeting "${graphId}" of user "${organizer}": the ${cloud} cloud has no meeting registration API (Microsoft Graph serves it, in beta, only in the Global cloud). Use msgraph:cloud Global, or a virtual-event webinar instead.`,
          );
        } finally {
          await ctx.client.close();
        }
      }
    });

    it("no credential at all: DefaultAzureCredential fails, and the message lists every way to configure one", async () => {
      // An empty environment: nothing for EnvironmentCredential, no IMDS on this network, no az/azd.
      const ctx = createProviderContext(resolveConfig(() => undefined, {}));
      const saved = { ...process.env };
      for (const k of Object.keys(process.env)) if (/^(AZURE_|MSGRAPH_|IDENTITY_|MSI_|IMDS_)/.test(k)) delete process.env[k];
      try {
        const err = await registration.create(ctx, { meetingId: graphId, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
        expect(err.name).to.equal("CredentialError");
        const [first, ...rest] = (err.message as string).split("\n");
        expect(first).to.match(
          /^Could not get a Microsoft Graph access token \(scope https:\/\/graph\.microsoft\.com\/\.default\) with DefaultAzureCredential \(no credential is configured\) at https:\/\/login\.microsoftonline\.com: ChainedTokenCredential authentication failed\. /,
        );
        expect(rest.join("\n")).to.equal(waysToConfigure);
        // The help as a user reads it, pinned (golden): a change to it shows here as a diff of the text.
        expect(waysToConfigure).to.equal(fs.readFileSync(path.join(__dirname, "..", "fixtures", "waysToConfigure.txt"), "utf8").replace(/\r\n/g, "\n").trimEnd());
      } finally {
        Object.assign(process.env, saved);
        await ctx.client.close();
      }
    });
  });

  describe("answered by Graph or the identity platform (emulator)", () => {
    let emu: EmulatorProcess;
    let meetingId: string;
    const opened: ProviderContext[] = [];
    const ctxWith = (overrides: Record<string, string | undefined>) => {
      const ctx = contextFor(emu, overrides);
      opened.push(ctx);
      return ctx;
    };

    before(async () => {
      emu = await startEmulator();
      meetingId = await newMeeting(emu);
    });
    after(async () => {
      for (const ctx of opened) await ctx.client.close();
      await emu?.stop();
    });
    afterEach(async () => {
      // No mistake may have left a registration behind.
      expect((await emu.admin.state()).registrations).to.deep.equal([]);
    });

    it("a /me registration (no userId) with an app-only credential", async () => {
      const err = await registration.create(ctxWith({}), { meetingId, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(normalise(err.message).split("\n")).to.deep.equal([
        `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of the signed-in user (/me): Microsoft Graph answered 400 Bad Request (code "BadRequest"): /me request is only valid with delegated authentication flow.`,
        "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.",
        "(POST /beta/me/onlineMeetings/{meetingId}/registration, status 400, code BadRequest, request-id <id>, client-request-id <id>, date <date>)",
      ]);
    });

    it("an app without an application access policy for the organizer", async () => {
      const secret = "no-policy-app-secret-123";
      const app = await emu.admin.addApp({ roles: ["OnlineMeetings.ReadWrite.All"], secrets: [secret] });
      const userId = emu.info.organizer.id;
      const err = await registration.create(ctxWith({ "msgraph:clientId": app.clientId, "msgraph:clientSecret": secret }), { meetingId, userId, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(normalise(err.message).split("\n")).to.deep.equal([
        `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${userId}": Microsoft Graph answered 403 Forbidden (code "Forbidden"): No application access policy found for this app.`,
        `This is an application token: Graph lets an app act on a user's meetings only when the app has OnlineMeetings.ReadWrite.All and a Teams application access policy names the app and is granted to that user. In Teams PowerShell: New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds "${app.clientId}"; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity "${userId}". Policy changes take up to 30 minutes to apply. A meeting created as a webinar also answers 403: registration can be enabled only on a plain online meeting. Microsoft's current pages list application permissions as "Not supported" for the meeting registration API (older pages listed OnlineMeetings.ReadWrite.All): where the tenant follows them, use a delegated identity (a user's token in msgraph:accessToken, without userId), or move to the webinar resources (docs/migrating-to-webinars.md).`,
        "(POST /beta/users/{userId}/onlineMeetings/{meetingId}/registration, status 403, code Forbidden, request-id <id>, client-request-id <id>, date <date>)",
      ]);
      expect(err.message).to.not.include(secret);
    });

    it("an expired token in msgraph:accessToken: refused before it is sent, with how to renew it", async () => {
      await emu.admin.setConfig({ tokenLifetimeSeconds: 1 });
      const token = await fetchAppToken(emu.info);
      await emu.admin.setConfig({ tokenLifetimeSeconds: 3600 });
      await new Promise((r) => setTimeout(r, 1200));
      await emu.admin.clearRequests();
      const err = await registration.create(ctxWith({ "msgraph:accessToken": token, "msgraph:clientSecret": undefined }), { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(err.name).to.equal("CredentialError");
      expect(err.message.replace(/expired at \S+Z\./, "expired at <time>.")).to.equal(
        "The access token in msgraph:accessToken expired at <time>. Get a fresh one (e.g. `az account get-access-token --resource-type ms-graph`) and set it with `pulumi config set --secret msgraph:accessToken <token>`, or configure an app credential.\n" + waysToConfigure,
      );
      expect(err.message).to.not.include(token);
      expect(await emu.admin.requests(), "no request carried the expired token").to.deep.equal([]);
    });

    it("a token Graph rejects (not issued by this tenant's identity platform): 401 with what to check", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const now = Math.floor(Date.now() / 1000);
      const forged = await new SignJWT({ aud: "https://graph.microsoft.com", tid: emu.info.tenantId, appid: emu.info.app.clientId, roles: ["OnlineMeetings.ReadWrite.All"], idtyp: "app" })
        .setProtectedHeader({ alg: "RS256", typ: "JWT" })
        .setIssuer(`https://login.microsoftonline.com/${emu.info.tenantId}/v2.0`)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
      const userId = emu.info.organizer.id;
      const err = await registration.create(ctxWith({ "msgraph:accessToken": forged, "msgraph:clientSecret": undefined }), { meetingId, userId, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(normalise(err.message).split("\n")).to.deep.equal([
        `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${userId}": Microsoft Graph answered 401 Unauthorized (code "InvalidAuthenticationToken"): Access token validation failure. Invalid signature.`,
        "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. msgraph:accessToken holds that token: get a fresh one for Microsoft Graph (e.g. `az account get-access-token --resource-type ms-graph`) and set it with `pulumi config set --secret msgraph:accessToken <token>`, or configure an app credential instead.",
        "(POST /beta/users/{userId}/onlineMeetings/{meetingId}/registration, status 401, code InvalidAuthenticationToken, request-id <id>, client-request-id <id>, date <date>)",
      ]);
      expect(err.message).to.not.include(forged);
    });

    it("the wrong tenant in msgraph:tenantId: the identity platform's AADSTS700016, and what to check", async () => {
      const other = await emu.admin.addTenant({ displayName: "Fabrikam" });
      const err = await registration.create(ctxWith({ "msgraph:tenantId": other.id }), { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(err.name).to.equal("CredentialError");
      expect(normalise(err.message, emu)).to.equal(
        `Could not get a Microsoft Graph access token (scope https://graph.microsoft.com/.default) with a client secret (from msgraph:clientSecret) at https://<emulator>: unauthorized_client: AADSTS700016: Application with identifier '${emu.info.app.clientId}' was not found in the directory '${other.id}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.\n` +
          "Check that the tenant and client ids name the app and that the secret is current (secrets expire).\n" +
          waysToConfigure,
      );
      expect(err.message).to.not.include(emu.info.app.clientSecret);
    });

    it("a token of another tenant's app: Graph does not find the organizer there (404, Graph's text quoted, the token's tenant named)", async () => {
      const other = await emu.admin.addTenant({ displayName: "Northwind" });
      const secret = "northwind-app-secret-1234";
      const app = await emu.admin.addApp({ tenantId: other.id, secrets: [secret] });
      const token = await fetchAppToken(emu.info, { clientId: app.clientId, clientSecret: secret }, other.id);
      const userId = emu.info.organizer.id;
      const err = await registration.create(ctxWith({ "msgraph:accessToken": token, "msgraph:clientSecret": undefined }), { meetingId, userId, allowedRegistrant: "everyone" }).catch((e) => e);
      const lines = normalise(err.message).split("\n");
      expect(lines[0]).to.equal(
        `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${userId}": Microsoft Graph answered 404 Not Found (code "NotFound"): User '${userId}' was not found.`,
      );
      expect(lines[1]).to.equal(
        `Graph found no online meeting "${meetingId}" organized by user "${userId}": check meetingId, and that userId is the meeting's organizer (a meeting is visible only under its organizer). The token is for tenant "${other.id}": userId must name a user of that tenant.`,
      );
      expect(err.message).to.not.include(token);
    });
  });
});
