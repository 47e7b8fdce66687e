import { addDays, catalogueReferenceDate, type Movie } from "./catalogue";
import { ACTORS, CREW_DEPARTMENTS, crewFor, type Person } from "./people";
import { Random } from "./prng";
import { GB_CERTIFICATION, language } from "./reference";
import {
  COMPANIES,
  DISCOVERIES,
  FEMALE_FIRST_NAMES,
  GOALS,
  KEYWORDS,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  OCCUPATIONS,
  PLACES,
  STAKES,
  TAGLINES,
} from "./words";

/**
 * The parts of a movie that only detail pages need (credits, release dates, videos, …).
 * Generated on first use from the movie's id and memoised, so module load stays fast.
 */

/** TMDb release types. */
const RELEASE_TYPE = { premiere: 1, limited: 2, theatrical: 3, digital: 4, physical: 5, tv: 6 } as const;

interface ReleaseDateEntry {
  country: string;
  type: number;
  /** YYYY-MM-DD */
  date: string;
  certification: string;
  note: string;
}

interface CastCredit {
  person: Person;
  character: string;
  order: number;
  castId: number;
  creditId: string;
}

interface CrewCredit {
  person: Person;
  department: string;
  job: string;
  creditId: string;
}

interface Keyword {
  id: number;
  name: string;
}

interface Company {
  id: number;
  name: string;
  country: string;
}

interface Video {
  id: string;
  key: string;
  name: string;
  type: "Trailer" | "Teaser";
  size: number;
  official: boolean;
  publishedAt: string;
}

export interface MovieDetails {
  tagline: string;
  budget: number;
  revenue: number;
  originCountry: string[];
  companies: Company[];
  cast: CastCredit[];
  crew: CrewCredit[];
  keywords: Keyword[];
  videos: Video[];
  releaseDates: ReleaseDateEntry[];
}

export const KEYWORD_FIRST_ID = 9_500_000;
export const COMPANY_FIRST_ID = 9_800_000;

const YOUTUBE_KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The overview is needed for every search result, so it has its own cheap seed. */
export function movieOverview(movie: Movie): string {
  const random = new Random(`overview:${movie.id}`);
  const female = random.chance(0.5);
  const first = random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const pronoun = female ? "she" : "he";
  const sentence = `When ${first} ${random.pick(LAST_NAMES)}, a ${random.pick(OCCUPATIONS)} from ${random.pick(PLACES)}, discovers ${random.pick(DISCOVERIES)}, ${pronoun} must ${random.pick(GOALS)} before ${random.pick(STAKES)}.`;
  return random.chance(0.5) ? `${sentence} ${random.pick(TAGLINES)}` : sentence;
}

function releaseDatesFor(random: Random, movie: Movie, originCountry: string): ReleaseDateEntry[] {
  if (!movie.releaseDate) return [];
  const entries: ReleaseDateEntry[] = [];
  const theatrical = movie.releaseDate;
  const usTheatrical = originCountry === "US" ? theatrical : addDays(theatrical, random.int(0, 90));
  if (originCountry !== "US") {
    entries.push({
      country: originCountry,
      type: RELEASE_TYPE.theatrical,
      date: theatrical,
      certification: "",
      note: "",
    });
  }
  if (movie.status === "Post Production" && random.chance(0.5)) {
    entries.push({
      country: "US",
      type: RELEASE_TYPE.premiere,
      date: addDays(usTheatrical, -random.int(7, 30)),
      certification: "",
      note: "Premiere",
    });
  }
  entries.push({
    country: "US",
    type: RELEASE_TYPE.theatrical,
    date: usTheatrical,
    certification: movie.certification,
    note: "",
  });
  if (movie.originalLanguage === "en" && random.chance(0.5)) {
    entries.push({
      country: "GB",
      type: RELEASE_TYPE.theatrical,
      date: addDays(usTheatrical, random.int(0, 21)),
      certification: GB_CERTIFICATION[movie.certification] ?? "",
      note: "",
    });
  }
  if (movie.status !== "Released") return entries;

  const year = Number(theatrical.slice(0, 4));
  // Films from before home video reached discs and streaming years later.
  const digital =
    year < 2008
      ? `${random.int(2008, 2014)}-${String(random.int(1, 12)).padStart(2, "0")}-15`
      : addDays(usTheatrical, random.int(45, 120));
  const physical =
    year < 1997
      ? `${random.int(1997, 2006)}-${String(random.int(1, 12)).padStart(2, "0")}-01`
      : addDays(usTheatrical, random.int(90, 180));
  if (movie.real || random.chance(0.95)) {
    entries.push({
      country: "US",
      type: RELEASE_TYPE.digital,
      date: digital,
      certification: movie.certification,
      note: "",
    });
  }
  if (movie.real || random.chance(0.9)) {
    entries.push({
      country: "US",
      type: RELEASE_TYPE.physical,
      date: physical,
      certification: movie.certification,
      note: random.chance(0.5) ? "Blu-ray" : "DVD",
    });
  }
  return entries;
}

