import type { z } from "@hono/zod-openapi";
import type {
  discoverGenresSchema,
  discoverMovieSchema,
  discoverPageSchema,
  discoverRecommendedSchema,
  discoverStudiosSchema,
} from "../../../src/api/schemas/discover";
import type { DiscoverRow } from "../../../src/services/discover";
import { request, v3 } from ".";

export type DiscoverPage = z.infer<typeof discoverPageSchema>;
export type DiscoverItem = DiscoverPage["results"][number];
type DiscoverRecommended = z.infer<typeof discoverRecommendedSchema>;
export type DiscoverMovie = z.infer<typeof discoverMovieSchema>;
type Genres = z.infer<typeof discoverGenresSchema>;
type Studios = z.infer<typeof discoverStudiosSchema>;

/** The Discover page's calls: rows by name, genre or studio, recommendations, and any movie. */
export const discoverApi = {
  row: (row: DiscoverRow, page: number, signal?: AbortSignal) =>
    request<DiscoverPage>("GET", `${v3}/discover/${row}`, { query: { page }, signal }),
  genre: (id: number, page: number, signal?: AbortSignal) =>
    request<DiscoverPage>("GET", `${v3}/discover/genre/${id}`, { query: { page }, signal }),
  studio: (id: number, page: number, signal?: AbortSignal) =>
    request<DiscoverPage>("GET", `${v3}/discover/studio/${id}`, { query: { page }, signal }),
  genres: (signal?: AbortSignal) => request<Genres>("GET", `${v3}/discover/genres`, { signal }),
  studios: (signal?: AbortSignal) => request<Studios>("GET", `${v3}/discover/studios`, { signal }),
  recommended: (signal?: AbortSignal) => request<DiscoverRecommended>("GET", `${v3}/discover/recommended`, { signal }),
  movie: (tmdbId: number, signal?: AbortSignal) =>
    request<DiscoverMovie>("GET", `${v3}/discover/movie/${tmdbId}`, { signal }),
};
