// A `check` in the making: the failure list, each failure naming its property (an undefined reason
// is no failure), started with the properties the resource does not take; and check's answer.
import type * as pulumi from "@pulumi/pulumi";
import { setProperties } from "./properties";
import { unknownKeys, type NamedFailure } from "./unknownKeys";

export interface FailureList {
  failures: pulumi.dynamic.CheckFailure[];
  /** Records `reason` against `property` when there is one. */
  fail(property: string, reason: string | undefined): void;
  /** Records the failures a nested check found (e.g. one per list item). */
  add(found: readonly NamedFailure[]): void;
}

export function failureList(): FailureList {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  return {
    failures,
    fail: (property, reason) => {
      if (reason) failures.push({ property, reason });
    },
    add: (found) => {
      failures.push(...found);
    },
  };
}

export interface InputCheck extends FailureList {
  /** check's answer: with failures, `news` as given and the failures; else the resource's properties that `news` sets. */
  result<T>(): pulumi.dynamic.CheckResult<T>;
}

/**
 * The check of a resource's `news`, whose known properties are `properties`: starts with a failure
 * for each other key (`takes` ends its message, by default "<resource> takes <properties>").
 */
export function inputCheck(resource: string, news: Record<string, unknown>, properties: readonly string[], takes = `${resource} takes ${properties.join(", ")}`): InputCheck {
  const list = failureList();
  list.add(unknownKeys("", news, properties, takes));
  return {
    ...list,
    result: <T>() => (list.failures.length > 0 ? { inputs: news as unknown as T, failures: list.failures } : { inputs: setProperties(news, properties) as unknown as T }),
  };
}
