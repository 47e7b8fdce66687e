import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { MovieRepository, type NewMovieRow } from "../db/repositories/movies";
import { qualityProfileRepository } from "../db/repositories/qualityProfiles";
import { rootFolderRepository } from "../db/repositories/rootFolders";
import { tagRepository } from "../db/repositories/tags";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import type { MinimumAvailability } from "../domain/library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../domain/library/titles";
import { containingRoot, isPathInside } from "../domain/validation/paths";
import { TmdbClient } from "../integrations/tmdb/client";
import { type MovieInfo, movieInfoFromDetails, movieInfoFromSummary } from "../integrations/tmdb/mapping";
import { applyAutoTags } from "./autoTagging";
import type { ServiceContext } from "./context";
import { movieFolderNamer } from "./naming";
import { notifyQuietly, webhookMovie } from "./notifications";
import { readSettings } from "./settings";

export interface AddMovieInput {
  tmdbId: number;
  qualityProfileId: number;
  rootFolderPath?: string;
  path?: string;
  monitored: boolean;
  minimumAvailability: MinimumAvailability;
  tags: number[];
  addOptions?: Record<string, unknown>;
}

const TMDB_ID_TERM = /^tmdb:\s*(\d+)$/i;
const IMDB_ID_TERM = /^(?:imdb:\s*)?(tt\d{5,10})$/i;

/** A folder inside a root folder, with the root's own separator (`D:\Movies` takes `\`). */
function joinPath(root: string, folder: string): string {
  const separator = root.startsWith("/") ? "/" : "\\";
  return `${root.replace(/[\\/]+$/, "")}${separator}${folder}`;
}

/** Library operations that combine the database with TMDb: lookup, add, refresh. */
export class MovieLibrary {
  readonly movies: MovieRepository;
  private readonly tmdb: TmdbClient;

