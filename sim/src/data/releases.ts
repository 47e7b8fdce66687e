import { allMovies, catalogueReferenceDate, collectionById, type Movie, movieById } from "./catalogue";
import { hashString, Random } from "./prng";
import { pieceLengthFor, type TorrentFileEntry, type TorrentSource, torrentInfoHash } from "./torrent";

/**
 * Releases the simulated indexers list: realistic scene and P2P names for catalogue movies
 * ("The.Matrix.1999.1080p.BluRay.x264-SPARKS", "The Matrix 1999 2160p UHD BluRay REMUX HDR HEVC
 * DTS-HD MA 5.1-FGT", "The Matrix (1999) [1080p] [BluRay] [5.1] [YTS.MX]"), each with a quality
 * its group really releases, a size that fits the quality and the runtime, a publish date after
 * the movie could have had that release (CAM in cinemas, WEB after ~45 days, Blu-ray after ~100)
 * and while its group was active, seeders and grabs that follow the movie's popularity, the
 * group's reputation and the release's age, and a file layout. Release `i` of a movie on a site is
 * generated from the seed `site:movieId:i` alone, so any release can be rebuilt from its id.
 */

export type IndexerSite = "torznab" | "newznab" | "hdbits";

type QualityKey =
  | "cam"
  | "telesync"
  | "dvdrip"
  | "dvdr"
  | "webrip480"
  | "hdtv720"
  | "webrip720"
  | "webdl720"
  | "bluray720"
  | "webrip1080"
  | "webdl1080"
  | "bluray1080"
  | "remux1080"
  | "brdisk1080"
  | "webdl2160"
  | "bluray2160"
  | "remux2160"
  | "brdisk2160";

type Medium = "cam" | "dvd" | "hdtv" | "web" | "encode" | "remux" | "disc";

interface QualitySpec {
  resolution: "" | "480p" | "720p" | "1080p" | "2160p";
  medium: Medium;
  /** Newznab category: 2030 SD, 2040 HD, 2045 UHD, 2050 BluRay, 2070 DVD. */
  category: number;
  /** Size per minute of runtime, MiB. */
  mbPerMinute: [number, number];
  /** Days after the movie's release before this quality can exist. */
  firstDay: number;
  /** Days after release after which no new release of this quality appears (cinema rips). */
  lastDay?: number;
  /** Oldest / newest movie year this quality is made for. */
  minYear?: number;
  maxYear?: number;
  weight: number;
  /** How many people want it, relative: drives seeders and grabs. */
  demand: number;
}

const QUALITIES: Record<QualityKey, QualitySpec> = {
  cam: {
    resolution: "",
    medium: "cam",
    category: 2030,
    mbPerMinute: [6, 12],
    firstDay: 1,
    lastDay: 75,
    weight: 3,
    demand: 0.6,
  },
  telesync: {
    resolution: "",
    medium: "cam",
    category: 2030,
    mbPerMinute: [7, 14],
    firstDay: 4,
    lastDay: 75,
    weight: 2,
    demand: 0.5,
  },
  dvdrip: {
    resolution: "",
    medium: "dvd",
    category: 2030,
    mbPerMinute: [6, 12],
    firstDay: 120,
    maxYear: 2016,
    weight: 2,
    demand: 0.3,
  },
  dvdr: {
    resolution: "",
    medium: "dvd",
    category: 2070,
    mbPerMinute: [36, 70],
    firstDay: 120,
    maxYear: 2018,
    weight: 1,
    demand: 0.15,
  },
  webrip480: {
    resolution: "480p",
    medium: "web",
    category: 2030,
    mbPerMinute: [4, 8],
    firstDay: 45,
    minYear: 1950,
    weight: 1,
    demand: 0.3,
  },
  hdtv720: {
    resolution: "720p",
    medium: "hdtv",
    category: 2040,
    mbPerMinute: [15, 30],
    firstDay: 240,
    weight: 1,
    demand: 0.25,
  },
  webrip720: {
    resolution: "720p",
    medium: "web",
    category: 2040,
    mbPerMinute: [8, 20],
    firstDay: 45,
    weight: 3,
    demand: 0.6,
  },
  webdl720: {
    resolution: "720p",
    medium: "web",
    category: 2040,
    mbPerMinute: [20, 35],
    firstDay: 45,
    weight: 3,
    demand: 0.6,
  },
  bluray720: {
    resolution: "720p",
    medium: "encode",
    category: 2040,
    mbPerMinute: [35, 65],
    firstDay: 100,
    minYear: 1930,
    weight: 5,
    demand: 0.8,
  },
  webrip1080: {
    resolution: "1080p",
    medium: "web",
    category: 2040,
    mbPerMinute: [15, 40],
    firstDay: 45,
    weight: 4,
    demand: 1,
  },
  webdl1080: {
    resolution: "1080p",
    medium: "web",
    category: 2040,
    mbPerMinute: [35, 70],
    firstDay: 45,
    weight: 6,
    demand: 1.2,
  },
  bluray1080: {
    resolution: "1080p",
    medium: "encode",
    category: 2040,
    mbPerMinute: [70, 130],
    firstDay: 100,
    minYear: 1930,
    weight: 8,
    demand: 1.3,
  },
  remux1080: {
    resolution: "1080p",
    medium: "remux",
    category: 2040,
    mbPerMinute: [170, 300],
    firstDay: 100,
    minYear: 1930,
    weight: 3,
    demand: 0.7,
  },
  brdisk1080: {
    resolution: "1080p",
    medium: "disc",
    category: 2050,
    mbPerMinute: [200, 380],
    firstDay: 100,
    minYear: 1930,
    weight: 1,
    demand: 0.2,
  },
  webdl2160: {
    resolution: "2160p",
    medium: "web",
    category: 2045,
    mbPerMinute: [100, 200],
    firstDay: 45,
    minYear: 1960,
    weight: 3,
    demand: 0.9,
  },
  bluray2160: {
    resolution: "2160p",
    medium: "encode",
    category: 2045,
    mbPerMinute: [130, 280],
    firstDay: 100,
    minYear: 1960,
    weight: 3,
    demand: 0.8,
  },
  remux2160: {
    resolution: "2160p",
    medium: "remux",
    category: 2045,
    mbPerMinute: [400, 650],
    firstDay: 100,
    minYear: 1960,
    weight: 2,
    demand: 0.6,
  },
  brdisk2160: {
    resolution: "2160p",
    medium: "disc",
    category: 2045,
    mbPerMinute: [450, 750],
    firstDay: 100,
    minYear: 1960,
    weight: 0.5,
    demand: 0.15,
  },
};

