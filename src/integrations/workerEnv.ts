import type { Env } from "../config";

/**
 * The Worker's bindings, for the shared http layer whose callers pass no env (the breakers and
 * pacing objects are reached from any call). Imported when first used, so modules that only
 * load this layer (plain-Node unit tests) need no workerd.
 */
export async function workerEnv(): Promise<Env> {
  return ((await import("cloudflare:workers")) as unknown as { env: Env }).env;
}
