import { allMovies, type Movie } from "./catalogue";
import { Random } from "./prng";

/** "Recommendations": released movies sharing the first genre, chosen per movie from a fixed seed. */

let byGenre: Map<number, Movie[]> | undefined;

function releasedByGenre(): Map<number, Movie[]> {
  if (!byGenre) {
    byGenre = new Map();
    for (const movie of allMovies()) {
      if (movie.status !== "Released" || movie.adult) continue;
      for (const genreId of movie.genreIds) {
        const list = byGenre.get(genreId) ?? [];
        list.push(movie);
        byGenre.set(genreId, list);
      }
    }
  }
  return byGenre;
}

export function recommendationsFor(movie: Movie, count = 20): Movie[] {
  const genreId = movie.genreIds[0];
  if (genreId === undefined) return [];
  const candidates = (releasedByGenre().get(genreId) ?? []).filter((candidate) => candidate.id !== movie.id);
  // Half from the best-known films in the genre, half from anywhere in it.
  const popular = candidates
    .slice()
    .sort((a, b) => b.popularity - a.popularity)
    .slice(0, 200);
  const random = new Random(`recommendations:${movie.id}`);
  const picked = new Map<number, Movie>();
  for (const candidate of random.sample(popular, count / 2)) picked.set(candidate.id, candidate);
  for (const candidate of random.sample(candidates, count)) {
    if (picked.size >= count) break;
    picked.set(candidate.id, candidate);
  }
  return [...picked.values()].sort((a, b) => b.popularity - a.popularity);
}