/** How a group writes its names and packs its files. */
type NameStyle = "dots" | "spaces" | "yts";
type Packaging = "scene" | "file" | "yts";

interface ReleaseGroup {
  name: string;
  style: NameStyle;
  packaging: Packaging;
  sites: readonly IndexerSite[];
  qualities: readonly QualityKey[];
  /** Years the group released in. */
  active: [number, number];
  /** HDBits internal (type_origin 1); their encodes are often exclusive. */
  internal?: boolean;
  /** Seeders relative to an average group. */
  seed: number;
  /** Leechers per seeder. */
  leech: number;
  /** Snatches per seeder per year of age. */
  completion: number;
  /** Size relative to the quality's typical size, and how much it varies release to release. */
  sizeBias: number;
  sizeSpread: number;
  weight: number;
  /** Chance a release is a PROPER/REPACK. */
  fixRate: number;
  x265?: boolean;
  language?: string;
}

const ALL: readonly IndexerSite[] = ["torznab", "newznab", "hdbits"];
const PUBLIC: readonly IndexerSite[] = ["torznab", "newznab"];
const TORZNAB: readonly IndexerSite[] = ["torznab"];
const HDB: readonly IndexerSite[] = ["hdbits"];

/**
 * Groups with distinct reputations, so the app's scene-group analysis has something to find:
 * HDBits internals (CtrlHD, DON, …) seed well and hold sizes steady; YTS is everywhere, tiny and
 * well seeded; RARBG and SPARKS stopped releasing (recency); EVO is big on volume, weak on
 * quality; remux groups are large and consistent.
 */
