import { z } from "zod";
import type { Env } from "../../config";
import type { UpstreamWork } from "../../domain/budgets";
import { Failure } from "../../domain/failures/failure";
import { tmdbCollectionSchema } from "../../domain/lists/sources/tmdb/responses";
import type { Logger } from "../../observability/logger";
import { cachedJson } from "../cache";
import { readJson } from "../http";
import { tmdbGet } from "./client";

const DAY_SECONDS = 24 * 60 * 60;

const collectionDetailsSchema = tmdbCollectionSchema.extend({
  overview: z.string().nullable().optional(),
  poster_path: z.string().nullable().optional(),
  backdrop_path: z.string().nullable().optional(),
});

/**
 * A TMDb collection with its parts (/3/collection/{id}), cached in KV for a day; null when TMDb
 * has none. `fresh` reads TMDb itself (RefreshCollections re-reads what the library stored).
 */
export async function tmdbCollection(
  env: Env,
  collectionId: number,
  logger?: Logger,
  work?: UpstreamWork,
  fresh = false,
) {
  const load = async () => {
    const response = await tmdbGet(env, `/3/collection/${collectionId}`, {}, logger, work);
    return readJson("tmdb", response, collectionDetailsSchema);
  };
  try {
    if (fresh) return await load();
    const cached = await cachedJson(env.CACHE, "tmdb", `tmdb:collection:${collectionId}:v1`, DAY_SECONDS, load);
    return cached.value;
  } catch (error) {
    if (error instanceof Failure && error.kind === "notFound") return null;
    throw error;
  }
}
