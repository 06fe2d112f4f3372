// Access-token validation as Graph applies it (signature, lifetime, audience), the persisted signing
// key (tokens survive a restart with --data-dir), and the cost of a cached verification.
import { expect } from "chai";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import * as path from "node:path";
import type { IdentityContext } from "../../../emulator/types";
import { fetchAppToken, publicClientId } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorInfo, EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { claims, postForm, send } from "../../support/identityPlatform";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listPath = (info: EmulatorInfo) => `/v1.0/users/${info.organizer.id}/onlineMeetings?$filter=JoinWebUrl eq 'https://teams.microsoft.com/l/none'`;

async function expect401(info: EmulatorInfo, authorization: string | undefined, message: string): Promise<void> {
  const res = await graphRequest(info, undefined, "GET", listPath(info), undefined, authorization === undefined ? {} : { authorization });
  expect(res.status, res.text).to.equal(401);
  expect(res.body.error.code).to.equal("InvalidAuthenticationToken");
  expect(res.body.error.message).to.equal(message);
}

describe("identity platform: access-token validation", () => {
  let emu: EmulatorProcess;
  emulatorSuite({}, (started) => (emu = started));

  it("Graph rejects missing, malformed and foreign-signed tokens with InvalidAuthenticationToken", async () => {
    const info = emu.info;
    await expect401(info, undefined, "Access token is empty.");
    await expect401(info, "Basic dXNlcjpwYXNz", "Access token is empty.");
    await expect401(info, "Bearer not-a-jwt", "IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format.");
    // Right claims, wrong key.
    const good = claims(await fetchAppToken(info));
    const forged = await new SignJWT({ ...good })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .sign(createPrivateKey(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" })));
    await expect401(info, `Bearer ${forged}`, "Access token validation failure. Invalid signature.");
  });

  it("Graph rejects an emulator-signed token for another audience (an id_token)", async () => {
    const clientId = await publicClientId(emu);
    const start = await postForm(emu.info, "devicecode", { client_id: clientId, scope: "https://graph.microsoft.com/.default openid" });
    const done = await postForm(emu.info, "token", { grant_type: "device_code", client_id: clientId, device_code: start.body.device_code });
    expect(done.status, done.text).to.equal(200);
    expect(claims(done.body.id_token).aud).to.equal(clientId);
    await expect401(emu.info, `Bearer ${done.body.id_token}`, "Access token validation failure. Invalid audience.");
    const ok = await graphRequest(emu.info, done.body.access_token, "GET", "/v1.0/me/onlineMeetings?$filter=JoinWebUrl eq 'x'");
    expect(ok.status, ok.text).to.equal(200);
  });

  it("a token stops working when it expires (tokenLifetimeSeconds), also once cached", async () => {
    await emu.admin.setConfig({ tokenLifetimeSeconds: 3 });
    try {
      // iat is whole seconds, so the token lives 2-3 s: room for the first call on a loaded machine.
      const token = await fetchAppToken(emu.info);
      const c = claims(token);
      expect(c.exp! - c.iat!).to.equal(3);
      const first = await graphRequest(emu.info, token, "GET", listPath(emu.info));
      expect(first.status, first.text).to.equal(200); // verified and cached
      await sleep((c.exp! - Date.now() / 1000) * 1000 + 50);
      await expect401(emu.info, `Bearer ${token}`, "Access token has expired or is not yet valid.");
    } finally {
      await emu.admin.setConfig({ tokenLifetimeSeconds: 3600 });
    }
  });
});

describe("identity platform: signing key persistence", () => {
  let emu: EmulatorProcess;
  emulatorSuite({ tempDataDir: "idkey-" }, (started) => (emu = started));

  it("keeps the signing key across a restart: same kid, earlier tokens still valid", async () => {
    const keysPath = `/${emu.info.tenantId}/discovery/v2.0/keys`;
    const kid = (await send(emu.info, "GET", keysPath)).body.keys[0].kid;
    const token = await fetchAppToken(emu.info);
    await emu.restart();
    expect((await send(emu.info, "GET", keysPath)).body.keys[0].kid).to.equal(kid);
    const res = await graphRequest(emu.info, token, "GET", listPath(emu.info));
    expect(res.status, res.text).to.equal(200);
  });
});

describe("identity platform: verification cost", () => {
  it("verifies a cached token in a few microseconds (the Graph hot path)", async () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createIdentityPlatform } = require(path.join(root, "emulator", "dist", "identity", "index.js")) as typeof import("../../../emulator/identity");
    const tenant = { id: "6f1f2f3f-0000-4000-8000-000000000001", displayName: "t" };
    const app = { clientId: "6f1f2f3f-0000-4000-8000-000000000002", tenantId: tenant.id, displayName: "a", secrets: ["s"], certificates: [], federatedCredentials: [], roles: ["R"], delegatedScopes: [] };
    const ctx: IdentityContext = {
      origin: () => "https://127.0.0.1:1",
      tenants: () => [tenant],
      users: () => [],
      apps: () => [app],
      autoApproveDeviceCodes: () => true,
      tokenLifetimeSeconds: () => 3600,
      dataDir: () => undefined,
    };
    const platform = createIdentityPlatform(ctx);
    // Issue through the real handler (no server needed: it returns the reply).
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: "s", scope: "https://graph.microsoft.com/.default" });
    const reply = await platform.handle({ method: "POST", headers: {}, url: new URL(`https://127.0.0.1:1/${tenant.id}/oauth2/v2.0/token`), body: Buffer.from(form.toString()) });
    const authorization = `Bearer ${JSON.parse(reply!.body!).access_token}`;
    const first = await platform.verifyAccessToken(authorization);
    expect(first).to.deep.include({ ok: true });
    const n = 20_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await platform.verifyAccessToken(authorization);
    const perCallMicros = Number(process.hrtime.bigint() - started) / 1000 / n;
    expect(perCallMicros).to.be.below(50); // an uncached RS256 verification costs ~200 µs
  });
});
