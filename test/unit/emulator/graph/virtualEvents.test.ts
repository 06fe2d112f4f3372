// Pure logic of the emulator's virtual-event routes: the sliding 30 s throttle window and the
// dateTimeTimeZone conversion (Windows and IANA names).
import { expect } from "chai";
import { VirtualEventsThrottle, WINDOW_MS } from "../../../../emulator/graph/virtualEvents/throttle";
import { ianaZone, localToUtc, utcDateTimeTimeZone } from "../../../../emulator/graph/virtualEvents/times";

describe("emulator/virtualEvents: throttle window", () => {
  it("allows `limit` requests per app and kind in any 30 s, then answers the seconds until the oldest leaves", () => {
    const t = new VirtualEventsThrottle();
    for (let i = 0; i < 15; i++) expect(t.take("app", "write", 15, 1000 + i * 100)).to.equal(0);
    expect(t.take("app", "write", 15, 5000)).to.equal((1000 + WINDOW_MS - 5000) / 1000);
    expect(t.take("app", "read", 15, 5000)).to.equal(0); // reads have their own window
    expect(t.take("other", "write", 15, 5000)).to.equal(0); // per app
    expect(t.take("APP", "write", 15, 1000 + WINDOW_MS)).to.equal(0); // the first left the window (app ids case-insensitive)
    expect(t.take("app", "write", 15, 1000 + WINDOW_MS + 1)).to.be.greaterThan(0);
  });

  it("a refused request is not counted; reset() forgets every window", () => {
    const t = new VirtualEventsThrottle();
    expect(t.take("a", "write", 1, 0)).to.equal(0);
    expect(t.take("a", "write", 1, 10)).to.be.greaterThan(0);
    expect(t.take("a", "write", 1, WINDOW_MS)).to.equal(0);
    t.reset();
    expect(t.take("a", "write", 1, WINDOW_MS + 1)).to.equal(0);
  });
});

describe("emulator/virtualEvents: times", () => {
  it("maps Windows names (any case) and IANA names; rejects others", () => {
    expect(ianaZone("Pacific Standard Time")).to.equal("America/Los_Angeles");
    expect(ianaZone("w. europe standard time")).to.equal("Europe/Berlin");
    expect(ianaZone("UTC")).to.equal("Etc/UTC");
    expect(ianaZone("Europe/Paris")).to.equal("Europe/Paris");
    expect(ianaZone("Mars Standard Time")).to.equal(undefined);
    expect(ianaZone("../etc")).to.equal(undefined);
  });

  it("converts local times to instants across DST, and rejects impossible or offset times", () => {
    expect(new Date(localToUtc("2030-01-15T10:00:00", "America/Los_Angeles")!).toISOString()).to.equal("2030-01-15T18:00:00.000Z");
    expect(new Date(localToUtc("2030-07-15T10:00:00", "America/Los_Angeles")!).toISOString()).to.equal("2030-07-15T17:00:00.000Z");
    expect(new Date(localToUtc("2030-07-15T10:00:00.5", "Europe/Berlin")!).toISOString()).to.equal("2030-07-15T08:00:00.500Z");
    expect(localToUtc("2030-02-30T10:00:00", "Etc/UTC")).to.equal(undefined);
    expect(localToUtc("2030-01-01T24:00:00", "Etc/UTC")).to.equal(undefined);
    expect(localToUtc("2030-01-01T10:00:00Z", "Etc/UTC")).to.equal(undefined);
  });

  it("writes UTC with 7 fractional digits", () => {
    expect(utcDateTimeTimeZone(Date.UTC(2030, 0, 1, 9, 30, 0, 250))).to.deep.equal({ dateTime: "2030-01-01T09:30:00.2500000", timeZone: "UTC" });
  });
});
