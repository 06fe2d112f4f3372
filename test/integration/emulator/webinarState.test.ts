// The virtual-event part of the emulator's state: GET /_emulator/state shows webinars, questions and
// registrations; --data-dir keeps them (and the public client) across a restart; a data dir written
// before webinars existed is upgraded once (public client added, the app's virtual-event roles).
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectStatus, newWebinar, person, tokens, webinarPath } from "../../support/webinarFixtures";

describe("emulator: webinar state and persistence", function () {
  let emu: EmulatorProcess;

  emulatorSuite({ tempDataDir: "webinar-state-" }, (started) => (emu = started));

  it("GET /_emulator/state lists webinars, webinarQuestions and webinarRegistrations; a restart keeps them and the public client", async () => {
    const t = await tokens(emu);
    const id = await newWebinar(emu, t.organizer);
    const q = await graphRequest(emu.info, t.organizer, "POST", webinarPath(id, "/registrationConfiguration/questions"), {
      "@odata.type": "#microsoft.graph.virtualEventRegistrationPredefinedQuestion",
      label: "city",
    });
    expectStatus(q, 201);
    expectStatus(await graphRequest(emu.info, t.app, "POST", webinarPath(id, "/registrations"), person("kept@example.com")), 204);
    const before = await emu.admin.state();
    expect(before.webinars.map((w) => [w.id, w.resource.status])).to.deep.equal([[id, "published"]]);
    expect(before.webinarQuestions.map((x) => [x.webinarId, x.resource.displayName])).to.deep.equal([[id, "City"]]);
    expect(before.webinarRegistrations.map((x) => [x.webinarId, x.resource.email, x.resource.status])).to.deep.equal([[id, "kept@example.com", "registered"]]);
    const oldInfo = emu.info;

    const info = await emu.restart();
    expect(info.publicClient).to.deep.equal(oldInfo.publicClient);
    expect(await emu.admin.state()).to.deep.equal(before);
    const got = await graphRequest(emu.info, t.app, "GET", webinarPath(id, `/registrations(email='kept@example.com')`));
    expectStatus(got, 200);
  });

  it("PUT /_emulator/config checks the virtual-event switches: enum values and positive integers", async () => {
    for (const bad of [{ webinarDuplicateEmail: "ignore" }, { webinarPageSize: 0 }, { virtualEventsWritesPer30s: 1.5 }, { virtualEventsThrottle: "yes" }]) {
      let status = 0;
      await emu.admin.setConfig(bad as never).catch((e) => (status = e.status));
      expect(status, JSON.stringify(bad)).to.equal(400);
    }
    expect((await emu.admin.setConfig({ webinarPageSize: 7 })).webinarPageSize).to.equal(7);
    await emu.admin.setConfig({ webinarPageSize: 100 });
  });

  it("a data dir from before webinars is upgraded once: the public client and the app's virtual-event roles are added", async () => {
    await emu.stop();
    const file = path.join(emu.dataDir!, "state.json");
    const state = JSON.parse(fs.readFileSync(file, "utf8"));
    state.apps = state.apps.filter((a: { isFallbackPublicClient?: boolean }) => !a.isFallbackPublicClient);
    state.apps[0].roles = ["OnlineMeetings.ReadWrite.All"];
    delete state.virtualEvents;
    fs.writeFileSync(file, JSON.stringify(state));
    const info = await emu.restart();
    expect(info.publicClient.clientId).to.be.a("string");
    const upgraded = await emu.admin.state();
    expect(upgraded.webinars).to.deep.equal([]);
    expect(upgraded.apps.filter((a) => a.isFallbackPublicClient).map((a) => a.clientId)).to.deep.equal([info.publicClient.clientId]);
    expect(upgraded.apps[0].roles).to.deep.equal(["OnlineMeetings.ReadWrite.All", "VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.All"]);
    const again = await emu.restart();
    expect(again.publicClient).to.deep.equal(info.publicClient); // persisted, not re-created
    const t = await tokens(emu);
    expectStatus(await graphRequest(emu.info, t.organizer, "GET", `/v1.0/solutions/virtualEvents/webinars/getByUserRole(role='organizer')`), 200);
  });
});
