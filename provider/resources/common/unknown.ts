// The sentinel the dynamic-provider host passes for values not known yet (preview). Same string as
// @pulumi/pulumi/runtime/rpc `unknownValue` (a unit test holds them equal); copied so the
// implementation does not depend on an SDK-internal module path.
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  return v === unknownValue;
}

/** Drops undefined values: the host's protobuf Struct conversion throws on them. */
export function definedOnly<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
