import { expect } from "chai";
import { describeGraphError, GraphError, GraphErrorFacts, isGraphError } from "../../../provider/graph/errors";
import { base } from "../fixtures/graphErrorFacts";


describe("graph/errors: the generic text of a failed call", () => {
  it("401 names the static token setting and how to renew it", () => {
    const text = describeGraphError({ ...base, status: 401, code: "InvalidAuthenticationToken", graphMessage: "Access token has expired or is not yet valid.", credentialSource: "msgraph:accessToken", staticTokenSetting: "msgraph:accessToken", tokenKind: "delegated" });
    expect(text.split("\n")[0]).to.equal('Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": Microsoft Graph answered 401 Unauthorized (code "InvalidAuthenticationToken"): Access token has expired or is not yet valid.');
    expect(text.split("\n")[1]).to.equal(
      "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. msgraph:accessToken holds that token: get a fresh one for Microsoft Graph (e.g. `az account get-access-token --resource-type ms-graph`) and set it with `pulumi config set --secret msgraph:accessToken <token>`, or configure an app credential instead.",
    );
    expect(describeGraphError({ ...base, status: 401, code: "InvalidAuthenticationToken" }).split("\n")[1]).to.equal(
      "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. Check msgraph:tenantId, msgraph:clientId and msgraph:cloud (the token must be for this cloud's Graph).",
    );
  });

  it("429 after retries: attempts, last Retry-After, what to do", () => {
    expect(describeGraphError({ ...base, status: 429, code: "TooManyRequests", attempts: 6, retryAfterMs: 1500 }).split("\n")[1]).to.equal(
      "Microsoft Graph kept throttling this app after 6 attempts (last Retry-After: 1.5s). Wait a few minutes and run again, or lower the parallelism (pulumi up --parallel 2).",
    );
  });

  it("no response: transport code, attempts, where to look; an ambiguous POST says it may have been applied", () => {
    const d: GraphErrorFacts = { ...base, status: 0, code: "UND_ERR_SOCKET", graphMessage: "other side closed", requestId: undefined, date: undefined, ambiguous: true };
    expect(describeGraphError(d)).to.equal(
      'Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": no response from Microsoft Graph (UND_ERR_SOCKET: other side closed) after 1 attempt.\n' +
        "Check that https://graph.microsoft.com is reachable from here (network, firewall, HTTPS_PROXY/NO_PROXY) and that msgraph:graphEndpoint is right. The request may have been applied before its answer was lost: run `pulumi refresh` before trying again.\n" +
        "(POST /beta/users/{userId}/onlineMeetings/{meetingId}/registration, code UND_ERR_SOCKET, client-request-id 22222222-2222-2222-2222-222222222222)",
    );
  });

  it("401 with a static user token names msgraph:userAccessToken and how to renew it", () => {
    const text = describeGraphError({ ...base, status: 401, code: "InvalidAuthenticationToken", credentialSource: "MSGRAPH_USER_ACCESS_TOKEN", staticTokenSetting: "msgraph:userAccessToken", tokenKind: "delegated" });
    expect(text.split("\n")[1]).to.equal(
      "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant. MSGRAPH_USER_ACCESS_TOKEN holds that token: get a fresh one for Microsoft Graph as the webinar organizer and set it with `pulumi config set --secret msgraph:userAccessToken <token>`, or sign in by device code (msgraph:userCredential deviceCode).",
    );
  });

  it("GraphError carries the facts, and the generic text as its message", () => {
    const e = new GraphError(base);
    expect(e).to.be.instanceOf(Error);
    expect(e.name).to.equal("GraphError");
    expect(e).to.include({ status: 403, code: "Forbidden", requestId: base.requestId, clientRequestId: base.clientRequestId, date: base.date, operation: base.operation, target: base.target, method: "POST", route: base.route, attempts: 1, ambiguous: false, tokenKind: "app" });
    expect(e).to.not.have.property("details");
    expect(e.graphMessage).to.equal(base.graphMessage);
    expect(e.message).to.equal(describeGraphError(base));
    expect(isGraphError(e)).to.equal(true);
    expect(isGraphError(e, 403)).to.equal(true);
    expect(isGraphError(e, 404)).to.equal(false);
    expect(isGraphError(new Error("x"))).to.equal(false);
  });
});
