// One Graph call over TLS to an emulator, trusting its CA (an undici Agent per CA file).
import * as fs from "node:fs";
import { Agent, request, type Dispatcher } from "undici";
import type { EmulatorInfo } from "../../emulator/index";

const agents = new Map<string, Agent>();
/** An undici Agent trusting the CA in caFile (cached per file). */
export function agentFor(caFile: string): Agent {
  let agent = agents.get(caFile);
  if (!agent) {
    agent = new Agent({ connect: { ca: fs.readFileSync(caFile, "utf8") }, keepAliveTimeout: 4_000 });
    agents.set(caFile, agent);
  }
  return agent;
}

export interface GraphResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined for an empty body. */
  body: T;
  text: string;
}

/** One Graph call over TLS. `p` is a path (/beta/...) or an absolute URL (e.g. an @odata.nextLink). */
export async function graphRequest<T = any>(
  info: EmulatorInfo,
  token: string | undefined,
  method: Dispatcher.HttpMethod,
  p: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<GraphResponse<T>> {
  const res = await request(p.startsWith("https://") ? p : `${info.graphEndpoint}${p}`, {
    method,
    dispatcher: agentFor(info.caFile),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}
