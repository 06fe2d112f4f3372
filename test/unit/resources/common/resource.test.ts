// What every resource class shares (provider/resources/common/resource.ts), through the built
// classes under Pulumi's mocks. Pulumi's `import` resource option cannot reach a dynamic provider (the
// engine's import Read has no inputs, so no __provider): the classes turn it into adoptId instead.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

/** Installs Pulumi's mocks, recording every resource registered, with `idOf` as its id when none is given. */
async function recordRegistrations(idOf: (name: string) => string): Promise<pulumi.runtime.MockResourceArgs[]> {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: args.id || idOf(args.name), state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
  return registered;
}

const waitFor = (r: pulumi.CustomResource) => new Promise<void>((resolve) => r.id.apply(() => resolve()));

describe("ExternalMeetingRegistration: the import resource option", function () {
  this.timeout(30_000);
  let registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    registered = await recordRegistrations(() => "reg-new");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ExternalMeetingRegistration } = require("../../../../dist/provider");
    await waitFor(new ExternalMeetingRegistration("imported", { meetingId: "MSo1", userId: "u1" }, { import: "f23714a3" }));
    await waitFor(new ExternalMeetingRegistration("both", { meetingId: "MSo2", userId: "u1", adoptId: "given" }, { import: "other" }));
    await waitFor(new ExternalMeetingRegistration("plain", { meetingId: "MSo3", userId: "u1" }));
  });

  it("becomes adoptId, and the engine is not asked to import", () => {
    const r = registered.find((a) => a.name === "imported")!;
    expect(r.inputs.adoptId).to.equal("f23714a3");
    expect(r.id ?? "").to.equal("");
  });

  it("an explicit adoptId wins over the import option", () => {
    expect(registered.find((a) => a.name === "both")!.inputs.adoptId).to.equal("given");
  });

  it("without either, nothing is adopted", () => {
    expect(registered.find((a) => a.name === "plain")!.inputs.adoptId).to.equal(undefined);
  });
});

describe("VirtualEventWebinar and VirtualEventRegistration: the import resource option", function () {
  this.timeout(30_000);
  let registered: pulumi.runtime.MockResourceArgs[] = [];
  const webinarId = "a1b2c3d4-0000-4000-8000-000000000001@8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";

  before(async () => {
    registered = await recordRegistrations((name) => `${name}-id`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { VirtualEventWebinar, VirtualEventRegistration } = require("../../../../dist/provider");
    const times = { startDateTime: { dateTime: "2030-01-20T16:00:00", timeZone: "UTC" }, endDateTime: { dateTime: "2030-01-20T17:00:00", timeZone: "UTC" } };
    await waitFor(new VirtualEventWebinar("w", { displayName: "x", audience: "everyone", ...times }, { import: webinarId }));
    const person = { webinarId, firstName: "A", lastName: "L", email: "a@example.com", preferredTimezone: "UTC", preferredLanguage: "en-us" };
    await waitFor(new VirtualEventRegistration("r", person, { import: `${webinarId}/reg-1` }));
  });

  it("becomes adoptId, and the engine is not asked to import", () => {
    const w = registered.find((a) => a.name === "w")!;
    expect(w.inputs.adoptId).to.equal(webinarId);
    expect(w.id ?? "").to.equal("");
    expect(registered.find((a) => a.name === "r")!.inputs.adoptId).to.equal(`${webinarId}/reg-1`);
  });

  it("the URN types are msgraph:VirtualEventWebinar and msgraph:VirtualEventRegistration", () => {
    expect(registered.find((a) => a.name === "w")!.type).to.equal("pulumi-nodejs:dynamic/msgraph:VirtualEventWebinar");
    expect(registered.find((a) => a.name === "r")!.type).to.equal("pulumi-nodejs:dynamic/msgraph:VirtualEventRegistration");
  });
});
