import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import type { UpstreamWork } from "../domain/budgets";
import type { BackgroundWork } from "../integrations/cache";
import { type Logger, rootLogger } from "../observability/logger";
import { jobD1Meter } from "../observability/metrics";

/**
 * What every application service works with, passed as one object instead of positional
 * `(env, db, logger, …)`: the Worker's bindings, the database, a logger carrying the caller's
 * fields (request id, job, list), and where work that may outlive the call is registered.
 */
export interface ServiceContext {
  readonly env: Env;
  readonly db: Database;
  readonly logger: Logger;
  /** A request's executionCtx; detached (started, not awaited) in crons, queues and Durable Objects. */
  readonly background: BackgroundWork;
  /** Who the upstream calls are for: background (crons, queues, Durable Objects) spends only its share of the daily budgets. */
  readonly work: UpstreamWork;
}

/** Background work that is started and not awaited (a Durable Object or cron without executionCtx). */
const detachedWork: BackgroundWork = {
  waitUntil(promise) {
    promise.catch(() => {});
  },
};

/** The parts of a Hono request context a service context is built from (services never import api/). */
interface RequestContextLike {
  readonly env: Env;
  readonly var: { readonly db: Database; readonly logger: Logger };
  readonly executionCtx: BackgroundWork;
}

/** The service context of an API request: its database, its logger (with the correlation id), its executionCtx. */
export function requestContext(c: RequestContextLike): ServiceContext {
  return {
    env: c.env,
    db: c.var.db,
    logger: c.var.logger,
    work: "interactive",
    // Read when used: Hono's executionCtx getter throws where there is none.
    background: { waitUntil: (promise) => c.executionCtx.waitUntil(promise) },
  };
}

/** The service context of a cron run, a queue consumer or a Durable Object. */
export function jobContext(
  env: Env,
  logger: Logger = rootLogger,
  db: Database = createDatabase(env.DB, jobD1Meter("background")),
): ServiceContext {
  return { env, db, logger, background: detachedWork, work: "background" };
}

/** The same context with a logger carrying more fields (a list, a movie, a queue item). */
export function withLogFields(ctx: ServiceContext, fields: Record<string, unknown>): ServiceContext {
  return { ...ctx, logger: ctx.logger.child(fields) };
}
