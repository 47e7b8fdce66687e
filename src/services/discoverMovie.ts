import { MovieRepository } from "../db/repositories/movies";
import { isUpstreamFailure, resourceNotFound } from "../domain/failures/failure";
import { TmdbClient } from "../integrations/tmdb/client";
import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import type { TmdbMovieDetails } from "../integrations/tmdb/schemas";
import type { ServiceContext } from "./context";
import { yearOf } from "./discover";
import { readStreamingSettings } from "./settings";
import { groupOffers, linkOffers, type TitleAvailability } from "./streamingTrending";

const CAST_SHOWN = 12;
/** TMDb's release type for a theatrical release, whose certification is the one people know. */
const THEATRICAL = 3;

/**
 * Discover's page for any movie, in the library or not: TMDb's details (one call, cached a day,
 * shared with lookups and refreshes), where to watch it in the streaming region, and the library
 * movie when there is one.
 */
export async function discoverMovie(ctx: ServiceContext, tmdbId: number) {
  const details = await new TmdbClient(ctx.env, ctx.logger).movieDetails(tmdbId);
  if (!details) throw resourceNotFound(`TMDb movie ${tmdbId}`);
  const movie = details.value;
  const [held, settings] = await Promise.all([
    new MovieRepository(ctx.db).idsByTmdbIds([tmdbId]),
    readStreamingSettings(ctx.db, ctx.env),
  ]);
  const movieId = held.get(tmdbId) ?? null;
  const watch = await whereToWatch(ctx, movie, settings.region);
  return {
    body: {
      ...describe(ctx, movie, settings.region),
      inLibrary: movieId !== null,
      movieId,
      watch: watch.value,
    },
    stale: details.stale || watch.stale,
  };
}

function describe(ctx: ServiceContext, movie: TmdbMovieDetails, region: string) {
  const image = (path: string | null | undefined, size: string) =>
    path ? `${ctx.env.TMDB_IMAGE_URL.replace(/\/$/, "")}/t/p/${size}${path}` : null;
  const crew = movie.credits?.crew ?? [];
  return {
    tmdbId: movie.id,
    imdbId: movie.imdb_id ?? movie.external_ids?.imdb_id ?? null,
    mediaType: "movie" as const,
    title: movie.title,
    originalTitle: movie.original_title ?? movie.title,
    year: yearOf(movie.release_date),
    releaseDate: movie.release_date || null,
    status: movie.status ?? null,
    overview: movie.overview ?? "",
    tagline: movie.tagline || null,
    runtime: movie.runtime ? Math.round(movie.runtime) : null,
    genres: movie.genres.map((g) => g.name),
    studios: movie.production_companies.map((c) => c.name),
    certification: certificationIn(movie, region),
    posterUrl: image(movie.poster_path, "w500"),
    backdropUrl: image(movie.backdrop_path, "w1280"),
    ratings: { tmdb: { value: movie.vote_average ?? 0, votes: Math.round(movie.vote_count ?? 0) } },
    directors: crew.filter((c) => c.job === "Director").map((c) => c.name),
    cast: [...(movie.credits?.cast ?? [])]
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .slice(0, CAST_SHOWN)
      .map((c) => ({
        personTmdbId: c.id,
        name: c.name,
        character: c.character || null,
        profileUrl: image(c.profile_path, "w185"),
      })),
    trailer: trailerOf(movie),
    collection: movie.belongs_to_collection
      ? { tmdbId: movie.belongs_to_collection.id, name: movie.belongs_to_collection.name }
      : null,
  };
}

/** The official YouTube trailer, else any YouTube trailer, else a teaser. */
function trailerOf(movie: TmdbMovieDetails) {
  const videos = (movie.videos?.results ?? []).filter((v) => v.site === "YouTube");
  const chosen =
    videos.find((v) => v.type === "Trailer" && v.official) ??
    videos.find((v) => v.type === "Trailer") ??
    videos.find((v) => v.type === "Teaser");
  return chosen ? { site: "YouTube" as const, key: chosen.key } : null;
}

function certificationIn(movie: TmdbMovieDetails, region: string): string | null {
  const dates = movie.release_dates?.results.find((r) => r.iso_3166_1 === region)?.release_dates ?? [];
  const rated = dates.filter((d) => d.certification);
  return (rated.find((d) => d.type === THEATRICAL) ?? rated[0])?.certification ?? null;
}

/**
 * The movie's offers in the region, linked like the streaming routes link them. Where to watch is
 * an addition to the page: when TMDb's watch providers fail, the page shows without them.
 */
async function whereToWatch(
  ctx: ServiceContext,
  movie: TmdbMovieDetails,
  region: string,
): Promise<{ value: (TitleAvailability & { region: string }) | null; stale: boolean }> {
  const tmdb = new TmdbDiscovery(ctx.env, ctx.background, ctx.logger);
  try {
    const found = await tmdb.watchProviders(movie.id, "movie", region);
    if (!found) return { value: null, stale: false };
    const offers = linkOffers(groupOffers(tmdb, found.value), {
      tmdbId: movie.id,
      mediaType: "movie",
      title: movie.title,
      region,
    });
    return { value: { region, ...offers }, stale: found.stale };
  } catch (error) {
    if (!isUpstreamFailure(error)) throw error;
    ctx.logger.warn("Watch providers unavailable for the Discover page", { tmdbId: movie.id, error: String(error) });
    return { value: null, stale: false };
  }
}
