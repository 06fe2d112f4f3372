// An emulator bound to a non-loopback address can be reached by other machines: it says so (with the
// address it really listens on) and stops approving device codes by itself, so knowing a client id is
// not enough to sign in as the organizer.
import { expect } from "chai";
import { publicClientId } from "../../support/tokens";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectEntraError, postForm } from "../../support/identityPlatform";

describe("emulator on a non-loopback address (--host 0.0.0.0)", () => {
  let emu: EmulatorProcess;
  emulatorSuite({ args: ["--host", "0.0.0.0"] }, (started) => (emu = started));

  it("warns on stderr and prints the address it really listens on", () => {
    const port = new URL(emu.info.graphEndpoint).port;
    expect(emu.stderr()).to.include(`listening on https://0.0.0.0:${port}`);
    expect(emu.stderr()).to.match(/WARNING: listening on https:\/\/0\.0\.0\.0:\d+, which is not a loopback address/);
    // The ready line keeps an address clients on this machine can connect to.
    expect(emu.info.graphEndpoint).to.equal(`https://127.0.0.1:${port}`);
  });

  it("turns device-code auto-approval off: a code waits for the admin API", async () => {
    expect((await emu.admin.config()).autoApproveDeviceCodes).to.equal(false);
    const clientId = await publicClientId(emu);
    const start = await postForm(emu.info, "devicecode", { client_id: clientId, scope: "https://graph.microsoft.com/OnlineMeetings.ReadWrite" });
    expect(start.status, start.text).to.equal(200);
    const poll = () => postForm(emu.info, "token", { grant_type: "device_code", client_id: clientId, device_code: start.body.device_code });
    expectEntraError(await poll(), 400, "authorization_pending", 70016);
    await emu.admin.approveDeviceCode(start.body.user_code);
    expect((await poll()).status).to.equal(200);
  });
});
