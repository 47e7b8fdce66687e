import type { Context, MiddlewareHandler } from "hono";
import {
  collectionBackdropPath,
  collectionPosterPath,
  movieBackdropPath,
  movieHasArtwork,
  movieLogoPath,
  moviePosterPath,
  profilePath,
} from "../data/artwork";
import { type Collection, collectionById, type Movie, movieById, movieByImdbId } from "../data/catalogue";
import { movieDetails, movieOverview } from "../data/details";
import type { Person } from "../data/people";
import { countryName, GENRES, genreName, language } from "../data/reference";
import { recommendationsFor, similarFor } from "../data/related";
import { searchMovies } from "../data/search";
import { createService } from "./service";
import { mountTmdbChangesRoute } from "./tmdb-changes";
import { mountTmdbDiscoveryRoutes } from "./tmdb-discovery";
import { mountTmdbListRoutes } from "./tmdb-lists";

/**
 * TMDb API v3 (api.themoviedb.org), with the field names and error bodies TMDb documents.
 * Auth: any non-empty `api_key` query parameter or `Authorization: Bearer <token>` is accepted,
 * except values starting with "invalid", which get TMDb's 401 so clients can test bad keys.
 */

/** TMDb's own status codes (developer.themoviedb.org/docs/errors). */
const TMDB_STATUS_MESSAGES: Record<number, string> = {
  5: "Invalid parameters: Your request parameters are incorrect.",
  7: "Invalid API key: You must be granted a valid key.",
  9: "Service offline: This service is temporarily offline, try again later.",
  11: "Internal error: Something went wrong, contact TMDB.",
  22: "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.",
  24: "Your request to the backend server timed out. Try again.",
  25: "Your request count (#) is over the allowed limit of (40).",
  34: "The resource you requested could not be found.",
  43: "Couldn't connect to the backend server.",
};

const TMDB_CODE_FOR_STATUS: Record<number, number> = {
  400: 22,
  401: 7,
  404: 34,
  422: 5,
  429: 25,
  500: 11,
  502: 43,
  503: 9,
  504: 24,
};

function tmdbError(status: number, code = TMDB_CODE_FOR_STATUS[status] ?? (status >= 500 ? 11 : 5)): Response {
  return new Response(
    JSON.stringify({ status_code: code, status_message: TMDB_STATUS_MESSAGES[code], success: false }),
    {
      status,
      headers: { "content-type": "application/json;charset=utf-8" },
    },
  );
}

export const tmdb = createService({
  name: "tmdb",
  description:
    "TMDb API v3 and v4 lists (api.themoviedb.org): search, movie details, find by IMDb id, collections, person credits, discover, popular/top rated/upcoming/now playing",
  errorResponse: (status) => tmdbError(status),
});

const requireApiKey: MiddlewareHandler = async (c, next) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  const key = c.req.query("api_key") || bearer;
  if (!key || key.startsWith("invalid")) return tmdbError(401);
  await next();
};

const POSTER_SIZES = ["w92", "w154", "w185", "w342", "w500", "w780", "original"];
const BACKDROP_SIZES = ["w300", "w780", "w1280", "original"];
const LOGO_SIZES = ["w45", "w92", "w154", "w185", "w300", "w500", "original"];
const PROFILE_SIZES = ["w45", "w185", "h632", "original"];
const STILL_SIZES = ["w92", "w185", "w300", "original"];

/** Every size the image service answers for. */
export const IMAGE_SIZES = new Set([
  ...POSTER_SIZES,
  ...BACKDROP_SIZES,
  ...LOGO_SIZES,
  ...PROFILE_SIZES,
  ...STILL_SIZES,
]);

function movieFromParam(value: string): Movie | undefined {
  // TMDb also accepts "603-the-matrix".
  const match = /^(\d+)(?:-[\w-]*)?$/.exec(value);
  return match ? movieById(Number(match[1])) : undefined;
}

function posterOf(movie: Movie): string | null {
  return movieHasArtwork(movie) ? moviePosterPath(movie.id) : null;
}

function backdropOf(movie: Movie): string | null {
  return movieHasArtwork(movie) ? movieBackdropPath(movie.id) : null;
}

function movieListItem(movie: Movie) {
  return {
    adult: movie.adult,
    backdrop_path: backdropOf(movie),
    genre_ids: movie.genreIds,
    id: movie.id,
    original_language: movie.originalLanguage,
    original_title: movie.originalTitle,
    overview: movieOverview(movie),
    popularity: movie.popularity,
    poster_path: posterOf(movie),
    release_date: movie.releaseDate,
    title: movie.title,
    video: false,
    vote_average: movie.voteAverage,
    vote_count: movie.voteCount,
  };
}

function movieMediaItem(movie: Movie) {
  return { ...movieListItem(movie), media_type: "movie" };
}

function personCredit(person: Person) {
  return {
    adult: false,
    gender: person.gender,
    id: person.id,
    known_for_department: person.knownForDepartment,
    name: person.name,
    original_name: person.name,
    popularity: person.popularity,
    profile_path: person.hasProfile ? profilePath(person.id) : null,
  };
}

