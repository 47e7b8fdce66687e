import { Failure } from "../../../failures/failure";
import type { ListRequest, ListSourceEnvironment } from "../../source";

/**
 * TMDb's current limit is about 50 requests a second per address; list syncs keep to 20 so the
 * app's own lookups and refreshes still have room. A 429 is waited out by the shared layer.
 */
export const TMDB_REQUESTS_PER_SECOND = 20;

/** TMDb serves pages 1 to 500 of any paged result (20 results a page). */
const TMDB_MAX_PAGE = 500;

type Query = Record<string, string | number | undefined>;

/**
 * A GET to TMDb with its credentials: the read access token as `Authorization: Bearer` when one is
 * configured (it works for v3 and v4), otherwise the v3 API key as `api_key`.
 */
export function tmdbRequest(env: ListSourceEnvironment, path: string, query: Query = {}): ListRequest {
  const url = new URL(`${env.tmdbApiUrl}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { Accept: "application/json" };
  if (env.tmdbReadToken) headers.Authorization = `Bearer ${env.tmdbReadToken}`;
  else if (env.tmdbApiKey) url.searchParams.set("api_key", env.tmdbApiKey);
  else {
    throw new Failure(
      "authenticationFailed",
      "TMDb lists need a TMDb API key or read access token: set TMDB_API_KEY or TMDB_READ_TOKEN",
    );
  }
  return { service: "tmdb", url: url.toString(), headers };
}

/** The request for the page after `page`, while there is one (and TMDb serves it). */
export function nextPageRequest(
  page: number,
  totalPages: number,
  requestForPage: (page: number) => ListRequest,
  maxPages = TMDB_MAX_PAGE,
): ListRequest | undefined {
  return page < Math.min(totalPages, maxPages) ? requestForPage(page + 1) : undefined;
}
