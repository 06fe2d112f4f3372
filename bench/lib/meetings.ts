// N online meetings made with plain Graph calls (not through the provider) before the stacks run.
import { fetchAppToken, graphRequest, type EmulatorInfo } from "../../test/support/emulator";

export async function createMeetings(info: EmulatorInfo, count: number, concurrency = 8): Promise<string[]> {
  const token = await fetchAppToken(info);
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await graphRequest(info, token, "POST", `/v1.0/users/${info.organizer.id}/onlineMeetings`, {
        subject: `bench meeting ${i}`,
        startDateTime: "2030-01-01T10:00:00Z",
        endDateTime: "2030-01-01T11:00:00Z",
      });
      if (res.status !== 201) throw new Error(`creating meeting ${i}: ${res.status} ${res.text}`);
      ids[i] = String(res.body.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}
