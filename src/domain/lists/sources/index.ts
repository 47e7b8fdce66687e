import type { ImportListSource } from "../source";
import { imdbCsvSource, imdbListSource } from "./imdb";
import { plexRssSource, plexWatchlistSource } from "./plex";
import {
  tmdbCollectionSource,
  tmdbCompanySource,
  tmdbKeywordSource,
  tmdbListSource,
  tmdbPersonSource,
  tmdbPopularSource,
} from "./tmdb";
import { traktListSource, traktPopularSource, traktUserSource } from "./trakt";

/** Every import list source; adding one is adding its folder and one entry here. */
export const LIST_SOURCES = [
  imdbListSource,
  imdbCsvSource,
  tmdbListSource,
  tmdbCollectionSource,
  tmdbPersonSource,
  tmdbKeywordSource,
  tmdbCompanySource,
  tmdbPopularSource,
  traktListSource,
  traktUserSource,
  traktPopularSource,
  plexWatchlistSource,
  plexRssSource,
] as ImportListSource<unknown>[];

export function findListSource(implementation: string): ImportListSource<unknown> | undefined {
  return LIST_SOURCES.find((s) => s.implementation.toLowerCase() === implementation.toLowerCase());
}

/** The settings fields a source keeps secret (stored encrypted, shown masked). */
export function secretFields(source: ImportListSource<unknown>): string[] {
  return source.fields.filter((f) => f.privacy === "apiKey" || f.privacy === "password").map((f) => f.name);
}
