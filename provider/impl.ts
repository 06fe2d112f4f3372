// What the serialized stubs load by package name (require("pulumi-msgraph-meetings/impl")): the
// host-facing methods of every resource kind, over one shared per-process context (runtime.ts).
// Stable names: stored stubs of every released version call exactly these.
import type * as pulumi from "@pulumi/pulumi";
import * as registration from "./resources/externalMeetingRegistration/lifecycle";
import * as registrant from "./resources/externalMeetingRegistrant/lifecycle";
import * as onlineMeeting from "./resources/onlineMeeting/lifecycle";
import { hostFacing } from "./hostErrors";
import { configure as configureRuntime, providerContext } from "./runtime";
import * as virtualEventWebinar from "./resources/virtualEventWebinar/lifecycle";
import * as virtualEventQuestion from "./resources/virtualEventRegistrationQuestion/lifecycle";
import * as virtualEventRegistration from "./resources/virtualEventRegistration/lifecycle";

// Every method leaves through hostFacing: one clean stderr line per failure (hostErrors.ts).
export const configure = hostFacing(async (req: pulumi.dynamic.ConfigureRequest): Promise<void> => {
  await configureRuntime((key) => req.config.get(key));
});

export const externalMeetingRegistration: Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">> = {
  check: hostFacing(async (olds, news) => registration.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => registration.diff(id, olds, news)),
  // async: a failed configure (rethrown by providerContext) must reject, not throw synchronously.
  create: hostFacing(async (inputs) => registration.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => registration.read(providerContext(), id, props ?? {})),
  delete: hostFacing(async (id, props) => registration.remove(providerContext(), id, props)),
};

// Named `meeting`, not `onlineMeeting`: the name is repeated in each of the seven serialized stub
// methods, and the shorter one keeps OnlineMeeting's __provider under 2 KiB.
export const meeting: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
  check: hostFacing(async (olds, news) => onlineMeeting.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => onlineMeeting.diff(id, olds, news)),
  create: hostFacing(async (inputs) => onlineMeeting.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => onlineMeeting.read(providerContext(), id, props ?? {})),
  update: hostFacing(async (id, olds, news) => onlineMeeting.update(providerContext(), id, olds, news)),
  delete: hostFacing(async (id, props) => onlineMeeting.remove(providerContext(), id, props)),
};

export const externalMeetingRegistrant: Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">> = {
  check: hostFacing(async (olds, news) => registrant.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => registrant.diff(id, olds, news)),
  create: hostFacing(async (inputs) => registrant.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => registrant.read(providerContext(), id, props ?? {})),
  delete: hostFacing(async (id, props) => registrant.remove(providerContext(), id, props)),
};

export const webinar: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> = {
  check: hostFacing(async (olds, news) => virtualEventWebinar.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => virtualEventWebinar.diff(id, olds, news)),
  create: hostFacing(async (inputs) => virtualEventWebinar.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => virtualEventWebinar.read(providerContext(), id, props ?? {})),
  update: hostFacing(async (id, olds, news) => virtualEventWebinar.update(providerContext(), id, olds, news)),
  delete: hostFacing(async (id, props) => virtualEventWebinar.remove(providerContext(), id, props)),
};

export const webinarQuestion: Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">> = {
  check: hostFacing(async (olds, news) => virtualEventQuestion.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => virtualEventQuestion.diff(id, olds, news)),
  create: hostFacing(async (inputs) => virtualEventQuestion.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => virtualEventQuestion.read(providerContext(), id, props ?? {})),
  delete: hostFacing(async (id, props) => virtualEventQuestion.remove(providerContext(), id, props)),
};

export const webinarRegistration: Required<Omit<pulumi.dynamic.ResourceProvider, "configure" | "update">> = {
  check: hostFacing(async (olds, news) => virtualEventRegistration.check(olds, news)),
  diff: hostFacing(async (id, olds, news) => virtualEventRegistration.diff(id, olds, news)),
  create: hostFacing(async (inputs) => virtualEventRegistration.create(providerContext(), inputs)),
  read: hostFacing(async (id, props) => virtualEventRegistration.read(providerContext(), id, props ?? {})),
  delete: hostFacing(async (id, props) => virtualEventRegistration.remove(providerContext(), id, props)),
};
