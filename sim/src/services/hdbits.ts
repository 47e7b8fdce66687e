import { z } from "zod";
import * as clock from "../clock";
import { movieById, movieByImdbId } from "../data/catalogue";
import { genreName } from "../data/reference";
import {
  latestReleases,
  MAX_RELEASES_PER_MOVIE,
  movieOf,
  type Release,
  releaseAt,
  releaseByInfoHash,
  releaseInfoHash,
  releasesForMovie,
  releasesForQuery,
  resetReleaseCounts,
  setReleaseCount,
  spacedName,
  torrentSource,
} from "../data/releases";
import { buildTorrent } from "../data/torrent";
import { browsePage } from "./hdbitsBrowse";
import { createService } from "./service";
import { isRejectedSecret, readControlBody } from "./sim-controls";

/**
 * HDBits (hdbits.org) as its JSON API serves torrents: `POST /hdbits/api/torrents` with
 * `{username, passkey, id?, hash?, search?, category?: [1], codec?: [], medium?: [], origin?,
 * imdb?: {id}, tvdb?: {id}, limit? (1–100, default 30), page? (from 0)}` → `{status: 0, data:
 * [{id, hash, leechers, seeders, name, times_completed, size, utadded, added, comments, numfiles,
 * filename, freeleech: "yes"|"no", type_category, type_codec, type_medium, type_origin,
 * type_exclusive, imdb: {id, englishtitle, originaltitle, year, genres, rating}}]}`, newest first.
 * Movies only (category 1), HD only. Codecs: 1 H.264, 2 MPEG-2, 3 VC-1, 4 XviD, 5 HEVC; media:
 * 1 Blu-ray/HD DVD, 3 Encode, 4 Capture, 5 Remux, 6 WEB-DL; origin 1 = internal (CtrlHD, DON,
 * EbP, TayTO, decibeL, HiDt: well seeded, steady sizes, often freeleech and exclusive). No search
 * criteria = the newest torrents (RSS), then, page after page, a generated back catalogue of 45,000
 * movie torrents over the two years before the catalogue's reference day (./hdbitsBrowse.ts), as
 * the analyzer browses it; the fault switches (kind "rateLimit") make it answer 429. Status codes as HDBits sends them: 3 JSON malformed,
 * 4 auth data missing, 5 auth failed (a passkey that is empty or starts "invalid"/"wrong"),
 * 7 invalid parameter, 9 a TV query; HTTP 200 throughout.
 * `GET /hdbits/download.php?id=&passkey=` serves the .torrent (private, `source` HDBits; its info
 * hash is the `hash` above). Simulator controls: `POST /hdbits/__results {"tmdbId", "count"}` as
 * on the Newznab/Torznab services; `POST /hdbits/__duplicates {"overlap": n}` makes consecutive
 * pages share n torrents (page p starts at p × (limit − n), as when new uploads push the list
 * down between two requests), so one search sees the same info hash twice; a torrent also
 * answers both its movie's IMDb search and a title search, so two searches share hashes too.
 * A passkey "status-N" (N 1–9) is answered with HDBits status N, for the statuses a well-formed
 * request cannot provoke (1 failure, 2 SSL required, 6 missing parameters). `GET
 * /hdbits/__requests?passkey=` lists the API bodies received with that passkey (passkey left
 * out) and when, oldest first, so tests can read the categories, paging and pacing sent.
 */

const STATUS_MESSAGES: Record<number, string> = {
  1: "Failure",
  2: "SSL Required",
  3: "JSON Malformed",
  4: "Auth data missing",
  5: "Auth failed",
  6: "Missing required parameters",
  7: "Invalid parameter",
  9: "TV is not allowed in an IMDb query",
};

function apiStatus(status: number, message = STATUS_MESSAGES[status], httpStatus = 200): Response {
  return Response.json({ status, message }, { status: httpStatus });
}

export const hdbits = createService({
  name: "hdbits",
  description: "HDBits (hdbits.org) JSON API: POST /api/torrents (imdb, search, filters, paging), download.php",
  errorResponse: (status) => apiStatus(1, status === 429 ? "Too many requests" : `HTTP ${status}`, status),
});

const TORRENT_ID_STRIDE = 10_000;
const REQUEST_LOG_LIMIT = 500;

/** Torrents consecutive pages share (`__duplicates`); 0 = pages are disjoint, as HDBits serves them at rest. */
let pageOverlap = 0;
/** API bodies received, newest last (`__requests`). */
let requestLog: { at: string; passkey: string; body: Record<string, unknown> }[] = [];

function logRequest(raw: Record<string, unknown>) {
  const { passkey, ...body } = raw;
  requestLog.push({ at: clock.nowIso(), passkey: String(passkey ?? ""), body });
  if (requestLog.length > REQUEST_LOG_LIMIT) requestLog = requestLog.slice(-REQUEST_LOG_LIMIT);
}

