// The shared id rules: no id (input, state or route value) may be empty, "." or "..", which would
// address the parent resource once it is in a URL.
import { expect } from "chai";
import { route } from "../../../../provider/graph/route";
import { assertStoredIds, meetingIdProblem, segmentProblem, userIdProblem } from "../../../../provider/resources/common/ids";
import { urlOf, userRoute } from "../../../../provider/resources/common/routes";
import { check as registrantCheck } from "../../../../provider/resources/externalMeetingRegistrant/inputs";
import * as registrant from "../../../../provider/resources/externalMeetingRegistrant/lifecycle";
import { check as registrationCheck } from "../../../../provider/resources/externalMeetingRegistration/inputs";
import * as registration from "../../../../provider/resources/externalMeetingRegistration/lifecycle";
import { check as meetingCheck } from "../../../../provider/resources/onlineMeeting/inputs";
import * as meeting from "../../../../provider/resources/onlineMeeting/lifecycle";
import type { ProviderContext } from "../../../../provider/runtime";

const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
const meetingId = "MSoxNjY2NGY3NS0xMWRjLTQ4NzAtYmVjNi0zOGMxYWFhODE0MzEqMCoqMTk6bWVldGluZ19OVGcwTm1RM0B0aHJlYWQudjI";
const parent = 'registrantId is "..", which is not an id: in a URL it means the parent resource, so Graph would act on another object (e.g. DELETE …/registrants/.. deletes the whole registration). Set the real id.';

