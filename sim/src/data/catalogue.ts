import { Random } from "./prng";
import { REAL_COLLECTIONS, REAL_MOVIE_LINES } from "./real-movies";
import { GENRES_BY_CODE, LANGUAGES } from "./reference";
import {
  ADJECTIVES,
  FEMALE_FIRST_NAMES,
  FOREIGN_TITLE_WORDS,
  MALE_FIRST_NAMES,
  NOUNS,
  PLACES,
  PREPOSITIONS,
  SEQUEL_SUBTITLES,
} from "./words";

/**
 * The simulator's movie catalogue: the real movies from real-movies.ts plus generated filler,
 * built once (on first use) from fixed seeds. Every date is placed relative to
 * the clock's day when the catalogue is first built (sim/src/clock.ts), so a pinned clock (SIM_NOW)
 * gives the same data on every run.
 */

import { catalogueReferenceDate } from "../clock";

export { catalogueReferenceDate };

const FILLER_COUNT = 11_600;
/** Generated ids start well above the real TMDb ids in use (about 1.5 million in 2025). */
export const FILLER_FIRST_ID = 2_000_000;
const FILLER_FIRST_COLLECTION_ID = 3_000_000;
/** Generated IMDb ids are "tt9" plus seven digits: eight digits, a range IMDb has not reached. */
const FILLER_IMDB_PREFIX = "tt9";

type MovieStatus = "Released" | "Post Production" | "In Production" | "Planned";

interface AlternativeTitle {
  country: string;
  title: string;
  type: string;
}

export interface Movie {
  id: number;
  imdbId: string | null;
  title: string;
  originalTitle: string;
  originalLanguage: string;
  /** YYYY-MM-DD, or "" when no date has been announced. */
  releaseDate: string;
  runtime: number;
  genreIds: number[];
  /** US certification ("" when unrated). */
  certification: string;
  collectionId: number | null;
  status: MovieStatus;
  popularity: number;
  voteAverage: number;
  voteCount: number;
  adult: boolean;
  alternativeTitles: AlternativeTitle[];
  /** True for the hand-written real movies, false for generated filler. */
  real: boolean;
}

export interface Collection {
  id: number;
  name: string;
  /** Part ids in release order. */
  partIds: number[];
}

const DAY_MS = 86_400_000;
let referenceMsHeld: number | undefined;
/** Midnight (UTC) of the catalogue's reference day. */
const referenceMs = () => (referenceMsHeld ??= Date.parse(`${catalogueReferenceDate()}T00:00:00Z`));