/** The first index of a page: pages overlap by `pageOverlap` torrents (never a whole page). */
function pageStart(page: number, limit: number): number {
  return page * (limit - Math.min(pageOverlap, limit - 1));
}
const DEFAULT_LIMIT = 30;
const MAX_LIMIT = 100;

const torrentId = (release: Release) => release.movieId * TORRENT_ID_STRIDE + release.index;

function releaseForTorrentId(id: number): Release | null {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return releaseAt("hdbits", Math.floor(id / TORRENT_ID_STRIDE), id % TORRENT_ID_STRIDE);
}

const CODECS: Record<Release["codec"], number> = {
  "H.264": 1,
  x264: 1,
  AVC: 1,
  "MPEG-2": 2,
  "VC-1": 3,
  XviD: 4,
  "H.265": 5,
  x265: 5,
  HEVC: 5,
};

const MEDIA: Record<Release["medium"], number> = {
  disc: 1,
  encode: 3,
  hdtv: 4,
  remux: 5,
  web: 6,
  cam: 3,
  dvd: 3,
};

/** HDBits lists names with spaces ("The Matrix 1999 1080p BluRay DTS x264-CtrlHD"). */
function hdbitsName(title: string): string {
  return title.includes(" ") ? title : spacedName(title);
}

function addedAt(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

async function torrentBody(release: Release) {
  const movie = movieOf(release);
  const imdb = movie.imdbId ? Number(movie.imdbId.replace(/^tt/, "")) : 0;
  return {
    id: torrentId(release),
    hash: await releaseInfoHash(release),
    leechers: release.leechers,
    seeders: release.seeders,
    name: hdbitsName(release.title),
    times_completed: release.timesCompleted,
    size: release.size,
    utadded: release.publishedAt,
    added: addedAt(release.publishedAt),
    comments: release.comments,
    numfiles: release.files.length,
    filename: `${release.title.replace(/\s+/g, ".")}.torrent`,
    freeleech: release.freeleech ? "yes" : "no",
    type_category: 1,
    type_codec: CODECS[release.codec],
    type_medium: MEDIA[release.medium],
    type_origin: release.internal ? 1 : 0,
    type_exclusive: release.exclusive ? 1 : 0,
    torrent_status: "",
    bookmarked: 0,
    wishlisted: 0,
    tags: [] as string[],
    imdb: {
      id: imdb,
      englishtitle: movie.title,
      originaltitle: movie.originalTitle,
      year: Number(movie.releaseDate.slice(0, 4)),
      genres: movie.genreIds.map(genreName),
      rating: Math.round(movie.voteAverage * 10) / 10,
    },
  };
}

const intList = z.array(z.number().int());

const querySchema = z.object({
  username: z.string().optional(),
  passkey: z.string().optional(),
  id: z.coerce.number().int().positive().optional(),
  hash: z
    .string()
    .regex(/^[0-9a-fA-F]{40}$/, "must be a 40-character hex info hash")
    .optional(),
  search: z.string().optional(),
  category: intList.optional(),
  codec: intList.optional(),
  medium: intList.optional(),
  origin: z.union([z.number().int(), intList]).optional(),
  exclusive: z.number().int().optional(),
  imdb: z.object({ id: z.coerce.number().int().nonnegative() }).partial().optional(),
  tvdb: z.object({ id: z.coerce.number().int().optional() }).passthrough().optional(),
  file_in_torrent: z.string().optional(),
  snatched_only: z.boolean().optional(),
  limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
  page: z.number().int().min(0).optional(),
});

hdbits.app.post("/api/torrents", async (c) => {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return apiStatus(3);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return apiStatus(3);
  const raw = body as Record<string, unknown>;
  logRequest(raw);
  if (
    typeof raw.username !== "string" ||
    !raw.username.trim() ||
    typeof raw.passkey !== "string" ||
    !raw.passkey.trim()
  ) {
    return apiStatus(4);
  }
  if (isRejectedSecret(raw.passkey)) return apiStatus(5);
  const forced = /^status-([1-9])$/.exec(raw.passkey.trim());
  if (forced) return apiStatus(Number(forced[1]));
  const parsed = querySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return apiStatus(7, `Invalid parameter: ${issue.path.join(".") || "body"} ${issue.message}`);
  }
  const query = parsed.data;
  if (query.tvdb?.id !== undefined) return apiStatus(9);

  let releases: Release[];
  let browsing = false;
  if (query.id !== undefined) {
    const found = releaseForTorrentId(query.id);
    releases = found ? [found] : [];
  } else if (query.hash !== undefined) {
    const found = releaseByInfoHash(query.hash);
    releases = found?.site === "hdbits" ? [found] : [];
  } else if (query.imdb?.id !== undefined) {
    const movie = movieByImdbId(`tt${String(query.imdb.id).padStart(7, "0")}`);
    releases = movie ? releasesForMovie("hdbits", movie) : [];
  } else if (query.search?.trim()) {
    releases = releasesForQuery("hdbits", query.search);
  } else {
    releases = latestReleases("hdbits");
    browsing = true;
  }
  const origins = query.origin === undefined ? undefined : Array.isArray(query.origin) ? query.origin : [query.origin];
  const matching = releases.filter(
    (release) =>
      (!query.category?.length || query.category.includes(1)) &&
      (!query.codec?.length || query.codec.includes(CODECS[release.codec])) &&
      (!query.medium?.length || query.medium.includes(MEDIA[release.medium])) &&
      (!origins?.length || origins.includes(release.internal ? 1 : 0)) &&
      (query.exclusive === undefined || query.exclusive === (release.exclusive ? 1 : 0)),
  );
  const limit = query.limit ?? DEFAULT_LIMIT;
  const start = pageStart(query.page ?? 0, limit);
  if (browsing) {
    // No criteria: the feed, then the two-year back catalogue from where the feed ends.
    const oldest = releases.length ? Math.min(...releases.map((r) => r.publishedAt)) : null;
    const filters = { ...query, origins };
    const data = await browsePage(
      matching,
      (items) => Promise.all(items.map(torrentBody)),
      oldest,
      start,
      limit,
      filters,
    );
    return c.json({ status: 0, data });
  }
  const data = await Promise.all(matching.slice(start, start + limit).map(torrentBody));
  return c.json({ status: 0, data });
});

