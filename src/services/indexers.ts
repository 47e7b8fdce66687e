import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { type IndexerStatusRow, indexerStatusRepository } from "../db/repositories/indexerStatus";
import type { IndexerRow } from "../db/repositories/providers";
import { isUpstreamFailure } from "../domain/failures/failure";
import type { FailureKind } from "../domain/failures/kinds";
import { disabledUntil } from "../domain/indexers/backoff";
import type { StoredIndexerCapabilities } from "../domain/indexers/capabilities";
import type { IndexerClient, IndexerFetchResult } from "../integrations/indexers";
import type { Logger } from "../observability/logger";
import { INDEXERS, type IndexerDefinition } from "../providers/indexers/registry";
import type { ServiceContext } from "./context";
import { openSettings } from "./secrets";

export interface IndexerWithStatus extends IndexerRow {
  status: IndexerStatusRow | null;
}

/** Capabilities older than this are fetched again before a search. */
const CAPABILITIES_TTL_MS = 24 * 60 * 60 * 1000;

function definitionOf(row: Pick<IndexerRow, "implementation">): IndexerDefinition {
  return INDEXERS.get(row.implementation);
}

/** Every indexer with its status, by priority then name. */
export function loadIndexers(db: Database): Promise<IndexerWithStatus[]> {
  return indexerStatusRepository(db).indexersWithStatus();
}

function isIndexerDisabled(status: IndexerStatusRow | null, now = clock.now()): boolean {
  return Boolean(status?.disabledUntil && Date.parse(status.disabledUntil) > now);
}

/** What a failure says, in the taxonomy's terms, with the settings fields it points at. */
export interface IndexerFailure {
  kind: FailureKind;
  message: string;
  fields: string[];
  retryAfterSeconds?: number;
}

/** The settings a failed HTTP call to an indexer points at, by its kind. */
function fieldsForKind(kind: FailureKind): string[] {
  if (kind === "authenticationFailed") return ["apiKey"];
  if (kind === "connectionFailed" || kind === "connectionTimeout" || kind === "notFound") return ["baseUrl"];
  return [];
}

export function describeIndexerFailure(error: unknown, indexerName?: string): IndexerFailure {
  if (!isUpstreamFailure(error)) {
    return { kind: "upstreamError", message: (error as Error).message ?? String(error), fields: [] };
  }
  // The indexer's own answer (a Newznab <error>, an HDBits status) names its fields; a failure of
  // the HTTP call carries the service key and points at the settings by its kind.
  if (error.service === undefined) {
    return { kind: error.kind, message: error.message, fields: error.fields.map((field) => field.path) };
  }
  return {
    kind: error.kind,
    // The upstream layer names the indexer by its key ("indexer:2"); people know it by its name.
    message: indexerName ? error.message.replaceAll(error.service, indexerName) : error.message,
    fields: fieldsForKind(error.kind),
    ...(error.retryAfter !== undefined ? { retryAfterSeconds: error.retryAfter } : {}),
  };
}

/** A client for a saved indexer, with its stored capabilities when they are fresh. */
async function savedIndexerClient(env: Env, indexer: IndexerWithStatus, logger?: Logger): Promise<IndexerClient> {
  const definition = definitionOf(indexer);
  const settings = await openSettings(env, indexer.settings, definition.secretFields);
  const status = indexer.status;
  const fresh =
    status?.capabilities &&
    status.capsFetchedAt &&
    clock.now() - Date.parse(status.capsFetchedAt) < CAPABILITIES_TTL_MS;
  return definition.open(settings, {
    env,
    indexer,
    options: { logger: logger?.child({ indexerId: indexer.id }), capabilities: fresh ? status?.capabilities : null },
  });
}

async function recordIndexerSuccess(db: Database, indexerId: number, capabilities?: StoredIndexerCapabilities) {
  const now = clock.nowIso();
  const caps = capabilities ? { capabilities, capsFetchedAt: now } : {};
  await indexerStatusRepository(db).recordSuccess(indexerId, caps);
}

/** "2026-11-01 12:05 UTC": an instant in a message people read, not ISO's "T…:00.000Z". */
const utcMinute = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "later");

