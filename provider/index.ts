// Public API of pulumi-msgraph-meetings. Loads nothing heavy: credentials and the HTTP client live
// in ./impl, which only the dynamic-provider host loads.
export { ExternalMeetingRegistration, ExternalMeetingRegistrationArgs } from "./resources/externalMeetingRegistration/resource";
export { AllowedRegistrant, allowedRegistrants } from "./resources/externalMeetingRegistration/inputs";
export { OnlineMeeting, OnlineMeetingArgs, OnlineMeetingAttendeeArgs } from "./resources/onlineMeeting/resource";
export { AttendeeRole, LobbyScope, AllowedPresenters, MeetingChatMode } from "./resources/onlineMeeting/inputs";
export { ExternalMeetingRegistrant, ExternalMeetingRegistrantArgs } from "./resources/externalMeetingRegistrant/resource";
export { GraphError, GraphErrorDetails, ErrorHints, isGraphError } from "./graph/errors";
export { ConfigError, configKeys, ConfigKey } from "./config";
export { CloudName, clouds } from "./graph/clouds";