function buildDetails(movie: Movie): MovieDetails {
  const random = new Random(`details:${movie.id}`);
  const lang = language(movie.originalLanguage);
  const originCountry = movie.originalLanguage === "en" && random.chance(0.2) ? "GB" : lang.country;

  const castSize = movie.status === "Planned" ? random.int(0, 2) : random.int(6, 10);
  const cast = random.sample(ACTORS, castSize).map((person, order) => ({
    person,
    character: `${random.pick(person.gender === 1 ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    order,
    castId: order + 1 + random.int(0, 20),
    creditId: random.hex(24),
  }));
  const crew = CREW_DEPARTMENTS.filter((entry) => movie.status !== "Planned" || entry.department === "Directing").map(
    ({ department, job }) => ({ person: random.pick(crewFor(department)), department, job, creditId: random.hex(24) }),
  );

  const released = movie.status === "Released";
  const budget = random.chance(0.7) ? random.int(2, 250) * 1_000_000 : 0;
  const videoDate = movie.releaseDate ? addDays(movie.releaseDate, -random.int(30, 180)) : catalogueReferenceDate();
  const videos: Video[] =
    movie.status === "Planned"
      ? []
      : [
          { type: "Trailer", name: `${movie.title} - Official Trailer` },
          ...(random.chance(0.5) ? [{ type: "Teaser" as const, name: "Official Teaser" }] : []),
        ].map((video) => ({
          id: random.hex(24),
          key: Array.from({ length: 11 }, () => random.pick([...YOUTUBE_KEY_CHARS])).join(""),
          name: video.name,
          type: video.type as Video["type"],
          size: random.pick([720, 1080, 2160]),
          official: true,
          publishedAt: `${videoDate}T16:00:00.000Z`,
        }));

  return {
    tagline: random.chance(0.8) ? random.pick(TAGLINES) : "",
    budget,
    revenue: released && budget > 0 ? Math.round(budget * (0.3 + random.next() * 4)) : 0,
    originCountry: [originCountry],
    companies: random.sample(COMPANIES, random.int(1, 3)).map((name) => ({
      id: COMPANY_FIRST_ID + COMPANIES.indexOf(name),
      name,
      country: originCountry,
    })),
    cast,
    crew,
    keywords: random
      .sample(KEYWORDS, random.int(2, 7))
      .map((name) => ({ id: KEYWORD_FIRST_ID + KEYWORDS.indexOf(name), name })),
    videos,
    releaseDates: releaseDatesFor(random, movie, originCountry),
  };
}

/** Bounded, so walking a 10k-item list does not keep every movie's credits in memory. */
const MEMO_LIMIT = 2_000;
const memo = new Map<number, MovieDetails>();

export function movieDetails(movie: Movie): MovieDetails {
  let details = memo.get(movie.id);
  if (!details) {
    details = buildDetails(movie);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as number);
    memo.set(movie.id, details);
  }
  return details;
}
