import { expect } from "chai";
import { describeGraphError, GraphError, GraphErrorDetails, isGraphError } from "../../provider/graph/errors";

const base: GraphErrorDetails = {
  status: 403,
  code: "Forbidden",
  graphMessage: "No application access policy found for this app.",
  requestId: "11111111-1111-1111-1111-111111111111",
  clientRequestId: "22222222-2222-2222-2222-222222222222",
  date: "2026-01-01T00:00:00",
  operation: "create the ExternalMeetingRegistration",
  target: 'for meeting "MSo1" of user "u1"',
  method: "POST",
  route: "/beta/users/{userId}/onlineMeetings/{meetingId}/registration",
  attempts: 1,
  ambiguous: false,
  tokenKind: "app",
  appId: "33333333-3333-3333-3333-333333333333",
  credentialSource: "msgraph:clientSecret",
  graphEndpoint: "https://graph.microsoft.com",
  hints: { userId: "u1" },
};
const ids = "(POST /beta/users/{userId}/onlineMeetings/{meetingId}/registration, status 403, code Forbidden, request-id 11111111-1111-1111-1111-111111111111, client-request-id 22222222-2222-2222-2222-222222222222, date 2026-01-01T00:00:00)";

describe("graph/errors: the message a user reads", () => {
  it("403 with an app token: names the operation, meeting, cause, the access-policy fix with app and user, and the ids", () => {
    expect(describeGraphError(base)).to.equal(
      'Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": Microsoft Graph answered 403 Forbidden (code "Forbidden"): No application access policy found for this app.\n' +
        'This is an application token: Graph lets an app act on a user\'s meetings only when the app has OnlineMeetings.ReadWrite.All and a Teams application access policy names the app and is granted to that user. In Teams PowerShell: New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds "33333333-3333-3333-3333-333333333333"; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity "u1". Policy changes take up to 30 minutes to apply. A meeting created as a webinar also answers 403: registration can be enabled only on a plain online meeting.\n' +
        ids,
    );
  });

  it("403 branches on the token kind, not the code (Forbidden, General and Unauthorized all mean the same)", () => {
    for (const code of ["Forbidden", "General", "Unauthorized"]) {
      expect(describeGraphError({ ...base, code })).to.include("New-CsApplicationAccessPolicy");
    }
    expect(describeGraphError({ ...base, tokenKind: "delegated" })).to.include(
      "The signed-in user needs the delegated permission OnlineMeetings.ReadWrite (consented) and must be the meeting's organizer.",
    );
  });

  it("400 on /me with an app token says to set userId", () => {
    const text = describeGraphError({ ...base, status: 400, code: "BadRequest", graphMessage: "/me request is only valid with delegated authentication flow.", route: "/beta/me/onlineMeetings/{meetingId}/registration", target: 'for meeting "MSo1" of the signed-in user (/me)' });
    expect(text.split("\n")[1]).to.equal(
      "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.",
    );
    // the same 400 with a delegated token is not blamed on /me
    expect(describeGraphError({ ...base, status: 400, code: "BadRequest", tokenKind: "delegated", route: "/beta/me/x" })).to.not.include("/me, which works only");
  });

  it("401 names the static token setting and how to renew it", () => {
    const text = describeGraphError({ ...base, status: 401, code: "InvalidAuthenticationToken", graphMessage: "Access token has expired or is not yet valid.", credentialSource: "msgraph:accessToken", tokenKind: "delegated" });
    expect(text.split("\n")[0]).to.equal('Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": Microsoft Graph answered 401 Unauthorized (code "InvalidAuthenticationToken"): Access token has expired or is not yet valid.');
    expect(text.split("\n")[1]).to.equal(
      "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. msgraph:accessToken holds that token: get a fresh one for Microsoft Graph (e.g. `az account get-access-token --resource-type ms-graph`) and set it with `pulumi config set --secret msgraph:accessToken <token>`, or configure an app credential instead.",
    );
    expect(describeGraphError({ ...base, status: 401, code: "InvalidAuthenticationToken" }).split("\n")[1]).to.equal(
      "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. Check msgraph:tenantId, msgraph:clientId and msgraph:cloud (the token must be for this cloud's Graph).",
    );
  });

  it("404 and 409 use the caller's hint", () => {
    expect(describeGraphError({ ...base, status: 404, code: "NotFound", hints: { notFound: "No such meeting." } }).split("\n")[1]).to.equal("No such meeting.");
    // With the token's tenant known and a userId route, the 404 also says which tenant was asked.
    expect(describeGraphError({ ...base, status: 404, code: "NotFound", tokenTenantId: "t-1", hints: { notFound: "No such meeting.", userId: "u" } }).split("\n")[1]).to.equal(
      'No such meeting. The token is for tenant "t-1": userId must name a user of that tenant.',
    );
    expect(describeGraphError({ ...base, status: 404, code: "NotFound", tokenTenantId: "t-1", hints: { notFound: "No such meeting." } }).split("\n")[1]).to.equal("No such meeting.");
    expect(describeGraphError({ ...base, status: 409, code: "Conflict", hints: { conflict: "Adopt it." } }).split("\n")[1]).to.equal("Adopt it.");
  });

  it("429 after retries: attempts, last Retry-After, what to do", () => {
    expect(describeGraphError({ ...base, status: 429, code: "TooManyRequests", attempts: 6, retryAfterMs: 1500 }).split("\n")[1]).to.equal(
      "Microsoft Graph kept throttling this app after 6 attempts (last Retry-After: 1.5s). Wait a few minutes and run again, or lower the parallelism (pulumi up --parallel 2).",
    );
  });

  it("no response: transport code, attempts, where to look; an ambiguous POST says it may have been applied", () => {
    const d: GraphErrorDetails = { ...base, status: 0, code: "UND_ERR_SOCKET", graphMessage: "other side closed", requestId: undefined, date: undefined, ambiguous: true, hints: {} };
    expect(describeGraphError(d)).to.equal(
      'Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": no response from Microsoft Graph (UND_ERR_SOCKET: other side closed) after 1 attempt.\n' +
        "Check that https://graph.microsoft.com is reachable from here (network, firewall, HTTPS_PROXY/NO_PROXY) and that msgraph:graphEndpoint is right. The request may have been applied before its answer was lost: run `pulumi refresh` before trying again.\n" +
        "(POST /beta/users/{userId}/onlineMeetings/{meetingId}/registration, code UND_ERR_SOCKET, client-request-id 22222222-2222-2222-2222-222222222222)",
    );
    expect(describeGraphError({ ...d, hints: { ambiguous: "Custom." } })).to.include("msgraph:graphEndpoint is right. Custom.");
  });

  it("GraphError carries the fields and the text as its message", () => {
    const e = new GraphError(base);
    expect(e).to.be.instanceOf(Error);
    expect(e.name).to.equal("GraphError");
    expect(e).to.include({ status: 403, code: "Forbidden", requestId: base.requestId, clientRequestId: base.clientRequestId, date: base.date, operation: base.operation, attempts: 1, ambiguous: false });
    expect(e.graphMessage).to.equal(base.graphMessage);
    expect(e.message).to.equal(describeGraphError(base));
    expect(isGraphError(e)).to.equal(true);
    expect(isGraphError(e, 403)).to.equal(true);
    expect(isGraphError(e, 404)).to.equal(false);
    expect(isGraphError(new Error("x"))).to.equal(false);
  });
});