/** YYYY-MM-DD for a UTC timestamp; hand-rolled because it runs for every generated movie. */
function isoDay(ms: number): string {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export function addDays(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function parseRealMovies(): Movie[] {
  const movies: Movie[] = [];
  for (const line of REAL_MOVIE_LINES.split("\n")) {
    if (!line.trim()) continue;
    const [id, imdbId, title, releaseDate, runtime, certification, genres, collection, lang, original, alts] =
      line.split("|");
    const random = new Random(`real:${id}`);
    const year = Number(releaseDate.slice(0, 4));
    const age = 2026 - year;
    movies.push({
      id: Number(id),
      imdbId,
      title,
      originalTitle: original || title,
      originalLanguage: lang || "en",
      releaseDate,
      runtime: Number(runtime),
      genreIds: [...genres].map((code) => GENRES_BY_CODE[code].id),
      certification,
      collectionId: collection ? Number(collection) : null,
      status: "Released",
      // Well-known films are far more popular than filler, newer ones more so.
      popularity: round(12 + random.next() * 60 + Math.max(0, 30 - age) * 3, 3),
      voteAverage: round(6.3 + random.next() * 2.4, 3),
      voteCount: random.int(2_500, 36_000),
      adult: false,
      alternativeTitles: (alts ? alts.split(";") : []).map((alt) => ({
        country: alt.slice(0, 2),
        title: alt.slice(3),
        type: "",
      })),
      real: true,
    });
  }
  return movies;
}

const FOREIGN_LANGUAGES = Object.keys(FOREIGN_TITLE_WORDS);
const FIRST_NAMES = [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES];
const GENRE_IDS = Object.values(GENRES_BY_CODE)
  .map((genre) => genre.id)
  .filter((id) => id !== 10770);

function generateTitle(random: Random): string {
  switch (random.int(0, 6)) {
    case 0:
    case 1:
      return `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
    case 2:
      return `${random.pick(NOUNS)} of ${random.pick(PLACES)}`;
    case 3:
      return `${random.pick(PREPOSITIONS)} the ${random.pick(NOUNS)}`;
    case 4:
      return `${random.pick(FIRST_NAMES)}'s ${random.pick(NOUNS)}`;
    case 5:
      return `A ${random.pick(NOUNS)} in ${random.pick(PLACES)}`;
    default:
      return `The ${random.pick(NOUNS)} and the ${random.pick(NOUNS)}`;
  }
}

const ROMAN = ["", "I", "II", "III", "IV", "V"];

function sequelTitle(random: Random, base: string, part: number): string {
  switch (random.int(0, 3)) {
    case 0:
      return `${base} ${part}`;
    case 1:
      return `${base} ${ROMAN[part]}`;
    case 2:
      return `${base}: ${random.pick(SEQUEL_SUBTITLES)}`;
    default:
      return `${base} Part ${ROMAN[part]}`;
  }
}

function certificationFor(random: Random, genreIds: number[], year: number): string {
  if (year < 1968) return random.chance(0.8) ? "" : "G";
  if (genreIds.includes(16) || genreIds.includes(10751)) return random.pick(["G", "PG", "PG"]);
  if (genreIds.includes(27)) return "R";
  const roll = random.next();
  if (roll < 0.45) return "PG-13";
  if (roll < 0.85) return "R";
  if (roll < 0.95) return "PG";
  return "";
}

interface Schedule {
  status: MovieStatus;
  releaseDate: string;
}

/** Status for a date relative to the reference day: what TMDb would say on that day. */
function scheduleFor(random: Random, releaseMs: number | null): Schedule {
  if (releaseMs === null) return { status: "Planned", releaseDate: "" };
  const daysAhead = Math.round((releaseMs - referenceMs()) / DAY_MS);
  if (daysAhead <= 0) return { status: "Released", releaseDate: isoDay(releaseMs) };
  if (daysAhead < 300) return { status: "Post Production", releaseDate: isoDay(releaseMs) };
  if (daysAhead < 900)
    return { status: random.chance(0.7) ? "In Production" : "Post Production", releaseDate: isoDay(releaseMs) };
  return { status: "Planned", releaseDate: isoDay(releaseMs) };
}

/** A release day for one filler movie: mostly the past, skewed to recent decades. */
function randomReleaseMs(random: Random): number | null {
  const roll = random.next();
  if (roll < 0.03) return referenceMs() + random.int(30, 290) * DAY_MS;
  if (roll < 0.06) return referenceMs() + random.int(300, 890) * DAY_MS;
  if (roll < 0.08) return random.chance(0.5) ? null : referenceMs() + random.int(900, 1600) * DAY_MS;
  // "In cinemas": theatrical release in the last few months, home release still ahead.
  if (roll < 0.11) return referenceMs() - random.int(1, 100) * DAY_MS;
  const year = 2026 - Math.floor(96 * random.next() ** 2.5);
  const ms = Date.UTC(year, 0, 1) + random.int(0, 364) * DAY_MS;
  return Math.min(ms, referenceMs() - random.int(101, 400) * DAY_MS);
}

interface FillerDraft {
  title: string;
  originalTitle: string;
  originalLanguage: string;
  genreIds: number[];
  releaseMs: number | null;
  collectionId: number | null;
}

function makeFiller(random: Random, index: number, draft: FillerDraft): Movie {
  const id = FILLER_FIRST_ID + index;
  const { status, releaseDate } = scheduleFor(random, draft.releaseMs);
  const released = status === "Released";
  const year = releaseDate ? Number(releaseDate.slice(0, 4)) : 2030;
  const daysSinceRelease = draft.releaseMs === null ? -1 : (referenceMs() - draft.releaseMs) / DAY_MS;
  const fresh = released && daysSinceRelease < 120;
  const hasImdb = status === "Planned" ? false : status === "In Production" ? random.chance(0.5) : random.chance(0.985);
  const alternativeTitles: AlternativeTitle[] = [];
  if (draft.originalLanguage === "en" && random.chance(0.08)) {
    alternativeTitles.push({ country: "US", title: `Project ${random.pick(NOUNS)}`, type: "working title" });
  }
  if (draft.originalLanguage === "en" && random.chance(0.1)) {
    alternativeTitles.push({ country: "GB", title: generateTitle(random), type: "" });
  }
  if (draft.originalLanguage !== "en") {
    alternativeTitles.push({ country: "US", title: draft.title, type: "" });
  }
  return {
    id,
    imdbId: hasImdb ? `${FILLER_IMDB_PREFIX}${String(index + 1).padStart(7, "0")}` : null,
    title: draft.title,
    originalTitle: draft.originalTitle,
    originalLanguage: draft.originalLanguage,
    releaseDate,
    runtime:
      status === "Planned" || (status === "In Production" && random.chance(0.5))
        ? 0
        : 80 + random.int(0, 40) + random.int(0, 50),
    genreIds: draft.genreIds,
    certification: released || status === "Post Production" ? certificationFor(random, draft.genreIds, year) : "",
    collectionId: draft.collectionId,
    status,
    popularity: released
      ? round(fresh ? 15 + random.next() * 70 : 0.6 + random.next() ** 3 * 45 + random.next() * 3, 3)
      : round(2 + random.next() * 35, 3),
    voteAverage: released ? round(Math.min(9.2, 3.8 + random.next() * 2.6 + random.next() * 2.6), 3) : 0,
    voteCount: released ? (fresh ? random.int(3, 400) : random.int(5, 6_000)) : 0,
    adult: index % 250 === 137,
    alternativeTitles,
    real: false,
  };
}

function generateFiller(realTitles: Set<string>): { movies: Movie[]; collections: Collection[] } {
  const random = new Random("radarr-edge-sim catalogue v1");
  const used = new Set(realTitles);
  const uniqueTitle = (make: () => string): string => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const title = make();
      if (!used.has(title.toLowerCase())) {
        used.add(title.toLowerCase());
        return title;
      }
    }
    // Every pattern is exhausted only in theory; a numbered title keeps ids and titles 1:1.
    const title = `${make()} ${used.size}`;
    used.add(title.toLowerCase());
    return title;
  };
  const pickGenres = () => {
    const count = random.int(1, 3);
    const genreIds: number[] = [];
    while (genreIds.length < count) {
      const id = random.pick(GENRE_IDS);
      if (!genreIds.includes(id)) genreIds.push(id);
    }
    return genreIds;
  };
  const movies: Movie[] = [];
  const collections: Collection[] = [];

  while (movies.length < FILLER_COUNT) {
    const remaining = FILLER_COUNT - movies.length;
    if (remaining >= 4 && random.chance(0.035)) {
      const base = uniqueTitle(() => generateTitle(random));
      const collectionId = FILLER_FIRST_COLLECTION_ID + collections.length;
      const genreIds = pickGenres();
      const parts = random.int(2, 4);
      let releaseMs = Date.UTC(random.int(1975, 2018), random.int(0, 11), random.int(1, 28));
      const partIds: number[] = [];
      for (let part = 1; part <= parts; part++) {
        const title = part === 1 ? base : uniqueTitle(() => sequelTitle(random, base, part));
        partIds.push(FILLER_FIRST_ID + movies.length);
        movies.push(
          makeFiller(random, movies.length, {
            title,
            originalTitle: title,
            originalLanguage: "en",
            genreIds,
            releaseMs,
            collectionId,
          }),
        );
        releaseMs += random.int(700, 1_500) * DAY_MS;
      }
      collections.push({ id: collectionId, name: `${base} Collection`, partIds });
      continue;
    }
    const title = uniqueTitle(() => generateTitle(random));
    let originalTitle = title;
    let originalLanguage = "en";
    if (random.chance(0.13)) {
      originalLanguage = random.pick(FOREIGN_LANGUAGES);
      const { words, joiner } = FOREIGN_TITLE_WORDS[originalLanguage];
      originalTitle = joiner(random.pick(words), random.pick(words));
    }
    movies.push(
      makeFiller(random, movies.length, {
        title,
        originalTitle,
        originalLanguage,
        genreIds: pickGenres(),
        releaseMs: randomReleaseMs(random),
        collectionId: null,
      }),
    );
  }
  return { movies, collections };
}

