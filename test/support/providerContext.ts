// Provider contexts for the provider's in-process integration tests, built exactly as `configure`
// builds them from the stack config, pointed at a real emulator (TLS, real identity platform).
import { createProviderContext, ProviderContext } from "../../provider/runtime";
import { resolveConfig } from "../../provider/config";
import type { RetryPolicy } from "../../provider/graph/retryPolicy";
import type { EmulatorProcess, StartEmulatorOptions } from "./emulator";
import { emulatorSuite } from "./emulatorSuite";
import { emulatorStackConfig } from "./stackConfig";

/** Short retry budgets so fault tests stay quick; the rules are the production ones. */
export const testRetry: Partial<RetryPolicy> = { baseDelayMs: 50, maxDelayMs: 200, deadlineMs: 30_000, noticeAfterMs: 60_000 };

export function contextFor(emu: EmulatorProcess, overrides: Record<string, string | undefined> = {}, retry: Partial<RetryPolicy> = testRetry): ProviderContext {
  const values = emulatorStackConfig(emu.info, overrides);
  // An empty environment: the test must not pick up AZURE_* from the machine.
  const config = resolveConfig((k) => values[k], {});
  return createProviderContext(config, { retry });
}

export interface ProviderSuite {
  emu: EmulatorProcess;
  ctx: ProviderContext;
  /** The seeded organizer's id. */
  organizer: string;
}

/**
 * Mocha hooks of a suite that drives the provider's lifecycles against one emulator: before() starts
 * it (with `options`), builds a provider context on it as `configure` would and hands both to
 * `use`; after() closes the context's client and stops the emulator.
 */
export function providerSuite(options: StartEmulatorOptions, use: (suite: ProviderSuite) => void): void {
  let ctx: ProviderContext | undefined;
  // Registered first, so it runs before emulatorSuite's after() stops the emulator.
  after(async () => {
    await ctx?.client.close();
  });
  emulatorSuite(options, (emu) => {
    ctx = contextFor(emu);
    use({ emu, ctx, organizer: emu.info.organizer.id });
  });
}
