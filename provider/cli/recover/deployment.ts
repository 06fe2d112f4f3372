// The stack's deployment as `pulumi stack export` prints it (version 3), and the one edit recover
// makes to it: a pending create whose object Graph holds becomes a resource of the state, with the
// id and outputs the kind's own read returns, as the engine would have recorded it had the run not
// been killed.
//
// Why an edit and `pulumi stack import`, not `pulumi refresh --import-pending-creates <urn> <id>`:
// in Pulumi v3.274.1 that flag only turns the pending create into a pending "importing" operation,
// which no part of the engine reads; the refresh then keeps only pending *creates* of the old
// checkpoint, so the resource is dropped from the state exactly as --clear-pending-creates would
// (cmd/pulumi/operations/refresh.go pendingCreatesToImports; backend/journal.go; checked with a
// killed `pulumi up` of 6 registrations: all 4 pending creates given with the flag were gone
// afterwards). `pulumi stack import` is the CLI's own way to put an edited deployment back: it
// takes the stack's lock, verifies the snapshot's integrity, and drops every pending operation.

export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  delete?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  [key: string]: unknown;
}

export interface PendingOperation {
  resource: StateResource;
  type: string;
  [key: string]: unknown;
}

export interface Deployment {
  version: number;
  deployment: {
    resources?: StateResource[];
    pending_operations?: PendingOperation[];
    [key: string]: unknown;
  };
}

/** A pending create: the encrypted form (what goes back) and the plain inputs (what Graph is asked about). */
export interface PendingCreate {
  urn: string;
  type: string;
  /** A provider or component resource: nothing in the cloud to look for. */
  engineOnly: boolean;
  /** The resource's name: the URN's last segment. */
  name: string;
  /** The checked inputs the engine recorded, secrets decrypted, without __provider. */
  inputs: Record<string, unknown>;
}

/** The key Pulumi marks a secret value with in a deployment. */
const secretSig = "4dabf18193072939515e22adb298388d";

const isSecret = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && secretSig in v;

/** Decrypted value of a --show-secrets export ({sig, plaintext: JSON}); anything else as it is. */
function plainValue(v: unknown): unknown {
  if (isSecret(v) && typeof v.plaintext === "string") return JSON.parse(v.plaintext);
  return v;
}

export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Pending creates of a `--show-secrets` export, in the order the engine recorded them. */
export function pendingCreates(shown: Deployment): PendingCreate[] {
  return (shown.deployment.pending_operations ?? [])
    .filter((op) => op.type === "creating")
    .map((op) => {
      const inputs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(op.resource.inputs ?? {})) if (k !== "__provider") inputs[k] = plainValue(v);
      const engineOnly = op.resource.custom !== true || op.resource.type.startsWith("pulumi:providers:");
      return { urn: op.resource.urn, type: op.resource.type, engineOnly, name: nameOf(op.resource.urn), inputs };
    });
}

/** Resources of one type the state holds (not marked for deletion), with plain outputs. */
export function heldOfType(shown: Deployment, type: string): { id: string; outputs: Record<string, unknown> }[] {
  return (shown.deployment.resources ?? [])
    .filter((r) => r.type === type && !r.delete && typeof r.id === "string" && r.id !== "")
    .map((r) => ({ id: r.id!, outputs: Object.fromEntries(Object.entries(r.outputs ?? {}).map(([k, v]) => [k, plainValue(v)])) }));
}

/**
 * Why a pending create cannot become a resource of this state, or undefined: its URN is already a
 * resource, or something it refers to (parent, provider, dependency) is not in the state.
 */
export function cannotAdopt(d: Deployment, urn: string): string | undefined {
  const resources = d.deployment.resources ?? [];
  const op = (d.deployment.pending_operations ?? []).find((o) => o.type === "creating" && o.resource.urn === urn);
  if (!op) return "it is no longer a pending create";
  if (resources.some((r) => r.urn === urn && !r.delete)) return "the state already holds a resource with this URN";
  const urns = new Set(resources.map((r) => r.urn));
  const providers = new Set(resources.map((r) => `${r.urn}::${r.id ?? ""}`));
  const r = op.resource;
  const refs = [r.parent, ...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()].filter((u): u is string => !!u);
  const missing = refs.find((u) => !urns.has(u));
  if (missing) return `it depends on ${nameOf(missing)}, which the state does not hold`;
  if (r.provider && !providers.has(r.provider)) return "its provider is not in the state";
  return undefined;
}

/** Deep equality of JSON values. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The deployment (as exported, secrets encrypted) with each adopted pending create appended to the
 * resources (every resource it refers to comes before it) and no pending operation left. An output
 * equal to a secret input stays that input's ciphertext; __provider is the input's, as the dynamic
 * provider host records it.
 */
export function withAdopted(encrypted: Deployment, shown: Deployment, adopted: { urn: string; id: string; outputs: Record<string, unknown> }[]): Deployment {
  const ops = encrypted.deployment.pending_operations ?? [];
  const shownOps = shown.deployment.pending_operations ?? [];
  const now = new Date().toISOString();
  const added: StateResource[] = adopted.map(({ urn, id, outputs }) => {
    const op = ops.find((o) => o.type === "creating" && o.resource.urn === urn);
    const plain = shownOps.find((o) => o.type === "creating" && o.resource.urn === urn);
    if (!op || !plain) throw new Error(`no pending create ${urn} in the exported deployment`);
    const inputs = op.resource.inputs ?? {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) {
      out[k] = isSecret(inputs[k]) && same(plainValue(plain.resource.inputs?.[k]), v) ? inputs[k] : v;
    }
    out.__provider = inputs.__provider;
    return { ...op.resource, id, outputs: out, created: now, modified: now };
  });
  return {
    ...encrypted,
    deployment: { ...encrypted.deployment, resources: [...(encrypted.deployment.resources ?? []), ...added], pending_operations: [] },
  };
}
