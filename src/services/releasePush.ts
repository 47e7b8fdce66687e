import type { Database } from "../db/client";
import { MovieRepository, type MovieRow } from "../db/repositories/movies";
import type { RankedDecision, ReleaseDecision } from "../domain/decisions";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { type ParsedMovieInfo, parseMovieTitle } from "../domain/parser";
import type { IndexerRelease } from "../integrations/indexers";
import type { ServiceContext } from "./context";
import { findMovieForRelease } from "./decisionContext";
import { enabledClientsFor } from "./downloadClients";
import { type GrabResult, grabRelease } from "./grab";
import { loadIndexers } from "./indexers";
import { delayGate, holdRelease } from "./pendingReleases";
import { decideReleases } from "./releaseSearch/decide";
import { findCachedRelease, grabCachedRelease } from "./releaseSearch/releaseCache";

/** A release another tool pushes (Radarr's ReleasePush), as the route validated it. */
export interface PushedReleaseInput {
  title: string;
  downloadUrl?: string;
  magnetUrl?: string;
  protocol: "torrent" | "usenet";
  publishDate?: string;
  indexer?: string;
  indexerId?: number;
  size: number;
  infoHash?: string;
  seeders?: number;
  leechers?: number;
  indexerFlags?: number;
  movieId?: number;
  tmdbId?: number;
  imdbId?: string;
  guid?: string;
  /** The client to grab with (Radarr's push; autobrr's "external download client"), or its name. */
  downloadClientId?: number;
  downloadClient?: string;
}

async function movieRow(db: Database, movieId: number): Promise<MovieRow> {
  const movie = await new MovieRepository(db).row(movieId);
  if (!movie) throw resourceNotFound(`Movie ${movieId}`);
  return movie;
}

/** Grabs a release from an interactive search of the last 30 minutes (by guid and indexer). */
export async function grabFromRecentSearch(
  ctx: ServiceContext,
  input: { guid: string; indexerId: number; movieId?: number },
): Promise<{ decision: RankedDecision; movieId: number; grabbed: GrabResult }> {
  const { env, db } = ctx;
  const cached = await findCachedRelease(env, input.guid, input.indexerId, input.movieId);
  if (!cached) {
    throw new Failure(
      "resourceNotFound",
      "Release not found in the recent searches: search again (results are kept for 30 minutes)",
      { fields: [{ path: "body.guid", message: "not in the release cache" }] },
    );
  }
  const movie = await movieRow(db, cached.movieId);
  const [decision] = await decideReleases(ctx, movie, [{ ...cached.release }], { checkMovie: true });
  const grabbed = await grabCachedRelease(ctx, movie.id, cached.release);
  return { decision, movieId: movie.id, grabbed };
}

/** The pushed release as an indexer result, credited to a known indexer where it names one. */
async function pushedRelease(db: Database, input: PushedReleaseInput): Promise<IndexerRelease> {
  const link = input.protocol === "torrent" ? (input.magnetUrl ?? input.downloadUrl) : input.downloadUrl;
  if (!link) {
    throw invalidInput(
      "body.downloadUrl",
      input.protocol === "torrent" ? "a downloadUrl or magnetUrl is required" : "a downloadUrl is required",
    );
  }
  const known = (await loadIndexers(db)).find(
    (i) => i.id === input.indexerId || (input.indexer && i.name.toLowerCase() === input.indexer.toLowerCase()),
  );
  return {
    guid: input.guid ?? link,
    title: input.title,
    size: input.size,
    indexer: known?.name ?? input.indexer ?? "Push",
    indexerId: known?.id ?? 0,
    indexerPriority: known?.priority,
    protocol: input.protocol,
    downloadUrl: link,
    ...(input.magnetUrl ? { magnetUrl: input.magnetUrl } : {}),
    ...(input.publishDate ? { publishDate: new Date(input.publishDate).toISOString() } : {}),
    ...(input.infoHash ? { infoHash: input.infoHash.toLowerCase() } : {}),
    ...(input.seeders !== undefined ? { seeders: input.seeders } : {}),
    ...(input.leechers !== undefined ? { leechers: input.leechers } : {}),
    ...(input.indexerFlags !== undefined ? { indexerFlags: input.indexerFlags } : {}),
    ...(input.imdbId ? { imdbId: input.imdbId } : {}),
    ...(input.tmdbId ? { tmdbId: input.tmdbId } : {}),
  };
}

