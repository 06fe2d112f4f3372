import { expect } from "chai";
import { create, diff } from "../../../../provider/resources/externalMeetingRegistration/lifecycle";
import { resolveConfig } from "../../../../provider/config";
import type { ProviderContext } from "../../../../provider/runtime";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { meetingId, organizer } from "./fixtures";

describe("ExternalMeetingRegistration: diff", () => {
  const olds = { id: "reg-1", meetingId, userId: organizer, allowedRegistrant: "everyone" as const, __provider: "stub" };

  it("no changes when the inputs are the same", async () => {
    expect(await diff("reg-1", olds, { meetingId, userId: organizer, allowedRegistrant: "everyone" })).to.deep.equal({ changes: false });
    // state from before allowedRegistrant was defaulted
    expect(await diff("reg-1", { id: "reg-1", meetingId }, { meetingId, allowedRegistrant: "everyone" })).to.deep.equal({ changes: false });
  });

  it("any change replaces, deleting first (one registration per meeting)", async () => {
    expect(await diff("reg-1", olds, { meetingId, userId: organizer, allowedRegistrant: "organization" })).to.deep.equal({ changes: true, replaces: ["allowedRegistrant"], deleteBeforeReplace: true });
    expect(await diff("reg-1", olds, { meetingId: "MSo2", allowedRegistrant: "everyone" })).to.deep.equal({ changes: true, replaces: ["meetingId", "userId"], deleteBeforeReplace: true });
  });

  it("adoptId is create-time only: adding, changing or removing it is no change", async () => {
    expect(await diff("reg-1", olds, { meetingId, userId: organizer, allowedRegistrant: "everyone", adoptId: "reg-1" })).to.deep.equal({ changes: false });
    expect(await diff("reg-1", { ...olds, adoptId: "reg-1" }, { meetingId, userId: organizer, allowedRegistrant: "everyone" })).to.deep.equal({ changes: false });
  });

  it("an unknown new value is a (possible) replacement", async () => {
    expect(await diff("reg-1", olds, { meetingId: unknownValue, userId: organizer, allowedRegistrant: "everyone" })).to.deep.equal({ changes: true, replaces: ["meetingId"], deleteBeforeReplace: true });
  });
});

describe("ExternalMeetingRegistration: create in a cloud without the registration API", () => {
  it("fails before any request, saying why", async () => {
    const config = resolveConfig((k: string) => ({ "msgraph:cloud": "USGov" })[k], {});
    const client = { request: () => Promise.reject(new Error("no request expected")) };
    const ctx = { config, client } as unknown as ProviderContext;
    const err = await create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" }).then(() => new Error("expected a failure"), (e: Error) => e);
    expect(err.message).to.equal(
      `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${organizer}": the USGov cloud has no meeting registration API (Microsoft Graph serves it, in beta, only in the Global cloud). Use msgraph:cloud Global, or a virtual-event webinar instead.`,
    );
  });
});