const RELEASE_GROUPS: readonly ReleaseGroup[] = [
  {
    name: "SPARKS",
    style: "dots",
    packaging: "scene",
    sites: ALL,
    qualities: ["bluray720", "bluray1080", "dvdrip"],
    active: [2009, 2020],
    seed: 1.1,
    leech: 0.08,
    completion: 14,
    sizeBias: 1,
    sizeSpread: 0.12,
    weight: 6,
    fixRate: 0.06,
  },
  {
    name: "GECKOS",
    style: "dots",
    packaging: "scene",
    sites: ALL,
    qualities: ["bluray720", "bluray1080"],
    active: [2010, 2026],
    seed: 0.9,
    leech: 0.07,
    completion: 11,
    sizeBias: 1.05,
    sizeSpread: 0.1,
    weight: 5,
    fixRate: 0.05,
  },
  {
    name: "AMIABLE",
    style: "dots",
    packaging: "scene",
    sites: ALL,
    qualities: ["bluray720", "bluray1080"],
    active: [2012, 2026],
    seed: 0.85,
    leech: 0.07,
    completion: 10,
    sizeBias: 1.1,
    sizeSpread: 0.1,
    weight: 4,
    fixRate: 0.04,
  },
  {
    name: "ROVERS",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray720", "bluray1080", "dvdr"],
    active: [2012, 2026],
    seed: 0.7,
    leech: 0.06,
    completion: 9,
    sizeBias: 0.95,
    sizeSpread: 0.15,
    weight: 3,
    fixRate: 0.05,
  },
  {
    name: "DRONES",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray720", "bluray1080", "hdtv720"],
    active: [2011, 2020],
    seed: 0.6,
    leech: 0.05,
    completion: 8,
    sizeBias: 0.9,
    sizeSpread: 0.18,
    weight: 3,
    fixRate: 0.07,
  },
  {
    name: "PSYCHD",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray1080", "bluray720"],
    active: [2012, 2026],
    seed: 0.6,
    leech: 0.05,
    completion: 7,
    sizeBias: 1,
    sizeSpread: 0.12,
    weight: 2,
    fixRate: 0.05,
  },
  {
    name: "VETO",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray2160", "bluray1080"],
    active: [2016, 2026],
    seed: 0.7,
    leech: 0.08,
    completion: 8,
    sizeBias: 1,
    sizeSpread: 0.12,
    weight: 3,
    fixRate: 0.04,
    x265: true,
  },
  {
    name: "TERMiNAL",
    style: "dots",
    packaging: "scene",
    sites: ALL,
    qualities: ["bluray2160"],
    active: [2017, 2026],
    seed: 0.8,
    leech: 0.09,
    completion: 8,
    sizeBias: 1.05,
    sizeSpread: 0.1,
    weight: 3,
    fixRate: 0.03,
    x265: true,
  },
  {
    name: "SADPANDA",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray1080", "bluray2160"],
    active: [2018, 2026],
    seed: 0.6,
    leech: 0.07,
    completion: 7,
    sizeBias: 0.6,
    sizeSpread: 0.15,
    weight: 2,
    fixRate: 0.04,
    x265: true,
  },
  {
    name: "DiAMOND",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["dvdrip", "dvdr"],
    active: [2003, 2012],
    seed: 0.3,
    leech: 0.03,
    completion: 20,
    sizeBias: 1,
    sizeSpread: 0.08,
    weight: 2,
    fixRate: 0.08,
  },
  {
    name: "DETAiLS",
    style: "dots",
    packaging: "scene",
    sites: PUBLIC,
    qualities: ["bluray1080", "bluray720"],
    active: [2014, 2026],
    seed: 0.3,
    leech: 0.05,
    completion: 5,
    sizeBias: 1.2,
    sizeSpread: 0.12,
    weight: 1,
    fixRate: 0.05,
    language: "German.DL",
  },
  {
    name: "NTb",
    style: "dots",
    packaging: "file",
    sites: ALL,
    qualities: ["webdl720", "webdl1080"],
    active: [2012, 2026],
    seed: 1,
    leech: 0.1,
    completion: 10,
    sizeBias: 1,
    sizeSpread: 0.2,
    weight: 5,
    fixRate: 0.03,
  },
  {
    name: "FLUX",
    style: "dots",
    packaging: "file",
    sites: ALL,
    qualities: ["webdl1080", "webdl2160"],
    active: [2020, 2026],
    seed: 1.6,
    leech: 0.15,
    completion: 12,
    sizeBias: 1.05,
    sizeSpread: 0.15,
    weight: 6,
    fixRate: 0.03,
  },
  {
    name: "CMRG",
    style: "dots",
    packaging: "file",
    sites: ALL,
    qualities: ["webdl1080", "webdl2160", "webdl720"],
    active: [2018, 2026],
    seed: 1.1,
    leech: 0.12,
    completion: 10,
    sizeBias: 1,
    sizeSpread: 0.18,
    weight: 4,
    fixRate: 0.03,
  },
  {
    name: "TEPES",
    style: "dots",
    packaging: "file",
    sites: PUBLIC,
    qualities: ["webdl2160", "webdl1080"],
    active: [2020, 2026],
    seed: 0.9,
    leech: 0.12,
    completion: 9,
    sizeBias: 1.1,
    sizeSpread: 0.15,
    weight: 3,
    fixRate: 0.03,
  },
  {
    name: "EVO",
    style: "dots",
    packaging: "file",
    sites: PUBLIC,
    qualities: ["webrip720", "webrip1080", "webrip480", "telesync", "cam"],
    active: [2015, 2026],
    seed: 1.4,
    leech: 0.35,
    completion: 18,
    sizeBias: 0.7,
    sizeSpread: 0.35,
    weight: 7,
    fixRate: 0.12,
  },
  {
    name: "C1NEM4",
    style: "dots",
    packaging: "file",
    sites: TORZNAB,
    qualities: ["cam", "telesync"],
    active: [2018, 2026],
    seed: 1.2,
    leech: 0.5,
    completion: 6,
    sizeBias: 1,
    sizeSpread: 0.3,
    weight: 3,
    fixRate: 0.1,
  },
  {
    name: "RARBG",
    style: "dots",
    packaging: "file",
    sites: TORZNAB,
    qualities: ["bluray1080", "webrip1080", "webdl1080", "bluray720", "webrip720", "bluray2160"],
    active: [2010, 2023],
    seed: 2.2,
    leech: 0.2,
    completion: 25,
    sizeBias: 0.55,
    sizeSpread: 0.2,
    weight: 7,
    fixRate: 0.02,
  },
  {
    name: "YTS.MX",
    style: "yts",
    packaging: "yts",
    sites: TORZNAB,
    qualities: ["bluray720", "bluray1080", "webrip1080", "webrip720", "bluray2160"],
    active: [2011, 2026],
    seed: 3,
    leech: 0.25,
    completion: 30,
    sizeBias: 0.28,
    sizeSpread: 0.05,
    weight: 8,
    fixRate: 0,
  },
  {
    name: "FGT",
    style: "spaces",
    packaging: "file",
    sites: TORZNAB,
    qualities: ["remux2160", "remux1080", "bluray1080"],
    active: [2014, 2022],
    seed: 0.7,
    leech: 0.1,
    completion: 8,
    sizeBias: 1,
    sizeSpread: 0.06,
    weight: 3,
    fixRate: 0.02,
  },
  {
    name: "EPSiLON",
    style: "spaces",
    packaging: "file",
    sites: ALL,
    qualities: ["remux2160", "remux1080"],
    active: [2019, 2026],
    seed: 0.8,
    leech: 0.1,
    completion: 8,
    sizeBias: 1,
    sizeSpread: 0.05,
    weight: 3,
    fixRate: 0.02,
  },
  {
    name: "FraMeSToR",
    style: "dots",
    packaging: "file",
    sites: ALL,
    qualities: ["remux2160", "remux1080"],
    active: [2017, 2026],
    seed: 0.9,
    leech: 0.1,
    completion: 9,
    sizeBias: 1.02,
    sizeSpread: 0.04,
    weight: 3,
    fixRate: 0.02,
  },
  {
    name: "BLURANiUM",
    style: "dots",
    packaging: "file",
    sites: ALL,
    qualities: ["brdisk2160", "brdisk1080", "remux2160"],
    active: [2019, 2026],
    seed: 0.5,
    leech: 0.08,
    completion: 6,
    sizeBias: 1,
    sizeSpread: 0.05,
    weight: 2,
    fixRate: 0.02,
  },
  {
    name: "CtrlHD",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray720", "webdl1080"],
    active: [2008, 2026],
    internal: true,
    seed: 1.8,
    leech: 0.04,
    completion: 16,
    sizeBias: 1.15,
    sizeSpread: 0.06,
    weight: 5,
    fixRate: 0.01,
  },
  {
    name: "DON",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray720", "bluray2160"],
    active: [2008, 2026],
    internal: true,
    seed: 1.5,
    leech: 0.04,
    completion: 15,
    sizeBias: 1.2,
    sizeSpread: 0.06,
    weight: 4,
    fixRate: 0.01,
  },
  {
    name: "EbP",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray720"],
    active: [2008, 2019],
    internal: true,
    seed: 1.2,
    leech: 0.03,
    completion: 14,
    sizeBias: 1.1,
    sizeSpread: 0.05,
    weight: 3,
    fixRate: 0.01,
  },
  {
    name: "TayTO",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray720"],
    active: [2012, 2026],
    internal: true,
    seed: 1.3,
    leech: 0.04,
    completion: 13,
    sizeBias: 1.15,
    sizeSpread: 0.07,
    weight: 3,
    fixRate: 0.01,
  },
  {
    name: "decibeL",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray2160"],
    active: [2013, 2026],
    internal: true,
    seed: 1.2,
    leech: 0.05,
    completion: 12,
    sizeBias: 1.25,
    sizeSpread: 0.06,
    weight: 2,
    fixRate: 0.01,
  },
  {
    name: "HiDt",
    style: "dots",
    packaging: "file",
    sites: HDB,
    qualities: ["bluray1080", "bluray720"],
    active: [2010, 2024],
    internal: true,
    seed: 0.9,
    leech: 0.03,
    completion: 11,
    sizeBias: 1.1,
    sizeSpread: 0.08,
    weight: 2,
    fixRate: 0.01,
  },
];

