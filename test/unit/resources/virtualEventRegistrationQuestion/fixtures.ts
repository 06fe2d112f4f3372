// The custom and the predefined question the VirtualEventRegistrationQuestion unit tests use.
export const webinarId = "a1b2c3d4-0000-4000-8000-000000000001@8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
export const custom = { webinarId, displayName: "Company", answerInputType: "text" as const, isRequired: true };
export const predefined = { webinarId, label: "jobTitle" as const };
