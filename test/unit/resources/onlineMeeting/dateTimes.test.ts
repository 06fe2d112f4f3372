import { expect } from "chai";
import { normaliseDateTime, sameDateTime } from "../../../../provider/resources/onlineMeeting/dateTimes";

describe("OnlineMeeting: date-times", () => {
  const table: [string, string | undefined][] = [
    ["2026-12-10T10:00:00+01:00", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T10:00:00+0100", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T09:00Z", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T09:00:00.1234567Z", "2026-12-10T09:00:00.1234567Z"],
    ["2026-12-10T09:00:00.123456789Z", "2026-12-10T09:00:00.1234567Z"],
    ["2026-12-10T09:00:00.5z", "2026-12-10T09:00:00.5000000Z"],
    ["2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.0000000Z"],
    ["2026-02-30T10:00:00Z", undefined],
    ["2026-12-10T24:00:00Z", undefined],
    ["2026-12-10T10:00:00+25:00", undefined],
    ["2026-12-10T10:00:00", undefined],
    ["2026-12-10", undefined],
    ["next tuesday", undefined],
  ];
  for (const [input, expected] of table) {
    it(`${input} → ${expected ?? "rejected"}`, () => expect(normaliseDateTime(input)).to.equal(expected));
  }
  it("compares instants, not spellings", () => {
    expect(sameDateTime("2026-12-10T10:00:00+01:00", "2026-12-10T09:00:00.0000000Z")).to.equal(true);
    expect(sameDateTime("2026-12-10T10:00:00+01:00", "2026-12-10T10:00:00.0000000Z")).to.equal(false);
    expect(sameDateTime("2026-12-10T09:00:00.0000001Z", "2026-12-10T09:00:00Z")).to.equal(false);
  });
});
