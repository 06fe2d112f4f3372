// The emulator as its own package (the msgraph-emulator workspace in emulator/): `npm pack` of it
// holds the emulator alone, and once installed it runs by its own name, as `npx msgraph-emulator`.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { npm, NPM_INSTALL_FLAGS } from "../../support/npm";
import { e2eRunDir, REPO_ROOT } from "../../support/paths";

describe("emulator: the msgraph-emulator package, installed from its tarball", function () {
  this.timeout(240_000);
  let dir: string;
  let files: string[];

  before(() => {
    const dest = fs.mkdtempSync(path.join(e2eRunDir(), "emulator-pack-"));
    const [{ filename, files: packed }] = JSON.parse(npm(["pack", "-w", "msgraph-emulator", "--ignore-scripts", "--json", "--pack-destination", dest], REPO_ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed.map((f) => f.path);
    dir = fs.mkdtempSync(path.join(e2eRunDir(), "emulator-user-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "user", version: "1.0.0", private: true }));
    npm(["install", ...NPM_INSTALL_FLAGS, path.join(dest, filename)], dir);
  });

  it("holds the emulator alone: its command, its build and its README", () => {
    expect(files).to.include.members(["package.json", "README.md", "bin/msgraph-emulator.js", "dist/cli.js", "dist/index.js", "dist/index.d.ts"]);
    expect(files.filter((f) => !/^(bin|dist)\//.test(f) && f !== "package.json" && f !== "README.md")).to.deep.equal([]);
    expect(files.filter((f) => /provider|\.ts$/.test(f) && !f.endsWith(".d.ts"))).to.deep.equal([]);
  });

  it("runs by its own name (npm exec msgraph-emulator ca) and exports startEmulator", () => {
    const caDir = path.join(dir, "ca");
    const out = npm(["exec", "--no", "--", "msgraph-emulator", "ca", "--ca-dir", caDir], dir).trim();
    expect(out).to.equal(path.join(caDir, "ca.pem"));
    expect(fs.existsSync(out)).to.equal(true);
    const exported = npm(["exec", "--no", "--", "node", "-e", 'process.stdout.write(typeof require("msgraph-emulator").startEmulator)'], dir);
    expect(exported).to.equal("function");
  });
});
