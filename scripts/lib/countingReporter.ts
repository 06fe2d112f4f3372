// Mocha's spec reporter, plus the run's counts written as JSON to $MSGRAPH_TEST_COUNTS_FILE when the
// run ends. scripts/test.ts prints CI's "N passed, N failed" line from that file: counts taken from
// the runner itself, not scraped from output that long failure reports can push out of reach.
// Mocha requires it by path (`--reporter scripts/lib/countingReporter.ts`) after ts-node is
// registered, and wants the class as the module itself: hence `export =`.
import * as fs from "node:fs";
import Mocha = require("mocha");

const { EVENT_RUN_END } = Mocha.Runner.constants;

/** What the reporter writes and scripts/test.ts reads. */
interface RunCounts {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
}

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MSGRAPH_TEST_COUNTS_FILE;
      if (!file) return;
      const { passes, failures, pending, tests } = runner.stats ?? ({} as Partial<RunCounts>);
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests }) + "\n");
    });
  }
}

// `export =` cannot sit beside `export interface`: the type rides on the class's namespace.
declare namespace CountingReporter {
  export { RunCounts };
}

export = CountingReporter;