interface ReleaseFile extends TorrentFileEntry {}

export interface Release {
  site: IndexerSite;
  /** "603-17": movie id and index; stable, and enough to rebuild the release. */
  id: string;
  movieId: number;
  index: number;
  title: string;
  quality: QualityKey;
  resolution: string;
  medium: Medium;
  /** Newznab categories: the parent (2000) and the quality's subcategory. */
  categories: [number, number];
  group: string;
  internal: boolean;
  /** True for HDBits internal encodes only on HDBits. */
  exclusive: boolean;
  codec: "x264" | "x265" | "XviD" | "AVC" | "HEVC" | "VC-1" | "MPEG-2" | "H.264" | "H.265";
  size: number;
  /** The torrent's top folder (multi-file) or its only file. */
  rootName: string;
  multiFile: boolean;
  files: ReleaseFile[];
  pieceLength: number;
  /** Unix seconds. */
  publishedAt: number;
  seeders: number;
  leechers: number;
  timesCompleted: number;
  grabs: number;
  comments: number;
  downloadVolumeFactor: number;
  uploadVolumeFactor: number;
  freeleech: boolean;
  /** For the NZB: the poster and newsgroup. */
  poster: string;
  newsgroup: string;
}

const DAY_MS = 86_400_000;
let referenceMsHeld: number | undefined;
/** Midnight (UTC) of the catalogue's reference day. */
const referenceMs = () => (referenceMsHeld ??= Date.parse(`${catalogueReferenceDate()}T00:00:00Z`));
const MIB = 1024 * 1024;

function between(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min);
}

