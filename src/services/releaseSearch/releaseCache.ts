import * as clock from "../../clock";
import type { Env } from "../../config";
import type { IndexerRelease } from "../../integrations/indexers";
import type { ServiceContext } from "../context";
import { grabRelease } from "../grab";
import { type IndexerWithStatus, indexerSecrets, loadIndexers, sealUrl, unsealUrl } from "../indexers";
import { stripParsed } from "./decide";

/** How long an interactive search's releases can be grabbed by guid. */
const RELEASE_CACHE_TTL_SECONDS = 30 * 60;
const RECENT_SEARCHES_KEY = "releases:recent";
const RECENT_SEARCHES_KEPT = 20;
const releaseCacheKey = (movieId: number) => `releases:movie:${movieId}`;

interface CachedSearch {
  movieId: number;
  searchedAt: string;
  releases: IndexerRelease[];
}

/**
 * Seals the indexers' secrets out of the releases' download URLs (in place: the decisions shown
 * hold the same objects) and keeps the releases for 30 minutes.
 */
export async function sealAndCache(
  env: Env,
  movieId: number,
  releases: IndexerRelease[],
  indexerList: readonly IndexerWithStatus[],
) {
  const secrets = new Map<number, Record<string, string>>();
  for (const indexer of indexerList) secrets.set(indexer.id, await indexerSecrets(env, indexer));
  for (const release of releases) {
    const sealed = sealUrl(release.downloadUrl, secrets.get(release.indexerId) ?? {});
    if (sealed) release.downloadUrl = sealed;
  }
  const value: CachedSearch = { movieId, searchedAt: clock.nowIso(), releases: releases.map(stripParsed) };
  const recent = ((await env.CACHE.get<number[]>(RECENT_SEARCHES_KEY, "json")) ?? []).filter((id) => id !== movieId);
  await Promise.all([
    env.CACHE.put(releaseCacheKey(movieId), JSON.stringify(value), { expirationTtl: RELEASE_CACHE_TTL_SECONDS }),
    env.CACHE.put(RECENT_SEARCHES_KEY, JSON.stringify([movieId, ...recent].slice(0, RECENT_SEARCHES_KEPT)), {
      expirationTtl: RELEASE_CACHE_TTL_SECONDS,
    }),
  ]);
}

/**
 * A release from a recent interactive search, by indexer and guid (and the movie, when known),
 * with its download URL still sealed.
 */
export async function findCachedRelease(
  env: Env,
  guid: string,
  indexerId: number,
  movieId?: number,
): Promise<{ movieId: number; release: IndexerRelease } | null> {
  const movieIds =
    movieId !== undefined ? [movieId] : ((await env.CACHE.get<number[]>(RECENT_SEARCHES_KEY, "json")) ?? []);
  for (const id of movieIds) {
    const cached = await env.CACHE.get<CachedSearch>(releaseCacheKey(id), "json");
    const release = cached?.releases.find((r) => r.guid === guid && r.indexerId === indexerId);
    if (release) return { movieId: id, release };
  }
  return null;
}

/** Grabs a cached release for its movie (the interactive search's grab button). */
export async function grabCachedRelease(ctx: ServiceContext, movieId: number, release: IndexerRelease) {
  const { env, db } = ctx;
  const indexer = (await loadIndexers(db)).find((i) => i.id === release.indexerId);
  const secrets = indexer ? await indexerSecrets(env, indexer) : {};
  const unsealed = { ...stripParsed(release), downloadUrl: unsealUrl(release.downloadUrl, secrets) };
  return grabRelease(ctx, { movieId, release: unsealed, source: "interactive" });
}
