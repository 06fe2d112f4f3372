// The import resource option of the webinar resources becomes adoptId (the engine's own import
// cannot reach a dynamic provider), and the webinar's join link is a secret output.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

describe("VirtualEventWebinar and VirtualEventRegistration: the import resource option", function () {
  this.timeout(30_000);
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  const webinarId = "a1b2c3d4-0000-4000-8000-000000000001@8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { VirtualEventWebinar, VirtualEventRegistration } = require("../../../dist/provider");
    const waitFor = (r: pulumi.CustomResource) => new Promise<void>((resolve) => r.id.apply(() => resolve()));
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