/** Counts a failure and disables the indexer for the next step of the back-off ladder. */
async function recordIndexerFailure(db: Database, indexerId: number, failure: IndexerFailure) {
  const now = clock.now();
  const nowIso = new Date(now).toISOString();
  const repository = indexerStatusRepository(db);
  const previous = await repository.get(indexerId);
  const failures = (previous?.consecutiveFailures ?? 0) + 1;
  const values = {
    consecutiveFailures: failures,
    initialFailureAt: previous?.consecutiveFailures ? (previous.initialFailureAt ?? nowIso) : nowIso,
    mostRecentFailureAt: nowIso,
    disabledUntil: new Date(disabledUntil(failures, now, failure.retryAfterSeconds)).toISOString(),
    lastError: failure.message.slice(0, 500),
    lastFailureKind: failure.kind,
  };
  await repository.recordFailure(indexerId, values);
}

export type IndexerRun =
  | { indexer: IndexerWithStatus; ok: true; result: IndexerFetchResult; ms: number }
  | { indexer: IndexerWithStatus; ok: false; skipped: true; reason: string }
  | { indexer: IndexerWithStatus; ok: false; skipped: false; failure: IndexerFailure; ms: number };

/**
 * Runs one fetch (search or RSS) against an indexer, skipping it while it is backed off, and
 * records the outcome in its status: a success resets the back-off, a failure climbs it.
 */
export async function runIndexer(
  ctx: ServiceContext,
  indexer: IndexerWithStatus,
  fetch: (client: IndexerClient) => Promise<IndexerFetchResult>,
): Promise<IndexerRun> {
  const { env, db, logger } = ctx;
  if (isIndexerDisabled(indexer.status)) {
    return {
      indexer,
      ok: false,
      skipped: true,
      reason: `${indexer.name} is disabled until ${utcMinute(indexer.status?.disabledUntil)} after failures: ${indexer.status?.lastError}`,
    };
  }
  const started = clock.now();
  try {
    const result = await fetch(await savedIndexerClient(env, indexer, logger));
    await recordIndexerSuccess(db, indexer.id, result.capabilities);
    return { indexer, ok: true, result, ms: clock.now() - started };
  } catch (error) {
    const failure = describeIndexerFailure(error, indexer.name);
    logger?.warn("indexer failed", {
      indexerId: indexer.id,
      indexer: indexer.name,
      kind: failure.kind,
      error: failure.message,
    });
    await recordIndexerFailure(db, indexer.id, failure);
    return { indexer, ok: false, skipped: false, failure, ms: clock.now() - started };
  }
}

/** Names of indexers backed off right now, for the health check. */
export function disabledIndexers(db: Database): Promise<{ name: string; until: string; error: string | null }[]> {
  return indexerStatusRepository(db).disabledAfter(clock.nowIso());
}

/** The indexer's secret setting values (API key, passkey) by field, decrypted. */
export async function indexerSecrets(env: Env, indexer: IndexerRow): Promise<Record<string, string>> {
  const fields = definitionOf(indexer).secretFields;
  const open = await openSettings(env, indexer.settings, fields);
  return Object.fromEntries(fields.flatMap((f) => (typeof open[f] === "string" && open[f] ? [[f, open[f]]] : [])));
}

/**
 * Replaces an indexer's secrets inside a URL (Prowlarr and HDBits download links carry the API
 * key or passkey) with `{field}` placeholders, so cached releases and API responses never hold
 * them; `unsealUrl` puts them back for the download client.
 */
export function sealUrl(url: string | undefined, secrets: Record<string, string>): string | undefined {
  if (!url) return url;
  let out = url;
  for (const [field, value] of Object.entries(secrets)) {
    if (value.length < 4) continue;
    out = out.split(encodeURIComponent(value)).join(`{${field}}`).split(value).join(`{${field}}`);
  }
  return out;
}

export function unsealUrl(url: string | undefined, secrets: Record<string, string>): string | undefined {
  if (!url) return url;
  return url.replace(/\{(\w+)\}/g, (whole, field: string) =>
    secrets[field] !== undefined ? encodeURIComponent(secrets[field]) : whole,
  );
}
