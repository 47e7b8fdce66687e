import { allMovies, type Movie } from "./catalogue";
import { COMPANY_FIRST_ID, KEYWORD_FIRST_ID } from "./details";
import { ACTORS, CREW_DEPARTMENTS, crewFor } from "./people";
import { hashString } from "./prng";
import { COMPANIES, KEYWORDS } from "./words";

/**
 * Which movies each person, keyword and company appears on, for the whole catalogue: what
 * person movie credits and discover-by-keyword/company answer from.
 *
 * details.ts decides these per movie, but building every movie's details takes seconds (it also
 * makes names, videos, release dates, …), far too long inside one request. So this index replays
 * the seeded draws details.ts's buildDetails makes, in the same order, and only looks at the few
 * that pick people, companies and keywords; the rest it skips in O(1), which mulberry32 allows
 * (its state advances by a constant per draw). The credits themselves (character, job, credit id)
 * are then read from movieDetails() for just the movies a person is on.
 * test/unit/lists-tmdb-sim.test.ts checks this index against movieDetails() for a spread of movies,
 * so a change to details.ts or prng.ts that this file does not follow fails there.
 */

/** Slots per movie in the index: the most cast members, crew jobs, companies and keywords a movie gets. */
const MAX_CAST = 10;
const MAX_CREW = CREW_DEPARTMENTS.length;
const MAX_COMPANIES = 3;
const MAX_KEYWORDS = 7;
const EMPTY = -1;

/**
 * Flat typed arrays rather than maps of lists: the build makes no garbage, and a lookup scans
 * the catalogue's ~200k slots in about a millisecond.
 */
interface MovieListFacts {
  movieIds: Int32Array;
  cast: Int32Array;
  crew: Int32Array;
  companies: Int32Array;
  keywords: Int32Array;
}

const MULBERRY32_INCREMENT = 0x6d2b79f5;
/** Draws Random.hex(24) makes for a credit id or a video id. */
const HEX_ID_DRAWS = 24;
/** Per cast member after sampling: first name, last name, cast_id, credit id. */
const CAST_MEMBER_DRAWS = 3 + HEX_ID_DRAWS;
/** Per video: id, an 11-character YouTube key, size. */
const VIDEO_DRAWS = HEX_ID_DRAWS + 11 + 1;

/** prng.ts's Random (mulberry32) from the same seed, plus skipping draws without making them. */
class ReplayedDraws {
  private state = 0;
  private readonly taken: number[] = [];

  reseed(seed: string): void {
    this.state = hashString(seed) >>> 0;
  }

  next(): number {
    this.state = (this.state + MULBERRY32_INCREMENT) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  skip(draws: number): void {
    this.state = (this.state + draws * MULBERRY32_INCREMENT) >>> 0;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * Random.sample(items, count) without copying and splicing `items`: writes the ids of the
   * items it takes into `slots` from `at`, and returns how many it took.
   */
  sampleInto(items: readonly number[], count: number, slots: Int32Array, at: number): number {
    const taken = this.taken;
    taken.length = 0;
    while (taken.length < count && taken.length < items.length) {
      let index = Math.floor(this.next() * (items.length - taken.length));
      let position = 0;
      while (position < taken.length && taken[position] <= index) {
        index++;
        position++;
      }
      taken.splice(position, 0, index);
      slots[at++] = items[index];
    }
    return taken.length;
  }
}

const ACTOR_IDS = ACTORS.map((person) => person.id);
const COMPANY_IDS = COMPANIES.map((name) => COMPANY_FIRST_ID + COMPANIES.indexOf(name));
const KEYWORD_IDS = KEYWORDS.map((name) => KEYWORD_FIRST_ID + KEYWORDS.indexOf(name));

/** One movie's draws in buildDetails order (details.ts); see the note at the top of the file. */
function replayDetails(
  movie: Movie,
  slot: number,
  draws: ReplayedDraws,
  crewPools: Map<string, number[]>,
  facts: MovieListFacts,
): void {
  draws.reseed(`details:${movie.id}`);
  if (movie.originalLanguage === "en") draws.skip(1); // origin country GB or not
  const planned = movie.status === "Planned";
  const castSize = planned ? draws.int(0, 2) : draws.int(6, 10);
  const cast = draws.sampleInto(ACTOR_IDS, castSize, facts.cast, slot * MAX_CAST);
  draws.skip(cast * CAST_MEMBER_DRAWS);
  let crew = slot * MAX_CREW;
  for (const { department } of CREW_DEPARTMENTS) {
    if (planned && department !== "Directing") continue;
    const pool = crewPools.get(department) ?? [];
    facts.crew[crew++] = pool[Math.floor(draws.next() * pool.length)];
    draws.skip(HEX_ID_DRAWS);
  }
  const hasBudget = draws.next() < 0.7;
  if (hasBudget) draws.skip(1); // the budget itself
  if (movie.releaseDate) draws.skip(1); // video publish date
  if (!planned) draws.skip((draws.next() < 0.5 ? 2 : 1) * VIDEO_DRAWS); // trailer, maybe a teaser
  if (draws.next() < 0.8) draws.skip(1); // tagline
  if (movie.status === "Released" && hasBudget) draws.skip(1); // revenue
  draws.sampleInto(COMPANY_IDS, draws.int(1, 3), facts.companies, slot * MAX_COMPANIES);
  draws.sampleInto(KEYWORD_IDS, draws.int(2, 7), facts.keywords, slot * MAX_KEYWORDS);
}

let built: MovieListFacts | undefined;

/** Built on first use (a tenth of a second or so), then kept. */
function movieListFacts(): MovieListFacts {
  if (!built) {
    const movies = allMovies();
    const count = movies.length;
    const crewPools = new Map(
      CREW_DEPARTMENTS.map(({ department }) => [department, crewFor(department).map((person) => person.id)]),
    );
    const facts: MovieListFacts = {
      movieIds: new Int32Array(count),
      cast: new Int32Array(count * MAX_CAST).fill(EMPTY),
      crew: new Int32Array(count * MAX_CREW).fill(EMPTY),
      companies: new Int32Array(count * MAX_COMPANIES).fill(EMPTY),
      keywords: new Int32Array(count * MAX_KEYWORDS).fill(EMPTY),
    };
    const draws = new ReplayedDraws();
    movies.forEach((movie, slot) => {
      facts.movieIds[slot] = movie.id;
      replayDetails(movie, slot, draws, crewPools, facts);
    });
    built = facts;
  }
  return built;
}

/** Ids of the movies whose `slots` (of `width` per movie) hold `id`, in catalogue order. */
function moviesHolding(slots: Int32Array, width: number, id: number): number[] {
  const { movieIds } = movieListFacts();
  const found: number[] = [];
  for (let slot = 0; slot < movieIds.length; slot++) {
    for (let at = slot * width, end = at + width; at < end && slots[at] !== EMPTY; at++) {
      if (slots[at] === id) {
        found.push(movieIds[slot]);
        break;
      }
    }
  }
  return found;
}

/** Movies that credit the person in their cast. */
export function castMovieIds(personId: number): number[] {
  return moviesHolding(movieListFacts().cast, MAX_CAST, personId);
}

/** Movies that credit the person in their crew. */
export function crewMovieIds(personId: number): number[] {
  return moviesHolding(movieListFacts().crew, MAX_CREW, personId);
}

export function movieIdsWithKeyword(keywordId: number): number[] {
  return moviesHolding(movieListFacts().keywords, MAX_KEYWORDS, keywordId);
}

export function movieIdsWithCompany(companyId: number): number[] {
  return moviesHolding(movieListFacts().companies, MAX_COMPANIES, companyId);
}
