import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { isolateStartTime } from "../../config";
import { createDatabase } from "../../db/client";
import type { D1Usage } from "../../db/meteredD1";
import { rootLogger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import type { AppEnv } from "../context";

const CORRELATION_HEADER = "X-Correlation-Id";
/** D1 rows the request read and wrote before its response was returned (a streamed body's later reads count in /metrics only). */
const D1_ROWS_READ_HEADER = "X-D1-Rows-Read";
const D1_ROWS_WRITTEN_HEADER = "X-D1-Rows-Written";
/** What a caller's X-Correlation-Id must look like to be kept (else the request gets a new one). */
export const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request a correlation id (the caller's, when well-formed, or a new one), a logger
 * that stamps it on every line, and a database handle; logs and measures the request.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  isolateStartTime();
  const incoming = c.req.header(CORRELATION_HEADER);
  const correlationId = incoming && VALID_CORRELATION_ID.test(incoming) ? incoming : crypto.randomUUID();
  const logger = rootLogger.child({ correlationId });
  c.set("correlationId", correlationId);
  c.set("logger", logger);
  // D1's rows read/written for this request alone: a counter per request, never isolate-wide.
  const d1 = { rowsRead: 0, rowsWritten: 0 };
  // Once the response has left, what a streamed body still reads goes straight to /metrics.
  let answeredRoute: string | undefined;
  c.set(
    "db",
    createDatabase(c.env.DB, (usage) =>
      answeredRoute === undefined ? addUsage(d1, usage) : metrics.d1Rows(answeredRoute, c.req.method, usage),
    ),
  );
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  c.res.headers.set(CORRELATION_HEADER, correlationId);
  c.res.headers.set("Server-Timing", `app;dur=${(seconds * 1000).toFixed(1)}`);
  c.res.headers.set(D1_ROWS_READ_HEADER, String(d1.rowsRead));
  c.res.headers.set(D1_ROWS_WRITTEN_HEADER, String(d1.rowsWritten));
  const route = handlerRoute(matchedRoutes(c));
  metrics.httpRequest(route, c.req.method, c.res.status, seconds);
  metrics.d1Rows(route, c.req.method, d1);
  answeredRoute = route;
  if (deservesRequestLine(c.req.method, c.res.status, seconds)) {
    logger.info("request", {
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      durationMs: Math.round(seconds * 1000),
    });
  }
});

/** A read that succeeded faster than this gets no request line (see deservesRequestLine). */
const SLOW_REQUEST_SECONDS = 1;

/**
 * Whether a request gets its own "request" log line: every write, every failure (4xx and 5xx) and
 * every slow request. A fast successful read does not: a line per read was most of what an API
 * read cost beyond the route's own work (the JSON line, its redaction, and the console write that
 * Workers Logs bills per event), while /metrics counts every request by route, method and status
 * with its latency, and Cloudflare's own invocation log (wrangler tail, Workers Logs) lists each one.
 */
function deservesRequestLine(method: string, status: number, seconds: number): boolean {
  return (method !== "GET" && method !== "HEAD") || status >= 400 || seconds >= SLOW_REQUEST_SECONDS;
}

/**
 * The route pattern of the handler that answered: the first matched route that is not middleware
 * (method ALL). Later matches never ran: /movie/paged also matches /movie/{id}, registered after it.
 */
function handlerRoute(routes: { method: string; path: string }[]): string {
  return routes.find((r) => r.method !== "ALL")?.path ?? "unmatched";
}

function addUsage(total: D1Usage, usage: D1Usage): void {
  total.rowsRead += usage.rowsRead;
  total.rowsWritten += usage.rowsWritten;
}
