// Helpers shared by the identity-platform tests: raw token-endpoint calls over TLS (for the exact
// Entra error JSON), claim decoding, and asserting what reaches an @azure/identity error.
import { expect } from "chai";
import { decodeJwt, type JWTPayload } from "jose";
import { graphRequest } from "./graphRequest";
import type { EmulatorInfo } from "./emulator";

export const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/** POSTs a form to {authorityHost}/{tenant}/oauth2/v2.0/{endpoint}. */
export async function postForm(
  info: EmulatorInfo,
  endpoint: "token" | "devicecode",
  form: Record<string, string>,
  options: { tenant?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return send(info, "POST", `/${options.tenant ?? info.tenantId}/oauth2/v2.0/${endpoint}`, new URLSearchParams(form).toString(), {
    "content-type": "application/x-www-form-urlencoded",
    ...options.headers,
  });
}

/** A raw call to the identity platform: the Graph helper's request, sent to the authority host. */
export async function send(info: EmulatorInfo, method: "GET" | "POST", path: string, body?: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return graphRequest(info, undefined, method, `${info.authorityHost}${path}`, body, headers);
}

export function claims(token: string): JWTPayload & Record<string, any> {
  return decodeJwt(token) as JWTPayload & Record<string, any>;
}

/** Asserts the Entra error JSON: status, `error`, the AADSTS code first in the description, and the envelope fields. */
export function expectEntraError(res: RawResponse, status: number, error: string, aadsts: number): void {
  expect(res.status, res.text).to.equal(status);
  expect(res.body.error).to.equal(error);
  expect(res.body.error_description).to.match(new RegExp(`^AADSTS${aadsts}: `));
  expect(res.body.error_codes).to.deep.equal([aadsts]);
  expect(res.body.timestamp).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(res.body.trace_id).to.match(/^[0-9a-f-]{36}$/);
  expect(res.body.correlation_id).to.match(/^[0-9a-f-]{36}$/);
}

/** Awaits a rejected getToken() and returns the error (fails if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail");
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
