// examples/basic-registration with the real Pulumi CLI against the emulator under each of its profiles
// (emulator/README.md, "Profiles"): `seed` (the seed page: application tokens served), `current`
// (Microsoft's current pages: application tokens refused on the registration routes) and `retired`
// (the API after December 12, 2024). What a pipeline shows its user in each, from the CLI's own output.
// One stack per profile, one `pulumi up` each; the emulator starts with --profile.
import { expect } from "chai";
import { type EmulatorProcess, type EmulatorInfo } from "../support/emulator";
import type { PulumiProject } from "../support/pulumiCli";
import { exampleRun, copyOfBasicExample, initStack } from "../support/exampleStack";
import { emulatorRegistrations, graphWrites } from "../support/observations";

describe("e2e: examples/basic-registration with the Pulumi CLI under each emulator profile", function () {
  this.timeout(180_000);

  for (const profile of ["seed", "current", "retired"] as const) {
    describe(`--profile ${profile}`, () => {
      let emulator: EmulatorProcess;
      let info: EmulatorInfo;
      let project: PulumiProject;
      let meetingId: string;

      exampleRun(
        `profile-${profile}`,
        () => copyOfBasicExample(`profile-${profile}`),
        async (run) => {
          ({ emulator, info, project } = run);
          expect((info as EmulatorInfo & { profile?: string }).profile, "the ready line names the profile").to.equal(profile);
          meetingId = await run.graph.createMeeting(info.organizer.id, `e2e profile ${profile}`);
          await initStack(project, profile, info, { meetingId });
        },
        { args: ["--profile", profile] },
      );

      /** `pulumi up` that must fail and leave no registration in the emulator; what the CLI printed. */
      async function upFailsCreatingNothing(): Promise<string> {
        const r = await project.up(profile, [], { allowFailure: true });
        expect(r.code).to.not.equal(0);
        expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
        return r.stdout + r.stderr;
      }

      if (profile === "seed") {
        it("pulumi up creates the registration with the application identity", async () => {
          await project.up(profile);
          expect((await emulatorRegistrations(emulator)).map((r) => r.meetingId)).to.deep.equal([meetingId]);
        });
      }

      if (profile === "current") {
        it("pulumi up fails on the application identity with Graph's 403, what Microsoft's pages say now, and what to use instead", async () => {
          const out = await upFailsCreatingNothing();
          expect(out).to.include("403 Forbidden");
          expect(out).to.include('list application permissions as "Not supported" for the meeting registration API');
          expect(out).to.include("docs/migrating-to-webinars.md");
          expect(graphWrites(await emulator.admin.requests()).filter((w) => /\/registration/.test(w.path) && w.status < 400)).to.deep.equal([]);
        });
      }

      if (profile === "retired") {
        it("pulumi up fails saying the API was retired, that nothing was created, and where to go", async () => {
          const out = await upFailsCreatingNothing();
          expect(out).to.include("Microsoft retired the meeting registration API");
          expect(out).to.include("Nothing was created.");
          expect(out).to.include("see docs/migrating-to-webinars.md");
        });
      }
    });
  }
});