function image(filePath: string, width: number, height: number, iso6391: string | null, votes: number) {
  return {
    aspect_ratio: Math.round((width / height) * 1000) / 1000,
    height,
    iso_639_1: iso6391,
    file_path: filePath,
    vote_average: Math.round((5 + (votes % 7) / 2) * 1000) / 1000,
    vote_count: votes,
    width,
  };
}

/** Each entry is both a sub-resource (/3/movie/{id}/<name>) and an append_to_response name. */
const MOVIE_SECTIONS = {
  credits(movie: Movie) {
    const { cast, crew } = movieDetails(movie);
    return {
      cast: cast.map((credit) => ({
        ...personCredit(credit.person),
        cast_id: credit.castId,
        character: credit.character,
        credit_id: credit.creditId,
        order: credit.order,
      })),
      crew: crew.map((credit) => ({
        ...personCredit(credit.person),
        credit_id: credit.creditId,
        department: credit.department,
        job: credit.job,
      })),
    };
  },
  images(movie: Movie) {
    if (!movieHasArtwork(movie)) return { backdrops: [], logos: [], posters: [] };
    const lang = movie.originalLanguage;
    return {
      backdrops: [
        image(movieBackdropPath(movie.id), 3840, 2160, null, 12),
        image(movieBackdropPath(movie.id, 2), 1920, 1080, null, 4),
      ],
      logos: [image(movieLogoPath(movie.id), 1000, 400, "en", 6)],
      posters: [
        image(moviePosterPath(movie.id), 2000, 3000, "en", 18),
        image(moviePosterPath(movie.id, 2), 1000, 1500, lang === "en" ? null : lang, 3),
      ],
    };
  },
  release_dates(movie: Movie) {
    const byCountry = new Map<string, object[]>();
    for (const entry of movieDetails(movie).releaseDates) {
      const list = byCountry.get(entry.country) ?? [];
      list.push({
        certification: entry.certification,
        descriptors: [],
        iso_639_1: "",
        note: entry.note,
        release_date: `${entry.date}T00:00:00.000Z`,
        type: entry.type,
      });
      byCountry.set(entry.country, list);
    }
    return {
      results: [...byCountry].map(([country, releaseDates]) => ({ iso_3166_1: country, release_dates: releaseDates })),
    };
  },
  external_ids(movie: Movie) {
    return { imdb_id: movie.imdbId, wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null };
  },
  alternative_titles(movie: Movie) {
    return {
      titles: movie.alternativeTitles.map((alt) => ({ iso_3166_1: alt.country, title: alt.title, type: alt.type })),
    };
  },
  keywords(movie: Movie) {
    return { keywords: movieDetails(movie).keywords.map((keyword) => ({ id: keyword.id, name: keyword.name })) };
  },
  videos(movie: Movie) {
    return {
      results: movieDetails(movie).videos.map((video) => ({
        iso_639_1: "en",
        iso_3166_1: "US",
        name: video.name,
        key: video.key,
        site: "YouTube",
        size: video.size,
        type: video.type,
        official: video.official,
        published_at: video.publishedAt,
        id: video.id,
      })),
    };
  },
  recommendations(movie: Movie) {
    const results = recommendationsFor(movie).map(movieMediaItem);
    return { page: 1, results, total_pages: 1, total_results: results.length };
  },
  similar(movie: Movie) {
    const results = similarFor(movie).map(movieMediaItem);
    return { page: 1, results, total_pages: 1, total_results: results.length };
  },
} satisfies Record<string, (movie: Movie) => object>;

type MovieSection = keyof typeof MOVIE_SECTIONS;

function isMovieSection(name: string): name is MovieSection {
  return Object.hasOwn(MOVIE_SECTIONS, name);
}

function movieDetailsBody(movie: Movie): Record<string, unknown> {
  const details = movieDetails(movie);
  const lang = language(movie.originalLanguage);
  const collection = movie.collectionId === null ? undefined : collectionById(movie.collectionId);
  return {
    adult: movie.adult,
    backdrop_path: backdropOf(movie),
    belongs_to_collection: collection
      ? {
          id: collection.id,
          name: collection.name,
          poster_path: collectionPosterPath(collection.id),
          backdrop_path: collectionBackdropPath(collection.id),
        }
      : null,
    budget: details.budget,
    genres: movie.genreIds.map((id) => ({ id, name: genreName(id) })),
    homepage: "",
    id: movie.id,
    imdb_id: movie.imdbId,
    origin_country: details.originCountry,
    original_language: movie.originalLanguage,
    original_title: movie.originalTitle,
    overview: movieOverview(movie),
    popularity: movie.popularity,
    poster_path: posterOf(movie),
    production_companies: details.companies.map((company) => ({
      id: company.id,
      logo_path: null,
      name: company.name,
      origin_country: company.country,
    })),
    production_countries: details.originCountry.map((code) => ({ iso_3166_1: code, name: countryName(code) })),
    release_date: movie.releaseDate,
    revenue: details.revenue,
    runtime: movie.runtime,
    spoken_languages: [{ english_name: lang.englishName, iso_639_1: lang.code, name: lang.nativeName }],
    status: movie.status,
    tagline: details.tagline,
    title: movie.title,
    video: false,
    vote_average: movie.voteAverage,
    vote_count: movie.voteCount,
  };
}

