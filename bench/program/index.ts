// N resources for the benchmark. mode "registration": N ExternalMeetingRegistrations on N meetings
// made beforehand; mode "noop": the baseline, N dynamic resources with the same inputs whose
// provider only returns them, so the difference is what this package costs; mode "webinar": N
// VirtualEventRegistrations (anonymous people) on the published webinar `webinarId` made beforehand.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { ExternalMeetingRegistration, VirtualEventRegistration } from "pulumi-msgraph-meetings";

const config = new pulumi.Config();
const mode = config.require("mode");
const count = config.requireNumber("count");
const organizerId = config.require("organizerId");
const meetingIds = JSON.parse(fs.readFileSync(config.require("meetingsFile"), "utf8")) as string[];
if (mode !== "webinar" && meetingIds.length < count) throw new Error(`meetingsFile holds ${meetingIds.length} meeting ids, fewer than count ${count}`);

const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(inputs.meetingId), outs: inputs };
  },
};

class NoopRegistration extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, pulumi.Input<string>>) {
    super(noopProvider, name, props, undefined, "bench", "NoopRegistration");
  }
}

for (let i = 0; i < count; i++) {
  const args = { meetingId: meetingIds[i], userId: organizerId, allowedRegistrant: "everyone" as const };
  if (mode === "webinar") {
    new VirtualEventRegistration(`person-${i}`, {
      webinarId: config.require("webinarId"),
      firstName: "Bench",
      lastName: `Person ${i}`,
      email: `person-${i}@example.com`,
      preferredTimezone: "UTC",
      preferredLanguage: "en-us",
      externalRegistrationInformation: { referrer: "bench", registrationId: `bench-${i}` },
    });
  } else if (mode === "registration") new ExternalMeetingRegistration(`reg-${i}`, args);
  else if (mode === "noop") new NoopRegistration(`noop-${i}`, args);
  else throw new Error(`mode must be "registration", "noop" or "webinar", not "${mode}"`);
}
