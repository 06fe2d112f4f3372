// The provider objects that Pulumi serializes into every resource's `__provider`. Each kind's
// object is the module.exports of its own module in provider/stubs/ (a public, permanent package
// subpath), so the serializer stores only `require("pulumi-msgraph-meetings/stubs/<kind>")`; the
// objects' methods require the implementation by package name at call time, so nothing captures
// config, environment or secrets, and the text is the same across package versions.
// test/unit/stub.test.ts holds the serialized text to a golden copy. Kept for importers of these names.
import externalMeetingRegistrationProvider = require("./stubs/externalMeetingRegistration");
import onlineMeetingProvider = require("./stubs/onlineMeeting");
import externalMeetingRegistrantProvider = require("./stubs/externalMeetingRegistrant");
import virtualEventWebinarProvider = require("./stubs/virtualEventWebinar");
import virtualEventRegistrationQuestionProvider = require("./stubs/virtualEventRegistrationQuestion");
import virtualEventRegistrationProvider = require("./stubs/virtualEventRegistration");

export {
  externalMeetingRegistrationProvider,
  onlineMeetingProvider,
  externalMeetingRegistrantProvider,
  virtualEventWebinarProvider,
  virtualEventRegistrationQuestionProvider,
  virtualEventRegistrationProvider,
};
