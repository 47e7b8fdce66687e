/**
 * The movie page's calls beyond the movie itself: its history, files, rename previews, titles,
 * credits, collection and TMDb's related titles, and the commands it starts. Types are inferred
 * from the Worker's zod schemas (type-only imports: nothing of the server reaches the bundle).
 */
import type { z } from "@hono/zod-openapi";
import type { collectionSchema } from "../../../src/api/collections";
import type { alternativeTitleSchema, creditSchema } from "../../../src/api/credits";
import type { relatedMovieSchema } from "../../../src/api/relatedMovies";
import type { renameSchema } from "../../../src/api/rename";
import type { movieFileSchema } from "../../../src/api/schemas/movie";
import { request, v3 } from ".";
import type { Command, HistoryRecord } from "./resources";

export type MovieFile = z.infer<typeof movieFileSchema>;
export type RenamePreview = z.infer<typeof renameSchema>;
export type AlternativeTitle = z.infer<typeof alternativeTitleSchema>;
export type Credit = z.infer<typeof creditSchema>;
export type Collection = z.infer<typeof collectionSchema>;
export type RelatedMovie = z.infer<typeof relatedMovieSchema>;
export type RelatedKind = "similar" | "recommendations";

export const movieDetailApi = {
  history: (movieId: number, signal?: AbortSignal) =>
    request<HistoryRecord[]>("GET", `${v3}/history/movie`, { query: { movieId }, signal }),
  files: (movieId: number, signal?: AbortSignal) =>
    request<MovieFile[]>("GET", `${v3}/moviefile`, { query: { movieId }, signal }),
  /** Deletes the file through the download client holding it (409 with the reason when none can). */
  deleteFile: (id: number) => request<unknown>("DELETE", `${v3}/moviefile/${id}`),
  renamePreviews: (movieId: number, signal?: AbortSignal) =>
    request<RenamePreview[]>("GET", `${v3}/rename`, { query: { movieId }, signal }),
  titles: (movieId: number, signal?: AbortSignal) =>
    request<AlternativeTitle[]>("GET", `${v3}/alttitle`, { query: { movieId }, signal }),
  credits: (movieId: number, signal?: AbortSignal) =>
    request<Credit[]>("GET", `${v3}/credit`, { query: { movieId }, signal }),
  /** The collection (by its TMDb id) with its movies, each marked in the library or not. */
  collection: async (tmdbId: number, signal?: AbortSignal) =>
    (await request<Collection[]>("GET", `${v3}/collection`, { query: { tmdbId }, signal }))[0],
  related: (movieId: number, kind: RelatedKind, signal?: AbortSignal) =>
    request<RelatedMovie[]>("GET", `${v3}/movie/${movieId}/${kind}`, { signal }),
  runCommand: (name: string, body: Record<string, unknown>) =>
    request<Command>("POST", `${v3}/command`, { body: { name, ...body } }),
  command: (id: number, signal?: AbortSignal) => request<Command>("GET", `${v3}/command/${id}`, { signal }),
};
