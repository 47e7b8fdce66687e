import type { Context, Hono } from "hono";
import type { Movie } from "../data/catalogue";
import { movieById } from "../data/catalogue";
import {
  movieIsReleased,
  type OfferType,
  providersIn,
  type RegionOffers,
  titleOffers,
  type WatchProvider,
} from "../data/discovery-providers";
import {
  onTheAir,
  type TrendingWindow,
  type TvShow,
  trendingMovies,
  trendingTv,
  tvShowById,
} from "../data/discovery-trending";
import type { TmdbShapes } from "./tmdb-lists";

/**
 * TMDb's discovery routes: trending movies and TV by day or week, TV on the air, and JustWatch's
 * watch providers (per title and region, and the provider catalogue), with TMDb's field names and
 * paging. `/3/movie/upcoming` is one of the movie rankings tmdb-lists.ts serves. tmdb.ts mounts
 * these beside the list routes, so calls are counted and faults applied like every TMDb route.
 */

const RESULTS_PER_PAGE = 20;
const MAX_PAGE = 500;
const INVALID_PAGE = 22;
const OFFER_ORDER: readonly OfferType[] = ["flatrate", "free", "ads", "rent", "buy"];

function pageOf<T>(items: readonly T[], page: number) {
  return {
    page,
    slice: items.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE),
    total_pages: Math.min(MAX_PAGE, Math.max(1, Math.ceil(items.length / RESULTS_PER_PAGE))),
    total_results: items.length,
  };
}

/** A series as lists show it; trending results also say `media_type: "tv"`, other lists do not. */
function tvItem(show: TvShow) {
  return {
    adult: false,
    backdrop_path: show.hasPoster ? `/tv-${show.id}-backdrop.jpg` : null,
    first_air_date: show.firstAirDate,
    genre_ids: show.genreIds,
    id: show.id,
    name: show.name,
    origin_country: [show.originCountry],
    original_language: show.originalLanguage,
    original_name: show.name,
    overview: `${show.name} is a demo TV series.`,
    popularity: show.popularity,
    poster_path: show.hasPoster ? `/tv-${show.id}-poster.jpg` : null,
    vote_average: show.voteAverage,
    vote_count: show.voteCount,
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function providerItem(provider: WatchProvider, region: string) {
  return {
    logo_path: provider.logoPath,
    provider_id: provider.id,
    provider_name: provider.name,
    display_priority: provider.regions[region] ?? 0,
  };
}

function watchProvidersBody(mediaType: "movie" | "tv", id: number, title: string, offers: Map<string, RegionOffers>) {
  const results: Record<string, Record<string, unknown>> = {};
  for (const [region, regionOffers] of offers) {
    const body: Record<string, unknown> = {
      link: `https://www.themoviedb.org/${mediaType}/${id}-${slug(title)}/watch?locale=${region}`,
    };
    for (const kind of OFFER_ORDER) {
      const providers = regionOffers[kind];
      if (providers) body[kind] = providers.map((p) => providerItem(p, region));
    }
    results[region] = body;
  }
  return { id, results };
}

type TrendingTitle = { kind: "movie"; movie: Movie } | { kind: "tv"; show: TvShow };

/** Every fourth title of `/3/trending/all` is a series: both trending lists, interleaved in rank order. */
function trendingAll(window: TrendingWindow): TrendingTitle[] {
  const movies = trendingMovies(window);
  const shows = trendingTv(window);
  const titles: TrendingTitle[] = [];
  let m = 0;
  let s = 0;
  while (m < movies.length || s < shows.length) {
    const showTurn = titles.length % 4 === 3;
    if ((showTurn && s < shows.length) || m >= movies.length) titles.push({ kind: "tv", show: shows[s++] });
    else titles.push({ kind: "movie", movie: movies[m++] });
  }
  return titles;
}

function windowParam(c: Context): TrendingWindow | undefined {
  const window = c.req.param("window");
  return window === "day" || window === "week" ? window : undefined;
}

const idParam = (c: Context) => (/^\d+$/.test(c.req.param("id") ?? "") ? Number(c.req.param("id")) : undefined);

export function mountTmdbDiscoveryRoutes(app: Hono, shapes: TmdbShapes): void {
  app.get("/3/trending/:mediaType/:window", (c) => {
    const window = windowParam(c);
    const mediaType = c.req.param("mediaType");
    if (!window || (mediaType !== "movie" && mediaType !== "tv" && mediaType !== "all")) return shapes.error(404);
    const page = shapes.pageParam(c);
    if (page === null) return shapes.error(400, INVALID_PAGE);
    if (mediaType === "all") {
      const { slice, ...paging } = pageOf(trendingAll(window), page);
      return c.json({
        ...paging,
        results: slice.map((title) =>
          title.kind === "movie" ? shapes.movieMediaItem(title.movie) : { ...tvItem(title.show), media_type: "tv" },
        ),
      });
    }
    if (mediaType === "movie") {
      const { slice, ...paging } = pageOf(trendingMovies(window), page);
      return c.json({ ...paging, results: slice.map(shapes.movieMediaItem) });
    }
    const { slice, ...paging } = pageOf(trendingTv(window), page);
    return c.json({ ...paging, results: slice.map((show) => ({ ...tvItem(show), media_type: "tv" })) });
  });

  app.get("/3/tv/on_the_air", (c) => {
    const page = shapes.pageParam(c);
    if (page === null) return shapes.error(400, INVALID_PAGE);
    const { slice, ...paging } = pageOf(onTheAir(), page);
    return c.json({ ...paging, results: slice.map(tvItem) });
  });

  app.get("/3/movie/:id/watch/providers", (c) => {
    const id = idParam(c);
    const movie: Movie | undefined = id === undefined ? undefined : movieById(id);
    if (!movie) return shapes.error(404);
    return c.json(
      watchProvidersBody("movie", movie.id, movie.title, titleOffers("movie", movie.id, movieIsReleased(movie))),
    );
  });

  app.get("/3/tv/:id/watch/providers", (c) => {
    const id = idParam(c);
    const show = id === undefined ? undefined : tvShowById(id);
    if (!show) return shapes.error(404);
    return c.json(watchProvidersBody("tv", show.id, show.name, titleOffers("tv", show.id, true)));
  });

  app.get("/3/watch/providers/:mediaType", (c) => {
    const mediaType = c.req.param("mediaType");
    if (mediaType !== "movie" && mediaType !== "tv") return shapes.error(404);
    const region = c.req.query("watch_region")?.toUpperCase() || undefined;
    return c.json({
      results: providersIn(mediaType, region).map((p) => ({
        display_priorities: p.regions,
        display_priority: region ? p.regions[region] : Math.min(...Object.values(p.regions)),
        logo_path: p.logoPath,
        provider_name: p.name,
        provider_id: p.id,
      })),
    });
  });
}
