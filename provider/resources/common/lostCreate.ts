// What `msgraph-meetings recover` asks each resource kind about a create the engine started but
// never recorded (a pending create left by a killed `pulumi up`): did the lost POST make something
// that is exactly what the inputs ask for, and that no other resource of the stack holds? Each kind
// answers in one function, resources/<kind>/lostCreate.ts, listed by URN type in
// provider/cli/recover/kinds.ts. Only the CLI loads these modules: never the provider's runtime.
import type { ProviderContext } from "../../runtime";

/** A resource of the same kind that the stack's state already holds (or that recover just adopted). */
export interface HeldResource {
  id: string;
  outputs: Record<string, unknown>;
}

export type LostCreate =
  /** Adopt: the state gets this id and these outputs (what the kind's own `read` returns). */
  | { adopt: true; id: string; outputs: Record<string, unknown>; note: string }
  /** Clear: nothing to adopt; `why` says what Graph holds and what the next `pulumi up` does. */
  | { adopt: false; why: string };

/**
 * Reads Graph for what a lost create with these inputs may have made. Reads only: never writes.
 * `inputs` are the checked inputs the engine recorded with the pending create (no __provider).
 */
export type LostCreateFinder = (ctx: ProviderContext, inputs: Record<string, unknown>, held: readonly HeldResource[]) => Promise<LostCreate>;
