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
  diff: async (id, olds, news) => registration.diff(id, olds, news),
  // async: a failed configure (rethrown by providerContext) must reject, not throw synchronously.
  create: async (inputs) => registration.create(providerContext(), inputs),
  read: async (id, props) => registration.read(providerContext(), id, props ?? {}),
  delete: async (id, props) => registration.remove(providerContext(), id, props),
};
