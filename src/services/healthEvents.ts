import * as clock from "../clock";
import { type HealthCheckResultRow, systemEventRepository } from "../db/repositories/systemEvents";
import type { ServiceContext } from "./context";
import { checkHealth, type HealthCheck } from "./health";
import { notifyQuietly } from "./notifications";
import { announceApplicationUpdate } from "./updates";

/** The levels a notification is sent for (Radarr sends errors, and warnings to targets that include them). */
const NOTIFIED_LEVELS: ReadonlySet<string> = new Set(["warning", "error"]);

/** One finding per check source, as Radarr keeps them: a source's findings joined into one message. */
function bySource(checks: readonly HealthCheck[], since: string): HealthCheckResultRow[] {
  const sources = new Map<string, HealthCheckResultRow>();
  for (const check of checks) {
    if (check.type === "ok") continue;
    const seen = sources.get(check.source);
    if (!seen) sources.set(check.source, { ...check, since });
    else {
      seen.message = `${seen.message}; ${check.message}`;
      if (check.type === "error") seen.type = "error";
    }
  }
  return [...sources.values()];
}

/** Radarr's webhook fields of a health event: the check's level, message, type (its source) and wiki link. */
const healthPayload = (check: HealthCheckResultRow) => ({
  level: check.type,
  message: check.message,
  type: check.source,
  wikiUrl: check.wikiUrl,
});

/**
 * The scheduled health evaluation (the CheckHealth command): runs the checks, keeps what fails in
 * D1, and raises Radarr's events on the change only — a health issue when a check starts
 * failing, a health restored (with the check it had) when it clears — never again for a check
 * that was already failing — and the application update, once a new version is deployed.
 */
export async function evaluateHealth(ctx: ServiceContext): Promise<HealthCheck[]> {
  const checks = await checkHealth(ctx);
  const failing = bySource(checks, clock.nowIso());
  const repository = systemEventRepository(ctx.db);
  const restored = await repository.clearRestored(failing.map((check) => check.source));
  const raised = await repository.recordFailing(failing);
  for (const check of raised.filter((c) => NOTIFIED_LEVELS.has(c.type)))
    await notifyQuietly(ctx, "healthIssue", healthPayload(check));
  for (const check of restored.filter((c) => NOTIFIED_LEVELS.has(c.type)))
    await notifyQuietly(ctx, "healthRestored", healthPayload(check));
  // The same evaluation tells of a new version deployed (Radarr tells at its first start after one).
  await announceApplicationUpdate(ctx);
  return checks;
}

/**
 * Housekeeping of the events raised once (announced_events): deletes the claims that can no longer
 * be made again, keeping every one the "once" still needs. Returns how many were deleted.
 */
export function pruneSpentEventClaims(ctx: Pick<ServiceContext, "db">): Promise<number> {
  return systemEventRepository(ctx.db).pruneSpent();
}
