import type { Database } from "../db/client";
import type { MovieRow } from "../db/repositories/movies";
import { buildName, type NamingSubject } from "../domain/naming";
import { readSettings } from "./settings";

export type MovieFolderNamer = (movie: NamingSubject["movie"]) => string;

/** Names new movie folders by the saved `movieFolderFormat` (config/naming), read once per caller. */
export async function movieFolderNamer(db: Database): Promise<MovieFolderNamer> {
  const naming = await readSettings(db, "naming");
  // A format whose tokens are all empty for a movie still needs a folder: the title is one.
  return (movie) =>
    buildName(naming.movieFolderFormat, { movie }, naming) || buildName("{Movie Title}", { movie }, naming);
}

/** A library movie's naming tokens (title, years, ids, collection) for buildName. */
export function namingMovie(movie: MovieRow): NamingSubject["movie"] {
  return {
    title: movie.title,
    originalTitle: movie.originalTitle,
    year: movie.year,
    tmdbId: movie.tmdbId,
    imdbId: movie.imdbId,
    collection: movie.metadata.collection?.title,
  };
}
