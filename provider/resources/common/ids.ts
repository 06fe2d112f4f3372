// Checks of the ids every resource takes, in one place: meeting ids are opaque (validated loosely,
// never rejected for not decoding) but some look-alikes are common mistakes worth naming. Every id
// that ends up in a URL refuses empty, "." and ".." (segmentProblem): those would address the parent
// resource. Ids read back from state get the same rule (storedIdProblem), since an older version's
// check let them through.
import { isDotSegment } from "../../graph/route";

/** An Entra object id, tenant id or app id. */
export const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(v: unknown): v is string {
  return typeof v === "string" && guidPattern.test(v);
}

/** undefined when the string can be one URL path segment; else why not. */
export function segmentProblem(property: string, v: string): string | undefined {
  if (!isDotSegment(v)) return undefined;
  if (v === "") return `${property} is empty: set the id itself.`;
  return `${property} is "${v}", which is not an id: in a URL it means ${v === "." ? "this" : "the parent"} resource, so Graph would act on another object (e.g. DELETE …/registrants/.. deletes the whole registration). Set the real id.`;
}

/**
 * An id read back from state (or from an import's inputs): undefined when absent (the caller decides
 * what absence means) or usable in a route; else why not.
 */
export function storedIdProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return `${property} is a ${typeof v}, not a string`;
  return segmentProblem(property, v);
}

/** Throws before any request when an id in the state cannot be used in a route: the error names the property and the way out. */
export function assertStoredIds(operation: string, ids: Record<string, unknown>): void {
  for (const [property, value] of Object.entries(ids)) {
    const problem = storedIdProblem(property, value);
    if (problem) {
      throw new Error(
        `Could not ${operation}: the state holds an unusable id (${problem.replace(/\.$/, "")}). Nothing was sent to Microsoft Graph. ` +
          "If the program has the right id, run `pulumi refresh`; otherwise remove the resource from the state with `pulumi state delete <urn>` and adopt or recreate it.",
      );
    }
  }
}

/** undefined when the value is usable as an onlineMeeting id, else why not and what to do. */
export function meetingIdProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) {
    return `${property} is required: set it to the id of the online meeting (the "id" Graph returns when the meeting is created, e.g. an OnlineMeeting resource's id).`;
  }
  if (typeof v !== "string") return `${property} must be a string, not ${typeof v}.`;
  if (v.trim() === "") return `${property} is empty: set it to the id of the online meeting.`;
  if (isDotSegment(v)) return segmentProblem(property, v);
  if (/^https?:\/\//i.test(v.trim())) {
    return `${property} is a URL; set the online meeting's id instead (find it with GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '<join URL>').`;
  }
  if (/\s/.test(v)) return `${property} contains whitespace; copy the id without spaces or line breaks.`;
  if (v.includes("/")) return `${property} contains "/"; it must be the bare online meeting id, not a path.`;
  if (/^19:.+@thread\.(v2|skype|tacv2)$/i.test(v)) {
    return `${property} "${v}" is a Teams chat thread id, not an online meeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").`;
  }
  if (/^0#.+#0$/s.test(decodeBase64(v))) {
    return `${property} "${v}" is a Teams-client meeting id (base64 of 0#<threadId>#0), not the Graph onlineMeeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").`;
  }
  return undefined;
}

/** undefined when the value names a user (object id or UPN) or is absent (→ /me). */
export function userIdProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return `${property} must be a string, not ${typeof v}.`;
  if (v.trim() === "") {
    return `${property} is empty: omit it to act as the signed-in user (/me, needs a delegated token), or set the organizer's object id or userPrincipalName.`;
  }
  if (isDotSegment(v)) return segmentProblem(property, v);
  if (v.trim().toLowerCase() === "me") return `${property} "me" is not a user: omit ${property} to call /me.`;
  if (/\s/.test(v)) {
    return v.includes("@")
      ? `${property} "${v}" contains whitespace; a userPrincipalName has none (e.g. adele.vance@contoso.com).`
      : `${property} contains whitespace; use the organizer's object id (GUID) or userPrincipalName.`;
  }
  if (v.includes("/")) return `${property} contains "/"; use the organizer's object id (GUID) or userPrincipalName.`;
  if (guidPattern.test(v) || /^[^@]+@[^@]+\.[^@]+$/.test(v)) return undefined;
  return `${property} "${v}" is neither an object id (GUID) nor a userPrincipalName (name@domain); use the meeting organizer's.`;
}

function decodeBase64(v: string): string {
  if (!/^[A-Za-z0-9+_=-]+$/.test(v)) return "";
  return Buffer.from(v, "base64").toString("utf8");
}