hdbits.app.get("/download.php", async (c) => {
  const passkey = c.req.query("passkey");
  if (isRejectedSecret(passkey)) return c.text("Invalid passkey", 403);
  const release = releaseForTorrentId(Number(c.req.query("id")));
  if (!release) return c.text("No torrent with that id", 404);
  const origin = new URL(c.req.url).origin;
  const bytes = buildTorrent(
    torrentSource(release, {
      announce: `${origin}/hdbits/announce.php?passkey=${encodeURIComponent(passkey ?? "")}`,
      comment: `${origin}/hdbits/details.php?id=${torrentId(release)}`,
    }),
  );
  // The hash registry learns this torrent even when no search listed it first.
  await releaseInfoHash(release);
  return new Response(bytes, {
    headers: {
      "content-type": "application/x-bittorrent",
      "content-disposition": `attachment; filename="${release.title.replace(/[\s"]+/g, ".")}.torrent"`,
    },
  });
});

hdbits.app.get("/details.php", (c) => {
  const release = releaseForTorrentId(Number(c.req.query("id")));
  if (!release) return c.html("<!doctype html><title>Not found</title><p>No such torrent.</p>", 404);
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${hdbitsName(release.title)}</title></head>` +
      `<body><h1>${hdbitsName(release.title)}</h1><p>Demo data from the Radarr Edge simulator.</p></body></html>`,
  );
});

const resultsSchema = z
  .object({
    tmdbId: z.number().int().positive(),
    count: z.number().int().min(0).max(MAX_RELEASES_PER_MOVIE).nullable(),
  })
  .strict();

hdbits.app.post("/__results", async (c) => {
  const body = await readControlBody(c, resultsSchema, "Invalid results control");
  if (!body.ok) return body.response;
  const movie = movieById(body.data.tmdbId);
  if (!movie) {
    return c.json(
      { message: "Invalid results control", errors: [{ path: "tmdbId", message: "No such movie in the catalogue" }] },
      400,
    );
  }
  setReleaseCount("hdbits", movie.id, body.data.count);
  return c.json({ tmdbId: movie.id, count: releasesForMovie("hdbits", movie).length });
});

hdbits.app.post("/__duplicates", async (c) => {
  const body = await readControlBody(
    c,
    z
      .object({
        overlap: z
          .number()
          .int()
          .min(0)
          .max(MAX_LIMIT - 1),
      })
      .strict(),
    "Invalid duplicates control",
  );
  if (!body.ok) return body.response;
  pageOverlap = body.data.overlap;
  return c.json({ overlap: pageOverlap });
});

hdbits.app.get("/__requests", (c) => {
  const passkey = c.req.query("passkey") ?? "";
  return c.json({ requests: requestLog.filter((r) => r.passkey === passkey).map(({ at, body }) => ({ at, body })) });
});

hdbits.reset = () => {
  resetReleaseCounts("hdbits");
  pageOverlap = 0;
  requestLog = [];
};
