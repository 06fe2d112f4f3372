// Public API of pulumi-msgraph-meetings. Loads nothing heavy: credentials and the HTTP client live
// in ./impl, which only the dynamic-provider host loads.
export { ExternalMeetingRegistration, ExternalMeetingRegistrationArgs } from "./resources/externalMeetingRegistration/resource";
export { AllowedRegistrant, allowedRegistrants } from "./resources/externalMeetingRegistration/inputs";
export { OnlineMeeting, OnlineMeetingArgs, OnlineMeetingAttendeeArgs } from "./resources/onlineMeeting/resource";
export { AttendeeRole, LobbyScope, AllowedPresenters, MeetingChatMode } from "./resources/onlineMeeting/inputs";
export { ExternalMeetingRegistrant, ExternalMeetingRegistrantArgs } from "./resources/externalMeetingRegistrant/resource";
export { VirtualEventWebinar, VirtualEventWebinarArgs, DateTimeTimeZoneArgs } from "./resources/virtualEventWebinar/resource";
export { WebinarAudience, audiences as webinarAudiences } from "./resources/virtualEventWebinar/inputs";
export { VirtualEventRegistrationQuestion, VirtualEventRegistrationQuestionArgs } from "./resources/virtualEventRegistrationQuestion/resource";
export { AnswerInputType, PredefinedLabel } from "./resources/virtualEventRegistrationQuestion/inputs";
export { VirtualEventRegistration, VirtualEventRegistrationArgs } from "./resources/virtualEventRegistration/resource";
export { GraphError, GraphErrorFacts, isGraphError } from "./graph/errors";
export { ConfigError, configKeys, ConfigKey } from "./config";
export { CloudName, clouds } from "./graph/clouds";
