// How an error leaves the provider for the dynamic-provider host. The host sends `message` to the
// engine, which shows it under the resource. For check, diff, read and delete it also writes
// `${error}: ${error.stack}` to stderr, and the engine shows every stderr line under the stack: the
// message twice and a stack trace with source paths. Here `toString()` and `stack` are set so that
// this becomes one line, "msgraph: <the message's first line>", and the full message stays where
// it belongs, on the resource.

const marked = new WeakSet<Error>();

/** The same error, shaped for the host's stderr line. Non-errors are wrapped. */
export function forHost(e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  if (marked.has(err)) return err;
  const firstLine = err.message.split("\n", 1)[0].trim() || err.name;
  // Own properties: the class's and V8's stay untouched for every other error.
  Object.defineProperty(err, "stack", { value: firstLine, configurable: true, writable: true, enumerable: false });
  Object.defineProperty(err, "toString", { value: () => "msgraph", configurable: true, writable: true, enumerable: false });
  marked.add(err);
  return err;
}

/** Wraps a host-facing method so that whatever it throws leaves through forHost. */
export function hostFacing<A extends unknown[], R>(method: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await method(...args);
    } catch (e) {
      throw forHost(e);
    }
  };
}
