// The provider's log lines (what the engine would show as diagnostics) of each test, for assertions.
import { setLogSink } from "../../provider/graph/log";

/** Mocha hooks: each test's provider log lines in `log.lines` (a fresh list per test; the previous sink is restored after). */
export function captureProviderLog(): { lines: string[] } {
  const log = { lines: [] as string[] };
  let previous: ReturnType<typeof setLogSink>;
  beforeEach(() => {
    log.lines = [];
    previous = setLogSink((l) => log.lines.push(l));
  });
  afterEach(() => setLogSink(previous));
  return log;
}
