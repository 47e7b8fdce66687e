import { type Context, Hono } from "hono";
import { matchedRoutes } from "hono/route";
import { finishCall, markFaulted, recordCall } from "../calls";
import { type FaultRule, planFaults } from "../faults";

/**
 * What every simulated upstream shares: a Hono app mounted under `/<name>` whose first
 * middleware counts the call and applies the fault switches before the service's own routes run.
 */

export interface ServiceOptions {
  /** Also the mount prefix: "tmdb" is served under "/tmdb". */
  name: string;
  description: string;
  /** The body this upstream sends with an error status, in its own format. */
  errorResponse: (status: number) => Response;
}

export interface SimulatedService {
  name: string;
  prefix: string;
  description: string;
  app: Hono;
  errorResponse: (status: number) => Response;
  /** Forgets the service's own state (downloads, sessions, controls); called by POST /__sim/reset. */
  reset?: () => void;
}

const DEMO_DATA_HEADER = "X-Simulator";
const DEMO_DATA_LABEL = "radarr-edge-sim; demo data";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function routeLabel(c: Context, prefix: string): string {
  const route = matchedRoutes(c).findLast((candidate) => candidate.method !== "ALL");
  return route ? `${c.req.method} ${route.path.slice(prefix.length) || "/"}` : `${c.req.method} (unmatched)`;
}

function headersWithoutLength(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete("content-length");
  return copy;
}

/** 200 with the real body made unparseable: a raw NUL byte is invalid anywhere in JSON. */
async function malformed(response: Response): Promise<Response> {
  const text = await response.text();
  const middle = Math.floor(text.length / 2);
  return new Response(`${text.slice(0, middle)}\u0000<<garbled>>${text.slice(middle + 1, -1)}`, {
    status: 200,
    headers: headersWithoutLength(response.headers),
  });
}

/** The real status and headers with only the first half of the body, as if the connection dropped. */
async function truncated(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return new Response(bytes.slice(0, Math.floor(bytes.length / 2)), {
    status: response.status,
    headers: headersWithoutLength(response.headers),
  });
}

function decisiveResponse(rule: FaultRule, options: ServiceOptions): Response {
  if (rule.kind === "timeout") return options.errorResponse(504);
  if (rule.kind === "rateLimit") {
    const response = options.errorResponse(429);
    response.headers.set("Retry-After", String(rule.retryAfter ?? 0));
    return response;
  }
  return options.errorResponse(rule.status ?? 500);
}

export function createService(options: ServiceOptions): SimulatedService {
  const prefix = `/${options.name}`;
  const app = new Hono();

  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const path = url.pathname.slice(prefix.length) || "/";
    const call = recordCall({
      service: options.name,
      method: c.req.method,
      route: routeLabel(c, prefix),
      path,
      query: url.search,
      headers: Object.fromEntries([...c.req.raw.headers].filter(([name]) => name.startsWith("cf-access-"))),
    });
    const plan = planFaults(options.name, path + url.search);
    markFaulted(call, plan.kinds);
    if (plan.delayMs > 0) await sleep(plan.delayMs);

    const rule = plan.decisive;
    if (rule && (rule.kind === "timeout" || rule.kind === "status" || rule.kind === "rateLimit")) {
      if (rule.kind === "timeout") await sleep(rule.ms ?? 0);
      const response = decisiveResponse(rule, options);
      response.headers.set(DEMO_DATA_HEADER, DEMO_DATA_LABEL);
      response.headers.set("Access-Control-Allow-Origin", "*");
      finishCall(call, response.status);
      return response;
    }

    await next();
    c.header(DEMO_DATA_HEADER, DEMO_DATA_LABEL);
    c.header("Access-Control-Allow-Origin", "*");
    if (rule?.kind === "malformed" || rule?.kind === "truncate") {
      const original = c.res;
      const replacement = rule.kind === "malformed" ? await malformed(original) : await truncated(original);
      // Hono copies the old response's headers onto a replacement; drop the stale length first.
      original.headers.delete("content-length");
      c.res = replacement;
    }
    finishCall(call, c.res.status);
  });

  return { name: options.name, prefix, description: options.description, app, errorResponse: options.errorResponse };
}
