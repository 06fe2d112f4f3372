// The Go unit tests of our own language host (tools/pulumi-language-nodejs), run with the build
// settings scripts/pulumi-bin.sh uses, so their compiled dependencies come from the same Go cache.
// Each Go test becomes one line of this spec's failure message when it fails.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../support/paths";

describe("language host: Go unit tests (tools/pulumi-language-nodejs)", function () {
  // The first compile of the test binary, when the Go cache is cold, takes a few minutes.
  this.timeout(15 * 60_000);

  it("go test -json passes every test, and runs at least the 7 tests the package has", () => {
    const r = spawnSync("go", ["test", "-json", "-count=1", "-tags", "osusergo,grpcnotrace", "./..."], {
      cwd: path.join(REPO_ROOT, "tools", "pulumi-language-nodejs"),
      env: { ...process.env, CGO_ENABLED: "0" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new Error(`could not run go (it builds the Pulumi CLI, so CI has it): ${r.error.message}`);
    const events = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { Action: string; Test?: string; Output?: string });
    const top = (e: { Test?: string }) => e.Test !== undefined && !e.Test.includes("/");
    const passed = events.filter((e) => top(e) && e.Action === "pass").map((e) => e.Test);
    const failed = events.filter((e) => top(e) && e.Action === "fail").map((e) => e.Test);
    const output = events.map((e) => e.Output ?? "").join("");
    expect(failed, output).to.deep.equal([]);
    expect(r.status, `${r.stderr}\n${output}`).to.equal(0);
    expect(passed.length, output).to.be.at.least(7);
  });
});