  private readonly env: Env;
  private readonly db: Database;
  private readonly ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    const { env, db, logger, work } = ctx;
    this.ctx = ctx;
    this.env = env;
    this.db = db;
    this.movies = new MovieRepository(db);
    this.tmdb = new TmdbClient(env, logger, work);
  }

  /** True once any read served an expired cached copy because TMDb failed. */
  servedStale = false;

  async details(tmdbId: number): Promise<MovieInfo | null> {
    const details = await this.tmdb.movieDetails(tmdbId);
    if (details?.stale) this.servedStale = true;
    if (!details) return null;
    return movieInfoFromDetails(details.value, this.env.TMDB_IMAGE_URL, clock.now(), await this.certificationCountry());
  }

  private country: Promise<string> | undefined;

  /** Whose certification a movie shows (/config/metadata), read once per library. */
  private certificationCountry(): Promise<string> {
    this.country ??= readSettings(this.db, "metadata").then((m) => m.certificationCountry);
    return this.country;
  }

  /** Radarr's lookup: `tmdb:603`, an IMDb id, or free text (with an optional trailing year). */
  async lookup(term: string): Promise<MovieInfo[]> {
    const trimmed = term.trim();
    const tmdbId = trimmed.match(TMDB_ID_TERM)?.[1];
    if (tmdbId) {
      const info = await this.details(Number(tmdbId));
      return info ? [info] : [];
    }
    const imdbId = trimmed.match(IMDB_ID_TERM)?.[1];
    if (imdbId) {
      const info = await this.lookupImdb(imdbId.toLowerCase());
      return info ? [info] : [];
    }
    const withYear = trimmed.match(/^(.*\S)\s+\(?((?:19|20)\d{2})\)?$/);
    const search = withYear
      ? await this.tmdb.searchMovies(withYear[1], { year: Number(withYear[2]) })
      : await this.tmdb.searchMovies(trimmed);
    return search.results.map((r) => movieInfoFromSummary(r, this.env.TMDB_IMAGE_URL));
  }

  async lookupImdb(imdbId: string): Promise<MovieInfo | null> {
    const [found] = await this.tmdb.findByImdbId(imdbId);
    return found ? this.details(found.id) : null;
  }

  async assertReferences(input: { qualityProfileId?: number; rootFolderPath?: string; tags?: number[] }) {
    if (input.qualityProfileId !== undefined) {
      const profile = await qualityProfileRepository(this.db).get(input.qualityProfileId);
      if (!profile)
        throw invalidInput("body.qualityProfileId", `Quality profile ${input.qualityProfileId} does not exist`);
    }
    if (input.rootFolderPath !== undefined) {
      const root = await rootFolderRepository(this.db).byPath(input.rootFolderPath);
      if (!root)
        throw invalidInput(
          "body.rootFolderPath",
          `Root folder '${input.rootFolderPath}' is not configured; add it under Settings first`,
        );
    }
    if (input.tags?.length) {
      const wanted = [...new Set(input.tags)];
      const found = await tagRepository(this.db).existingIds(wanted);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length) throw invalidInput("body.tags", `Tag ${missing.join(", ")} does not exist`);
    }
  }

  /**
   * The root folder a movie folder belongs to: `rootFolderPath` when given (the folder must lie
   * inside it), else the deepest configured root folder holding it. A folder outside every root
   * folder is refused, so a movie can never point the app (or a client) anywhere else.
   */
  async rootFolderFor(path: string, rootFolderPath?: string): Promise<string> {
    const roots = (await rootFolderRepository(this.db).list()).map((r) => r.path);
    const root = rootFolderPath ?? containingRoot(roots, path);
    if (root === undefined) {
      const configured = roots.length ? roots.join(", ") : "none yet; add one under Settings";
      throw invalidInput("body.path", `'${path}' is not inside a configured root folder (${configured})`);
    }
    if (!isPathInside(root, path)) throw invalidInput("body.path", `'${path}' is not inside the root folder '${root}'`);
    return root;
  }

  /** Adds a movie by TMDb id with full metadata; rejects duplicates and bad references. */
  async add(input: AddMovieInput): Promise<number> {
    const existing = await this.movies.idsByTmdbIds([input.tmdbId]);
    if (existing.has(input.tmdbId)) throw invalidInput("body.tmdbId", "This movie has already been added");
    const rootFolderPath =
      input.path === undefined
        ? (input.rootFolderPath ?? "")
        : await this.rootFolderFor(input.path, input.rootFolderPath);
    await this.assertReferences({ qualityProfileId: input.qualityProfileId, rootFolderPath, tags: input.tags });
    const info = await this.details(input.tmdbId);
    if (!info) throw invalidInput("body.tmdbId", `TMDb has no movie with id ${input.tmdbId}`);
    const folderName = input.path ? undefined : (await movieFolderNamer(this.db))(info);
    const now = clock.nowIso();
    const row: NewMovieRow = {
      ...infoColumns(info),
      // Radarr's add option: "none" adds the movie unmonitored whatever `monitored` says.
      monitored: input.addOptions?.monitor === "none" ? false : input.monitored,
      minimumAvailability: input.minimumAvailability,
      qualityProfileId: input.qualityProfileId,
      rootFolderPath,
      path: input.path ?? joinPath(rootFolderPath, folderName ?? movieFolderName(info.title, info.year)),
      addOptions: input.addOptions ?? null,
      added: now,
      lastInfoSync: now,
      updatedAt: now,
    };
    const id = await this.movies.insert(row, [...new Set(input.tags)]);
    if (id === null) throw invalidInput("body.tmdbId", "This movie has already been added");
    await applyAutoTags(this.db, [id]);
    await notifyQuietly(this.ctx, "movieAdded", {
      message: `${row.title} (${row.year}) added`,
      movie: webhookMovie({ ...row, id }),
      addMethod: input.addOptions?.addMethod ?? "manual",
    });
    return id;
  }

  /** Re-reads a movie's metadata from TMDb (RefreshMovie). */
  async refresh(id: number): Promise<void> {
    const movie = await this.movies.get(id);
    if (!movie) throw resourceNotFound(`Movie ${id}`);
    const info = await this.details(movie.tmdbId);
    // TMDb no longer knows it: still checked now, so the refresh cycle (stalest first) moves on.
    if (!info) return this.movies.refreshMetadata(id, { lastInfoSync: clock.nowIso(), genres: movie.genres });
    await this.movies.refreshMetadata(id, { ...infoColumns(info), lastInfoSync: clock.nowIso() });
    await applyAutoTags(this.db, [id]);
  }
}

/** The columns that come from TMDb metadata. */
function infoColumns(info: MovieInfo) {
  return {
    tmdbId: info.tmdbId,
    imdbId: info.imdbId,
    title: info.title,
    originalTitle: info.originalTitle,
    sortTitle: sortTitle(info.title),
    cleanTitle: cleanTitle(info.title),
    year: info.year,
    status: info.status,
    runtime: info.runtime,
    inCinemas: info.inCinemas,
    physicalRelease: info.physicalRelease,
    digitalRelease: info.digitalRelease,
    rating: info.rating,
    popularity: info.popularity,
    genres: info.genres,
    metadata: info.metadata,
  };
}
