// The serialized provider is what goes into every resource's state: it must be small, identical
// across versions (a golden copy), free of config, environment and secrets, and load the
// implementation by package name.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const kinds = ["externalMeetingRegistration", "onlineMeeting", "externalMeetingRegistrant", "virtualEventWebinar", "virtualEventRegistrationQuestion", "virtualEventRegistration"];
const golden = path.join(__dirname, "fixtures", "externalMeetingRegistration.provider.js");
const secret = "SHOULD-NEVER-BE-SERIALIZED-42";

describe("stub: the serialized __provider", function () {
  this.timeout(30_000);
  let serialized = "";
  let inputs: Record<string, unknown> = {};

  before(async () => {
    process.env.AZURE_CLIENT_SECRET = secret;
    process.env.MSGRAPH_ACCESS_TOKEN = secret;
    pulumi.runtime.setAllConfig({ "msgraph:clientSecret": secret, "msgraph:tenantId": "contoso.onmicrosoft.com" }, ["msgraph:clientSecret"]);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          inputs = args.inputs;
          return { id: "reg-1", state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // The built package, as a program loads it (after setMocks).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ExternalMeetingRegistration } = require("../../dist/provider");
    const reg = new ExternalMeetingRegistration("r", { meetingId: "MSo1", userId: "adele@contoso.com" });
    await new Promise<void>((resolve) => reg.id.apply(() => resolve()));
    serialized = String(inputs.__provider);
  });
  after(() => {
    delete process.env.AZURE_CLIENT_SECRET;
    delete process.env.MSGRAPH_ACCESS_TOKEN;
  });

  it("is what dynamic.Resource stores, and at most 2 KiB", () => {
    expect(serialized).to.include("exports.handler");
    expect(Buffer.byteLength(serialized)).to.be.lessThan(2048);
  });

  it("loads the implementation by package name and captures nothing else", () => {
    expect(serialized).to.include('require("pulumi-msgraph-meetings/impl")');
    expect(serialized).to.not.include(secret);
    expect(serialized).to.not.include("contoso");
    expect(serialized).to.not.include("process.env");
    expect(serialized).to.not.match(/\/work\/|node_modules|dist\/provider/);
    expect(serialized.match(/require\("([^"]+)"\)/g)).to.have.length(6);
    expect(new Set(serialized.match(/require\("([^"]+)"\)/g))).to.deep.equal(new Set(['require("pulumi-msgraph-meetings/impl")']));
  });

  // From a source checkout (dist/ not under node_modules) the serializer copies the object by value;
  // an installed package stores a require() of the stub's subpath instead: that text is the golden
  // copy, written by test/integration/provider/packaged.test.ts (UPDATE_GOLDEN=1).
  it("the golden copy (what an installed package stores) requires the stub's public subpath, which resolves to the same object", () => {
    const text = fs.readFileSync(golden, "utf8");
    expect(new Set(text.match(/require\("([^"]+)"\)/g))).to.deep.equal(new Set(['require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration")']));
    expect(Buffer.byteLength(text)).to.be.at.most(400);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration")).to.equal(require("../../dist/provider/stubs/externalMeetingRegistration"));
  });

  it("passes the inputs through", () => {
    expect(inputs).to.include({ meetingId: "MSo1", userId: "adele@contoso.com" });
  });
});

describe("stub: every resource kind's serialized __provider", () => {
  // scripts/build.js writes one stub per kind impl.ts exports.
  it("there is a stub for every resource kind, and nothing else", () => {
    expect(fs.readdirSync(path.join(__dirname, "..", "..", "dist", "provider", "stubs")).filter((f) => f.endsWith(".js")).sort()).to.deep.equal(kinds.map((k) => `${k}.js`).sort());
  });
  // Serialized as pulumi.dynamic.Resource does it (serializeFunction of a closure returning the object).
  // From a source checkout only (an installed package stores the ~250 B require of the golden copy):
  // 2.25 KiB, since each method names its kind in full (OnlineMeeting 2068 B, VirtualEventWebinar
  // 2104 B); the shortened impl names that kept these under 2 KiB are gone (issue 10).
  for (const kind of kinds) {
    it(`${kind} is at most 2.25 KiB and requires only the implementation`, async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const provider = require(`../../dist/provider/stubs/${kind}`);
      const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
      expect(Buffer.byteLength(text)).to.be.at.most(2304);
      expect(text).to.include(`require("pulumi-msgraph-meetings/impl").${kind}.check(`);
      expect(new Set(text.match(/require\("([^"]+)"\)/g))).to.deep.equal(new Set(['require("pulumi-msgraph-meetings/impl")']));
    });
  }
});
