import type { Env } from "../config";
import type { Database } from "../db/client";
import type { Logger } from "../observability/logger";
import type { SecurityHeadersVariables } from "./middleware/securityHeaders";

/** Hono's typed bindings and per-request variables, shared by every router. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    correlationId: string;
    logger: Logger;
    db: Database;
    /** The stored session a cookie-authenticated request came with (unset with the API key). */
    sessionId?: number;
  } & SecurityHeadersVariables;
}
