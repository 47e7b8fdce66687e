import * as clock from "../clock";
import { APP_NAME, APP_VERSION, type Env } from "../config";
import type { Database } from "../db/client";
import { settingsRepository } from "../db/repositories/settings";
import { systemEventRepository } from "../db/repositories/systemEvents";
import type { ServiceContext } from "./context";
import { notifyQuietly } from "./notifications";

/** Cloudflare's version metadata binding (`[version_metadata] binding = "CF_VERSION_METADATA"`), when configured. */
interface VersionMetadata {
  id: string;
  tag?: string;
  timestamp?: string;
}

/** One deployed version as this app first saw it running. */
export interface Deployment {
  version: string;
  /** The Worker version id on Cloudflare (empty where there is no version metadata binding). */
  versionId: string;
  tag: string;
  /** When Cloudflare uploaded the version (its metadata), else when the app first saw it run. */
  releaseDate: string;
  /** When the app first saw it run. */
  installedOn: string;
}

const HISTORY_KEY = "deployHistory";
// Versions kept in the deploy history, newest last.
const MAX_DEPLOYMENTS = 50;

/** The version running now: the app version and, on Cloudflare, the Worker version's metadata. */
function runningVersion(env: Env): Omit<Deployment, "installedOn"> {
  const metadata = (env as { CF_VERSION_METADATA?: VersionMetadata }).CF_VERSION_METADATA;
  return {
    version: APP_VERSION,
    versionId: metadata?.id ?? "",
    tag: metadata?.tag ?? "",
    releaseDate: metadata?.timestamp || env.BUILD_TIME || clock.nowIso(),
  };
}

const sameDeployment = (a: Omit<Deployment, "installedOn">, b: Omit<Deployment, "installedOn">) =>
  a.version === b.version && a.versionId === b.versionId;

/**
 * The deploy history (oldest first), with the running version recorded when it is new: each
 * version is recorded the first time the app reads the history while running it (GET /update,
 * GET /log/file/update, the housekeeping task).
 */
export async function deployHistory(env: Env, db: Database): Promise<Deployment[]> {
  const repo = settingsRepository(db);
  const stored = ((await repo.value(HISTORY_KEY))?.deployments as Deployment[] | undefined) ?? [];
  const running = runningVersion(env);
  const last = stored.at(-1);
  if (last && sameDeployment(last, running)) return stored;
  const deployments = [...stored, { ...running, installedOn: clock.nowIso() }].slice(-MAX_DEPLOYMENTS);
  await repo.save(HISTORY_KEY, { deployments }, clock.nowIso());
  return deployments;
}

/**
 * Radarr's ApplicationUpdate event, once per deployment of a new version: when the running
 * version differs from the one deployed before it (a redeploy of the same version is no update).
 * The claim is keyed by that previous deployment, so of two isolates recording the same new
 * deployment at once only one notifies. Runs with the health evaluation and the housekeeping.
 */
export async function announceApplicationUpdate(ctx: ServiceContext): Promise<boolean> {
  const history = await deployHistory(ctx.env, ctx.db);
  const [previous, running] = history.slice(-2);
  if (!previous || !running || previous.version === running.version) return false;
  const key = `applicationUpdate:${previous.version}@${previous.installedOn}->${running.version}`;
  if (!(await systemEventRepository(ctx.db).claimOnce(key, clock.nowIso()))) return false;
  await notifyQuietly(ctx, "applicationUpdate", {
    message: `${APP_NAME} updated from ${previous.version} to ${running.version}`,
    previousVersion: previous.version,
    newVersion: running.version,
  });
  return true;
}
