/**
 * What the Movies index needs beyond the basic movie calls: every id a filter matches (select
 * all), the mass editor (PUT/DELETE /movie/editor), and the whole download queue (queued status).
 */
import { request, v3 } from "./index";
import type { Movie, MovieEditorDelete, MovieEditorEdit, MovieFilterQuery, QueueItem } from "./resources";

export const libraryApi = {
  ids: (query: MovieFilterQuery) => request<number[]>("GET", `${v3}/movie/ids`, { query: { ...query } }),
  editMany: (edit: MovieEditorEdit) => request<Movie[]>("PUT", `${v3}/movie/editor`, { body: edit }),
  removeMany: (removal: MovieEditorDelete) => request<unknown>("DELETE", `${v3}/movie/editor`, { body: removal }),
  queued: (signal?: AbortSignal) => request<QueueItem[]>("GET", `${v3}/queue/details`, { signal }),
};
