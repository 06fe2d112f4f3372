// scripts/test.ts prints CI's closing line from mocha's own counts. A run with many long failures
// once printed "0 passed, 1 failed" for "391 passing, 8 failing" (counts were scraped from the last
// 4,000 characters of output, and the failure reports pushed them out): this runs such a suite.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eRunDir, REPO_ROOT } from "../../support/paths";

/** Runs scripts/test.ts as scripts/launch.js does (under ts-node) on the given files or folders. */
function runTests(...specs: string[]): { lastLine: string; status: number | null } {
  const r = spawnSync(process.execPath, ["--require", "ts-node/register/transpile-only", path.join(REPO_ROOT, "scripts", "test.ts"), ...specs], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { lastLine: r.stdout.trim().split("\n").pop() ?? "", status: r.status };
}

function runSuite(source: string): { lastLine: string; status: number | null } {
  const dir = fs.mkdtempSync(path.join(e2eRunDir(), "runner-"));
  const file = path.join(dir, "many.test.ts");
  fs.writeFileSync(file, source);
  return runTests(file);
}

describe("unit: scripts/test.ts closing line", function () {
  this.timeout(60_000);

  it("counts 40 long failures and 3 passes and 2 skips exactly", () => {
    const { lastLine, status } = runSuite(`
      describe("many", () => {
        for (let i = 0; i < 3; i++) it("passes " + i, () => {});
        for (let i = 0; i < 2; i++) it.skip("skipped " + i, () => {});
        for (let i = 0; i < 40; i++) it("fails " + i, () => { throw new Error("x".repeat(3000) + "\\n" + "y\\n".repeat(200)); });
      });`);
    expect(lastLine).to.equal("3 passed, 40 failed, 2 skipped");
    expect(status).to.not.equal(0);
  });

  it("counts a clean run", () => {
    const { lastLine, status } = runSuite(`describe("ok", () => { it("a", () => {}); it("b", () => {}); });`);
    expect(lastLine).to.equal("2 passed, 0 failed");
    expect(status).to.equal(0);
  });

  it("runs just the test files below a folder named on the command line, not the whole suite nor its other .ts files", () => {
    const dir = fs.mkdtempSync(path.join(e2eRunDir(), "runner-"));
    fs.mkdirSync(path.join(dir, "nested"));
    fs.writeFileSync(path.join(dir, "a.test.ts"), `describe("a", () => { it("a", () => {}); });`);
    fs.writeFileSync(path.join(dir, "nested", "b.test.ts"), `describe("b", () => { it("b1", () => {}); it("b2", () => {}); });`);
    fs.writeFileSync(path.join(dir, "nested", "fixtures.ts"), `throw new Error("a fixture module is not a test file");`);
    const { lastLine, status } = runTests(dir);
    expect(lastLine).to.equal("3 passed, 0 failed");
    expect(status).to.equal(0);
  });

  it("reports a suite that cannot even load as one failure", () => {
    const { lastLine, status } = runSuite(`throw new Error("broken at load");`);
    expect(lastLine).to.equal("0 passed, 1 failed");
    expect(status).to.not.equal(0);
  });
});
