import * as clock from "../clock";
import type { Database } from "../db/client";
import { type CollectionPatch, type CollectionRow, collectionRepository } from "../db/repositories/collections";
import { exclusionRepository } from "../db/repositories/exclusions";
import { MovieRepository } from "../db/repositories/movies";
import { Failure, invalidInput, resourceNotFound } from "../domain/failures/failure";
import { type CollectionPart, missingParts, tmdbImages } from "../domain/library/collections";
import { deriveMovieStatus, type MinimumAvailability } from "../domain/library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../domain/library/titles";
import { tmdbCollection } from "../integrations/tmdb/collections";
import { TMDB_MOVIE_GENRES } from "../integrations/tmdb/genres";
import type { ServiceContext } from "./context";
import { importMovies } from "./movieImport";
import { MovieLibrary } from "./movies";

/** How many collections one read fetches from TMDb at most (the rest on later reads). */
const FETCHES_PER_READ = 20;
/** Radarr's ShouldRefresh: a scheduled RefreshCollections re-reads a collection not read for 15 days. */
const REREAD_AFTER_MS = 15 * 24 * 60 * 60 * 1000;

/** Radarr adds a monitored collection's movies once they are in cinemas or released. */
const isOut = (part: CollectionPart) => {
  const inCinemas = part.releaseDate ? `${part.releaseDate.slice(0, 10)}T00:00:00Z` : null;
  const dates = { inCinemas, digitalRelease: null, physicalRelease: null };
  return ["inCinemas", "released"].includes(deriveMovieStatus(undefined, dates, clock.now()));
};

export interface CollectionChoices {
  monitored?: boolean;
  qualityProfileId?: number;
  rootFolderPath?: string;
  minimumAvailability?: MinimumAvailability;
  searchOnAdd?: boolean;
  tags?: number[];
}

function partResource(part: CollectionPart, inLibrary: Set<number>, excluded: Set<number>, imageBase: string) {
  const year = part.releaseDate ? Number(part.releaseDate.slice(0, 4)) || 0 : 0;
  const inCinemas = part.releaseDate ? `${part.releaseDate.slice(0, 10)}T00:00:00Z` : null;
  return {
    tmdbId: part.tmdbId,
    title: part.title,
    cleanTitle: cleanTitle(part.title),
    sortTitle: sortTitle(part.title),
    status: deriveMovieStatus(undefined, { inCinemas, digitalRelease: null, physicalRelease: null }, clock.now()),
    overview: part.overview,
    runtime: 0,
    images: tmdbImages(imageBase, part.posterPath, part.backdropPath),
    year,
    ratings: { tmdb: { votes: part.voteCount, value: part.voteAverage, type: "user" } },
    genres: part.genreIds.map((id) => TMDB_MOVIE_GENRES[id]).filter(Boolean),
    folder: movieFolderName(part.title, year),
    isExisting: inLibrary.has(part.tmdbId),
    isExcluded: excluded.has(part.tmdbId),
  };
}

