// What every resource class a program declares shares: pulumi.dynamic.Resource over its kind's stub
// (pulumi-msgraph-meetings/stubs/<kind>, written by scripts/build.js), in module "msgraph" (URN type
// pulumi-nodejs:dynamic/msgraph:<type>), its output-only properties declared unset, its secret
// outputs, and the `import` option as adoptId.
import * as pulumi from "@pulumi/pulumi";

export interface ResourceKind {
  /** The URN type name, e.g. "OnlineMeeting". */
  type: string;
  /** Outputs that exist only once created: declared unset so the class's properties resolve. */
  outputs?: readonly string[];
  /** Outputs always kept secret in the state. */
  secretOutputs?: readonly string[];
  /**
   * The engine's import step calls Read with neither inputs nor state, so a dynamic provider never
   * sees its own __provider and the import fails inside Pulumi's host: when set, the `import` option
   * becomes the adoptId input instead, which create turns into a read-and-adopt.
   */
  importAsAdoptId?: boolean;
}

function propsOf(kind: ResourceKind, props: Record<string, unknown>, opts: pulumi.CustomResourceOptions | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = kind.importAsAdoptId ? { ...props, adoptId: props.adoptId ?? opts?.import } : { ...props };
  for (const key of kind.outputs ?? []) out[key] = undefined;
  return out;
}

function optionsOf(kind: ResourceKind, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions | undefined {
  let out = opts;
  if (kind.importAsAdoptId) {
    const { import: _adopted, ...rest } = opts ?? {};
    out = rest;
  }
  if (kind.secretOutputs) out = { ...out, additionalSecretOutputs: [...new Set([...(out?.additionalSecretOutputs ?? []), ...kind.secretOutputs])] };
  return out;
}

/**
 * The kind's stub, the object stored in state: loaded by the package's own name, as a program's
 * node_modules holds it, so that the serializer stores just that require(). Its name is the kind's
 * folder under resources/ and its export in impl.ts: the URN type in lowerCamelCase.
 */
function stubOf(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const name = kind.type[0].toLowerCase() + kind.type.slice(1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`pulumi-msgraph-meetings/stubs/${name}`);
}

export abstract class GraphResource extends pulumi.dynamic.Resource {
  /** `props` are the inputs the kind takes, as the program gave them. */
  protected constructor(kind: ResourceKind, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super(stubOf(kind), name, propsOf(kind, props, opts), optionsOf(kind, opts), "msgraph", kind.type);
  }
}
