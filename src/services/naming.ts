import type { Database } from "../db/client";
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
