import * as clock from "../clock";
import { APP_VERSION, type Env } from "../config";
import type { Database } from "../db/client";
import { settingsRepository } from "../db/repositories/settings";

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
