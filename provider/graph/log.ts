// What the provider tells the user while it works. Inside the dynamic-provider host (the process the
// Pulumi engine starts for dynamic resources), pulumi.log.* has no engine connection (the host never
// sets PULUMI_NODEJS_ENGINE), so it falls back to console.log/console.warn. The engine, for this host
// only (plugin.go: isDynamicPluginBinary), turns every line the process writes to stdout/stderr into a
// diagnostic shown in the `pulumi` output. So writing one line to stderr is what reaches the user.

export type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);

/** Replaces where lines go (tests capture them); returns the previous sink. */
export function setLogSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  return previous;
}

/** A line the user should see (e.g. a long Retry-After wait). */
export function notice(text: string): void {
  sink(`msgraph: ${text}`);
}

/** MSGRAPH_LOG_LEVEL=debug turns on one line per Graph request attempt. Read per call: cheap, and tests can flip it. */
export function debugEnabled(): boolean {
  return (process.env.MSGRAPH_LOG_LEVEL ?? "").toLowerCase() === "debug";
}

export interface AttemptLog {
  method: string;
  route: string;
  status?: number;
  errorCode?: string;
  requestId?: string;
  clientRequestId: string;
  attempt: number;
  durationMs: number;
}

/** Never headers, bodies or tokens: only what identifies the request and its outcome. */
export function debugAttempt(a: AttemptLog): void {
  if (!debugEnabled()) return;
  const outcome = a.status !== undefined ? String(a.status) : `error=${a.errorCode ?? "unknown"}`;
  sink(
    `msgraph debug: ${a.method} ${a.route} ${outcome} request-id=${a.requestId ?? "-"} client-request-id=${a.clientRequestId} attempt=${a.attempt} duration=${Math.round(a.durationMs)}ms`,
  );
}
