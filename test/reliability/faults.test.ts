// The fault suite, one run per fault class (seed 1): a stack of 20 registrations through each fault
// with the real Pulumi CLI ends with the emulator's GET /state equal to the Pulumi state — no
// duplicate, no orphan — either by itself or after the commands the CLI's and the provider's
// messages name. `npm run faults` (scripts/fault-runs.ts) repeats each class and writes RELIABILITY.md's table.
import { clearErrorsOfEverySubject, itConvergesThroughEach } from "../support/faults/expectConverged";
import { faultClasses } from "../support/faults/faultRuns";
import { meetingSubject } from "../support/faults/subjects";

/** Every error a user met names what to do next; these are the texts that do. */
const clearErrors: RegExp[] = [
  // Throttled past the retry budget: the provider's 429 fix.
  /Microsoft Graph answered 429 .* \| Microsoft Graph kept throttling this app after \d+ attempts .*Wait a few minutes and run again, or lower the parallelism \(pulumi up --parallel 2\)\./,
  // A registration made by an unrecorded create: the 409 fix with the id to adopt.
  /Microsoft Graph answered 409 Conflict .* \| The meeting already has an external registration \(id "[0-9a-f-]{36}", allowedRegistrant "(everyone|organization)"\), and Graph allows one registration per meeting\. To manage it with Pulumi, adopt it: add adoptId: "[0-9a-f-]{36}"/,
  // Graph failing a create past the retry budget (503/504 to the POST and its re-posts): run again.
  /Microsoft Graph answered 50[34] .* \| Microsoft Graph failed or was unavailable after \d+ attempt\(s\)\. Run again later; if it persists, quote the request-id below to Microsoft support\. The registration may have been created before the answer was lost; the next `pulumi up` finds it and says how to adopt it\./,
  ...clearErrorsOfEverySubject,
];

/** What each class may need from the user; anything else is a regression. */
const expectedRecovery: Record<string, RegExp> = {
  "429-storm": /^(|pulumi refresh → pulumi up)$/,
  // A create whose POST and re-posts all meet a 5xx stops with "run again later" (the rate is harsh).
  "5xx-retry-after": /^(|pulumi refresh → pulumi up)$/,
  "5xx-no-retry-after": /^(|pulumi refresh → pulumi up)$/,
  "connection-reset": /^(|pulumi refresh → pulumi up)$/,
  "post-dropped": /^$/,
  "delete-dropped": /^$/,
  "token-outage": /^$/,
  "emulator-restart": /^$/,
  // One command, no code edit: recover adopts what the killed run made, so the next up meets no 409.
  sigkill: /^npx msgraph-meetings recover → pulumi up$/,
};

describe("reliability: 20 registrations through every fault class with the Pulumi CLI", function () {
  this.timeout(180_000);

  itConvergesThroughEach(meetingSubject, faultClasses, expectedRecovery, clearErrors);
});