function buildCatalogue() {
  const real = parseRealMovies();
  const filler = generateFiller(new Set(real.map((movie) => movie.title.toLowerCase())));
  const movies = [...real, ...filler.movies];
  const byId = new Map(movies.map((movie) => [movie.id, movie]));
  const byImdbId = new Map<string, Movie>();
  for (const movie of movies) if (movie.imdbId) byImdbId.set(movie.imdbId, movie);

  const collections = new Map<number, Collection>();
  for (const [id, name] of Object.entries(REAL_COLLECTIONS)) {
    collections.set(Number(id), { id: Number(id), name, partIds: [] });
  }
  for (const movie of real) {
    if (movie.collectionId !== null) collections.get(movie.collectionId)?.partIds.push(movie.id);
  }
  for (const collection of collections.values()) {
    const releaseDate = (id: number) => byId.get(id)?.releaseDate ?? "";
    collection.partIds.sort((a, b) => releaseDate(a).localeCompare(releaseDate(b)));
  }
  for (const collection of filler.collections) collections.set(collection.id, collection);
  return { movies, byId, byImdbId, collections, realCount: real.length };
}

/** Built on first use rather than at module load, so the Worker starts instantly. */
let built: ReturnType<typeof buildCatalogue> | undefined;

function catalogue() {
  built ??= buildCatalogue();
  return built;
}

export function allMovies(): readonly Movie[] {
  return catalogue().movies;
}

export function movieById(id: number): Movie | undefined {
  return catalogue().byId.get(id);
}

export function movieByImdbId(imdbId: string): Movie | undefined {
  return catalogue().byImdbId.get(imdbId.toLowerCase());
}

export function collectionById(id: number): Collection | undefined {
  return catalogue().collections.get(id);
}

export function catalogueSummary() {
  const { movies, realCount, collections } = catalogue();
  return {
    movies: movies.length,
    realMovies: realCount,
    generatedMovies: movies.length - realCount,
    collections: collections.size,
    referenceDate: catalogueReferenceDate(),
    languages: Object.keys(LANGUAGES).length,
  };
}
