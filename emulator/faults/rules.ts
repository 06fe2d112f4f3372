// Fault rules matched by method and path: a status answer, a connection reset before any handling,
// a drop after the write is committed, or added latency. Rules fire for their next `count` matches
// and/or with a `probability` drawn from a seeded PRNG, so the same seed and the same requests give
// the same outcomes.

export type FaultAction = "status" | "reset" | "drop-after-commit" | "delay";

export interface FaultRuleInput {
  match?: { method?: string; path?: string };
  action: FaultAction;
  status?: number;
  retryAfter?: number | string;
  /** For `status`: the error code and message of the answer (defaults by status). */
  code?: string;
  message?: string;
  count?: number;
  probability?: number;
  delayMs?: number;
}

export interface FaultRule {
  id: string;
  method?: string;
  path?: RegExp;
  action: FaultAction;
  status: number;
  retryAfter?: string;
  code?: string;
  message?: string;
  remaining: number; // Infinity when no count was given
  probability: number;
  delayMs: number;
  input: FaultRuleInput;
}

/** What the server does to one request. */
export interface FaultDecision {
  delayMs: number;
  /** The terminating rule (status, reset or drop-after-commit), if any fired. */
  rule?: FaultRule;
  /** Ids of every rule that fired (delay rules included). */
  fired: string[];
}

const ACTIONS: readonly FaultAction[] = ["status", "reset", "drop-after-commit", "delay"];

/** mulberry32: tiny, fast, good enough for reproducible coin flips. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultRuleError extends Error {}

export class Faults {
  private rules: FaultRule[] = [];
  private random: () => number;
  private nextId = 1;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Restarts the PRNG (DELETE /faults and a new `seed` do this, so runs can be replayed). */
  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  get size(): number {
    return this.rules.length;
  }

  list(): (FaultRuleInput & { id: string; remaining: number | null })[] {
    return this.rules.map((r) => ({ ...r.input, id: r.id, remaining: Number.isFinite(r.remaining) ? r.remaining : null }));
  }

  add(input: unknown): FaultRule {
    const rule = parseRule(input, `fault-${this.nextId}`);
    this.nextId++;
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  /** Evaluates the rules in order: delays add up, the first terminating rule that fires wins. */
  decide(method: string, path: string): FaultDecision | undefined {
    if (this.rules.length === 0) return undefined;
    let decision: FaultDecision | undefined;
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !rule.path.test(path)) continue;
      if (rule.probability < 1 && !(this.random() < rule.probability)) continue;
      rule.remaining--;
      decision ??= { delayMs: 0, fired: [] };
      decision.fired.push(rule.id);
      if (rule.action === "delay") {
        decision.delayMs += rule.delayMs;
        continue;
      }
      decision.rule = rule;
      break;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }
}

function parseRule(input: unknown, id: string): FaultRule {
  if (input === null || typeof input !== "object") throw new FaultRuleError("a fault rule must be a JSON object");
  const r = input as FaultRuleInput;
  if (!ACTIONS.includes(r.action)) throw new FaultRuleError(`action must be one of ${ACTIONS.join(", ")}`);
  const match = r.match ?? {};
  if (typeof match !== "object") throw new FaultRuleError("match must be an object");
  let path: RegExp | undefined;
  if (match.path !== undefined) {
    try {
      path = new RegExp(String(match.path));
    } catch (err) {
      throw new FaultRuleError(`match.path is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const status = r.status ?? 503;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new FaultRuleError("status must be an HTTP status code");
  if (r.count !== undefined && (!Number.isInteger(r.count) || r.count < 1)) throw new FaultRuleError("count must be a positive integer");
  const probability = r.probability ?? 1;
  if (typeof probability !== "number" || probability < 0 || probability > 1) throw new FaultRuleError("probability must be between 0 and 1");
  const delayMs = r.delayMs ?? 0;
  if (typeof delayMs !== "number" || delayMs < 0 || delayMs > 600_000) throw new FaultRuleError("delayMs must be between 0 and 600000");
  for (const key of ["code", "message"] as const) {
    if (r[key] !== undefined && typeof r[key] !== "string") throw new FaultRuleError(`${key} must be a string`);
  }
  if (r.retryAfter !== undefined && !(typeof r.retryAfter === "number" || typeof r.retryAfter === "string")) {
    throw new FaultRuleError("retryAfter must be a number (seconds) or a string");
  }
  return {
    id,
    method: match.method ? String(match.method).toUpperCase() : undefined,
    path,
    action: r.action,
    status,
    retryAfter: r.retryAfter === undefined ? undefined : String(r.retryAfter),
    code: r.code,
    message: r.message,
    remaining: r.count ?? Infinity,
    probability,
    delayMs,
    input: r,
  };
}
