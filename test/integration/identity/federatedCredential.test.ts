// Workload identity federation: a token from an external issuer (here a test key standing in for
// GitHub Actions) exchanged through ClientAssertionCredential and WorkloadIdentityCredential, checked
// against the app's federated credentials (issuer, subject, audience, key).
import { ClientAssertionCredential, WorkloadIdentityCredential } from "@azure/identity";
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { App } from "../../../emulator/types";
import { removeDir, tempDir } from "../../support/paths";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { claims, expectEntraError, GRAPH_DEFAULT, JWT_BEARER, postForm, rejection } from "../../support/identityPlatform";
import { federatedIssuer, type FederatedIssuer } from "../../support/testKeys";

const SUBJECT = "repo:contoso/meetings:ref:refs/heads/main";

describe("identity platform: federated credentials (workload identity)", () => {
  let emu: EmulatorProcess;
  let github: FederatedIssuer;
  let impostor: FederatedIssuer;
  let app: App;
  let dir: string;
  before(async () => {
    [emu, github, impostor] = await Promise.all([startEmulator(), federatedIssuer(), federatedIssuer()]);
    app = await emu.admin.addApp({
      displayName: "pipeline app",
      federatedCredentials: [{ issuer: github.issuer, subject: SUBJECT, audience: "api://AzureADTokenExchange", publicKeyPem: github.publicKeyPem }],
    });
    dir = tempDir("wif-");
  });
  after(async () => {
    await emu?.stop();
    removeDir(dir);
  });

  const options = () => ({ authorityHost: emu.info.authorityHost, disableInstanceDiscovery: true });

  it("exchanges a federated token through ClientAssertionCredential", async () => {
    expect(app.secrets).to.deep.equal([]);
    const credential = new ClientAssertionCredential(emu.info.tenantId, app.clientId, () => github.sign({ sub: SUBJECT }), options());
    const token = await credential.getToken(GRAPH_DEFAULT);
    const c = claims(token.token);
    expect(c).to.include({ aud: "https://graph.microsoft.com", tid: emu.info.tenantId, appid: app.clientId, appidacr: "2", idtyp: "app" });
    expect(c.roles).to.deep.equal(["OnlineMeetings.ReadWrite.All"]);
  });

  it("exchanges the token file of WorkloadIdentityCredential (AZURE_FEDERATED_TOKEN_FILE)", async () => {
    const tokenFile = path.join(dir, "azure-identity-token");
    fs.writeFileSync(tokenFile, (await github.sign({ sub: SUBJECT })) + "\n");
    const credential = new WorkloadIdentityCredential({ tenantId: emu.info.tenantId, clientId: app.clientId, tokenFilePath: tokenFile, ...options() });
    const token = await credential.getToken(GRAPH_DEFAULT);
    expect(claims(token.token)).to.include({ tid: emu.info.tenantId, appid: app.clientId });
  });

  it("tells which part of the federated credential did not match (AADSTS700211/700213/700212)", async () => {
    const issuerErr = await rejection(
      new ClientAssertionCredential(emu.info.tenantId, app.clientId, () => github.sign({ sub: SUBJECT }, { issuer: "https://issuer.example" }), options()).getToken(GRAPH_DEFAULT),
    );
    expect(issuerErr.message).to.include("AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://issuer.example'");
    const subjectErr = await rejection(
      new ClientAssertionCredential(emu.info.tenantId, app.clientId, () => github.sign({ sub: "repo:contoso/meetings:pull_request" }), options()).getToken(GRAPH_DEFAULT),
    );
    expect(subjectErr.message).to.include("AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/meetings:pull_request'");
    const redeem = async (assertion: string) =>
      postForm(emu.info, "token", { grant_type: "client_credentials", client_id: app.clientId, client_assertion_type: JWT_BEARER, client_assertion: assertion, scope: GRAPH_DEFAULT });
    expectEntraError(await redeem(await github.sign({ sub: SUBJECT, aud: "api://other" })), 400, "invalid_request", 700212);
  });

  it("rejects a token signed by another key (AADSTS50013) and an expired one (AADSTS700024)", async () => {
    const forged = await rejection(new ClientAssertionCredential(emu.info.tenantId, app.clientId, () => impostor.sign({ sub: SUBJECT }), options()).getToken(GRAPH_DEFAULT));
    expect(forged.message).to.include("AADSTS50013: Assertion failed signature validation.");
    const expired = await rejection(
      new ClientAssertionCredential(emu.info.tenantId, app.clientId, () => github.sign({ sub: SUBJECT }, { expiresInSeconds: -10 }), options()).getToken(GRAPH_DEFAULT),
    );
    expect(expired.message).to.include("AADSTS700024: Client assertion is not within its valid time range.");
  });
});
