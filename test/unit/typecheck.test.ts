// The suites run transpile-only (ts-node), which skips type checking: this spec type-checks the
// tests and the benchmarks as strictly as the package itself (tsconfig.json) is compiled.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../support/paths";

describe("TypeScript: tests and benchmarks type-check", function () {
  this.timeout(5 * 60_000);

  for (const project of ["test/tsconfig.json", "bench/tsconfig.json"]) {
    it(`tsc -p ${project} reports no error`, () => {
      const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
      const r = spawnSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: REPO_ROOT, encoding: "utf8" });
      expect(r.stdout.split("\n").filter((l) => l.includes("error TS")), r.stdout + r.stderr).to.deep.equal([]);
      expect(r.status).to.equal(0);
    });
  }
});