/** TMDb collections of library movies (Radarr's /collection), monitored ones adding their missing movies. */
export class Collections {
  private readonly repo;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = collectionRepository(ctx.db);
  }

  /** Reads a collection's parts, title, overview and pictures from TMDb (through its cache unless `fresh`). */
  private async fetchParts(row: CollectionRow, fresh = false): Promise<CollectionRow> {
    const found = await tmdbCollection(this.ctx.env, row.tmdbId, this.ctx.logger, this.ctx.work, fresh);
    if (!found && fresh) throw new Failure("notFound", `Collection '${row.title}' (TMDb ${row.tmdbId}) is not on TMDb`);
    if (!found) return row;
    const patch: CollectionPatch = {
      title: found.name ?? row.title,
      sortTitle: sortTitle(found.name ?? row.title),
      overview: found.overview ?? "",
      images: tmdbImages(this.ctx.env.TMDB_IMAGE_URL, found.poster_path, found.backdrop_path),
      parts: found.parts.map((p) => ({
        tmdbId: p.id,
        title: p.title,
        originalTitle: p.original_title ?? p.title,
        overview: p.overview ?? "",
        releaseDate: p.release_date || null,
        posterPath: p.poster_path ?? null,
        backdropPath: p.backdrop_path ?? null,
        popularity: p.popularity ?? 0,
        voteAverage: p.vote_average ?? 0,
        voteCount: p.vote_count ?? 0,
        genreIds: p.genre_ids ?? [],
      })),
      lastInfoSync: clock.nowIso(),
    };
    await this.repo.update([row.id], patch);
    return { ...row, ...patch };
  }

  /** The rows with their parts, fetching those never read (a bounded number per call). */
  private async withParts(rows: CollectionRow[]): Promise<CollectionRow[]> {
    const unread = rows.filter((r) => r.parts === null).slice(0, FETCHES_PER_READ);
    const fetched = new Map<number, CollectionRow>();
    for (let i = 0; i < unread.length; i += 4) {
      const batch = await Promise.all(unread.slice(i, i + 4).map((r) => this.fetchParts(r)));
      for (const row of batch) fetched.set(row.id, row);
    }
    return rows.map((r) => fetched.get(r.id) ?? r);
  }

  private async resources(rows: CollectionRow[]) {
    const tmdbIds = [...new Set(rows.flatMap((r) => (r.parts ?? []).map((p) => p.tmdbId)))];
    const [inLibrary, excluded] = await Promise.all([
      new MovieRepository(this.ctx.db).idsByTmdbIds(tmdbIds),
      exclusionRepository(this.ctx.db).excludedTmdbIds(tmdbIds),
    ]);
    const library = new Set(inLibrary.keys());
    const imageBase = this.ctx.env.TMDB_IMAGE_URL;
    return rows.map((row) => {
      const parts = row.parts ?? [];
      return {
        id: row.id,
        title: row.title,
        sortTitle: row.sortTitle,
        tmdbId: row.tmdbId,
        images: row.images,
        overview: row.overview,
        monitored: row.monitored,
        rootFolderPath: row.rootFolderPath,
        qualityProfileId: row.qualityProfileId,
        searchOnAdd: row.searchOnAdd,
        minimumAvailability: row.minimumAvailability as MinimumAvailability,
        movies: parts.map((p) => partResource(p, library, excluded, imageBase)),
        missingMovies: missingParts(parts, library, excluded).length,
        tags: row.tags,
      };
    });
  }

  async list(tmdbId?: number) {
    await this.repo.syncWithLibrary();
    return this.resources(await this.withParts(await this.repo.list(tmdbId)));
  }

  async get(id: number) {
    const row = await this.repo.get(id);
    if (!row) throw resourceNotFound(`Collection ${id}`);
    return (await this.resources(await this.withParts([row])))[0];
  }

  /**
   * Changes collections' choices; `monitorMovies` sets the library movies of them monitored or not
   * (Radarr's collection editor). A collection monitored after the change adds its missing movies.
   * Returns the movies added, for their searches.
   */
  async update(ids: number[], choices: CollectionChoices, monitorMovies?: boolean) {
    const rows = await this.repo.byIds([...new Set(ids)]);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw resourceNotFound(`Collection ${missing.slice(0, 10).join(", ")}`);
    await new MovieLibrary(this.ctx).assertReferences(choices);
    const patch = Object.fromEntries(Object.entries(choices).filter(([, v]) => v !== undefined)) as CollectionPatch;
    await this.repo.update(ids, patch);
    const updated = await this.withParts(await this.repo.byIds(ids));
    if (monitorMovies !== undefined) await this.monitorLibraryMovies(updated, monitorMovies);
    const added: { id: number; searchForMovie: boolean }[] = [];
    for (const row of updated.filter((r) => r.monitored)) added.push(...(await this.addMissing(row)));
    return { collections: await this.resources(updated), added };
  }

  private async monitorLibraryMovies(rows: CollectionRow[], monitored: boolean) {
    const movies = new MovieRepository(this.ctx.db);
    const ids = await movies.idsByTmdbIds(rows.flatMap((r) => (r.parts ?? []).map((p) => p.tmdbId)));
    await movies.update([...ids.values()], { monitored });
  }

  /** Adds the collection's movies missing from the library (not excluded, out) with its choices (Radarr's SyncCollectionMovies). */
  async addMissing(row: CollectionRow) {
    const parts = row.parts ?? [];
    const tmdbIds = parts.map((p) => p.tmdbId);
    const [inLibrary, excluded] = await Promise.all([
      new MovieRepository(this.ctx.db).idsByTmdbIds(tmdbIds),
      exclusionRepository(this.ctx.db).excludedTmdbIds(tmdbIds),
    ]);
    const missing = missingParts(parts, new Set(inLibrary.keys()), excluded).filter(isOut);
    if (missing.length === 0) return [];
    const result = await importMovies(
      this.ctx,
      missing.map((p) => ({
        tmdbId: p.tmdbId,
        qualityProfileId: row.qualityProfileId,
        rootFolderPath: row.rootFolderPath,
        monitored: true,
        minimumAvailability: row.minimumAvailability as MinimumAvailability,
        tags: row.tags,
        addOptions: { searchForMovie: row.searchOnAdd, addMethod: "collection", monitor: "movieOnly" },
      })),
      { skipInvalid: true },
    );
    this.ctx.logger.info("collection movies added", { collection: row.tmdbId, added: result.added.length });
    return result.added;
  }

  /** The collections a RefreshCollections walks: the given ones (each must exist), else every one, by title. */
  async idsToRefresh(ids?: number[]): Promise<number[]> {
    if (ids?.length) {
      const unique = [...new Set(ids)];
      const found = new Set((await this.repo.byIds(unique)).map((r) => r.id));
      const missing = unique.filter((id) => !found.has(id));
      if (missing.length) throw resourceNotFound(`Collection ${missing.slice(0, 10).join(", ")}`);
      return unique;
    }
    await this.repo.syncWithLibrary();
    return (await this.repo.list()).map((r) => r.id);
  }

  /**
   * One collection of a RefreshCollections run (Radarr's RefreshCollectionService): its title,
   * overview, pictures and movies read again from TMDb when `reread` (asked for by hand or by id)
   * or not read for 15 days; then, monitored, its missing movies added. Null when it is gone.
   */
  async refresh(id: number, reread: boolean) {
    let row = await this.repo.get(id);
    if (!row) return null;
    const last = row.lastInfoSync ? Date.parse(row.lastInfoSync) : Number.NaN;
    const stale = Number.isNaN(last) || last < clock.now() - REREAD_AFTER_MS;
    const reading = reread || stale || row.parts === null;
    if (reading) row = await this.fetchParts(row, true);
    const added = row.monitored ? await this.addMissing(row) : [];
    return { title: row.title, reread: reading, added };
  }

  /**
   * addOptions.monitor "movieAndCollection" (Radarr's RefreshMovieService and MovieScannedHandler):
   * each added movie's collection is monitored; one new to the library takes the movie's choices,
   * its tags and searchOnAdd from its searchForMovie. Returns the collections that became
   * monitored, for a RefreshCollections to read them and add their movies.
   */
  async monitorForAdded(movieIds: number[]): Promise<number[]> {
    const movies = new MovieRepository(this.ctx.db);
    const changed = new Set<number>();
    for (const movieId of movieIds) {
      const movie = await movies.get(movieId);
      const tmdbId = movie?.metadata.collection?.tmdbId;
      if (!movie || !tmdbId || movie.addOptions?.monitor !== "movieAndCollection") continue;
      let [row] = await this.repo.list(tmdbId);
      const created = !row;
      if (!row) {
        await this.repo.syncWithLibrary();
        [row] = await this.repo.list(tmdbId);
        if (!row) continue;
      }
      if (row.monitored && !created) continue;
      const searchOnAdd = Boolean(movie.addOptions?.searchForMovie);
      await this.repo.update(
        [row.id],
        created ? { monitored: true, searchOnAdd, tags: movie.tags } : { monitored: true },
      );
      changed.add(row.id);
    }
    return [...changed];
  }
}

/** A command body's collectionIds (RefreshCollections) must name stored collections: 400 naming the field otherwise. */
export async function assertCollectionsExist(db: Database, body: unknown): Promise<void> {
  const ids = (body as { collectionIds?: unknown }).collectionIds;
  if (!Array.isArray(ids) || ids.length === 0) return;
  const wanted = [...new Set(ids as number[])];
  const found = new Set((await collectionRepository(db).byIds(wanted)).map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length)
    throw invalidInput("body.collectionIds", `Collection ${missing.slice(0, 20).join(", ")} does not exist`);
}
