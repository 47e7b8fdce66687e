import { type Env, upstreamPolicy } from "../../config";
import type { UpstreamWork } from "../../domain/budgets";
import { Failure } from "../../domain/failures/failure";
import type { Logger } from "../../observability/logger";
import { type Cached, cachedJson } from "../cache";
import { readJson, upstreamFetch } from "../http";
import {
  type TmdbMovieDetails,
  type TmdbSearchResponse,
  tmdbChangesSchema,
  tmdbFindResponseSchema,
  tmdbImagesSchema,
  tmdbMovieDetailsSchema,
  tmdbSearchResponseSchema,
} from "./schemas";

const SERVICE = "tmdb";
const DETAILS_TTL_SECONDS = 24 * 60 * 60;
/** What a movie's details are fetched with, in one call. */
const DETAILS_APPEND = ["release_dates", "alternative_titles", "keywords", "videos", "external_ids", "credits"];

export type TmdbParams = Record<string, string | number | undefined>;

/**
 * A GET to TMDb with its auth (a v4 read token as Bearer, else the v3 api_key parameter) through
 * the shared upstream layer; every TMDb client calls TMDb through this.
 */
export function tmdbGet(
  env: Env,
  path: string,
  params: TmdbParams = {},
  logger?: Logger,
  work: UpstreamWork = "interactive",
): Promise<Response> {
  if (!env.TMDB_READ_TOKEN && !env.TMDB_API_KEY) {
    throw new Failure("authenticationFailed", "TMDb is not configured: set TMDB_API_KEY or TMDB_READ_TOKEN", {
      service: SERVICE,
    });
  }
  const url = new URL(`${env.TMDB_API_URL.replace(/\/$/, "")}${path}`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: "application/json" };
  if (env.TMDB_READ_TOKEN) headers.authorization = `Bearer ${env.TMDB_READ_TOKEN}`;
  else url.searchParams.set("api_key", env.TMDB_API_KEY ?? "");
  return upstreamFetch({
    service: SERVICE,
    url: url.toString(),
    init: { headers },
    policy: upstreamPolicy(env),
    logger,
    budget: { env, service: SERVICE, work },
  });
}

export class TmdbClient {
  /** `work`: background (list syncs, refreshes) spends only its share of TMDb's daily target. */
  constructor(
    private readonly env: Env,
    private readonly logger?: Logger,
    private readonly work: UpstreamWork = "interactive",
  ) {}

  private get(path: string, params: TmdbParams = {}): Promise<Response> {
    return tmdbGet(this.env, path, params, this.logger, this.work);
  }

  async searchMovies(query: string, options: { year?: number; page?: number } = {}): Promise<TmdbSearchResponse> {
    const response = await this.get("/3/search/movie", {
      query,
      year: options.year,
      page: options.page ?? 1,
      include_adult: "false",
    });
    return readJson(SERVICE, response, tmdbSearchResponseSchema);
  }

  /** Details with DETAILS_APPEND, cached in KV for 24 h; null when TMDb has no such movie. */
  async movieDetails(tmdbId: number): Promise<Cached<TmdbMovieDetails> | null> {
    try {
      return await cachedJson(this.env.CACHE, SERVICE, `tmdb:movie:${tmdbId}:v1`, DETAILS_TTL_SECONDS, async () => {
        const response = await this.get(`/3/movie/${tmdbId}`, { append_to_response: DETAILS_APPEND.join(",") });
        return readJson(SERVICE, response, tmdbMovieDetailsSchema);
      });
    } catch (error) {
      if (error instanceof Failure && error.kind === "notFound") return null;
      throw error;
    }
  }

  /** TMDb movies for an IMDb id, cached in KV for 24 h (list syncs resolve the same ids daily). */
  async findByImdbId(imdbId: string) {
    const found = await cachedJson(
      this.env.CACHE,
      SERVICE,
      `tmdb:find:${imdbId.toLowerCase()}:v1`,
      DETAILS_TTL_SECONDS,
      async () => {
        const response = await this.get(`/3/find/${encodeURIComponent(imdbId)}`, { external_source: "imdb_id" });
        return (await readJson(SERVICE, response, tmdbFindResponseSchema)).movie_results;
      },
    );
    return found.value;
  }

  /** One page of TMDb's movie change feed: ids edited from `startDate` to `endDate` (YYYY-MM-DD, ≤ 14 days). */
  async movieChanges(startDate: string, endDate: string, page: number): Promise<{ ids: number[]; totalPages: number }> {
    const response = await this.get("/3/movie/changes", { start_date: startDate, end_date: endDate, page });
    const body = await readJson(SERVICE, response, tmdbChangesSchema);
    return { ids: body.results.map((r) => r.id), totalPages: body.total_pages };
  }

  async movieImages(tmdbId: number) {
    const response = await this.get(`/3/movie/${tmdbId}/images`);
    return readJson(SERVICE, response, tmdbImagesSchema);
  }

  imageUrl(path: string | null | undefined, size = "original"): string | undefined {
    return path ? `${this.env.TMDB_IMAGE_URL.replace(/\/$/, "")}/t/p/${size}${path}` : undefined;
  }
}
