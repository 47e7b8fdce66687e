import type { Env } from "../../config";
import type { UpstreamWork } from "../../domain/budgets";
import { Failure } from "../../domain/failures/failure";
import type { Logger } from "../../observability/logger";
import { type Cached, cachedJson } from "../cache";
import { readJson } from "../http";
import { tmdbGet } from "./client";
import { type TmdbTrendingMovies, tmdbTrendingMoviesSchema } from "./discoverySchemas";

/** TMDb's two per-movie lists: "similar" (shared genres and keywords) and "recommendations" (what viewers also liked). */
export const RELATED_KINDS = ["similar", "recommendations"] as const;
export type RelatedKind = (typeof RELATED_KINDS)[number];

const DAY_SECONDS = 24 * 60 * 60;

/**
 * The first page (20 titles) of `/3/movie/{id}/similar` or `/recommendations`, cached in KV for a
 * day: TMDb changes them slowly, and a movie page opened again costs TMDb nothing. Null when TMDb
 * has no such movie.
 */
export async function tmdbRelatedMovies(
  env: Env,
  tmdbId: number,
  kind: RelatedKind,
  logger?: Logger,
  work?: UpstreamWork,
): Promise<Cached<TmdbTrendingMovies> | null> {
  try {
    return await cachedJson(env.CACHE, "tmdb", `tmdb:${kind}:${tmdbId}:v1`, DAY_SECONDS, async () => {
      const response = await tmdbGet(env, `/3/movie/${tmdbId}/${kind}`, { page: 1 }, logger, work);
      return readJson("tmdb", response, tmdbTrendingMoviesSchema);
    });
  } catch (error) {
    if (error instanceof Failure && error.kind === "notFound") return null;
    throw error;
  }
}
