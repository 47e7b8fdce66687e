import type { ListRequest, ListResponse, ListSourceEnvironment } from "../../source";
import { nextPageRequest, tmdbRequest } from "./request";
import { listItemsFromTmdbMovies, readTmdbResponse, tmdbMoviePageSchema } from "./responses";

/**
 * /3/discover/movie narrowed by one filter (`with_keywords`, `with_companies`), most popular
 * first, read page by page to `total_pages` (TMDb serves up to 500): what the keyword and company
 * sources share.
 */
export function discoverPageRequest(
  env: ListSourceEnvironment,
  filter: Record<string, string>,
  page: number,
): ListRequest {
  return tmdbRequest(env, "/3/discover/movie", { ...filter, sort_by: "popularity.desc", page });
}

export function parseDiscoverPage(response: ListResponse, requestForPage: (page: number) => ListRequest) {
  const page = readTmdbResponse(response, tmdbMoviePageSchema, "discover page");
  return {
    items: listItemsFromTmdbMovies(page.results),
    next: nextPageRequest(page.page, page.total_pages, requestForPage),
  };
}
