import type { Context } from "hono";
import type { Router } from "hono/router";
import type { AppEnv } from "../context";

const METHODS = ["DELETE", "GET", "PATCH", "POST", "PUT"] as const;

/** What Hono's router holds per route: the handler and the route, whose method is ALL for middleware. */
type RouteEntry = [unknown, { method: string }];

/**
 * The methods some handler answers on `path`, asked of the app's own router (so it can never
 * disagree with routing), with HEAD wherever GET is: Hono answers HEAD with the GET handler.
 */
function allowedMethods(router: Router<RouteEntry>, path: string): string[] {
  const allowed: string[] = [];
  for (const method of METHODS) {
    const [matches] = router.match(method, path);
    if (matches.some(([[, route]]) => route.method !== "ALL")) allowed.push(method);
  }
  if (allowed.includes("GET")) allowed.push("HEAD");
  return allowed.sort();
}

/**
 * A 405 with `Allow` when the path exists under other methods (RFC 9110 §15.5.6), else undefined
 * and the caller answers 404 or serves the site. Without it such a request fell through to the
 * site's assets (DELETE /ping, GET /login), whose fetched response could not take our headers.
 */
export function methodNotAllowed(c: Context<AppEnv>, router: Router<RouteEntry>): Response | undefined {
  const allow = allowedMethods(router, c.req.path);
  if (allow.length === 0) return undefined;
  const method = c.req.raw.method;
  return c.json(
    { message: `Method ${method} is not allowed on ${c.req.path}; it answers ${allow.join(", ")}`, errors: [] },
    405,
    { Allow: allow.join(", ") },
  );
}
