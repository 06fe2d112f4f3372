// The list a `check` returns: each failure names its property; an undefined reason is no failure.
import type * as pulumi from "@pulumi/pulumi";

export interface FailureList {
  failures: pulumi.dynamic.CheckFailure[];
  /** Records `reason` against `property` when there is one. */
  fail(property: string, reason: string | undefined): void;
}

export function failureList(): FailureList {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  return {
    failures,
    fail: (property, reason) => {
      if (reason) failures.push({ property, reason });
    },
  };
}
