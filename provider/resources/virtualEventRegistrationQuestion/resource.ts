// The VirtualEventRegistrationQuestion resource a program declares. URN type:
// pulumi-nodejs:dynamic/msgraph:VirtualEventRegistrationQuestion. Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";
import type { AnswerInputType, PredefinedLabel } from "./inputs";

export interface VirtualEventRegistrationQuestionArgs {
  /** The webinar's id (webinar.id). */
  webinarId: pulumi.Input<string>;
  /** A custom question's text (with answerInputType). */
  displayName?: pulumi.Input<string>;
  answerInputType?: pulumi.Input<AnswerInputType>;
  /** The choices of a singleChoice or multiChoice question. */
  answerChoices?: pulumi.Input<pulumi.Input<string>[]>;
  /** A predefined question (Graph sets its text), instead of displayName and answerInputType. */
  label?: pulumi.Input<PredefinedLabel>;
  /** Whether registrants must answer (default false). */
  isRequired?: pulumi.Input<boolean>;
}

const kind: ResourceKind = { type: "VirtualEventRegistrationQuestion", outputs: ["questionText"] };

export class VirtualEventRegistrationQuestion extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  declare public readonly webinarId: pulumi.Output<string>;
  declare public readonly label: pulumi.Output<PredefinedLabel | undefined>;
  /** The question's text as Graph has it (Graph's for a predefined question, e.g. "Job title"). */
  declare public readonly questionText: pulumi.Output<string | undefined>;

  constructor(name: string, args: VirtualEventRegistrationQuestionArgs, opts?: pulumi.CustomResourceOptions) {
    super(kind, name, { ...args }, opts);
  }
}
