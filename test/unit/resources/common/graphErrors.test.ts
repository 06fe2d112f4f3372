// The text a resource gives a failed Graph call: its own fix for the status (what a 404 or 409
// means for that call), the online-meeting access-policy fix for a 403, the /me fix for a 400 to an
// app token, and the generic fix otherwise; the GraphError's facts are kept.
import { expect } from "chai";
import { GraphError, GraphErrorFacts, isGraphError } from "../../../../provider/graph/errors";
import { explained, GraphFixes } from "../../../../provider/resources/common/graphErrors";
import { base, ids } from "../../fixtures/graphErrorFacts";


/** The message of a GraphError with these facts, told by a resource with these fixes. */
function told(facts: GraphErrorFacts, fixes: GraphFixes = { userId: "u1" }): string {
  return (explained(new GraphError(facts), fixes) as Error).message;
}

describe("resources/common/graphErrors: the message a user reads", () => {
  it("403 with an app token: names the operation, meeting, cause, the access-policy fix with app and user, and the ids", () => {
    expect(told(base)).to.equal(
      'Could not create the ExternalMeetingRegistration for meeting "MSo1" of user "u1": Microsoft Graph answered 403 Forbidden (code "Forbidden"): No application access policy found for this app.\n' +
        'This is an application token: Graph lets an app act on a user\'s meetings only when the app has OnlineMeetings.ReadWrite.All and a Teams application access policy names the app and is granted to that user. In Teams PowerShell: New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds "33333333-3333-3333-3333-333333333333"; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity "u1". Policy changes take up to 30 minutes to apply. A meeting created as a webinar also answers 403: registration can be enabled only on a plain online meeting.\n' +
        ids,
    );
  });

  it("403 branches on the token kind, not the code (Forbidden, General and Unauthorized all mean the same)", () => {
    for (const code of ["Forbidden", "General", "Unauthorized"]) {
      expect(told({ ...base, code })).to.include("New-CsApplicationAccessPolicy");
    }
    expect(told({ ...base, tokenKind: "delegated" })).to.include(
      "The signed-in user needs the delegated permission OnlineMeetings.ReadWrite (consented) and must be the meeting's organizer.",
    );
  });

  it("400 on /me with an app token says to set userId", () => {
    const text = told({ ...base, status: 400, code: "BadRequest", graphMessage: "/me request is only valid with delegated authentication flow.", route: "/beta/me/onlineMeetings/{meetingId}/registration", target: 'for meeting "MSo1" of the signed-in user (/me)' });
    expect(text.split("\n")[1]).to.equal(
      "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.",
    );
    // the same 400 with a delegated token is not blamed on /me
    expect(told({ ...base, status: 400, code: "BadRequest", tokenKind: "delegated", route: "/beta/me/x" })).to.not.include("/me, which works only");
  });

  it("404 and 409 use the caller's hint", () => {
    expect(told({ ...base, status: 404, code: "NotFound" }, { notFound: "No such meeting." }).split("\n")[1]).to.equal("No such meeting.");
    // With the token's tenant known and a userId route, the 404 also says which tenant was asked.
    expect(told({ ...base, status: 404, code: "NotFound", tokenTenantId: "t-1" }, { notFound: "No such meeting.", userId: "u" }).split("\n")[1]).to.equal(
      'No such meeting. The token is for tenant "t-1": userId must name a user of that tenant.',
    );
    expect(told({ ...base, status: 404, code: "NotFound", tokenTenantId: "t-1" }, { notFound: "No such meeting." }).split("\n")[1]).to.equal("No such meeting.");
    expect(told({ ...base, status: 409, code: "Conflict" }, { conflict: "Adopt it." }).split("\n")[1]).to.equal("Adopt it.");
  });

  it("no response: the caller's advice replaces the generic one for a request that may have been applied", () => {
    const d: GraphErrorFacts = { ...base, status: 0, code: "UND_ERR_SOCKET", graphMessage: "other side closed", requestId: undefined, date: undefined, ambiguous: true };
    expect(told(d, {})).to.include("msgraph:graphEndpoint is right. The request may have been applied before its answer was lost");
    expect(told(d, { ambiguous: "Custom." })).to.include("msgraph:graphEndpoint is right. Custom.");
  });

  it("keeps the facts: the told error is a GraphError with the same fields; other errors pass unchanged", () => {
    const e = new GraphError({ ...base, status: 409, code: "Conflict" });
    const t = explained(e, { conflict: "Adopt it." }) as GraphError;
    expect(isGraphError(t, 409)).to.equal(true);
    expect(t).to.include({ code: "Conflict", requestId: base.requestId, clientRequestId: base.clientRequestId, route: base.route, operation: base.operation });
    expect(t.message.split("\n")[1]).to.equal("Adopt it.");
    const other = new Error("x");
    expect(explained(other, { conflict: "Adopt it." })).to.equal(other);
  });
});
