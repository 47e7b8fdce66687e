import { MovieRepository } from "../db/repositories/movies";
import { resourceNotFound } from "../domain/failures/failure";
import { type MovieRanking, TmdbDiscoverRows, type TmdbTrendingAll } from "../integrations/tmdb/discoverRows";
import { isRegionCode } from "../integrations/tmdb/discoverySchemas";
import { DISCOVER_STUDIOS } from "../integrations/tmdb/studios";
import type { ServiceContext } from "./context";
import { libraryIdsByTmdbId } from "./libraryIdsCache";

/** The Discover page's fixed rows; genre and studio rows are named by their id. */
export const DISCOVER_ROWS = ["trending", "popular", "topRated", "upcoming"] as const;
export type DiscoverRow = (typeof DISCOVER_ROWS)[number];

const ROW_NAMES: Record<DiscoverRow, string> = {
  trending: "Trending",
  popular: "Popular",
  topRated: "Top rated",
  upcoming: "Upcoming",
};
const RANKINGS: Record<Exclude<DiscoverRow, "trending">, MovieRanking> = {
  popular: "popular",
  topRated: "top_rated",
  upcoming: "upcoming",
};

/** Library movies the recommendations start from: each costs one TMDb call a day at most. */
const RECOMMENDATION_SEEDS = 3;
const RECOMMENDED_SIZE = 40;

/** A title as a Discover row lists it, before the library is asked about it. */
interface DiscoverTitle {
  tmdbId: number;
  mediaType: "movie" | "tv";
  title: string;
  year: number | null;
  releaseDate: string | null;
  overview: string;
  posterUrl: string | null;
  backdropUrl: string | null;
  voteAverage: number;
  voteCount: number;
  popularity: number;
  genreIds: number[];
}

type TmdbListed = TmdbTrendingAll["results"][number];

export const yearOf = (date: string | null | undefined) =>
  date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;

/** The region rankings are read for (upcoming depends on it): DEFAULT_REGION, else US. */
function discoverRegion(ctx: ServiceContext): string {
  const fallback = (ctx.env.DEFAULT_REGION ?? "").toUpperCase();
  return isRegionCode(fallback) ? fallback : "US";
}

/**
 * Discover's rows (trending, the rankings, by genre, by studio, recommended from the library):
 * TMDb's lists, cached per row and page, each title marked with whether it is in the library
 * (one D1 query per page) and TV titles kept but marked movies-only.
 */
export class DiscoverService {
  private readonly tmdb: TmdbDiscoverRows;

  constructor(private readonly ctx: ServiceContext) {
    this.tmdb = new TmdbDiscoverRows(ctx.env, ctx.background, ctx.logger);
  }

  async row(row: DiscoverRow, page: number) {
    if (row === "trending") {
      const found = await this.tmdb.trendingAll("week", page);
      return this.page(row, ROW_NAMES[row], found.value, found.stale, found.value.results);
    }
    const found = await this.tmdb.ranking(RANKINGS[row], page, discoverRegion(this.ctx));
    const titles = found.value.results.map((movie) => ({ ...movie, media_type: "movie" as const }));
    return this.page(row, ROW_NAMES[row], found.value, found.stale, titles);
  }

  async genres() {
    return (await this.tmdb.genres()).value;
  }

  studios() {
    return DISCOVER_STUDIOS;
  }

  /** Movies of one TMDb genre; a genre TMDb does not list is not found. */
  async genre(genreId: number, page: number) {
    const genre = (await this.tmdb.genres()).value.find((g) => g.id === genreId);
    if (!genre) throw resourceNotFound(`Genre ${genreId}`);
    const found = await this.tmdb.discover({ genreId }, page);
    const titles = found.value.results.map((movie) => ({ ...movie, media_type: "movie" as const }));
    return this.page("genre", genre.name, found.value, found.stale, titles);
  }

  /** Movies a production company (a TMDb company id) made, most popular first. */
  async studio(companyId: number, page: number) {
    const found = await this.tmdb.discover({ companyId }, page);
    const titles = found.value.results.map((movie) => ({ ...movie, media_type: "movie" as const }));
    const name = DISCOVER_STUDIOS.find((s) => s.id === companyId)?.name ?? `Company ${companyId}`;
    return this.page("studio", name, found.value, found.stale, titles);
  }

