// The webinar and the person the VirtualEventRegistration unit tests register.
export const webinarId = "a1b2c3d4-0000-4000-8000-000000000001@8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
export const base = {
  webinarId,
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  preferredTimezone: "UTC",
  preferredLanguage: "en-us",
  externalRegistrationInformation: { referrer: "CRM", registrationId: "crm-1001" },
};
