// What the serialized stubs load by package name (require("pulumi-msgraph-meetings/impl")): the
// host-facing methods of every resource kind, over one shared per-process context (runtime.ts).
// Stable names: stored stubs of every released version call exactly these (scripts/build.js writes them).
import type * as pulumi from "@pulumi/pulumi";
import * as externalMeetingRegistrationLifecycle from "./resources/externalMeetingRegistration/lifecycle";
import * as externalMeetingRegistrantLifecycle from "./resources/externalMeetingRegistrant/lifecycle";
import * as onlineMeetingLifecycle from "./resources/onlineMeeting/lifecycle";
import * as virtualEventWebinarLifecycle from "./resources/virtualEventWebinar/lifecycle";
import * as virtualEventRegistrationQuestionLifecycle from "./resources/virtualEventRegistrationQuestion/lifecycle";
import * as virtualEventRegistrationLifecycle from "./resources/virtualEventRegistration/lifecycle";
import { hostFacing } from "./hostErrors";
import { configure as configureRuntime, providerContext, type ProviderContext } from "./runtime";

// Every method leaves through hostFacing: one clean stderr line per failure (hostErrors.ts).
export const configure = hostFacing(async (req: pulumi.dynamic.ConfigureRequest): Promise<void> => {
  await configureRuntime((key) => req.config.get(key));
});

// What the host passes: the kind's own check result and stored outputs (pulumi types them `any` too).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = any;

/** What every resource kind's lifecycle.ts exports; update only where Graph changes the kind in place. */
interface Lifecycle {
  check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> | pulumi.dynamic.CheckResult;
  diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
  create(ctx: ProviderContext, inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(ctx: ProviderContext, id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
  update?(ctx: ProviderContext, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  remove(ctx: ProviderContext, id: string, props: Props): Promise<void>;
}

type HostMethods = Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">>;

/** A kind's host-facing methods over its lifecycle and the shared context. */
function hostMethods(kind: Lifecycle): HostMethods & Pick<pulumi.dynamic.ResourceProvider, "update"> {
  const methods: HostMethods & Pick<pulumi.dynamic.ResourceProvider, "update"> = {
    check: hostFacing(async (olds, news) => kind.check(olds, news)),
    diff: hostFacing(async (id, olds, news) => kind.diff(id, olds, news)),
    // async: a failed configure (rethrown by providerContext) must reject, not throw synchronously.
    create: hostFacing(async (inputs) => kind.create(providerContext(), inputs)),
    read: hostFacing(async (id, props) => kind.read(providerContext(), id, props ?? {})),
    delete: hostFacing(async (id, props) => kind.remove(providerContext(), id, props)),
  };
  const update = kind.update;
  if (update) methods.update = hostFacing(async (id, olds, news) => update(providerContext(), id, olds, news));
  return methods;
}

// One export per resource kind, named as its folder under resources/: scripts/build.js writes a stub
// (dist/provider/stubs/<name>.js) for every export here that has `check`.
export const externalMeetingRegistration = hostMethods(externalMeetingRegistrationLifecycle);
export const onlineMeeting = hostMethods(onlineMeetingLifecycle);
export const externalMeetingRegistrant = hostMethods(externalMeetingRegistrantLifecycle);
export const virtualEventWebinar = hostMethods(virtualEventWebinarLifecycle);
export const virtualEventRegistrationQuestion = hostMethods(virtualEventRegistrationQuestionLifecycle);
export const virtualEventRegistration = hostMethods(virtualEventRegistrationLifecycle);