describe("common/ids: dot segments", () => {
  it("segmentProblem refuses empty, . and .., and nothing else", () => {
    expect(segmentProblem("registrantId", "..")).to.equal(parent);
    expect(segmentProblem("x", ".")).to.match(/^x is "\.", which is not an id: in a URL it means this resource/);
    expect(segmentProblem("x", "")).to.equal("x is empty: set the id itself.");
    for (const ok of ["...", ".a", "a..", "crm-1", "%2e%2e"]) expect(segmentProblem("x", ok), ok).to.equal(undefined);
  });

  it("meetingId and userId refuse them, naming the property", () => {
    expect(meetingIdProblem("meetingId", "..")).to.match(/^meetingId is "\.\.", which is not an id/);
    expect(meetingIdProblem("meetingId", ".")).to.match(/^meetingId is "\.", which is not an id/);
    expect(userIdProblem("userId", "..")).to.match(/^userId is "\.\.", which is not an id/);
  });

  it("every resource's check refuses them in every id input", () => {
    const failuresOf = (r: { failures?: { property: string; reason: string }[] }) => (r.failures ?? []).map((f) => f.property);
    expect(registrantCheck({}, { meetingId, userId: organizer, registrantId: ".." }).failures).to.deep.equal([{ property: "registrantId", reason: parent }]);
    expect(failuresOf(registrantCheck({}, { meetingId, userId: organizer, registrantId: "." }))).to.deep.equal(["registrantId"]);
    expect(failuresOf(registrantCheck({}, { meetingId: "..", userId: organizer, registrantId: "r1" }))).to.deep.equal(["meetingId"]);
    expect(failuresOf(registrantCheck({}, { meetingId, userId: organizer, registrantId: "r1", registrationId: ".." }))).to.deep.equal(["registrationId"]);
    expect(failuresOf(registrationCheck({}, { meetingId: ".", userId: organizer }))).to.deep.equal(["meetingId"]);
    expect(failuresOf(registrationCheck({}, { meetingId, userId: "..", adoptId: ".." }))).to.deep.equal(["userId", "adoptId"]);
    expect(failuresOf(meetingCheck({}, { userId: ".", subject: "s", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" }))).to.deep.equal(["userId"]);
  });
});

describe("common/routes: the route builder", () => {
  it("encodes each value as one segment under /users/{userId} or /me", () => {
    expect(userRoute("beta", "a@b.com", "/onlineMeetings/{meetingId}", { meetingId: "M+1=" })).to.deep.equal({
      template: "/beta/users/{userId}/onlineMeetings/{meetingId}",
      path: "/beta/users/a%40b.com/onlineMeetings/M%2B1%3D",
    });
    expect(userRoute("v1.0", undefined, "/onlineMeetings")).to.deep.equal({ template: "/v1.0/me/onlineMeetings", path: "/v1.0/me/onlineMeetings" });
    expect(urlOf("https://localhost:8443/", userRoute("beta", organizer, "/x"))).to.equal(`https://localhost:8443/beta/users/${organizer}/x`);
  });

  it("refuses an empty, . or .. value, whoever calls it", () => {
    for (const bad of ["", ".", ".."]) {
      expect(() => route("/beta/x/{id}/y/{other}", { id: "ok", other: bad }), JSON.stringify(bad)).to.throw(
        `route /beta/x/{id}/y/{other}: {other} is ${JSON.stringify(bad)}, which is not an id (an empty, "." or ".." segment would address another resource); nothing was sent.`,
      );
      expect(() => userRoute("beta", bad, "/onlineMeetings")).to.throw(/\{userId\} is/);
    }
    expect(route("/x/{id}", { id: "..." }).path).to.equal("/x/...");
  });
});

describe("common/ids: ids read from state", () => {
  const noRequests = { request: () => Promise.reject(new Error("no request expected")), graphEndpoint: "https://localhost" };
  const ctx = { config: {}, client: noRequests } as unknown as ProviderContext;
  const failure = (p: Promise<unknown>) => p.then(() => new Error("expected a failure"), (e: Error) => e);

  it("assertStoredIds names the property and the way out", () => {
    expect(() => assertStoredIds('delete ExternalMeetingRegistrant "r"', { meetingId, registrantId: ".." })).to.throw(
      'Could not delete ExternalMeetingRegistrant "r": the state holds an unusable id (' +
        parent.replace(/\.$/, "") +
        "). Nothing was sent to Microsoft Graph. If the program has the right id, run `pulumi refresh`; otherwise remove the resource from the state with `pulumi state delete <urn>` and adopt or recreate it.",
    );
    expect(() => assertStoredIds("x", { userId: undefined, meetingId })).not.to.throw();
  });

  it("read and delete of every resource refuse a dot-segment id before any request", async () => {
    const cases: [string, Promise<unknown>, RegExp][] = [
      ["registrant delete", registrant.remove(ctx, "..", { meetingId, userId: organizer, registrantId: ".." }), /delete ExternalMeetingRegistrant "\.\.".*registrantId is "\.\."/],
      ["registrant read", registrant.read(ctx, "r1", { id: "r1", meetingId: ".", userId: organizer, registrantId: "r1" }), /read ExternalMeetingRegistrant "r1".*meetingId is "\."/],
      ["registration delete", registration.remove(ctx, "reg", { meetingId, userId: ".." }), /delete ExternalMeetingRegistration "reg".*userId is "\.\."/],
      ["registration read", registration.read(ctx, "..", { id: "..", meetingId, userId: organizer }), /read ExternalMeetingRegistration "\.\.".*id is "\.\."/],
      ["meeting delete", meeting.remove(ctx, "..", { userId: organizer }), /delete OnlineMeeting "\.\.".*id is "\.\."/],
      ["meeting read", meeting.read(ctx, ".", { id: ".", userId: organizer }), /read OnlineMeeting "\.".*id is "\."/],
      ["meeting update", meeting.update(ctx, "..", { id: "..", subject: "a" }, { subject: "b", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" }), /update OnlineMeeting "\.\.".*id is "\.\."/],
    ];
    for (const [name, p, expected] of cases) {
      const err = await failure(p);
      expect(err.message, name).to.match(expected);
      expect(err.message, name).to.include("Nothing was sent to Microsoft Graph.");
    }
  });
});
