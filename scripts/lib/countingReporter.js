// Mocha's spec reporter, plus the run's counts written as JSON to $MSGRAPH_TEST_COUNTS_FILE when the
// run ends. scripts/test.js prints CI's "N passed, N failed" line from that file: counts taken from
// the runner itself, not scraped from output that long failure reports can push out of reach.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.MSGRAPH_TEST_COUNTS_FILE;
      if (!file) return;
      const { passes, failures, pending, tests } = runner.stats ?? {};
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests }) + "\n");
    });
  }
}

module.exports = CountingReporter;
