import * as clock from "../clock";
import type { Database } from "../db/client";
import type { MovieRepository } from "../db/repositories/movies";
import { moviesJson } from "./movieResource";

// isAvailable depends on the clock, so even an unchanged library is rebuilt now and then.
const MAX_AGE_MS = 60_000;

let cached: { version: number; builtAt: number; json: string } | undefined;

/**
 * The whole library as JSON, kept in this isolate's memory while the library version (bumped by
 * triggers on every movie, movie tag or movie file write) is unchanged: big libraries are read far more often than
 * written, and rebuilding 20k resources costs most of a second.
 */
export async function wholeLibraryJson(db: Database, movies: MovieRepository): Promise<string> {
  const version = await movies.libraryVersion();
  const now = clock.now();
  if (cached && cached.version === version && now - cached.builtAt < MAX_AGE_MS) return cached.json;
  const json = await moviesJson(db, await movies.allRaw(), now, true);
  cached = { version, builtAt: now, json };
  return json;
}
