/** The kind of TMDb title a Watchmode title is mapped to. */
export type TmdbType = "movie" | "tv";

/** One title of Watchmode's id map: [watchmodeId, tmdbId, tmdbType, imdbId, title, year]. */
export type WatchmodeIdMapRow = [number, number | null, TmdbType | null, string | null, string, number | null];

/** What the last import of the id map kept: the file's validators (for a conditional request) and size. */
export interface WatchmodeIdMapState {
  etag: string | null;
  lastModified: string | null;
  rows: number;
  importedAt: string;
}
