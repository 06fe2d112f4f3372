// Pulumi's `import` resource option cannot reach a dynamic provider (the engine's import Read has
// no inputs, so no __provider): ExternalMeetingRegistration turns it into adoptId instead.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

describe("ExternalMeetingRegistration: the import resource option", function () {
  this.timeout(30_000);
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || "reg-new", state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ExternalMeetingRegistration } = require("../../../dist/provider");
    const waitFor = (r: pulumi.CustomResource) => new Promise<void>((resolve) => r.id.apply(() => resolve()));
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
