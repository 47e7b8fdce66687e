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

/** Years apart, for ranking: a film of the same decade reads as more alike. */
const yearOf = (movie: Movie) => Number(movie.releaseDate.slice(0, 4)) || 0;

/**
 * "Similar": released movies sharing the first genre, ranked by how many genres they share, then
 * by closeness in year, then by popularity, the way TMDb's keyword-and-genre match reads.
 */
export function similarFor(movie: Movie, count = 20): Movie[] {
  const genreId = movie.genreIds[0];
  if (genreId === undefined) return [];
  const genres = new Set(movie.genreIds);
  const shared = (candidate: Movie) => candidate.genreIds.filter((id) => genres.has(id)).length;
  const year = yearOf(movie);
  return (releasedByGenre().get(genreId) ?? [])
    .filter((candidate) => candidate.id !== movie.id)
    .map((candidate) => ({ candidate, shared: shared(candidate), apart: Math.abs(yearOf(candidate) - year) }))
    .sort((a, b) => b.shared - a.shared || a.apart - b.apart || b.candidate.popularity - a.candidate.popularity)
    .slice(0, count)
    .map((ranked) => ranked.candidate);
}
