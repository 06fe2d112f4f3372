// What every fault-suite test asserts of one run, whatever the subject: the fault happened, and the
// stack ended with emulator = state (no duplicate, orphan, missing entry or pending operation) after
// exactly the recovery the class may need, with no Graph write made by `msgraph-meetings recover`.
import { expect } from "chai";
import { runFaultClass, type FaultClass, type FaultRunResult } from "./faultRuns";
import type { FaultSubject } from "./subjects";

/** Errors that say what to do next, met by either subject (each test adds its subject's own). */
export const clearErrorsOfEverySubject: RegExp[] = [
  // A call whose every attempt loses its connection: check the network, run again.
  /no response from Microsoft Graph \((UND_ERR_SOCKET|ECONNRESET)[^)]*\) after \d+ attempts?\. \| Check that https:\/\/127\.0\.0\.1:\d+ is reachable from here/,
  // The engine's own: the dead update's lock.
  /^error: the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`\./,
];

/** Returns the run's summary (recovery, differences, errors) for further assertions' messages. */
export function expectConverged(r: FaultRunResult, recovery: RegExp): string {
  const summary = JSON.stringify({ recovery: r.recovery, details: r.comparison.details, errors: r.errors }, null, 2);
  expect(r.faultsFired, "the fault happened").to.be.greaterThan(0);
  expect(r.comparison.duplicates, summary).to.equal(0);
  expect(r.comparison.orphans, summary).to.equal(0);
  expect(r.comparison.missing, summary).to.equal(0);
  expect(r.comparison.pendingOperations, summary).to.equal(0);
  expect(r.converged, summary).to.equal(true);
  expect(r.recovery.join(" → "), summary).to.match(recovery);
  if (r.recoverWrites !== undefined) expect(r.recoverWrites, "Graph writes made by msgraph-meetings recover").to.equal(0);
  return summary;
}

/**
 * The fault suite's tests for one subject: its fixture installed first (the first use may build the
 * CLI; the fixture installs from the tarball), then one test per class, seed 1: the run converges
 * after exactly the recovery `expectedRecovery` allows that class, and every error it printed is one
 * of `clearErrors` (texts that say what to do next).
 */
export function itConvergesThroughEach(
  subject: FaultSubject,
  classes: FaultClass[],
  expectedRecovery: Record<string, RegExp>,
  clearErrors: RegExp[],
  registrations?: number,
): void {
  before(function () {
    this.timeout(45 * 60_000);
    subject.install();
  });

  for (const fault of classes) {
    it(`${fault.id}: ${fault.title}`, async () => {
      const r = await runFaultClass(fault, { seed: 1, subject, registrations });
      expectConverged(r, expectedRecovery[fault.id]);
      for (const e of r.errors) expect(clearErrors.some((re) => re.test(e)), `an error that does not say what to do: ${e}`).to.equal(true);
    });
  }
}
