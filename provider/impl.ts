// What the serialized stubs load by package name (require("pulumi-msgraph-meetings/impl")): the
// host-facing methods of every resource kind, over one shared per-process context (runtime.ts).
// Stable names: stored stubs of every released version call exactly these.
import type * as pulumi from "@pulumi/pulumi";
import * as registration from "./resources/externalMeetingRegistration/lifecycle";
import { configure as configureRuntime, providerContext } from "./runtime";

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureRuntime((key) => req.config.get(key));
}

export const externalMeetingRegistration: Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">> = {
  check: async (olds, news) => registration.check(olds, news),
  diff: (id, olds, news) => registration.diff(id, olds, news),
  create: (inputs) => registration.create(providerContext(), inputs),
  read: (id, props) => registration.read(providerContext(), id, props ?? {}),
  delete: (id, props) => registration.remove(providerContext(), id, props),
};
