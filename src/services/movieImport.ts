import { MovieRepository } from "../db/repositories/movies";
import { Failure, invalidInput } from "../domain/failures/failure";
import type { MovieResource } from "../domain/library/movieResource";
import type { ServiceContext } from "./context";
import { movieResourcesByIds } from "./movieResource";
import { type AddMovieInput, MovieLibrary } from "./movies";
import { movieFolderNamer, namingMovie } from "./naming";

/** How many movies are looked up on TMDb at once while an import is checked. */
const CONCURRENCY = 4;

async function eachLimited<T>(items: T[], work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** A Failure about the body's field, renamed to the item it came from (`body.2.qualityProfileId`). */
function atItem(error: unknown, index: number): unknown {
  if (!(error instanceof Failure) || error.kind !== "invalidInput") return error;
  const field = error.fields[0];
  const path = field ? field.path.replace(/^body\./, `body.${index}.`) : `body.${index}`;
  return invalidInput(path, field?.message ?? error.message);
}

export interface ImportResult {
  /** The movies asked for, in the order asked (one per TMDb id): the added and those already in the library. */
  movies: MovieResource[];
  /** Ids of the movies this import added (to search for those asking it). */
  added: { id: number; searchForMovie: boolean }[];
}

/**
 * Radarr's POST /movie/import: many movies in one call. Every movie is checked first (references,
 * path, TMDb knowing it) and a bad one refuses the whole import naming its item; a movie already
 * in the library is answered as it is there, never added twice.
 */
export async function importMovies(
  ctx: ServiceContext,
  inputs: AddMovieInput[],
  options: { skipInvalid?: boolean } = {},
): Promise<ImportResult> {
  const lib = new MovieLibrary(ctx);
  const unique = [...new Map(inputs.map((m, i) => [m.tmdbId, { input: m, index: i }])).values()];
  const existing = await lib.movies.idsByTmdbIds(unique.map((u) => u.input.tmdbId));
  const candidates = unique.filter((u) => !existing.has(u.input.tmdbId));
  const valid: typeof candidates = [];
  await eachLimited(candidates, async (candidate) => {
    try {
      await lib.assertReferences(candidate.input);
      if (!(await lib.details(candidate.input.tmdbId))) {
        throw invalidInput("body.tmdbId", `TMDb has no movie with id ${candidate.input.tmdbId}`);
      }
      valid.push(candidate);
    } catch (error) {
      // An import list's adds skip what cannot be added, as Radarr's do; an import refuses it.
      if (!options.skipInvalid || !(error instanceof Failure) || error.kind !== "invalidInput") {
        throw atItem(error, candidate.index);
      }
      ctx.logger.info("movie not imported", { tmdbId: candidate.input.tmdbId, reason: error.message });
    }
  });
  const added: ImportResult["added"] = [];
  // One at a time, in the order asked: their details are in the cache by now.
  for (const { input, index } of valid.sort((a, b) => a.index - b.index)) {
    try {
      const id = await lib.add(input);
      existing.set(input.tmdbId, id);
      added.push({ id, searchForMovie: Boolean(input.addOptions?.searchForMovie) });
    } catch (error) {
      // Added meanwhile by another caller: it is in the library, as asked.
      const raced = (await lib.movies.idsByTmdbIds([input.tmdbId])).get(input.tmdbId);
      if (raced === undefined) throw atItem(error, index);
      existing.set(input.tmdbId, raced);
    }
  }
  const resources = await movieResourcesByIds(ctx.db, [...existing.values()]);
  const movies = unique
    .map((u) => existing.get(u.input.tmdbId))
    .flatMap((id) => (id === undefined ? [] : [resources.get(id)]))
    .filter((m): m is MovieResource => m !== undefined);
  return { movies, added };
}

/** Radarr's folder suggestion for a library movie: the naming settings' movieFolderFormat. */
export async function suggestedFolder(ctx: ServiceContext, movieId: number): Promise<string | undefined> {
  const movie = await new MovieRepository(ctx.db).row(movieId);
  if (!movie) return undefined;
  const name = await movieFolderNamer(ctx.db);
  return name(namingMovie(movie));
}
