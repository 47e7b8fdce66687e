import { allMovies, catalogueReferenceDate, type Movie } from "./catalogue";
import { hashString, Random } from "./prng";

/**
 * HDBits' browsable back catalogue: ARCHIVE_SIZE movie torrents spread evenly over the two years
 * before the catalogue's reference day, newest first, generated from their index alone (the same
 * torrent for the same index on every run, nothing held in memory). Torrent `i` is uploaded
 * `i × STEP` (plus a jitter under one step) before the reference day, so the list is strictly
 * newest-first and a page is found without generating the pages before it.
 *
 * The groups have distinct habits, so the app's analyzer has reputations to find: internals
 * (CtrlHD, DON, EbP, …) seed well and hold sizes steady, often freeleech and exclusive; scene
 * groups (SPARKS, GECKOS) stopped a year ago; EVO is big on volume, weak on seeding.
 */
export const ARCHIVE_SIZE = 45_000;
const ARCHIVE_DAYS = 730;
const STEP_SECONDS = (ARCHIVE_DAYS * 86_400) / ARCHIVE_SIZE;
/** Archive torrent ids start here (below, ids are movie × 10,000 + index). */
export const ARCHIVE_FIRST_ID = 800_000_000;
const GIB = 1024 ** 3;

interface ArchiveGroup {
  name: string;
  internal: boolean;
  weight: number;
  seed: number;
  leech: number;
  completion: number;
  /** Typical size at 1080p (GiB) and its spread. */
  size: number;
  spread: number;
  freeleech: number;
  /** Days before the reference day the group stopped (0 = still active). */
  stoppedDays: number;
  media: readonly ("encode" | "remux" | "web")[];
}

const GROUPS: readonly ArchiveGroup[] = [
  {
    name: "CtrlHD",
    internal: true,
    weight: 5,
    seed: 60,
    leech: 0.04,
    completion: 9,
    size: 12,
    spread: 0.06,
    freeleech: 0.5,
    stoppedDays: 0,
    media: ["encode", "web"],
  },
  {
    name: "DON",
    internal: true,
    weight: 4,
    seed: 50,
    leech: 0.04,
    completion: 8,
    size: 13,
    spread: 0.06,
    freeleech: 0.4,
    stoppedDays: 0,
    media: ["encode"],
  },
  {
    name: "EbP",
    internal: true,
    weight: 3,
    seed: 45,
    leech: 0.05,
    completion: 8,
    size: 12,
    spread: 0.07,
    freeleech: 0.4,
    stoppedDays: 0,
    media: ["encode"],
  },
  {
    name: "TayTO",
    internal: true,
    weight: 2,
    seed: 40,
    leech: 0.05,
    completion: 7,
    size: 11,
    spread: 0.08,
    freeleech: 0.3,
    stoppedDays: 0,
    media: ["encode"],
  },
  {
    name: "decibeL",
    internal: true,
    weight: 2,
    seed: 40,
    leech: 0.05,
    completion: 7,
    size: 14,
    spread: 0.08,
    freeleech: 0.3,
    stoppedDays: 0,
    media: ["encode"],
  },
  {
    name: "HiDt",
    internal: true,
    weight: 2,
    seed: 35,
    leech: 0.06,
    completion: 6,
    size: 13,
    spread: 0.08,
    freeleech: 0.3,
    stoppedDays: 0,
    media: ["encode", "web"],
  },
  {
    name: "FraMeSToR",
    internal: false,
    weight: 4,
    seed: 30,
    leech: 0.08,
    completion: 5,
    size: 32,
    spread: 0.1,
    freeleech: 0.1,
    stoppedDays: 0,
    media: ["remux"],
  },
  {
    name: "NTb",
    internal: false,
    weight: 5,
    seed: 20,
    leech: 0.1,
    completion: 4,
    size: 7,
    spread: 0.25,
    freeleech: 0.05,
    stoppedDays: 0,
    media: ["web"],
  },
  {
    name: "FLUX",
    internal: false,
    weight: 5,
    seed: 22,
    leech: 0.1,
    completion: 4,
    size: 8,
    spread: 0.3,
    freeleech: 0.05,
    stoppedDays: 0,
    media: ["web"],
  },
  {
    name: "SPARKS",
    internal: false,
    weight: 3,
    seed: 8,
    leech: 0.15,
    completion: 3,
    size: 9,
    spread: 0.15,
    freeleech: 0,
    stoppedDays: 400,
    media: ["encode"],
  },
  {
    name: "GECKOS",
    internal: false,
    weight: 2,
    seed: 6,
    leech: 0.15,
    completion: 3,
    size: 9,
    spread: 0.1,
    freeleech: 0,
    stoppedDays: 300,
    media: ["encode"],
  },
  {
    name: "EVO",
    internal: false,
    weight: 6,
    seed: 3,
    leech: 0.5,
    completion: 1.5,
    size: 4,
    spread: 0.5,
    freeleech: 0,
    stoppedDays: 0,
    media: ["encode", "web"],
  },
  {
    name: "BHDStudio",
    internal: false,
    weight: 3,
    seed: 15,
    leech: 0.1,
    completion: 4,
    size: 6,
    spread: 0.15,
    freeleech: 0.1,
    stoppedDays: 0,
    media: ["encode"],
  },
];

