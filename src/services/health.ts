import { importListActivityRepository } from "../db/repositories/importLists";
import { listSyncJobRepository } from "../db/repositories/listSyncJobs";
import { rootFolderRepository } from "../db/repositories/rootFolders";
import { upstreamBreakers } from "../integrations/breaker";
import type { ServiceContext } from "./context";
import { downloadHealthChecks, unreachableClientsCheck } from "./downloadHealth";
import { disabledIndexers } from "./indexers";
import { failingNotificationTargets } from "./notifications";

/** One finding of the health checks (GET /api/v3/health, the CheckHealth command). */
export interface HealthCheck {
  source: string;
  type: "ok" | "notice" | "warning" | "error";
  message: string;
  wikiUrl: string;
}

/** An instant as the site writes dates, in UTC: "7 Dec 2026, 14:05 UTC" (not ISO's "T…:00.000Z"). */
const inWordsUtc = (iso: string) =>
  `${new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** Radarr's NotificationStatusCheck: the targets whose last few deliveries all failed. */
async function notificationStatusCheck(ctx: ServiceContext): Promise<HealthCheck[]> {
  const failing = await failingNotificationTargets(ctx);
  if (!failing.length) return [];
  return [
    {
      source: "NotificationStatusCheck",
      type: "warning",
      message: `Notifications unavailable due to failures: ${failing.join(", ")}`,
      wikiUrl: "/settings/connect",
    },
  ];
}

/** The health checks Radarr's UI shows; an empty list means all is well. */
export async function checkHealth(ctx: ServiceContext): Promise<HealthCheck[]> {
  const { env, db } = ctx;
  const checks: HealthCheck[] = [];
  if (!env.TMDB_API_KEY && !env.TMDB_READ_TOKEN) {
    checks.push({
      source: "TmdbCheck",
      type: "error",
      message: "TMDb is not configured: set TMDB_API_KEY or TMDB_READ_TOKEN",
      wikiUrl: "",
    });
  }
  for (const [service, breaker] of Object.entries(await upstreamBreakers(env))) {
    if (breaker.phase === "open") {
      checks.push({
        source: "UpstreamCheck",
        type: "warning",
        message: `${service} is failing repeatedly; calls are paused`,
        wikiUrl: "",
      });
    }
  }
  const backedOff = await disabledIndexers(db);
  if (backedOff.length) {
    checks.push({
      source: "IndexerStatusCheck",
      type: "warning",
      message: `Indexers unavailable due to failures: ${backedOff
        .map((i) => `${i.name} (until ${inWordsUtc(i.until)}: ${i.error ?? "unknown error"})`)
        .join(", ")}`,
      wikiUrl: "/settings/indexers",
    });
  }
  if ((await rootFolderRepository(db).count()) === 0) {
    checks.push({
      source: "RootFolderCheck",
      type: "warning",
      message: "No root folder is configured: movies cannot be added",
      wikiUrl: "/settings",
    });
  }
  const failingLists = await importListActivityRepository(db).failingLists();
  for (const list of failingLists) {
    checks.push({
      source: "ImportListStatusCheck",
      type: "warning",
      message: `Import list '${list.name}' failed its last sync: ${list.message ?? "unknown error"}`,
      wikiUrl: "/lists",
    });
  }
  const deadLetters = await listSyncJobRepository(db).deadLetteredInPastDay();
  if (deadLetters > 0) {
    checks.push({
      source: "ImportListJobCheck",
      type: "error",
      message: `${deadLetters} list sync jobs failed after their last retry in the past day`,
      wikiUrl: "/lists",
    });
  }
  checks.push(
    ...(await downloadHealthChecks(db)),
    ...(await unreachableClientsCheck(ctx)),
    ...(await notificationStatusCheck(ctx)),
  );
  if (!env.ENCRYPTION_KEY) {
    checks.push({
      source: "EncryptionCheck",
      type: "notice",
      message: "ENCRYPTION_KEY is not set: stored credentials cannot be saved",
      wikiUrl: "",
    });
  }
  return checks;
}