function collectionBody(collection: Collection) {
  const parts = collection.partIds.map((id) => movieById(id)).filter((movie): movie is Movie => movie !== undefined);
  const first = parts[0];
  const last = parts[parts.length - 1];
  const span =
    first && last
      ? `, from ${first.title} (${first.releaseDate.slice(0, 4) || "TBA"}) to ${last.title} (${last.releaseDate.slice(0, 4) || "TBA"})`
      : "";
  return {
    id: collection.id,
    name: collection.name,
    original_language: first?.originalLanguage ?? "en",
    original_name: collection.name,
    overview: `${parts.length} ${parts.length === 1 ? "film" : "films"}${span}.`,
    poster_path: collectionPosterPath(collection.id),
    backdrop_path: collectionBackdropPath(collection.id),
    parts: parts.map(movieMediaItem),
  };
}

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = 500;

function pageParam(c: Context): number | null {
  const raw = c.req.query("page");
  if (raw === undefined || raw === "") return 1;
  if (!/^\d+$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 && page <= MAX_PAGE ? page : null;
}

function yearParam(value: string | undefined): number | undefined {
  return value && /^\d{4}$/.test(value) ? Number(value) : undefined;
}

const EXTERNAL_SOURCES = [
  "imdb_id",
  "facebook_id",
  "instagram_id",
  "tvdb_id",
  "tiktok_id",
  "twitter_id",
  "wikidata_id",
  "youtube_id",
];

const app = tmdb.app;
app.use("/3/*", requireApiKey);
app.use("/4/*", requireApiKey);

app.get("/3/configuration", (c) => {
  const imageBase = `${new URL(c.req.url).origin}/tmdb-images/t/p/`;
  return c.json({
    change_keys: [
      "adult",
      "alternative_titles",
      "budget",
      "credits",
      "genres",
      "images",
      "imdb_id",
      "overview",
      "release_dates",
      "runtime",
      "status",
      "title",
      "videos",
    ],
    images: {
      base_url: imageBase,
      secure_base_url: imageBase,
      backdrop_sizes: BACKDROP_SIZES,
      logo_sizes: LOGO_SIZES,
      poster_sizes: POSTER_SIZES,
      profile_sizes: PROFILE_SIZES,
      still_sizes: STILL_SIZES,
    },
  });
});

app.get("/3/genre/movie/list", (c) => c.json({ genres: GENRES.map(({ id, name }) => ({ id, name })) }));

app.get("/3/search/movie", (c) => {
  const page = pageParam(c);
  if (page === null) return tmdbError(400, 22);
  const results = searchMovies(c.req.query("query") ?? "", {
    year: yearParam(c.req.query("primary_release_year")) ?? yearParam(c.req.query("year")),
    includeAdult: c.req.query("include_adult") === "true",
  });
  return c.json({
    page,
    results: results.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE).map(movieListItem),
    total_pages: Math.min(MAX_PAGE, Math.max(1, Math.ceil(results.length / RESULTS_PER_PAGE))),
    total_results: results.length,
  });
});

// Before /3/movie/:id, which would otherwise read "popular" as a movie id.
mountTmdbListRoutes(app, { movieListItem, movieMediaItem, pageParam, error: tmdbError });
mountTmdbDiscoveryRoutes(app, { movieListItem, movieMediaItem, pageParam, error: tmdbError });
mountTmdbChangesRoute(app, tmdbError);

app.get("/3/movie/:id", (c) => {
  const movie = movieFromParam(c.req.param("id"));
  if (!movie) return tmdbError(404);
  const body = movieDetailsBody(movie);
  for (const name of (c.req.query("append_to_response") ?? "").split(",")) {
    const section = name.trim();
    if (isMovieSection(section)) body[section] = MOVIE_SECTIONS[section](movie);
  }
  return c.json(body);
});

for (const section of Object.keys(MOVIE_SECTIONS) as MovieSection[]) {
  app.get(`/3/movie/:id/${section}`, (c) => {
    const movie = movieFromParam(c.req.param("id"));
    if (!movie) return tmdbError(404);
    return c.json({ id: movie.id, ...MOVIE_SECTIONS[section](movie) });
  });
}

app.get("/3/find/:externalId", (c) => {
  const source = c.req.query("external_source");
  if (!source || !EXTERNAL_SOURCES.includes(source)) return tmdbError(422, 5);
  const movie = source === "imdb_id" ? movieByImdbId(c.req.param("externalId")) : undefined;
  return c.json({
    movie_results: movie ? [movieMediaItem(movie)] : [],
    person_results: [],
    tv_results: [],
    tv_episode_results: [],
    tv_season_results: [],
  });
});

app.get("/3/collection/:id", (c) => {
  const id = c.req.param("id");
  const collection = /^\d+$/.test(id) ? collectionById(Number(id)) : undefined;
  if (!collection) return tmdbError(404);
  return c.json(collectionBody(collection));
});
