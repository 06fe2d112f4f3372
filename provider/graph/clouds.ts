// The national clouds: where Graph and the identity platform live in each, and whether the
// (beta-only) meeting registration API exists there. Values from Microsoft's national-cloud docs.

export type CloudName = "Global" | "USGov" | "USGovDoD" | "China";

export interface Cloud {
  name: CloudName;
  /** Graph root, no trailing slash. Also the audience of its access tokens. */
  graphEndpoint: string;
  /** Entra ID authority host, no trailing slash. */
  authorityHost: string;
  /** The client-credentials scope: always the cloud's own Graph root + "/.default". */
  scope: string;
  /** Whether /beta/.../onlineMeetings/{id}/registration is served in this cloud. */
  meetingRegistration: boolean;
}

function cloud(name: CloudName, graphEndpoint: string, authorityHost: string, meetingRegistration: boolean): Cloud {
  return { name, graphEndpoint, authorityHost, scope: `${graphEndpoint}/.default`, meetingRegistration };
}

export const clouds: Readonly<Record<CloudName, Cloud>> = {
  Global: cloud("Global", "https://graph.microsoft.com", "https://login.microsoftonline.com", true),
  USGov: cloud("USGov", "https://graph.microsoft.us", "https://login.microsoftonline.us", false),
  USGovDoD: cloud("USGovDoD", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us", false),
  China: cloud("China", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn", false),
};

export const cloudNames = Object.keys(clouds) as CloudName[];

/** Case-insensitive lookup; undefined when the name is not a cloud. */
export function findCloud(name: string): Cloud | undefined {
  const wanted = name.trim().toLowerCase();
  return cloudNames.map((n) => clouds[n]).find((c) => c.name.toLowerCase() === wanted);
}

/** True when the host is one of the clouds' own authority hosts (so MSAL may run instance discovery). */
export function isKnownAuthorityHost(authorityHost: string): boolean {
  const host = authorityHost.replace(/\/+$/, "").toLowerCase();
  return cloudNames.some((n) => clouds[n].authorityHost === host);
}
