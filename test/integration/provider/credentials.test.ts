// Each way to configure a credential, end to end: config → @azure/identity credential → the
// emulator's identity platform → a registration created over TLS. Plus the Azure SDK environment
// fallbacks and HTTPS_PROXY.
import { expect } from "chai";
import { webcrypto } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import * as x509 from "@peculiar/x509";
import * as registration from "../../../provider/resources/externalMeetingRegistration/lifecycle";
import { resolveConfig } from "../../../provider/config";
import { createProviderContext, type ProviderContext } from "../../../provider/runtime";
import { delegatedToken } from "../../support/tokens";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { tempDir } from "../../support/paths";
import { contextFor, testRetry } from "../../support/providerContext";
import { newMeeting } from "../../support/meetingFixtures";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

describe("integration: every credential kind, through the provider's config", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let organizer: string;
  let dir: string;
  const contexts: ProviderContext[] = [];
  const track = (c: ProviderContext) => (contexts.push(c), c);
  const registrations = async (meetingId: string) => (await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId);

  before(async () => {
    emu = await startEmulator();
    organizer = emu.info.organizer.id;
    dir = tempDir("cred-");
  });
  after(async () => {
    for (const c of contexts) await c.client.close();
    await emu?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function appWithPolicy(extra: Record<string, unknown>) {
    const app = await emu.admin.addApp({ roles: ["OnlineMeetings.ReadWrite.All"], ...extra });
    await emu.admin.addPolicy({ appId: app.clientId, userIds: [organizer] });
    return app;
  }

  it("client certificate (msgraph:clientCertificatePath, PEM with certificate and key)", async () => {
    const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
    const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: "01", name: "CN=pulumi-msgraph-meetings test", notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), keys, signingAlgorithm: alg });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64").replace(/(.{64})/g, "$1\n");
    const pem = `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n${cert.toString("pem")}\n`;
    const file = path.join(dir, "app.pem");
    fs.writeFileSync(file, pem);
    const app = await appWithPolicy({ certificates: [cert.toString("pem")] });

    const ctx = track(contextFor(emu, { "msgraph:clientId": app.clientId, "msgraph:clientSecret": undefined, "msgraph:clientCertificatePath": file }));
    expect(ctx.config.credential.kind).to.equal("clientCertificate");
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
    expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([created.id]);
  });

  it("workload identity (msgraph:federatedTokenFile holding a signed OIDC token)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const issuer = "https://token.actions.githubusercontent.com";
    const subject = "repo:contoso/infra:ref:refs/heads/main";
    const app = await appWithPolicy({ federatedCredentials: [{ issuer, subject, audience: "api://AzureADTokenExchange", publicKeyPem: await exportSPKI(publicKey) }] });
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setIssuer(issuer).setSubject(subject).setAudience("api://AzureADTokenExchange").setIssuedAt().setExpirationTime("10m").sign(privateKey);
    const file = path.join(dir, "federated-token");
    fs.writeFileSync(file, jwt);

    const ctx = track(contextFor(emu, { "msgraph:clientId": app.clientId, "msgraph:clientSecret": undefined, "msgraph:federatedTokenFile": file }));
    expect(ctx.config.credential.kind).to.equal("federatedToken");
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "organization" });
    expect(created.outs).to.include({ allowedRegistrant: "organization" });
  });

  it("a delegated token in msgraph:accessToken: /me works when userId is omitted", async () => {
    const token = await delegatedToken(emu);
    const ctx = track(contextFor(emu, { "msgraph:clientSecret": undefined, "msgraph:accessToken": token }));
    const meetingId = await newMeeting(emu);
    await emu.admin.clearRequests();
    const created = await registration.create(ctx, { meetingId, allowedRegistrant: "everyone" });
    expect(created.outs).to.deep.equal({ id: created.id, meetingId, allowedRegistrant: "everyone" });
    const seen = (await emu.admin.requests()).filter((r) => r.path.startsWith("/beta/"));
    expect(seen.map((r) => [r.method, r.path, r.status])).to.deep.equal([["POST", `/beta/me/onlineMeetings/${encodeURIComponent(meetingId)}/registration`, 201]]);
    expect((await registration.read(ctx, created.id, created.outs!)).id).to.equal(created.id);
    await registration.remove(ctx, created.id, created.outs!);
    expect(await registrations(meetingId)).to.have.length(0);
  });

  it("the Azure SDK environment variables alone (no stack config)", async () => {
    const info = emu.info;
    const config = resolveConfig(undefined, {
      AZURE_TENANT_ID: info.tenantId,
      AZURE_CLIENT_ID: info.app.clientId,
      AZURE_CLIENT_SECRET: info.app.clientSecret,
      AZURE_AUTHORITY_HOST: info.authorityHost,
      MSGRAPH_GRAPH_ENDPOINT: info.graphEndpoint,
    });
    expect(config.credential).to.include({ kind: "clientSecret", source: "AZURE_CLIENT_SECRET" });
    const ctx = track(createProviderContext(config, { retry: testRetry }));
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
    expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([created.id]);
  });

  describe("HTTPS_PROXY / NO_PROXY", () => {
    let proxy: http.Server;
    let tunnels: string[] = [];
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY, https_proxy: process.env.https_proxy, no_proxy: process.env.no_proxy, HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };

    before(async () => {
      // A real CONNECT proxy: TLS stays end to end between the client and the emulator.
      proxy = http.createServer((_req, res) => res.writeHead(405).end());
      proxy.on("connect", (req, client: net.Socket, head) => {
        tunnels.push(req.url!);
        const [host, port] = req.url!.split(":");
        const upstream = net.connect(Number(port), host, () => {
          client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
          upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
      });
      await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    });
    after(() => {
      for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
      proxy.close();
    });
    beforeEach(() => {
      tunnels = [];
      delete process.env.https_proxy;
      delete process.env.no_proxy;
      delete process.env.NO_PROXY;
      delete process.env.HTTP_PROXY;
      delete process.env.http_proxy;
      process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    });

    // Fixtures first: the test helpers' own token requests would go through the proxy too.
    it("token and Graph requests go through the proxy, TLS end to end", async () => {
      const meetingId = await newMeeting(emu);
      tunnels = [];
      const ctx = track(contextFor(emu));
      await ctx.client.tokenSource.getToken();
      const forToken = tunnels.length;
      await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
      const target = new URL(emu.info.graphEndpoint).host;
      expect(forToken, "token requests tunnelled").to.be.at.least(1);
      expect(tunnels.length - forToken, "Graph requests tunnelled").to.equal(1); // one keep-alive tunnel
      expect(new Set(tunnels)).to.deep.equal(new Set([target]));
    });

    /**
     * The tunnels a create opens for the Graph client alone. @azure/identity reads the proxy
     * variables once per process (earlier tests already made it do so), so the token comes first.
     */
    async function graphTunnelsOfACreate(): Promise<string[]> {
      const meetingId = await newMeeting(emu);
      const ctx = track(contextFor(emu));
      await ctx.client.tokenSource.getToken();
      tunnels = [];
      await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
      return tunnels;
    }

    it("HTTP_PROXY alone also carries the Graph client's https requests, as undici's EnvHttpProxyAgent orders them", async () => {
      process.env.HTTP_PROXY = process.env.HTTPS_PROXY;
      delete process.env.HTTPS_PROXY;
      expect(await graphTunnelsOfACreate()).to.deep.equal([new URL(emu.info.graphEndpoint).host]);
    });

    it("no proxy variable: the Graph client connects directly", async () => {
      delete process.env.HTTPS_PROXY;
      expect(await graphTunnelsOfACreate()).to.deep.equal([]);
    });

    it("NO_PROXY exempts the host from the Graph client's proxy", async () => {
      process.env.NO_PROXY = "127.0.0.1";
      expect(await graphTunnelsOfACreate()).to.deep.equal([]);
    });
  });
});
