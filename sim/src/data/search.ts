import { allMovies, type Movie } from "./catalogue";

/**
 * Title search over the catalogue, shared by every service that offers one. Matching is
 * case-, accent- and punctuation-insensitive over title, original title and alternative titles;
 * results are ranked by how well the best name matches, then by popularity.
 */

export interface SearchOptions {
  year?: number;
  includeAdult?: boolean;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lowercase, accents and punctuation folded away, "&" read as "and". */
function normalizeTitle(text: string): string {
  const folded = PRINTABLE_ASCII.test(text)
    ? text
        .toLowerCase()
        .replace(/&/g, " and ")
        .replace(/[^a-z0-9]+/g, " ")
    : text
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/&/g, " and ")
        .replace(/[^\p{L}\p{N}]+/gu, " ");
  return folded.trim();
}

interface IndexedName {
  /** Normalised, with a leading space so word starts can be found with includes(" word"). */
  padded: string;
  compact: string;
  /** The title or original title, rather than an alternative title. */
  primary: boolean;
}

interface IndexEntry {
  movie: Movie;
  names: IndexedName[];
}

let index: IndexEntry[] | undefined;

function searchIndex(): IndexEntry[] {
  if (!index) {
    index = allMovies().map((movie) => {
      const seen = new Set<string>();
      const names: IndexedName[] = [];
      const add = (title: string, primary: boolean) => {
        const normalized = normalizeTitle(title);
        if (!normalized || seen.has(normalized)) return;
        seen.add(normalized);
        names.push({ padded: ` ${normalized}`, compact: normalized.replace(/ /g, ""), primary });
      };
      add(movie.title, true);
      add(movie.originalTitle, true);
      for (const alt of movie.alternativeTitles) add(alt.title, false);
      return { movie, names };
    });
  }
  return index;
}

interface PreparedQuery {
  padded: string;
  compact: string;
  paddedWords: string[];
}

/** 0 when the name does not match; higher is better. */
function scoreName(name: IndexedName, query: PreparedQuery): number {
  if (name.padded === query.padded || name.compact === query.compact) return 100;
  if (name.padded.startsWith(query.padded)) return 80;
  if (name.padded.includes(query.padded)) return 60;
  if (name.compact.includes(query.compact)) return 40;
  if (query.paddedWords.length > 1 && query.paddedWords.every((word) => name.padded.includes(word))) return 20;
  return 0;
}

export function searchMovies(text: string, options: SearchOptions = {}): Movie[] {
  const normalized = normalizeTitle(text);
  if (!normalized) return [];
  const query: PreparedQuery = {
    padded: ` ${normalized}`,
    compact: normalized.replace(/ /g, ""),
    paddedWords: normalized.split(" ").map((word) => ` ${word}`),
  };
  const year = options.year === undefined ? undefined : String(options.year);
  const scored: { movie: Movie; score: number }[] = [];
  for (const { movie, names } of searchIndex()) {
    if (movie.adult && !options.includeAdult) continue;
    if (year !== undefined && !movie.releaseDate.startsWith(year)) continue;
    let best = 0;
    for (const name of names) {
      const score = scoreName(name, query);
      // A hit on the title itself beats the same hit on an alternative title.
      const weighted = score > 0 && name.primary ? score + 5 : score;
      if (weighted > best) best = weighted;
    }
    if (best > 0) scored.push({ movie, score: best });
  }
  scored.sort((a, b) => b.score - a.score || b.movie.popularity - a.movie.popularity || a.movie.id - b.movie.id);
  return scored.map((entry) => entry.movie);
}