function weighted<T>(random: Random, items: readonly T[], weight: (item: T) => number): T | undefined {
  let total = 0;
  for (const item of items) total += weight(item);
  if (total <= 0) return undefined;
  let roll = random.next() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

/** The title as scene names write it: ASCII, no punctuation, words joined by `separator`. */
function sceneTitleWords(title: string): string[] {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’`".,!?:;()[\]{}]/g, "")
    .split(/[\s\-/\\·–—]+/)
    .filter(Boolean);
}

/**
 * A dotted name written with spaces, as P2P groups and HDBits do: dots stay only inside channel
 * counts ("5.1", "DDP5.1") and codec names ("H.264").
 */
export function spacedName(dotted: string): string {
  const tokens = dotted.split(".");
  let out = tokens[0];
  for (let i = 1; i < tokens.length; i++) {
    const left = tokens[i - 1];
    const right = tokens[i];
    const keepDot = (/\d$/.test(left) && /^\d(?!\d)/.test(right)) || (left === "H" && /^26[45]/.test(right));
    out += (keepDot ? "." : " ") + right;
  }
  return out;
}

function ytsTitle(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[:/\\?*"<>|]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function movieYear(movie: Movie): number {
  return Number(movie.releaseDate.slice(0, 4));
}

/** Days from the movie's release to the catalogue's reference day; negative before release. */
function daysOut(movie: Movie): number {
  if (!movie.releaseDate) return -1;
  return Math.floor((referenceMs() - Date.parse(`${movie.releaseDate}T00:00:00Z`)) / DAY_MS);
}

function qualityFits(key: QualityKey, movie: Movie, site: IndexerSite): boolean {
  const spec = QUALITIES[key];
  const year = movieYear(movie);
  const days = daysOut(movie);
  if (days < spec.firstDay) return false;
  // Cinema rips only for movies that came out recently (or at least after cams were a thing).
  if (spec.lastDay !== undefined && year < 2005) return false;
  if (spec.minYear !== undefined && year < spec.minYear) return false;
  if (spec.maxYear !== undefined && year > spec.maxYear) return false;
  // HDBits is HD only: no cams, DVDs, SD or TV captures of movies.
  if (site === "hdbits" && (spec.resolution === "" || spec.resolution === "480p" || spec.medium === "hdtv"))
    return false;
  return true;
}

/** The year the release tables were written: a group active until then is still active now. */
const STILL_ACTIVE_YEAR = 2026;

/** The end of a group's last active year; a group still active releases up to the catalogue's day. */
function activeUntil(group: ReleaseGroup): number {
  return group.active[1] >= STILL_ACTIVE_YEAR ? Number.POSITIVE_INFINITY : Date.UTC(group.active[1], 11, 31);
}

interface PublishWindow {
  from: number;
  to: number;
}

function publishWindow(movie: Movie, key: QualityKey, group: ReleaseGroup): PublishWindow | null {
  const spec = QUALITIES[key];
  const released = Date.parse(`${movie.releaseDate}T00:00:00Z`);
  const from = Math.max(released + spec.firstDay * DAY_MS, Date.UTC(group.active[0], 0, 1));
  const to = Math.min(
    referenceMs() - DAY_MS,
    activeUntil(group),
    spec.lastDay !== undefined ? released + spec.lastDay * DAY_MS : Number.POSITIVE_INFINITY,
  );
  return from <= to ? { from, to } : null;
}

const WEB_SERVICES = ["AMZN", "NF", "DSNP", "ATVP", "HMAX", "MA", "iT", "PCOK"] as const;

interface NameParts {
  quality: QualityKey;
  group: ReleaseGroup;
  year: number;
  edition: string | null;
  fix: string | null;
  hdr: string | null;
  audio: string | null;
  codec: Release["codec"];
  service: string | null;
}

function codecFor(random: Random, quality: QualityKey, group: ReleaseGroup): Release["codec"] {
  const spec = QUALITIES[quality];
  switch (spec.medium) {
    case "cam":
      return "x264";
    case "dvd":
      return quality === "dvdr" ? "MPEG-2" : random.chance(0.7) && movieEraXvid(group) ? "XviD" : "x264";
    case "web":
      if (quality.startsWith("webrip")) return spec.resolution === "2160p" || group.x265 ? "x265" : "x264";
      return spec.resolution === "2160p" || random.chance(0.1) ? "H.265" : "H.264";
    case "remux":
    case "disc":
      return spec.resolution === "2160p" ? "HEVC" : random.chance(0.12) ? "VC-1" : "AVC";
    default:
      return spec.resolution === "2160p" || group.x265 ? "x265" : "x264";
  }
}

function movieEraXvid(group: ReleaseGroup): boolean {
  return group.active[0] < 2010;
}

const ENCODE_AUDIO = ["DTS", "DTS-HD.MA.5.1", "TrueHD.7.1.Atmos", "DD5.1", "DTS-X.7.1", "FLAC.2.0"] as const;
const REMUX_AUDIO = ["DTS-HD.MA.5.1", "TrueHD.7.1.Atmos", "DTS-HD.MA.7.1", "LPCM.2.0", "DTS-X.7.1"] as const;
const WEB_AUDIO = ["DDP5.1", "DDP5.1.Atmos", "AAC2.0", "DD5.1"] as const;

function audioFor(random: Random, parts: Pick<NameParts, "quality" | "group">): string | null {
  const spec = QUALITIES[parts.quality];
  if (spec.medium === "cam" || spec.medium === "dvd") return null;
  if (spec.medium === "web") return random.pick(WEB_AUDIO);
  if (spec.medium === "remux" || spec.medium === "disc") return random.pick(REMUX_AUDIO);
  // Scene encodes leave the audio out of the name; P2P and internal groups name it.
  if (parts.group.packaging === "scene") return null;
  return random.pick(ENCODE_AUDIO);
}

function hdrFor(random: Random, quality: QualityKey): string | null {
  if (QUALITIES[quality].resolution !== "2160p") return null;
  const roll = random.next();
  if (roll < 0.45) return "HDR";
  if (roll < 0.7) return "DV.HDR10";
  if (roll < 0.85) return "HDR10Plus";
  if (roll < 0.95) return "DV";
  return null;
}

function qualityTokens(parts: NameParts): string[] {
  const spec = QUALITIES[parts.quality];
  const tokens: string[] = [];
  switch (parts.quality) {
    case "cam":
      return ["HDCAM", parts.codec];
    case "telesync":
      return ["HDTS", parts.codec];
    case "dvdrip":
      return ["DVDRip", parts.codec];
    case "dvdr":
      return [parts.year % 2 === 0 ? "PAL" : "NTSC", "DVDR"];
    case "hdtv720":
      return ["720p", "HDTV", parts.codec];
    default:
      break;
  }
  if (spec.resolution) tokens.push(spec.resolution);
  if (spec.medium === "web") {
    if (parts.service) tokens.push(parts.service);
    tokens.push(parts.quality.startsWith("webrip") ? "WEBRip" : "WEB-DL");
    if (parts.hdr) tokens.push(parts.hdr);
    if (parts.audio) tokens.push(parts.audio);
    tokens.push(parts.codec);
    return tokens;
  }
  if (spec.medium === "disc") {
    return [...tokens, spec.resolution === "2160p" ? "COMPLETE.UHD.BLURAY" : "COMPLETE.BLURAY"];
  }
  if (spec.resolution === "2160p") tokens.push("UHD");
  tokens.push("BluRay");
  if (spec.medium === "remux") tokens.push("REMUX");
  if (parts.hdr) tokens.push(parts.hdr);
  if (spec.medium === "remux") {
    tokens.push(parts.codec);
    if (parts.audio) tokens.push(parts.audio);
    return tokens;
  }
  if (parts.audio) tokens.push(parts.audio);
  tokens.push(parts.codec);
  return tokens;
}

function releaseTitle(movie: Movie, parts: NameParts): string {
  const { group } = parts;
  if (group.style === "yts") {
    const spec = QUALITIES[parts.quality];
    const source = spec.medium === "web" ? "WEBRip" : "BluRay";
    const tags = [spec.resolution, source];
    if (spec.resolution === "2160p") tags.push("10bit");
    tags.push(spec.resolution === "720p" ? "2.0" : "5.1", "YTS.MX");
    return `${ytsTitle(movie.title)} (${parts.year}) ${tags.map((tag) => `[${tag}]`).join(" ")}`;
  }
  const head = [...sceneTitleWords(movie.title), String(parts.year)];
  const middle: string[] = [];
  if (parts.edition) middle.push(...parts.edition.split("."));
  if (parts.fix) middle.push(...parts.fix.split("."));
  if (group.language) middle.push(...group.language.split("."));
  const quality = qualityTokens(parts).flatMap((token) => token.split("."));
  if (group.style === "spaces") {
    // P2P names with spaces keep the channel dot ("5.1") and the codec dot ("H.264").
    return `${spacedName([...head, ...middle, ...quality].join("."))}-${group.name}`;
  }
  const dotted = [...head, ...middle, ...quality].join(".").replace(/\.{2,}/g, ".");
  return `${dotted}-${group.name}`;
}

const EDITIONS = ["Extended", "Directors.Cut", "Remastered", "IMAX", "Theatrical", "Unrated", "Criterion"] as const;

/** The one special edition a movie has, if any. */
function movieEdition(movie: Movie): string | null {
  const random = new Random(`edition:${movie.id}`);
  return random.chance(0.3) ? random.pick(EDITIONS) : null;
}

function fileLayout(
  random: Random,
  title: string,
  parts: NameParts,
  size: number,
): {
  rootName: string;
  multiFile: boolean;
  files: ReleaseFile[];
} {
  const spec = QUALITIES[parts.quality];
  if (spec.medium === "disc") {
    const extras = Math.round(size * between(random, 0.08, 0.2));
    return {
      rootName: title,
      multiFile: true,
      files: [
        { path: `${title}/BDMV/index.bdmv`, size: 120 },
        { path: `${title}/BDMV/MovieObject.bdmv`, size: 4_362 },
        { path: `${title}/BDMV/STREAM/00800.m2ts`, size: size - extras - 4_482 },
        { path: `${title}/BDMV/STREAM/00801.m2ts`, size: extras },
      ],
    };
  }
  if (parts.quality === "dvdr") {
    const vob = 1_073_709_056;
    const files: ReleaseFile[] = [{ path: `${title}/VIDEO_TS/VIDEO_TS.IFO`, size: 12_288 }];
    let left = size - 12_288;
    for (let part = 1; left > 0; part++) {
      const chunk = Math.min(vob, left);
      files.push({ path: `${title}/VIDEO_TS/VTS_01_${part}.VOB`, size: chunk });
      left -= chunk;
    }
    return { rootName: title, multiFile: true, files };
  }
  const extension = parts.codec === "XviD" ? "avi" : "mkv";
  if (parts.group.packaging === "yts") {
    return {
      rootName: title,
      multiFile: true,
      files: [
        { path: `${title}/${title}.mp4`, size: size - 53_227 },
        { path: `${title}/www.YTS.MX.jpg`, size: 53_227 },
      ],
    };
  }
  if (parts.group.packaging === "scene") {
    const nfo = random.int(3_000, 14_000);
    const sample = spec.medium === "cam" ? 0 : random.int(30, 120) * MIB;
    const slug = `${parts.group.name.toLowerCase()}-${sceneTitleWords(title.split(String(parts.year))[0])
      .join("")
      .toLowerCase()}`;
    const files: ReleaseFile[] = [
      { path: `${title}/${title}.${extension}`, size: size - nfo - sample },
      { path: `${title}/${title}.nfo`, size: nfo },
    ];
    if (sample > 0) files.push({ path: `${title}/Sample/${slug}-sample.${extension}`, size: sample });
    return { rootName: title, multiFile: true, files };
  }
  return { rootName: `${title}.${extension}`, multiFile: false, files: [{ path: `${title}.${extension}`, size }] };
}

const NEWSGROUPS = [
  "alt.binaries.movies",
  "alt.binaries.hdtv",
  "alt.binaries.moovee",
  "alt.binaries.teevee",
  "alt.binaries.multimedia",
];
const POSTERS = [
  "Yenc@power-post.org (Yenc-PP-GUI)",
  "poster@secretusenet.com",
  "JBinUp.local <JBinUp@JBinUp.local>",
  "nzb@bot.sim",
];

/** Which groups could have released each quality of a movie on a site (and when). */
type Eligible = Map<QualityKey, { group: ReleaseGroup; window: PublishWindow }[]>;
const eligibleCache = new Map<string, Eligible>();

function eligibleReleases(site: IndexerSite, movie: Movie): Eligible {
  const key = `${site}:${movie.id}`;
  let eligible = eligibleCache.get(key);
  if (eligible) return eligible;
  eligible = new Map();
  for (const quality of Object.keys(QUALITIES) as QualityKey[]) {
    if (!qualityFits(quality, movie, site)) continue;
    const groups = RELEASE_GROUPS.flatMap((group) => {
      if (!group.sites.includes(site) || !group.qualities.includes(quality)) return [];
      const window = publishWindow(movie, quality, group);
      return window ? [{ group, window }] : [];
    });
    if (groups.length > 0) eligible.set(quality, groups);
  }
  if (eligibleCache.size > 5_000) eligibleCache.clear();
  eligibleCache.set(key, eligible);
  return eligible;
}

function buildRelease(site: IndexerSite, movie: Movie, index: number): Release | null {
  const random = new Random(`${site}:${movie.id}:${index}`);
  const year = movieYear(movie);
  const eligible = eligibleReleases(site, movie);
  const quality = weighted(random, [...eligible.keys()], (key) => QUALITIES[key].weight);
  if (!quality) return null;
  const choices = eligible.get(quality) ?? [];
  const choice = weighted(random, choices, ({ group }) => group.weight * (group.internal ? 1.5 : 1));
  if (!choice) return null;
  const { group, window } = choice;
  // Most releases come soon after a quality becomes possible; a long tail follows.
  const publishedMs = window.from + (window.to - window.from) * random.next() ** 2.2;
  const publishedAt = Math.floor(publishedMs / 1000) - random.int(0, 86_399);
  const spec = QUALITIES[quality];
  const codec = codecFor(random, quality, group);
  const edition = random.chance(0.15) ? movieEdition(movie) : null;
  const fix = random.chance(group.fixRate)
    ? random.chance(0.5)
      ? "PROPER"
      : random.chance(0.85)
        ? "REPACK"
        : "REAL.PROPER"
    : null;
  const parts: NameParts = {
    quality,
    group,
    year,
    edition,
    fix,
    hdr: hdrFor(random, quality),
    audio: null,
    codec,
    service: spec.medium === "web" && random.chance(0.85) ? random.pick(WEB_SERVICES) : null,
  };
  parts.audio = audioFor(random, parts);
  const title = releaseTitle(movie, parts);
  const runtime = movie.runtime || 100;
  const typical = runtime * between(random, spec.mbPerMinute[0], spec.mbPerMinute[1]);
  const size = Math.round(typical * group.sizeBias * (1 + (random.next() * 2 - 1) * group.sizeSpread) * MIB);
  const layout = fileLayout(random, title, parts, size);
  const ageYears = Math.max(0, (referenceMs() - publishedMs) / (365 * DAY_MS));
  const popularity = Math.max(0.5, movie.popularity);
  const dead = random.chance(0.03 + Math.min(0.25, ageYears * 0.02));
  const seeders = dead
    ? 0
    : Math.max(
        1,
        Math.round(popularity * 2.5 * group.seed * spec.demand * Math.exp(-ageYears / 5) * between(random, 0.4, 1.6)),
      );
  const fresh = Math.exp(-ageYears * 4);
  const leechers = Math.round(seeders * group.leech * between(random, 0.5, 1.5) + popularity * fresh * random.next());
  const timesCompleted = Math.round((seeders + 1) * group.completion * (1 + ageYears) * between(random, 0.6, 1.4));
  const roll = random.next();
  const freeleechChance = site === "hdbits" ? (group.internal ? 0.35 : 0.05) : 0.08;
  const downloadVolumeFactor = roll < freeleechChance ? 0 : roll < freeleechChance + 0.05 ? 0.5 : 1;
  return {
    site,
    id: `${movie.id}-${index}`,
    movieId: movie.id,
    index,
    title,
    quality,
    resolution: spec.resolution,
    medium: spec.medium,
    categories: [2000, spec.category],
    group: group.name,
    internal: site === "hdbits" && group.internal === true,
    exclusive: site === "hdbits" && group.internal === true && random.chance(0.6),
    codec,
    size: layout.files.reduce((sum, file) => sum + file.size, 0),
    ...layout,
    pieceLength: 0,
    publishedAt,
    seeders,
    leechers,
    timesCompleted,
    grabs: Math.round(popularity * group.seed * spec.demand * (3 + ageYears * 6) * between(random, 0.5, 1.5)),
    comments: random.chance(0.3) ? random.int(1, 25) : 0,
    downloadVolumeFactor,
    uploadVolumeFactor: random.chance(0.04) ? 2 : 1,
    freeleech: downloadVolumeFactor === 0,
    poster: random.pick(POSTERS),
    newsgroup: spec.resolution === "2160p" || spec.medium === "remux" ? "alt.binaries.hdtv" : random.pick(NEWSGROUPS),
  };
}

// Rebuilding a release is cheap but searches ask for the same ones again and again.
const releaseCache = new Map<string, Release | null>();
const RELEASE_CACHE_LIMIT = 60_000;

/** Release `index` of a movie on a site (null when that slot produced nothing). */
export function releaseAt(site: IndexerSite, movieId: number, index: number): Release | null {
  const key = `${site}:${movieId}:${index}`;
  const cached = releaseCache.get(key);
  if (cached !== undefined) return cached;
  const movie = movieById(movieId);
  const release = movie ? buildRelease(site, movie, index) : null;
  if (release) release.pieceLength = pieceLengthFor(release.size);
  if (releaseCache.size >= RELEASE_CACHE_LIMIT) releaseCache.clear();
  releaseCache.set(key, release);
  return release;
}

/** Parses "603-17" back to a release. */
export function releaseById(site: IndexerSite, id: string): Release | null {
  const match = /^(\d+)-(\d+)$/.exec(id);
  return match ? releaseAt(site, Number(match[1]), Number(match[2])) : null;
}

// --- How many releases a movie has -----------------------------------------------------------

const SITE_SHARE: Record<IndexerSite, number> = { torznab: 1, newznab: 0.6, hdbits: 0.45 };
export const MAX_RELEASES_PER_MOVIE = 5_000;

/** Counts set with the `__results` control, per site and movie. */
const countOverrides = new Map<string, number>();

export function setReleaseCount(site: IndexerSite, movieId: number, count: number | null): void {
  if (count === null) countOverrides.delete(`${site}:${movieId}`);
  else countOverrides.set(`${site}:${movieId}`, count);
  resultCache.clear();
}

export function resetReleaseCounts(site: IndexerSite): void {
  for (const key of [...countOverrides.keys()]) if (key.startsWith(`${site}:`)) countOverrides.delete(key);
  resultCache.clear();
}

/** The movie's own releases on a site, before any for other movies are mixed in. */
export function releaseCount(site: IndexerSite, movie: Movie): number {
  const override = countOverrides.get(`${site}:${movie.id}`);
  if (override !== undefined) return override;
  const days = daysOut(movie);
  if (days < 1 || eligibleReleases(site, movie).size === 0) return 0;
  const random = new Random(`count:${site}:${movie.id}`);
  // Popular movies have many releases; new ones only cinema rips and a few early WEB releases.
  const base = Math.min(120, 6 + movie.popularity * 1.1) * SITE_SHARE[site];
  const young = days < 45 ? 0.15 : days < 100 ? 0.45 : 1;
  return Math.max(1, Math.round(base * young * between(random, 0.7, 1.3)));
}

/** Movies a search for this one also turns up: parts of its collection. */
function neighbours(movie: Movie): Movie[] {
  if (movie.collectionId === null) return [];
  const collection = collectionById(movie.collectionId);
  return (collection?.partIds ?? [])
    .filter((id) => id !== movie.id)
    .map((id) => movieById(id))
    .filter((other): other is Movie => other !== undefined && daysOut(other) > 0);
}

const byNewest = (a: Release, b: Release) => b.publishedAt - a.publishedAt || a.id.localeCompare(b.id);

const resultCache = new Map<string, Release[]>();

/**
 * Every release an id search for `movie` finds, newest first: its own, plus about 3% from other
 * movies of its collection (indexers match loosely; the app must tell them apart). The total is
 * exactly the movie's count.
 */
export function releasesForMovie(site: IndexerSite, movie: Movie): Release[] {
  const key = `movie:${site}:${movie.id}`;
  const cached = resultCache.get(key);
  if (cached) return cached;
  const total = releaseCount(site, movie);
  const others = neighbours(movie);
  const foreign = others.length > 0 && total >= 10 ? Math.max(1, Math.round(total * 0.03)) : 0;
  const out: Release[] = [];
  for (let index = 0; out.length < total - foreign && index < total * 2 + 10; index++) {
    const release = releaseAt(site, movie.id, index);
    if (release) out.push(release);
  }
  for (let n = 0; n < foreign; n++) {
    const other = others[n % others.length];
    // Indices far from the other movie's own first releases, so they are not the same ones.
    const release = releaseAt(site, other.id, 4_000 + n);
    if (release) out.push(release);
  }
  out.sort(byNewest);
  if (resultCache.size > 200) resultCache.clear();
  resultCache.set(key, out);
  return out;
}

/** Lower-case words of a title or query, for loose matching. */
function words(text: string): string[] {
  return sceneTitleWords(text.toLowerCase());
}

/** A text search: movies whose title holds every word of the query (a 4-digit word may be the year). */
export function releasesForQuery(site: IndexerSite, query: string): Release[] {
  const key = `q:${site}:${query.toLowerCase()}`;
  const cached = resultCache.get(key);
  if (cached) return cached;
  const terms = words(query);
  const year = terms.find((term) => /^(19|20)\d\d$/.test(term));
  const titleTerms = terms.filter((term) => term !== year);
  const matches: Movie[] = [];
  if (titleTerms.length > 0) {
    for (const movie of allMovies()) {
      if (year && movie.releaseDate.slice(0, 4) !== year) continue;
      const title = words(movie.title);
      if (titleTerms.every((term) => title.includes(term))) matches.push(movie);
    }
  }
  matches.sort((a, b) => b.popularity - a.popularity || a.id - b.id);
  const out = matches.slice(0, 20).flatMap((movie) => {
    const own: Release[] = [];
    const total = releaseCount(site, movie);
    for (let index = 0; own.length < total && index < total * 2 + 10; index++) {
      const release = releaseAt(site, movie.id, index);
      if (release) own.push(release);
    }
    return own;
  });
  out.sort(byNewest);
  if (resultCache.size > 200) resultCache.clear();
  resultCache.set(key, out);
  return out;
}

/** The RSS feed: the newest releases of the most recently released movies. */
export function latestReleases(site: IndexerSite): Release[] {
  const key = `rss:${site}`;
  const cached = resultCache.get(key);
  if (cached) return cached;
  const recent = allMovies()
    .filter((movie) => daysOut(movie) >= 1)
    .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.id - b.id)
    .slice(0, 120);
  const out = recent.flatMap((movie) => releasesForMovie(site, movie).filter((r) => r.movieId === movie.id));
  out.sort(byNewest);
  const feed = out.slice(0, 500);
  resultCache.set(key, feed);
  return feed;
}

/** Keeps releases in any of the asked categories (a parent category matches its subcategories). */
export function inCategories(release: Release, categories: readonly number[]): boolean {
  if (categories.length === 0) return true;
  return categories.some(
    (category) =>
      release.categories.includes(category) ||
      (category % 1000 === 0 && Math.floor(release.categories[1] / 1000) * 1000 === category),
  );
}

export function movieOf(release: Release): Movie {
  return movieById(release.movieId) as Movie;
}

export function publishDate(release: Release): string {
  return new Date(release.publishedAt * 1000).toUTCString().replace("GMT", "+0000");
}

// --- Torrents --------------------------------------------------------------------------------

/** Where a release's .torrent says it came from: its tracker's announce URL and details page. */
export interface TorrentOrigin {
  announce: string;
  comment: string;
}

export function torrentSource(release: Release, origin: TorrentOrigin): TorrentSource {
  return {
    name: release.rootName,
    files: release.files,
    multiFile: release.multiFile,
    pieceLength: release.pieceLength,
    seed: hashString(`pieces:${release.site}:${release.id}`),
    announce: origin.announce,
    comment: origin.comment,
    createdAt: release.publishedAt,
    ...(release.site === "hdbits" ? { privateSource: "HDBits" } : {}),
  };
}

const infoHashes = new Map<string, string>();
/** Info hash → release, for clients that are handed a magnet link and must find its metadata. */
const releasesByHash = new Map<string, { site: IndexerSite; id: string }>();

/** The release's info hash: the SHA-1 of the info dictionary its .torrent carries. */
export async function releaseInfoHash(release: Release): Promise<string> {
  const key = `${release.site}:${release.id}`;
  let hash = infoHashes.get(key);
  if (!hash) {
    hash = await torrentInfoHash(torrentSource(release, { announce: "", comment: "" }));
    if (infoHashes.size >= RELEASE_CACHE_LIMIT) {
      infoHashes.clear();
      releasesByHash.clear();
    }
    infoHashes.set(key, hash);
    releasesByHash.set(hash, { site: release.site, id: release.id });
  }
  return hash;
}

export function releaseByInfoHash(infoHash: string): Release | null {
  const found = releasesByHash.get(infoHash.toLowerCase());
  return found ? releaseById(found.site, found.id) : null;
}
