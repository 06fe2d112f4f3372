// The resource kinds `msgraph-meetings recover` knows, by URN type: for each, the one function that
// says what a lost create of that kind may have made (resources/<kind>/lostCreate.ts). A new kind
// adds one line here. Pending creates of any other type stop recover before it changes anything.
import type { LostCreateFinder } from "../../resources/common/lostCreate";
import { findLostCreate as registration } from "../../resources/externalMeetingRegistration/lostCreate";
import { findLostCreate as registrant } from "../../resources/externalMeetingRegistrant/lostCreate";
import { findLostCreate as meeting } from "../../resources/onlineMeeting/lostCreate";
import { findLostCreate as webinarRegistration } from "../../resources/virtualEventRegistration/lostCreate";

const urnType = (name: string) => `pulumi-nodejs:dynamic/msgraph:${name}`;

export const lostCreateFinders: Readonly<Record<string, LostCreateFinder>> = {
  [urnType("ExternalMeetingRegistration")]: registration,
  [urnType("ExternalMeetingRegistrant")]: registrant,
  [urnType("OnlineMeeting")]: meeting,
  [urnType("VirtualEventRegistration")]: webinarRegistration,
};