/** The library movie a pushed release is for: by id, by TMDb/IMDb id, else by its parsed title. */
async function pushedMovie(db: Database, input: PushedReleaseInput, parsed: ParsedMovieInfo | null) {
  let movie: MovieRow | undefined;
  if (input.movieId !== undefined) movie = await movieRow(db, input.movieId);
  else movie = await new MovieRepository(db).byTmdbOrImdbId(input.tmdbId, input.imdbId);
  if (!movie && parsed) {
    const found = await findMovieForRelease(db, parsed);
    movie = found ? await new MovieRepository(db).get(found.id) : undefined;
  }
  return movie;
}

/** The rejection of a pushed release that matches no library movie. */
function unknownMovieDecision(release: IndexerRelease, parsed: ParsedMovieInfo): ReleaseDecision {
  return {
    release,
    parsed,
    quality: parsed?.quality ?? null,
    languages: parsed?.languages ?? [],
    customFormats: [],
    customFormatScore: 0,
    accepted: false,
    rejections: [
      {
        specification: "movieMatch",
        reason: "unknownMovie",
        message: `Unknown movie: '${parsed.primaryMovieTitle}${parsed.year ? ` (${parsed.year})` : ""}' is not in the library`,
        type: "permanent",
      },
    ],
  };
}

/** Radarr's ResolveDownloadClientId: the id when given (0 is none), else the enabled client of that name. */
async function pushedClientId(db: Database, input: PushedReleaseInput, protocol: IndexerRelease["protocol"]) {
  if (input.downloadClientId) return input.downloadClientId;
  const name = input.downloadClient?.toLowerCase();
  if (!name) return undefined;
  return (await enabledClientsFor(db, protocol)).find((c) => c.name.toLowerCase() === name)?.id;
}

type PushOutcome =
  | { unparseable: true }
  | { unparseable?: false; decision: ReleaseDecision | RankedDecision; movieId?: number; grabbed?: GrabResult };

/** Radarr's DelaySpecification rejection of a release its delay profile holds (temporary: it waits as pending). */
const DELAYED = {
  specification: "delay",
  reason: "minimumAgeDelay",
  message: "Waiting for better quality release",
  type: "temporary",
} as const;

/**
 * A release from another tool: matched to a library movie, judged, and grabbed when accepted.
 * The movie's delay profile holds it back as an RSS grab would (pending, grabbed when due or from
 * the queue), answered as Radarr does: temporarily rejected, not grabbed.
 * A title the parser cannot read is no release at all (Radarr refuses it as invalid input).
 */
export async function pushRelease(ctx: ServiceContext, input: PushedReleaseInput): Promise<PushOutcome> {
  const { db } = ctx;
  const release = await pushedRelease(db, input);
  const parsed = parseMovieTitle(input.title);
  if (!parsed) return { unparseable: true };
  const movie = await pushedMovie(db, input, parsed);
  if (!movie) return { decision: unknownMovieDecision(release, parsed) };
  const [decision] = await decideReleases(ctx, movie, [release], {
    checkMovie: input.movieId !== undefined,
  });
  if (!decision.accepted) return { decision, movieId: movie.id };
  const delay = await delayGate(ctx, movie.id);
  if (delay && delay(decision) > 0) {
    await holdRelease(ctx, movie.id, { ...decision, release }, "push");
    return { decision: { ...decision, accepted: false, rejections: [DELAYED] }, movieId: movie.id };
  }
  const downloadClientId = await pushedClientId(db, input, release.protocol);
  const grabbed = await grabRelease(ctx, { movieId: movie.id, release, source: "push", downloadClientId });
  return { decision, movieId: movie.id, grabbed };
}
