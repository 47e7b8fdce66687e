import type { Database } from "../../db/client";
import { listSyncBulkRepository, listSyncRepository } from "../../db/repositories/listSync";
import { MovieRepository } from "../../db/repositories/movies";
import { movieRowFromListItem } from "../../domain/lists/items";
import { TMDB_MOVIE_GENRES } from "../../integrations/tmdb/genres";
import { applyAutoTagsToAdded } from "../autoTagging";
import type { ServiceContext } from "../context";
import { movieFolderNamer } from "../naming";
import { StreamingAvailabilityLookup } from "../streamingAvailability";
import { chunks, type ImportListRow, type StoredItem, type SyncOutcome, writeBatch } from "./outcome";

type PendingStatus = "excluded" | "existing" | "imported" | "streaming";

/** Which of the pending TMDb ids are excluded and which are already in the library. */
async function knownPending(db: Database, tmdbIds: readonly number[]) {
  const excluded = new Set<number>();
  const inLibrary = new Set<number>();
  for (const part of chunks(tmdbIds)) {
    const known = await listSyncBulkRepository(db).excludedAndInLibrary(part);
    for (const id of known.excluded) excluded.add(id);
    for (const id of known.inLibrary) inLibrary.add(id);
  }
  return { excluded, inLibrary };
}

/**
 * The bulk inserts of the movies to add, with the list's choices. "addUnmonitored": a movie
 * streaming on a subscribed service is added unmonitored with the service recorded, so
 * StreamingAvailabilityCheck can re-monitor it once it leaves every subscribed service.
 */
async function movieInserts(
  ctx: ServiceContext,
  list: ImportListRow,
  toAdd: readonly StoredItem[],
  streaming: ReadonlyMap<number, string>,
  iso: string,
) {
  const { env, db } = ctx;
  const choices = {
    qualityProfileId: list.qualityProfileId,
    rootFolderPath: list.rootFolderPath,
    monitored: list.monitor !== "none",
    minimumAvailability: list.minimumAvailability,
    folderName: await movieFolderNamer(db),
  };
  let unmonitoredForStreaming = 0;
  // Radarr's searchOnAdd: the monitored movies the list adds are searched for once added.
  const toSearch: number[] = [];
  const statements: D1PreparedStatement[] = [];
  for (const part of chunks(toAdd)) {
    const rows = part.map((p) => {
      const item = { tmdbId: p.tmdbId as number, imdbId: p.imdbId ?? undefined, title: p.title, year: p.year };
      const row = movieRowFromListItem(
        { ...item, metadata: p.metadata },
        choices,
        TMDB_MOVIE_GENRES,
        env.TMDB_IMAGE_URL,
        new Date(iso),
      );
      const service =
        row.monitored && list.streamingOption === "addUnmonitored" ? streaming.get(row.tmdbId) : undefined;
      if (service) unmonitoredForStreaming++;
      if (list.searchOnAdd && row.monitored && !service) toSearch.push(row.tmdbId);
      return {
        ...row,
        monitored: row.monitored && !service,
        streamingUnmonitoredService: service ?? null,
        addOptions: { addMethod: "list", monitor: list.monitor, searchForMovie: list.searchOnAdd },
      };
    });
    statements.push(...new MovieRepository(db).insertManyStatements(rows, list.tags));
  }
  return { statements, unmonitoredForStreaming, toSearch };
}

/** The list item statuses and the provenance of the movies added or matched ("existing"). */
function statusStatements(db: Database, list: ImportListRow, byStatus: Record<PendingStatus, number[]>, iso: string) {
  const bulk = listSyncBulkRepository(db);
  const statements: D1PreparedStatement[] = [];
  for (const [status, ids] of Object.entries(byStatus)) {
    for (const part of chunks(ids)) {
      statements.push(bulk.setItemStatus(list.id, status, part));
      if (status === "existing" || status === "imported") {
        statements.push(bulk.recordProvenance(list, status === "imported" ? "added" : "matched", iso, part));
      }
    }
  }
  return statements;
}

/** Turns the list's pending items into movies (or marks them excluded / existing), in bulk. */
export async function importPendingItems(ctx: ServiceContext, list: ImportListRow, outcome: SyncOutcome, iso: string) {
  const { db, logger: log } = ctx;
  const pending = await listSyncRepository(db).pendingItems(list.id);
  if (pending.length === 0) return;
  const { excluded, inLibrary } = await knownPending(
    db,
    pending.map((p) => p.tmdbId as number),
  );
  const newMovies = pending.filter((p) => !excluded.has(p.tmdbId as number) && !inLibrary.has(p.tmdbId as number));
  const streaming = await streamingServices(ctx, list, newMovies, outcome);
  // "skip": streaming movies are not added; their items get status "streaming" (not pending, so
  // an unchanged list is not re-imported every sync).
  const skipped = new Set(list.streamingOption === "skip" ? streaming.keys() : []);
  const toAdd = newMovies.filter((p) => !skipped.has(p.tmdbId as number));
  const inserts = await movieInserts(ctx, list, toAdd, streaming, iso);
  // Statuses and provenance for every pending item: excluded, already there ("matched"), skipped
  // for streaming, or added.
  const byStatus: Record<PendingStatus, number[]> = { excluded: [], existing: [], imported: [], streaming: [] };
  for (const p of pending) {
    const id = p.tmdbId as number;
    byStatus[
      excluded.has(id) ? "excluded" : inLibrary.has(id) ? "existing" : skipped.has(id) ? "streaming" : "imported"
    ].push(id);
  }
  await writeBatch(db, outcome, [...inserts.statements, ...statusStatements(db, list, byStatus, iso)]);
  // As Radarr's add does, the auto tagging rules tag each movie the list added.
  await applyAutoTagsToAdded(db, byStatus.imported);
  outcome.added = byStatus.imported.length;
  const imported = new Set(byStatus.imported);
  outcome.addedMovies = pending
    .filter((p) => imported.has(p.tmdbId as number))
    .map((p) => ({ tmdbId: p.tmdbId as number, title: p.title, year: p.year }));
  outcome.existing = byStatus.existing.length;
  outcome.excluded = byStatus.excluded.length;
  outcome.streamingSkipped = byStatus.streaming.length;
  outcome.streamingUnmonitored = inserts.unmonitoredForStreaming;
  if (inserts.toSearch.length)
    outcome.searchMovieIds = [...(await new MovieRepository(db).idsByTmdbIds(inserts.toSearch)).values()];
  if (outcome.streamingSkipped || outcome.streamingUnmonitored)
    log.info("list streaming option applied", {
      option: list.streamingOption,
      skipped: outcome.streamingSkipped,
      unmonitored: outcome.streamingUnmonitored,
    });
}

/**
 * The subscribed service each new movie streams on, when the list's streaming option asks and
 * services are subscribed; empty (and no TMDb call) otherwise. Failed lookups count as not
 * streaming and are recorded as run errors.
 */
async function streamingServices(
  ctx: ServiceContext,
  list: ImportListRow,
  newMovies: readonly StoredItem[],
  outcome: SyncOutcome,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (list.streamingOption === "ignore" || newMovies.length === 0) return out;
  const lookup = await StreamingAvailabilityLookup.open(ctx);
  if (!lookup.active) return out;
  const { services, errors } = await lookup.servicesFor(newMovies.map((p) => p.tmdbId as number));
  for (const message of errors) outcome.errors.push({ kind: "upstreamError", message });
  for (const [id, service] of services) if (service) out.set(id, service);
  return out;
}
