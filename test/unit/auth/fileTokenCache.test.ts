// The persisted device-code cache's file handling (the delegated identity's config is tested in
// test/unit/config.test.ts).
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultTokenCacheDir, readRecord, recordFile, writeRecord } from "../../../provider/auth/fileTokenCache";

const tenant = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const app = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";

describe("auth: the device-code cache files", () => {
  it("a per-user folder on every OS", () => {
    expect(defaultTokenCacheDir({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32")).to.include("pulumi-msgraph-meetings");
    expect(defaultTokenCacheDir({}, "darwin")).to.equal(path.join(os.homedir(), "Library", "Caches", "pulumi-msgraph-meetings"));
    expect(defaultTokenCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux")).to.equal(path.join("/x/cache", "pulumi-msgraph-meetings"));
  });

  it("the authentication record is written readable by its owner only, and a damaged one is ignored", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "msgraph-cache-"));
    try {
      const file = recordFile(path.join(dir, "nested"), app, "organizations");
      expect(readRecord(file)).to.equal(undefined);
      writeRecord(file, { authority: "https://login", homeAccountId: "h", clientId: app, tenantId: tenant, username: "ada@contoso.com" });
      expect(readRecord(file)).to.deep.include({ username: "ada@contoso.com" });
      if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
      fs.writeFileSync(file, "{not json");
      expect(readRecord(file)).to.equal(undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
