// Public API of pulumi-msgraph-meetings. Loads nothing heavy: credentials and the HTTP client live
// in ./impl, which only the dynamic-provider host loads.
export { ExternalMeetingRegistration, ExternalMeetingRegistrationArgs } from "./resources/externalMeetingRegistration/resource";
export { AllowedRegistrant, allowedRegistrants } from "./resources/externalMeetingRegistration/inputs";
export { GraphError, GraphErrorDetails, ErrorHints, isGraphError } from "./graph/errors";
export { ConfigError, configKeys, ConfigKey } from "./config";
export { CloudName, clouds } from "./graph/clouds";
