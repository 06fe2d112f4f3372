// Server-driven paging as Graph does it: a page of `pageSize` items and, when more remain, an
// `@odata.nextLink` back to the same path with an opaque `$skiptoken` (here: the insertion
// sequence of the last item returned, base64url) plus the query options the caller must keep.
import { badRequest } from "./errors";

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, or undefined on the last one. */
  nextLink?: string;
}

/** Items must be in ascending `seq` order. `keep` are query options repeated in the next link. */
export function pageOf<T extends { seq: number }>(
  items: T[],
  query: URLSearchParams,
  pageSize: number,
  origin: string,
  pathname: string,
  keep: Record<string, string> = {},
): Page<T> {
  const token = query.get("$skiptoken");
  let after = 0;
  if (token !== null) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, "base64url").toString("utf8") : "";
    if (!/^\d+$/.test(decoded)) throw badRequest("The $skiptoken is invalid.");
    after = Number(decoded);
  }
  const rest = items.filter((r) => r.seq > after);
  const page = rest.slice(0, pageSize);
  if (rest.length <= page.length) return { items: page };
  const params = Object.entries(keep).map(([k, v]) => `${k}=${encodeURIComponent(v)}&`).join("");
  const skip = Buffer.from(String(page[page.length - 1].seq)).toString("base64url");
  return { items: page, nextLink: `${origin}${pathname}?${params}$skiptoken=${skip}` };
}
