// The delegated identity beside the application one: how config chooses it, and the persisted
// device-code cache's file handling.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, defaultUserClientId, resolveConfig, secretValues } from "../../../provider/config";
import { defaultTokenCacheDir, readRecord, recordFile, writeRecord } from "../../../provider/auth/fileTokenCache";

const tenant = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const app = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
const appEnv = { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "app-secret" };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("config: the delegated identity", () => {
  it("none by default: the application identity alone", () => {
    expect(resolveConfig(undefined, appEnv).userCredential).to.equal(undefined);
  });

  it("msgraph:userAccessToken (secret) beside an application credential; its value is a secret of the config", () => {
    const c = resolveConfig((k) => ({ "msgraph:userAccessToken": "eyJ.user.token" })[k], appEnv);
    expect(c.credential.kind).to.equal("clientSecret");
    expect(c.userCredential).to.deep.equal({ kind: "userAccessToken", token: "eyJ.user.token", source: "msgraph:userAccessToken" });
    expect(secretValues(c)).to.include("eyJ.user.token");
    expect(resolveConfig(undefined, { ...appEnv, MSGRAPH_USER_ACCESS_TOKEN: "eyJ.env" }).userCredential).to.deep.include({ source: "MSGRAPH_USER_ACCESS_TOKEN" });
  });

  it("device code: the app's tenant, the default public client unless msgraph:userClientId, and a cache folder", () => {
    const c = resolveConfig((k) => ({ "msgraph:userCredential": "deviceCode", "msgraph:userTokenCacheDir": "/tmp/cache" })[k], appEnv);
    expect(c.userCredential).to.deep.equal({ kind: "deviceCode", tenantId: tenant, clientId: defaultUserClientId, cacheDir: "/tmp/cache", source: "msgraph:userCredential" });
    const own = resolveConfig((k) => ({ "msgraph:userCredential": "devicecode", "msgraph:userClientId": app })[k], {});
    expect(own.userCredential).to.deep.include({ kind: "deviceCode", clientId: app, tenantId: "organizations" });
  });

  it("Azure CLI", () => {
    expect(resolveConfig(undefined, { ...appEnv, MSGRAPH_USER_CREDENTIAL: "azureCli" }).userCredential).to.deep.equal({ kind: "azureCli", tenantId: tenant, source: "MSGRAPH_USER_CREDENTIAL" });
  });

  it("mistakes name the setting and the fix", () => {
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userCredential": "browser" })[k], appEnv))).to.deep.equal([
      'msgraph:userCredential is "browser"; use deviceCode (sign in once on this workstation) or azureCli (the user signed in with `az login`), or set msgraph:userAccessToken instead.',
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userAccessToken": "Bearer eyJ", "msgraph:userCredential": "azureCli" })[k], appEnv))).to.deep.equal([
      "set only one delegated identity; the stack config sets msgraph:userAccessToken and msgraph:userCredential.",
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userClientId": app })[k], appEnv))).to.deep.equal([
      "msgraph:userClientId is set but msgraph:userCredential is not: set msgraph:userCredential deviceCode (or MSGRAPH_USER_CREDENTIAL) to sign in by device code.",
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userAccessToken": "Bearer eyJ" })[k], appEnv))).to.deep.equal(['msgraph:userAccessToken starts with "Bearer "; set the token alone.']);
  });
});

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
