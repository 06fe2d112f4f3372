// The credential path of examples/pipeline/: no secret anywhere, only an OIDC token from the CI
// system in a file (AZURE_FEDERATED_TOKEN_FILE) plus AZURE_CLIENT_ID and AZURE_TENANT_ID in the
// environment, exchanged at the emulator's identity platform for a federated app registration
// (the emulator plays GitHub's token issuer with a key pair made here). `pulumi preview` as on a
// pull request, `pulumi up` as on main, then destroy.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { startEmulator, type EmulatorProcess } from "../support/emulator";
import { e2eRunDir } from "../support/paths";
import { dynamicResources, PulumiProject } from "../support/pulumiCli";
import { PlainGraph } from "../support/plainGraph";
import { copyOfBasicExample, initStack, projectFor } from "../support/exampleStack";
import { emulatorRegistrations, registrationUrn } from "../support/observations";

const ISSUER = "https://token.actions.githubusercontent.com";
const SUBJECT = "repo:contoso/meetings:ref:refs/heads/main";
const AUDIENCE = "api://AzureADTokenExchange";

describe("e2e: workload identity federation (the pipelines' credential)", function () {
  this.timeout(180_000);
  let emulator: EmulatorProcess;
  let project: PulumiProject;
  let tokenFile: string;
  let assertion: string;

  before(async function () {
    this.timeout(45 * 60_000);
    emulator = await startEmulator();
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const app = (await emulator.admin.addApp({
      displayName: "ci-federated",
      federatedCredentials: [{ issuer: ISSUER, subject: SUBJECT, audience: AUDIENCE, publicKeyPem: await exportSPKI(publicKey) }],
    })) as { clientId: string; secrets: string[] };
    expect(app.secrets).to.deep.equal([]);
    await emulator.admin.addPolicy({ appId: app.clientId, userIds: [emulator.info.organizer.id] });

    // What GitHub's OIDC endpoint hands a job with `permissions: id-token: write`.
    assertion = await new SignJWT({ repository: "contoso/meetings" })
      .setProtectedHeader({ alg: "ES256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setSubject(SUBJECT)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("10m")
      .sign(privateKey);
    tokenFile = path.join(e2eRunDir(), "azure-federated-token");
    fs.writeFileSync(tokenFile, assertion, { mode: 0o600 });

    const dir = copyOfBasicExample("workload-identity");
    const base = projectFor(dir, emulator.info, "workload-identity");
    project = new PulumiProject({
      ...base.opts,
      env: { AZURE_FEDERATED_TOKEN_FILE: tokenFile, AZURE_CLIENT_ID: app.clientId, AZURE_TENANT_ID: emulator.info.tenantId },
    });
  });

  after(async () => {
    await emulator?.stop();
  });

  it("previews and deploys with only the federated token file, and keeps neither it nor a token in state", async () => {
    const stack = "ci";
    const meetingId = await new PlainGraph(emulator.info).createMeeting(emulator.info.organizer.id, "e2e federated");
    await initStack(project, stack, emulator.info, { meetingId, appInConfig: false });
    const config = (await project.run(["config", "--json", "--show-secrets", "--stack", stack])).stdout;
    expect(Object.keys(JSON.parse(config)).filter((k) => /tenantId|clientId|clientSecret|federated/.test(k))).to.deep.equal([]);

    await emulator.admin.resetStats();
    const preview = await project.preview(stack, ["--json"]);
    expect((JSON.parse(preview.stdout) as { changeSummary: Record<string, number> }).changeSummary).to.deep.equal({ create: 2 });
    await project.up(stack);
    const [reg] = await emulatorRegistrations(emulator);
    expect(reg).to.include({ meetingId, allowedRegistrant: "everyone" });
    // Tokens were issued, and no secret exists in config or environment: they came from the assertion.
    expect((await emulator.admin.stats()).tokenRequests).to.be.greaterThan(0);

    const shown = await project.stackExportText(stack);
    expect(shown.includes(assertion)).to.equal(false);
    expect(shown).not.to.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/);
    const ids = dynamicResources(JSON.parse(shown)).filter((r) => registrationUrn(r.urn)).map((r) => r.id);
    expect(ids).to.deep.equal([reg.id]);

    await project.destroy(stack);
    expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
  });

  it("fails with the identity platform's reason when the token file holds a token for another subject", async () => {
    const stack = "wrong-subject";
    const meetingId = await new PlainGraph(emulator.info).createMeeting(emulator.info.organizer.id, "e2e federated 2");
    await initStack(project, stack, emulator.info, { meetingId, appInConfig: false });
    const { publicKey: _unused, privateKey } = await generateKeyPair("ES256");
    const other = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(ISSUER)
      .setSubject("repo:contoso/meetings:pull_request")
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    const file = path.join(e2eRunDir(), "azure-federated-token-pr");
    fs.writeFileSync(file, other, { mode: 0o600 });
    const prProject = new PulumiProject({ ...project.opts, env: { ...project.opts.env, AZURE_FEDERATED_TOKEN_FILE: file } });
    const { code, stdout, stderr } = await prProject.up(stack, [], { allowFailure: true });
    expect(code).to.not.equal(0);
    expect(stdout + stderr).to.contain("AADSTS700213");
    expect(stdout + stderr).to.contain("repo:contoso/meetings:pull_request");
    expect((stdout + stderr).includes(other)).to.equal(false);
    expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
  });
});
