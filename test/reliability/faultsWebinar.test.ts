// The fault suite against the webinar subject, kept small: one published webinar (the organizer's
// delegated token) and 8 anonymous registrations (the application's; 204 without a body, each id
// found by lookup) through a few fault classes with the real Pulumi CLI, one run each (seed 1). Each
// ends with every registration of the state live in the emulator, one per person, no orphan, no
// pending operation. `npm run faults -- --stack webinar` runs every class K times at N = 20 and
// writes RELIABILITY.md's webinar table.
import { clearErrorsOfEverySubject, itConvergesThroughEach } from "../support/faults/expectConverged";
import { faultClassesFor } from "../support/faults/faultRuns";
import { webinarSubject } from "../support/faults/subjects";

/** What each class may need from the user; anything else is a regression. */
const expectedRecovery: Record<string, RegExp> = {
  // A lost 204 is found by lookup, never posted twice.
  "post-dropped": /^$/,
  // A lost cancel answer: the repeat is refused (already canceled), which counts as done. A cancel
  // whose every attempt loses its answer (6 in a row; seed 1 does it) stops with "check that Graph
  // is reachable"; refresh (it is canceled: it leaves the state) and destroy again converge.
  "delete-dropped": /^(|pulumi refresh → pulumi destroy)$/,
  "429-storm": /^$/,
  // Recover adopts what the killed run registered (lostCreate by email), so the next up posts no duplicate.
  sigkill: /^npx msgraph-meetings recover → pulumi up$/,
};

describe("reliability: a webinar and 8 registrations through fault classes with the Pulumi CLI", function () {
  this.timeout(240_000);

  const classes = faultClassesFor(webinarSubject).filter((c) => c.id in expectedRecovery);
  itConvergesThroughEach(webinarSubject, classes, expectedRecovery, clearErrorsOfEverySubject, 8);
});