const RESOLUTIONS = [
  { name: "1080p", weight: 6, sizeFactor: 1 },
  { name: "2160p", weight: 2, sizeFactor: 2.5 },
  { name: "720p", weight: 2, sizeFactor: 0.5 },
] as const;
// HDBits' ids: codec 1 H.264, 5 HEVC; medium 3 Encode, 5 Remux, 6 WEB-DL.
const MEDIUM_IDS = { encode: 3, remux: 5, web: 6 } as const;

export interface ArchiveTorrent {
  index: number;
  uploadedAt: number;
  group: ArchiveGroup;
  movie: Movie;
  resolution: string;
  medium: keyof typeof MEDIUM_IDS;
  codec: 1 | 5;
  size: number;
  seeders: number;
  leechers: number;
  timesCompleted: number;
  freeleech: boolean;
  exclusive: boolean;
}

let anchorHeld: { day: string; seconds: number } | undefined;
/** The reference day's midnight, Unix seconds: the newest archive torrent is just before it. */
function anchorSeconds(): number {
  const day = catalogueReferenceDate();
  if (anchorHeld?.day !== day) anchorHeld = { day, seconds: Date.parse(`${day}T00:00:00Z`) / 1000 };
  return anchorHeld.seconds;
}

/** Upload time (Unix seconds) of archive torrent `index`: strictly decreasing with the index. */
function archiveUploadedAt(index: number): number {
  const jitter = (hashString(`hdbits-archive-t${index}`) % 1000) / 1000;
  return Math.floor(anchorSeconds() - (index + jitter * 0.9) * STEP_SECONDS);
}

/** The first archive index uploaded before `seconds` (the browse list continues there). */
export function firstArchiveIndexBefore(seconds: number): number {
  let index = Math.max(0, Math.floor((anchorSeconds() - seconds) / STEP_SECONDS) - 1);
  while (index < ARCHIVE_SIZE && archiveUploadedAt(index) >= seconds) index++;
  return index;
}

/** One of `items`, each as likely as its weight. */
function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

function pickGroup(random: Random, uploadedAt: number): ArchiveGroup {
  const age = (anchorSeconds() - uploadedAt) / 86_400;
  for (let tries = 0; tries < 8; tries++) {
    const group = weighted(random, GROUPS);
    if (group.stoppedDays === 0 || age > group.stoppedDays) return group;
  }
  return GROUPS[0];
}

/** A movie released before the upload (a name needs its year). */
function pickMovie(random: Random, uploadedAt: number): Movie {
  const movies = allMovies();
  const before = new Date(uploadedAt * 1000).toISOString().slice(0, 10);
  let movie = movies[0];
  for (let tries = 0; tries < 16; tries++) {
    movie = movies[Math.floor(random.next() * movies.length)];
    if (movie.releaseDate && movie.releaseDate < before) return movie;
  }
  return movie;
}

/** Archive torrent `index` (0 newest), or null past the archive's end. */
export function archiveTorrent(index: number): ArchiveTorrent | null {
  if (!Number.isInteger(index) || index < 0 || index >= ARCHIVE_SIZE) return null;
  const random = new Random(`hdbits-archive-${index}`);
  const uploadedAt = archiveUploadedAt(index);
  const group = pickGroup(random, uploadedAt);
  const movie = pickMovie(random, uploadedAt);
  const resolution = weighted(random, RESOLUTIONS);
  const medium = random.pick(group.media);
  const ageDays = Math.max(1, (anchorSeconds() - uploadedAt) / 86_400);
  const seeders = Math.max(0, Math.round(group.seed * (0.4 + random.next() * 1.2) * (1 + 60 / ageDays) ** 0.3));
  const leechers = Math.round(seeders * group.leech * random.next() * 2);
  const size = Math.round(group.size * resolution.sizeFactor * (1 + (random.next() * 2 - 1) * group.spread) * GIB);
  return {
    index,
    uploadedAt,
    group,
    movie,
    resolution: resolution.name,
    medium,
    codec: resolution.name === "2160p" ? 5 : 1,
    size,
    seeders,
    leechers,
    timesCompleted: Math.round(seeders * group.completion * (0.5 + random.next()) * Math.sqrt(ageDays / 30)),
    freeleech: random.chance(group.freeleech),
    exclusive: group.internal && random.chance(0.4),
  };
}

const SOURCES = { encode: "BluRay", remux: "BluRay REMUX", web: "WEB-DL" } as const;

/** The torrent's name as HDBits lists it ("Heat 1995 1080p BluRay DTS x264-DON"). */
export function archiveName(t: ArchiveTorrent): string {
  const year = t.movie.releaseDate.slice(0, 4);
  const codec =
    t.medium === "remux" || t.medium === "web" ? (t.codec === 5 ? "HEVC" : "AVC") : t.codec === 5 ? "x265" : "x264";
  const audio = t.medium === "web" ? "DDP5.1" : t.medium === "remux" ? "TrueHD 7.1 Atmos" : "DTS";
  const title = t.movie.title
    .replace(/[^A-Za-z0-9 ]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return `${title} ${year} ${t.resolution} ${SOURCES[t.medium]} ${audio} ${codec}-${t.group.name}`;
}

export const archiveMedium = (t: ArchiveTorrent) => MEDIUM_IDS[t.medium];

/** A stable 40-hex info hash for archive torrent `index`. */
export function archiveInfoHash(index: number): string {
  let hex = "";
  for (let part = 0; part < 5; part++)
    hex += hashString(`hdbits-archive-hash-${index}-${part}`).toString(16).padStart(8, "0");
  return hex;
}