  /**
   * "Because it's in your library": TMDb's recommendations for the latest added library movies
   * (at most RECOMMENDATION_SEEDS calls, each cached a day), merged, without what the library
   * already holds, the titles more seeds recommend first.
   */
  async recommended() {
    const library = await libraryIdsByTmdbId(this.ctx.db);
    const seedIds = [...library.values()].sort((a, b) => b - a).slice(0, RECOMMENDATION_SEEDS);
    const seeds = (await new MovieRepository(this.ctx.db).byIds(seedIds))
      .sort((a, b) => b.id - a.id)
      .map((movie) => ({ movieId: movie.id, tmdbId: movie.tmdbId, title: movie.title }));
    const answers = await Promise.allSettled(seeds.map((seed) => this.tmdb.recommendations(seed.tmdbId)));
    const failed = answers.find((answer) => answer.status === "rejected");
    if (failed && answers.every((answer) => answer.status === "rejected")) throw failed.reason;
    const merged = new Map<number, { item: DiscoverTitle; by: number[] }>();
    answers.forEach((answer, i) => {
      if (answer.status !== "fulfilled") return;
      for (const movie of answer.value.value.results) {
        const item = library.has(movie.id) ? undefined : this.item({ ...movie, media_type: "movie" });
        if (!item) continue;
        const entry = merged.get(movie.id) ?? { item, by: [] };
        entry.by.push(seeds[i].tmdbId);
        merged.set(movie.id, entry);
      }
    });
    const results = [...merged.values()]
      .sort(
        (a, b) => b.by.length - a.by.length || b.item.popularity - a.item.popularity || a.item.tmdbId - b.item.tmdbId,
      )
      .slice(0, RECOMMENDED_SIZE)
      .map(({ item, by }) => ({ ...item, inLibrary: false, movieId: null, moviesOnly: false, recommendedBy: by }));
    return { seeds, results };
  }

  private async page(
    row: string,
    name: string,
    paging: { page: number; total_pages: number; total_results: number },
    stale: boolean,
    listed: TmdbListed[],
  ) {
    const titles = listed.map((title) => this.item(title)).filter((t): t is DiscoverTitle => t !== undefined);
    const results = await markLibrary(this.ctx, titles);
    return {
      body: {
        row,
        name,
        page: paging.page,
        totalPages: paging.total_pages,
        totalResults: paging.total_results,
        results,
      },
      stale,
    };
  }

  /** A listed title in Discover's shape; people (trending lists them too) are left out. */
  private item(title: TmdbListed): DiscoverTitle | undefined {
    if (title.media_type !== "movie" && title.media_type !== "tv") return undefined;
    const listed = title as Extract<TmdbListed, { media_type: "movie" | "tv" }>;
    const date =
      "release_date" in listed ? listed.release_date : "first_air_date" in listed ? listed.first_air_date : null;
    return {
      tmdbId: listed.id,
      mediaType: listed.media_type,
      title: "title" in listed ? listed.title : listed.name,
      year: yearOf(date),
      releaseDate: date || null,
      overview: listed.overview ?? "",
      posterUrl: this.imageUrl(listed.poster_path, "w342"),
      backdropUrl: this.imageUrl(listed.backdrop_path, "w780"),
      voteAverage: listed.vote_average ?? 0,
      voteCount: Math.round(listed.vote_count ?? 0),
      popularity: listed.popularity ?? 0,
      genreIds: listed.genre_ids ?? [],
    };
  }

  private imageUrl(path: string | null | undefined, size: string): string | null {
    return path ? `${this.ctx.env.TMDB_IMAGE_URL.replace(/\/$/, "")}/t/p/${size}${path}` : null;
  }
}

/** Each title with its library movie, in one D1 query for the page's movies (TV ids are another namespace). */
async function markLibrary(ctx: ServiceContext, titles: DiscoverTitle[]) {
  const movieIds = titles.filter((t) => t.mediaType === "movie").map((t) => t.tmdbId);
  const held = movieIds.length ? await new MovieRepository(ctx.db).idsByTmdbIds(movieIds) : new Map<number, number>();
  return titles.map((title) => {
    const movieId = title.mediaType === "movie" ? (held.get(title.tmdbId) ?? null) : null;
    return { ...title, inLibrary: movieId !== null, movieId, moviesOnly: title.mediaType === "tv" };
  });
}
