import * as clock from "../../clock";
import { languageForIso } from "../../domain/library/language";
import type { MovieMetadata } from "../../domain/library/movieMetadata";
import { deriveMovieStatus, type MovieStatus, type ReleaseDates } from "../../domain/library/movieStatus";
import { cleanTitle } from "../../domain/library/titles";
import type { TmdbMovieSummary } from "../../domain/lists/sources/tmdb/movieSummary";
import { TMDB_MOVIE_GENRES } from "./genres";
import type { TmdbMovieDetails } from "./schemas";

/** A movie's metadata as TMDb describes it, in the library's terms. */
export interface MovieInfo extends ReleaseDates {
  tmdbId: number;
  imdbId: string | null;
  title: string;
  originalTitle: string;
  year: number;
  status: MovieStatus;
  runtime: number;
  rating: number;
  popularity: number;
  genres: string[];
  metadata: MovieMetadata;
}

// TMDb release types: 1 premiere, 2 limited theatrical, 3 theatrical, 4 digital, 5 physical, 6 TV.
const THEATRICAL = new Set([2, 3]);

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) || 0 : 0);
function isoDate(date: string | null | undefined): string | null {
  const time = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function earliest(dates: string[]): string | null {
  const times = dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.min(...times)).toISOString() : null;
}

function releaseDates(
  details: TmdbMovieDetails,
  certificationCountry: string,
): ReleaseDates & { certification: string } {
  const all = details.release_dates?.results ?? [];
  const ofType = (types: Set<number>) =>
    all.flatMap((country) => country.release_dates.filter((r) => types.has(r.type)).map((r) => r.release_date));
  const rated = all.find((country) => country.iso_3166_1.toUpperCase() === certificationCountry.toUpperCase());
  const certification = rated?.release_dates.find((r) => r.certification)?.certification ?? "";
  return {
    inCinemas: earliest(ofType(THEATRICAL)) ?? isoDate(details.release_date),
    digitalRelease: earliest(ofType(new Set([4]))),
    physicalRelease: earliest(ofType(new Set([5]))),
    certification,
  };
}

function images(summary: TmdbMovieSummary, imageBase: string): MovieMetadata["images"] {
  const base = imageBase.replace(/\/$/, "");
  const out: MovieMetadata["images"] = [];
  for (const [coverType, path] of [
    ["poster", summary.poster_path],
    ["fanart", summary.backdrop_path],
  ] as const) {
    if (path) out.push({ coverType, url: `${base}/t/p/w500${path}`, remoteUrl: `${base}/t/p/original${path}` });
  }
  return out;
}

function pictures(summary: TmdbMovieSummary, imageBase: string) {
  const all = images(summary, imageBase);
  const poster = all.find((i) => i.coverType === "poster")?.remoteUrl;
  return { images: all, ...(poster ? { remotePoster: poster } : {}) };
}

function ratings(summary: TmdbMovieSummary): MovieMetadata["ratings"] {
  return { tmdb: { votes: summary.vote_count ?? 0, value: summary.vote_average ?? 0, type: "user" } };
}

/**
 * Full metadata from a details response (with DETAILS_APPEND); the certification is the one
 * `certificationCountry` (ISO 3166-1, /config/metadata's) gives the movie.
 */
export function movieInfoFromDetails(
  details: TmdbMovieDetails,
  imageBase: string,
  now = clock.now(),
  certificationCountry = "US",
): MovieInfo {
  const dates = releaseDates(details, certificationCountry);
  const trailer = details.videos?.results.find((v) => v.site === "YouTube" && v.type === "Trailer");
  return {
    tmdbId: details.id,
    imdbId: details.imdb_id || details.external_ids?.imdb_id || null,
    title: details.title,
    originalTitle: details.original_title ?? details.title,
    year: yearOf(details.release_date) || yearOf(dates.inCinemas),
    status: deriveMovieStatus(details.status, dates, now),
    runtime: details.runtime ?? 0,
    rating: details.vote_average ?? 0,
    popularity: details.popularity ?? 0,
    genres: details.genres.map((g) => g.name),
    inCinemas: dates.inCinemas,
    digitalRelease: dates.digitalRelease,
    physicalRelease: dates.physicalRelease,
    metadata: {
      overview: details.overview ?? "",
      ...pictures(details, imageBase),
      alternateTitles: (details.alternative_titles?.titles ?? []).map((t) => ({
        id: 0,
        sourceType: "tmdb",
        movieMetadataId: 0,
        title: t.title,
        cleanTitle: cleanTitle(t.title),
      })),
      ratings: ratings(details),
      keywords: (details.keywords?.keywords ?? []).map((k) => k.name),
      studio: details.production_companies[0]?.name ?? "",
      website: details.homepage ?? "",
      youTubeTrailerId: trailer?.key ?? "",
      certification: dates.certification,
      originalLanguage: languageForIso(details.original_language),
      ...(details.belongs_to_collection
        ? { collection: { title: details.belongs_to_collection.name, tmdbId: details.belongs_to_collection.id } }
        : {}),
    },
  };
}

/** What a search result tells about a movie (no release types, runtime or keywords). */
export function movieInfoFromSummary(summary: TmdbMovieSummary, imageBase: string, now = clock.now()): MovieInfo {
  const dates = { inCinemas: isoDate(summary.release_date), digitalRelease: null, physicalRelease: null };
  return {
    tmdbId: summary.id,
    imdbId: null,
    title: summary.title,
    originalTitle: summary.original_title ?? summary.title,
    year: yearOf(summary.release_date),
    status: deriveMovieStatus(undefined, dates, now),
    runtime: 0,
    rating: summary.vote_average ?? 0,
    popularity: summary.popularity ?? 0,
    genres: (summary.genre_ids ?? []).map((id) => TMDB_MOVIE_GENRES[id]).filter(Boolean),
    ...dates,
    metadata: {
      overview: summary.overview ?? "",
      ...pictures(summary, imageBase),
      alternateTitles: [],
      ratings: ratings(summary),
      keywords: [],
      studio: "",
      website: "",
      youTubeTrailerId: "",
      certification: "",
      originalLanguage: languageForIso(summary.original_language),
    },
  };
}
