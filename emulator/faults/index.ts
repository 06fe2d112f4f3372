// Fault injection: the rules (which fire, from a seeded PRNG) and the pipeline stage that applies them.
export { Faults, FaultRuleError, type FaultRule, type FaultRuleInput } from "./rules";
export { faultStage } from "./stage";
