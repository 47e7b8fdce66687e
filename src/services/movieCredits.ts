import * as clock from "../clock";
import {
  type AlternativeTitleRow,
  type CreditRow,
  movieExtrasRepository,
  type NewCredit,
} from "../db/repositories/movieExtras";
import { MovieRepository } from "../db/repositories/movies";
import { resourceNotFound } from "../domain/failures/failure";
import { cleanTitle } from "../domain/library/titles";
import { TmdbClient } from "../integrations/tmdb/client";
import type { TmdbMovieDetails } from "../integrations/tmdb/schemas";
import type { ServiceContext } from "./context";

/** Radarr's AlternativeTitleResource (movieMetadataId: the app keeps a movie's metadata on the movie). */
function alternativeTitleResource(row: AlternativeTitleRow) {
  return {
    id: row.id,
    sourceType: row.sourceType as "tmdb" | "mappings" | "user" | "indexer",
    movieMetadataId: row.movieId,
    title: row.title,
    cleanTitle: cleanTitle(row.title),
  };
}

/** Radarr's CreditResource, the headshot on TMDb's image CDN. */
function creditResource(row: CreditRow, imageBase: string) {
  const base = imageBase.replace(/\/$/, "");
  return {
    id: row.id,
    personName: row.personName,
    creditTmdbId: row.creditTmdbId,
    personTmdbId: row.personTmdbId,
    movieMetadataId: row.movieId,
    images: row.profilePath
      ? [
          {
            coverType: "headshot",
            url: `${base}/t/p/w185${row.profilePath}`,
            remoteUrl: `${base}/t/p/original${row.profilePath}`,
          },
        ]
      : [],
    department: row.department,
    job: row.job,
    character: row.character,
    order: row.order,
    type: row.type as "cast" | "crew",
  };
}

/**
 * TMDb's cast and crew of a movie as credits. A credit is keyed by TMDb's credit_id; a cached
 * details copy from before it was kept has none, and then the person and role make the key.
 */
function creditsFromDetails(details: TmdbMovieDetails): NewCredit[] {
  const cast = (details.credits?.cast ?? []).map((c, i) => ({
    creditTmdbId: c.credit_id ?? `cast-${c.id}-${c.character ?? ""}`,
    personTmdbId: c.id,
    personName: c.name,
    type: "cast",
    department: null,
    job: null,
    character: c.character ?? null,
    order: c.order ?? i,
    profilePath: c.profile_path ?? null,
  }));
  const crew = (details.credits?.crew ?? []).map((c, i) => ({
    creditTmdbId: c.credit_id ?? `crew-${c.id}-${c.job ?? ""}`,
    personTmdbId: c.id,
    personName: c.name,
    type: "crew",
    department: c.department ?? null,
    job: c.job ?? null,
    character: null,
    order: i,
    profilePath: c.profile_path ?? null,
  }));
  // One row per key: TMDb lists a person twice for two jobs, each with its own credit_id.
  return [...new Map([...cast, ...crew].map((c) => [c.creditTmdbId, c])).values()];
}

/** A library movie's alternative titles and credits (Radarr's /alttitle and /credit). */
export class MovieExtras {
  private readonly repo;
  private readonly movies;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = movieExtrasRepository(ctx.db);
    this.movies = new MovieRepository(ctx.db);
  }

  private async movieRow(movieId: number) {
    const movie = await this.movies.row(movieId);
    if (!movie) throw resourceNotFound(`Movie ${movieId}`);
    return movie;
  }

  /** The titles of one movie, or of the whole library. */
  async titles(movieId?: number) {
    if (movieId !== undefined) await this.movieRow(movieId);
    await this.repo.syncTitles(movieId ?? null);
    return (await this.repo.titles(movieId)).map(alternativeTitleResource);
  }

  async title(id: number) {
    const row = await this.repo.title(id);
    if (!row) throw resourceNotFound(`Alternative title ${id}`);
    return alternativeTitleResource(row);
  }

  /**
   * The credits of one movie, read from TMDb (through the details cache) the first time and again
   * after the movie's metadata was refreshed; without a movie, every credit read so far.
   */
  async credits(movieId?: number) {
    if (movieId !== undefined) {
      const movie = await this.movieRow(movieId);
      const syncedAt = await this.repo.creditsSyncedAt(movieId);
      if (!syncedAt || (movie.lastInfoSync !== null && syncedAt < movie.lastInfoSync)) {
        const details = await new TmdbClient(this.ctx.env, this.ctx.logger, this.ctx.work).movieDetails(movie.tmdbId);
        if (details) await this.repo.replaceCredits(movieId, creditsFromDetails(details.value), clock.nowIso());
      }
    }
    return (await this.repo.credits(movieId)).map((row) => creditResource(row, this.ctx.env.TMDB_IMAGE_URL));
  }

  async credit(id: number) {
    const row = await this.repo.credit(id);
    if (!row) throw resourceNotFound(`Credit ${id}`);
    return creditResource(row, this.ctx.env.TMDB_IMAGE_URL);
  }
}
