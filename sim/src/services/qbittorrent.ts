import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import * as clock from "../clock";
import { registerDownloadControls } from "../downloads/controls";
import { type Download, DownloadStore, type Instance, joinPath, normalisePath } from "../downloads/model";
import { moveInQueue, type QueueMove, queuePosition } from "../downloads/queueOrder";
import { releaseTorrentSpec, TorrentAddError, type TorrentInput, torrentSpec } from "../downloads/torrents";
import { createService } from "./service";
import { isRejectedSecret } from "./sim-controls";

/**
 * qBittorrent's WebUI API v2 (as qBittorrent v4.6 serves it, Web API 2.9.3) under /qbittorrent.
 *   POST /api/v2/auth/login   form username + password → "Ok." and a `SID` cookie, or "Fails.";
 *                             after 5 failures the username is banned for 60 s (403; qBittorrent
 *                             bans the IP for an hour). Any username works with any password that
 *                             is not empty and does not start "invalid" or "wrong". Each username
 *                             is its own qBittorrent (torrents, categories, disk, log).
 *   every other route         403 "Forbidden" without a valid SID (sessions expire after 1 h idle)
 *   app/version, app/webapiVersion, app/buildInfo, app/preferences, app/defaultSavePath,
 *   transfer/info, sync/maindata (server_state.free_space_on_disk), log/main,
 *   torrents/info (filter, category, tag, sort, reverse, limit, offset, hashes), torrents/properties,
 *   torrents/files, torrents/categories, torrents/tags,
 *   POST torrents/add (multipart or urlencoded: urls — .torrent URLs on the simulator or a loopback
 *   address, or magnets —, torrents (files), savepath, category, tags, paused/stopped, rename,
 *   contentLayout/root_folder, autoTMM, ratioLimit, seedingTimeLimit (minutes); "Ok.", "Fails." for a
 *   duplicate or a URL that cannot be fetched, 415 for a file that is not a torrent), torrents/delete (hashes, deleteFiles),
 *   setLocation (400 empty, 409 relative path, 403 under /readonly), renameFile, renameFolder,
 *   rename, setCategory, createCategory, editCategory, removeCategories, addTags, removeTags,
 *   pause/resume (stop/start), recheck, reannounce, setForceStart, setShareLimits, topPrio/bottomPrio/
 *   increasePrio/decreasePrio (409 while queueing is off; app/setPreferences {queueing_enabled}
 *   turns it on; a torrent's `priority` is then its queue place from 1, new torrents at the bottom).
 * States progress with wall time: queuedDL (a .torrent) or metaDL (a magnet) → downloading →
 * uploading (first minute) → stalledUP, or pausedDL/pausedUP. Completed content exists at
 * content_path on the instance's disk; setLocation moves it, renameFile/renameFolder rename it,
 * delete with deleteFiles removes it. Faults (see downloads/controls.ts): stall → stalledDL with
 * dlspeed 0; diskFull → error, server_state.free_space_on_disk 0 and a critical log line "No space
 * left on device"; hashMismatch → completes, then missingFiles with progress below 1 and a log line
 * "Piece #n is corrupt"; missingFiles → completes without its files, then missingFiles;
 * authFailure → logins fail and sessions are refused. A magnet the simulator's indexers never
 * listed stays in metaDL.
 */

const VERSION = "v4.6.7";
const WEB_API_VERSION = "2.9.3";
const DEFAULT_SAVE_PATH = "/downloads";
const SESSION_TIMEOUT_MS = 3_600_000;
const MAX_AUTH_FAILURES = 5;
const BAN_MS = 60_000;
/** qBittorrent's "infinite" ETA. */
const ETA_UNKNOWN = 8_640_000;
const SEED_UPLOAD_BYTES_PER_SECOND = 2 * 1024 * 1024;
const ACTIVE_SEEDING_MS = 60_000;

export const qbittorrent = createService({
  name: "qbittorrent",
  description:
    "qBittorrent WebUI API v2: login cookie, add by URL/magnet/file, torrent states, setLocation, renameFile, delete",
  errorResponse: (status) =>
    new Response(status === 403 ? "Forbidden" : status === 404 ? "Not Found" : "Internal Server Error", {
      status,
      headers: { "content-type": "text/plain; charset=UTF-8" },
    }),
});

const store = new DownloadStore("qbittorrent");

interface Session {
  instance: string;
  lastSeen: number;
}

const sessions = new Map<string, Session>();
const authFailures = new Map<string, { count: number; bannedUntil: number }>();

qbittorrent.reset = () => {
  store.reset();
  sessions.clear();
  authFailures.clear();
};

const app = qbittorrent.app;

function text(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=UTF-8" } });
}

function newSid(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, "x");
}

/** Query parameters and (for POST) form fields, as qBittorrent reads both. */
async function params(c: Context): Promise<Record<string, string>> {
  const out: Record<string, string> = { ...c.req.query() };
  if (c.req.method === "POST") {
    const type = c.req.header("content-type") ?? "";
    if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
      const body = await c.req.parseBody();
      for (const [key, value] of Object.entries(body)) if (typeof value === "string") out[key] = value;
    }
  }
  return out;
}

const truthy = (value: string | undefined) => value === "true" || value === "1";

// --- Authentication ----------------------------------------------------------------------------

app.post("/api/v2/auth/login", async (c) => {
  const { username = "", password = "" } = await params(c);
  const now = clock.now();
  const failures = authFailures.get(username) ?? { count: 0, bannedUntil: 0 };
  if (failures.bannedUntil > now) {
    return text("Your IP address has been banned after too many failed authentication attempts.", 403);
  }
  if (!username.trim() || isRejectedSecret(password) || store.authFails(username)) {
    failures.count++;
    if (failures.count >= MAX_AUTH_FAILURES) {
      failures.bannedUntil = now + BAN_MS;
      failures.count = 0;
    }
    authFailures.set(username, failures);
    return text("Fails.");
  }
  authFailures.delete(username);
  const sid = newSid();
  sessions.set(sid, { instance: username, lastSeen: now });
  const response = text("Ok.");
  response.headers.append("Set-Cookie", `SID=${sid}; HttpOnly; SameSite=Strict; path=/`);
  return response;
});

app.on(["GET", "POST"], "/api/v2/auth/logout", (c) => {
  const sid = getCookie(c, "SID");
  if (sid) sessions.delete(sid);
  return text("");
});

/** The instance a request's SID belongs to, or null (qBittorrent answers 403). */
function sessionInstance(c: Context): Instance | null {
  const sid = getCookie(c, "SID");
  const session = sid ? sessions.get(sid) : undefined;
  const now = clock.now();
  if (!sid || !session) return null;
  if (now - session.lastSeen > SESSION_TIMEOUT_MS || store.authBlocked(session.instance)) {
    sessions.delete(sid);
    return null;
  }
  session.lastSeen = now;
  return store.instance(session.instance);
}

type Handler = (c: Context, instance: Instance, fields: Record<string, string>) => Response | Promise<Response>;

/** A WebUI route: authenticated; reads answer GET and POST, actions only POST (405 otherwise). */
function route(kind: "read" | "action", path: string, handler: Handler) {
  app.on(["GET", "POST"], `/api/v2/${path}`, async (c) => {
    const instance = sessionInstance(c);
    if (!instance) return text("Forbidden", 403);
    if (kind === "action" && c.req.method !== "POST") return text("Method Not Allowed", 405);
    return handler(c, instance, path === "torrents/add" ? {} : await params(c));
  });
}

// --- Views of a torrent --------------------------------------------------------------------------

function qbState(download: Download, now: number): string {
  const fault = download.fault;
  if (fault?.kind === "diskFull" && fault.struckAt !== null) return "error";
  if (download.completedAt !== null) {
    if (fault?.kind === "hashMismatch" || !store.filesPresent(download)) return "missingFiles";
    if (download.paused) return "pausedUP";
    if (download.forceStart) return "forcedUP";
    return now - download.completedAt < ACTIVE_SEEDING_MS ? "uploading" : "stalledUP";
  }
  if (download.paused) return "pausedDL";
  if (download.awaitingMetadata || (download.magnet !== null && now < download.startAt)) {
    return download.forceStart ? "forcedMetaDL" : "metaDL";
  }
  if (now < download.startAt) return "queuedDL";
  if (fault?.kind === "stall" && fault.struckAt !== null) return "stalledDL";
  return download.forceStart ? "forcedDL" : "downloading";
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function uploaded(download: Download, now: number): number {
  if (download.completedAt === null) return 0;
  return Math.round((Math.min(now - download.completedAt, ACTIVE_SEEDING_MS) / 1000) * SEED_UPLOAD_BYTES_PER_SECOND);
}

/** Queueing (Options › BitTorrent › Torrent Queueing), off until app/setPreferences turns it on. */
function queueingEnabled(instance: Instance): boolean {
  return instance.state.get("queueing_enabled") === true;
}

/** A torrent's queue place from 1 (the top); -1 while queueing is off or once it seeds (qBittorrent's). */
function queuePriority(download: Download): number {
  const instance = store.instance(download.instance);
  if (!queueingEnabled(instance) || download.completedAt !== null) return -1;
  return queuePosition(instance, download) + 1;
}

function torrentInfo(download: Download, now: number) {
  store.observe(download, now);
  const state = qbState(download, now);
  const rate = store.rate(download, now);
  const eta = store.eta(download, now);
  const stalled = state === "stalledDL";
  const sent = uploaded(download, now);
  const extra = download.extra ?? {};
  const root = download.multiFile ? joinPath(download.savePath, download.files[0]?.path.split("/")[0] ?? "") : "";
  return {
    added_on: seconds(download.addedAt),
    amount_left: download.size - download.done,
    auto_tmm: false,
    availability: stalled ? 0 : download.completedAt !== null ? -1 : Math.min(50, download.seeders) + 0.25,
    category: download.category,
    completed: download.done,
    completion_on: download.completedAt === null ? -1 : seconds(download.completedAt),
    content_path: store.contentPath(download),
    dl_limit: -1,
    dlspeed: stalled ? 0 : rate,
    download_path: "",
    downloaded: download.done,
    downloaded_session: download.done,
    eta: eta === null || download.completedAt !== null ? ETA_UNKNOWN : eta,
    f_l_piece_prio: false,
    force_start: download.forceStart,
    hash: download.id,
    inactive_seeding_time_limit: -2,
    infohash_v1: download.id,
    infohash_v2: "",
    isPrivate: extra.private === true,
    last_activity: seconds(download.completedAt ?? (rate > 0 ? now : download.addedAt)),
    magnet_uri: download.magnet ?? `magnet:?xt=urn:btih:${download.id}&dn=${encodeURIComponent(download.name)}`,
    max_inactive_seeding_time: -1,
    max_ratio: -1,
    max_seeding_time: -1,
    name: (extra.displayName as string | undefined) ?? download.name,
    num_complete: download.seeders,
    num_incomplete: download.leechers,
    num_leechs: stalled ? 0 : Math.min(20, download.leechers),
    num_seeds: stalled ? 0 : Math.min(50, download.seeders),
    priority: queuePriority(download),
    progress: download.size > 0 ? download.done / download.size : 0,
    ratio: download.size > 0 ? Math.round((sent / download.size) * 1000) / 1000 : 0,
    ratio_limit: typeof extra.ratioLimit === "number" ? extra.ratioLimit : -2,
    root_path: root,
    save_path: download.savePath,
    seeding_time: download.completedAt === null ? 0 : seconds(now - download.completedAt),
    seeding_time_limit: typeof extra.seedingTimeLimit === "number" ? extra.seedingTimeLimit : -2,
    seen_complete: download.completedAt === null ? -1 : seconds(now),
    seq_dl: extra.sequential === true,
    size: download.size,
    state,
    super_seeding: false,
    tags: download.tags.join(", "),
    time_active: seconds(now - download.addedAt),
    total_size: download.size,
    tracker: typeof extra.tracker === "string" ? extra.tracker : "",
    trackers_count: extra.tracker ? 1 : 0,
    up_limit: -1,
    uploaded: sent,
    uploaded_session: sent,
    upspeed:
      download.completedAt !== null && now - download.completedAt < ACTIVE_SEEDING_MS
        ? SEED_UPLOAD_BYTES_PER_SECOND
        : 0,
  };
}

function findTorrents(instance: Instance, hashes: string | undefined): Download[] {
  if (!hashes) return [];
  if (hashes === "all") return [...instance.downloads.values()];
  return hashes
    .split("|")
    .map((hash) => instance.downloads.get(hash.trim().toLowerCase()))
    .filter((download): download is Download => download !== undefined);
}

const FILTERS: Record<string, (state: string, download: Download) => boolean> = {
  all: () => true,
  downloading: (state) =>
    ["downloading", "metaDL", "forcedMetaDL", "queuedDL", "stalledDL", "pausedDL", "forcedDL", "checkingDL"].includes(
      state,
    ),
  seeding: (state) => ["uploading", "stalledUP", "forcedUP", "queuedUP"].includes(state),
  completed: (_state, download) => download.completedAt !== null,
  paused: (state) => state.startsWith("paused"),
  stopped: (state) => state.startsWith("paused"),
  active: (_state, download) => store.rate(download) > 0,
  inactive: (_state, download) => store.rate(download) === 0,
  resumed: (state) => !state.startsWith("paused"),
  running: (state) => !state.startsWith("paused"),
  stalled: (state) => state === "stalledUP" || state === "stalledDL",
  stalled_uploading: (state) => state === "stalledUP",
  stalled_downloading: (state) => state === "stalledDL",
  errored: (state) => state === "error" || state === "missingFiles",
};

// --- App -------------------------------------------------------------------------------------

route("read", "app/version", () => text(VERSION));
route("read", "app/webapiVersion", () => text(WEB_API_VERSION));
route("read", "app/buildInfo", (c) =>
  c.json({ qt: "6.5.3", libtorrent: "2.0.10.0", boost: "1.84.0", openssl: "3.2.1", zlib: "1.3.1", bitness: 64 }),
);
route("read", "app/defaultSavePath", () => text(DEFAULT_SAVE_PATH));
route("read", "app/preferences", (c, instance) =>
  c.json({
    locale: "en",
    save_path: DEFAULT_SAVE_PATH,
    temp_path_enabled: false,
    temp_path: `${DEFAULT_SAVE_PATH}/incomplete`,
    auto_tmm_enabled: false,
    torrent_content_layout: "Original",
    start_paused_enabled: false,
    create_subfolder_enabled: true,
    queueing_enabled: queueingEnabled(instance),
    max_active_downloads: 3,
    max_active_torrents: 5,
    max_active_uploads: 3,
    max_ratio_enabled: false,
    max_ratio: -1,
    max_ratio_act: 0,
    max_seeding_time_enabled: false,
    max_seeding_time: -1,
    max_inactive_seeding_time_enabled: false,
    max_inactive_seeding_time: -1,
    dht: true,
    pex: true,
    lsd: true,
    web_ui_username: instance.key,
    web_ui_max_auth_fail_count: MAX_AUTH_FAILURES,
    web_ui_ban_duration: BAN_MS / 1000,
    web_ui_session_timeout: SESSION_TIMEOUT_MS / 1000,
    dl_limit: 0,
    up_limit: 0,
    listen_port: 6881,
  }),
);

function serverState(instance: Instance, now: number) {
  let down = 0;
  let data = 0;
  for (const download of instance.downloads.values()) {
    store.observe(download, now);
    down += store.rate(download, now);
    data += download.done;
  }
  return {
    alltime_dl: data,
    alltime_ul: 0,
    connection_status: "connected",
    dht_nodes: 312,
    dl_info_data: data,
    dl_info_speed: down,
    dl_rate_limit: 0,
    free_space_on_disk: store.freeSpace(instance),
    global_ratio: "0.00",
    queueing: queueingEnabled(instance),
    refresh_interval: 1500,
    up_info_data: 0,
    up_info_speed: 0,
    up_rate_limit: 0,
    use_alt_speed_limits: false,
  };
}

route("read", "transfer/info", (c, instance) => {
  const state = serverState(instance, clock.now());
  return c.json({
    connection_status: state.connection_status,
    dht_nodes: state.dht_nodes,
    dl_info_data: state.dl_info_data,
    dl_info_speed: state.dl_info_speed,
    dl_rate_limit: 0,
    up_info_data: 0,
    up_info_speed: 0,
    up_rate_limit: 0,
  });
});

route("read", "sync/maindata", (c, instance, fields) => {
  const now = clock.now();
  const torrents: Record<string, unknown> = {};
  for (const download of instance.downloads.values()) {
    const { hash, ...info } = torrentInfo(download, now);
    torrents[hash] = info;
  }
  return c.json({
    rid: Number(fields.rid ?? 0) + 1,
    full_update: true,
    torrents,
    categories: categoryView(instance),
    tags: allTags(instance),
    server_state: serverState(instance, now),
  });
});

route("read", "log/main", (c, instance, fields) => {
  const include = (name: string) => fields[name] === undefined || truthy(fields[name]);
  const types = new Set<number>([
    ...(include("normal") ? [1] : []),
    ...(include("info") ? [2] : []),
    ...(include("warning") ? [4] : []),
    ...(include("critical") ? [8] : []),
  ]);
  const after = Number(fields.last_known_id ?? -1);
  return c.json(instance.log.filter((entry) => entry.id > after && types.has(entry.type)));
});

// --- Categories and tags -----------------------------------------------------------------------

function categories(instance: Instance): Map<string, string> {
  let found = instance.state.get("categories") as Map<string, string> | undefined;
  if (!found) {
    found = new Map();
    instance.state.set("categories", found);
  }
  return found;
}

function categoryView(instance: Instance) {
  return Object.fromEntries([...categories(instance).entries()].map(([name, savePath]) => [name, { name, savePath }]));
}

function validCategory(name: string): boolean {
  return !/\\|\/\/|^\/|\/$/.test(name);
}

function allTags(instance: Instance): string[] {
  const tags = (instance.state.get("tags") as Set<string> | undefined) ?? new Set<string>();
  for (const download of instance.downloads.values()) for (const tag of download.tags) tags.add(tag);
  instance.state.set("tags", tags);
  return [...tags].sort();
}

const splitTags = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

route("read", "torrents/categories", (c, instance) => c.json(categoryView(instance)));
route("read", "torrents/tags", (c, instance) => c.json(allTags(instance)));

route("action", "torrents/createCategory", (_c, instance, fields) => {
  const name = fields.category?.trim() ?? "";
  if (!name) return text("Category name cannot be empty", 400);
  if (!validCategory(name)) return text("Incorrect category name", 409);
  if (categories(instance).has(name)) return text("Unable to create category", 409);
  categories(instance).set(name, fields.savePath ? normalisePath(fields.savePath) : "");
  return text("");
});

route("action", "torrents/editCategory", (_c, instance, fields) => {
  const name = fields.category?.trim() ?? "";
  if (!name) return text("Category name cannot be empty", 400);
  if (!categories(instance).has(name)) return text("Unable to edit category", 409);
  categories(instance).set(name, fields.savePath ? normalisePath(fields.savePath) : "");
  return text("");
});

route("action", "torrents/removeCategories", (_c, instance, fields) => {
  for (const name of (fields.categories ?? "").split("\n")) {
    if (!categories(instance).delete(name.trim())) continue;
    for (const download of instance.downloads.values()) if (download.category === name.trim()) download.category = "";
  }
  return text("");
});

route("action", "torrents/setCategory", (_c, instance, fields) => {
  const name = fields.category ?? "";
  if (name && !categories(instance).has(name)) return text("Incorrect category name", 409);
  for (const download of findTorrents(instance, fields.hashes)) download.category = name;
  return text("");
});

route("action", "torrents/addTags", (_c, instance, fields) => {
  const tags = splitTags(fields.tags);
  for (const download of findTorrents(instance, fields.hashes))
    download.tags = [...new Set([...download.tags, ...tags])];
  return text("");
});

route("action", "torrents/removeTags", (_c, instance, fields) => {
  const tags = new Set(splitTags(fields.tags));
  for (const download of findTorrents(instance, fields.hashes)) {
    download.tags = tags.size === 0 ? [] : download.tags.filter((tag) => !tags.has(tag));
  }
  return text("");
});

// --- Torrents --------------------------------------------------------------------------------

route("read", "torrents/info", (c, instance, fields) => {
  const now = clock.now();
  const filter = FILTERS[fields.filter ?? "all"] ?? FILTERS.all;
  const wanted = fields.hashes ? new Set(fields.hashes.toLowerCase().split("|")) : null;
  let rows = [...instance.downloads.values()]
    .filter((download) => !wanted || wanted.has(download.id))
    .filter((download) => fields.category === undefined || download.category === fields.category)
    .filter(
      (download) =>
        fields.tag === undefined ||
        (fields.tag === "" ? download.tags.length === 0 : download.tags.includes(fields.tag)),
    )
    .map((download) => ({ download, info: torrentInfo(download, now) }))
    .filter(({ download, info }) => filter(info.state, download))
    .map(({ info }) => info);
  const sort = fields.sort as keyof (typeof rows)[number] | undefined;
  if (sort && rows.length > 0 && sort in rows[0]) {
    rows.sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0));
    if (truthy(fields.reverse)) rows.reverse();
  }
  const offset = Math.max(0, Number(fields.offset ?? 0) || 0);
  if (offset > 0) rows = rows.slice(offset);
  const limit = Number(fields.limit ?? 0);
  if (limit > 0) rows = rows.slice(0, limit);
  return c.json(rows);
});

function torrentFor(instance: Instance, hash: string | undefined): Download | null {
  return hash ? (instance.downloads.get(hash.trim().toLowerCase()) ?? null) : null;
}

route("read", "torrents/properties", (c, instance, fields) => {
  const download = torrentFor(instance, fields.hash);
  if (!download) return text("Not Found", 404);
  const now = clock.now();
  const info = torrentInfo(download, now);
  const pieces = download.pieceLength > 0 ? Math.ceil(download.size / download.pieceLength) : -1;
  return c.json({
    addition_date: info.added_on,
    comment: typeof download.extra?.comment === "string" ? download.extra.comment : "",
    completion_date: info.completion_on,
    created_by: "radarr-edge-sim",
    creation_date: info.added_on,
    dl_limit: -1,
    dl_speed: info.dlspeed,
    dl_speed_avg: info.dlspeed,
    download_path: "",
    eta: info.eta,
    hash: download.id,
    infohash_v1: download.id,
    infohash_v2: "",
    isPrivate: info.isPrivate,
    last_seen: info.seen_complete,
    name: info.name,
    nb_connections: info.num_seeds + info.num_leechs,
    nb_connections_limit: 100,
    peers: info.num_leechs,
    peers_total: download.leechers,
    piece_size: download.pieceLength > 0 ? download.pieceLength : -1,
    pieces_have: pieces > 0 ? Math.floor((download.done / Math.max(1, download.size)) * pieces) : 0,
    pieces_num: pieces,
    reannounce: 1_200,
    save_path: download.savePath,
    seeding_time: info.seeding_time,
    seeds: info.num_seeds,
    seeds_total: download.seeders,
    share_ratio: info.ratio,
    time_elapsed: info.time_active,
    total_downloaded: download.done + download.corruptBytes,
    total_downloaded_session: download.done + download.corruptBytes,
    total_size: download.size,
    total_uploaded: info.uploaded,
    total_uploaded_session: info.uploaded,
    total_wasted: download.corruptBytes,
    up_limit: -1,
    up_speed: info.upspeed,
    up_speed_avg: info.upspeed,
  });
});

route("read", "torrents/files", (c, instance, fields) => {
  const download = torrentFor(instance, fields.hash);
  if (!download) return text("Not Found", 404);
  store.observe(download);
  const progress = download.size > 0 ? download.done / download.size : 0;
  const pieceLength = Math.max(1, download.pieceLength);
  let offset = 0;
  const files = download.files.map((file, index) => {
    const first = Math.floor(offset / pieceLength);
    offset += file.size;
    return {
      index,
      name: file.path,
      size: file.size,
      progress: download.completedAt !== null && download.fault?.kind !== "hashMismatch" ? 1 : progress,
      priority: 1,
      is_seed: download.completedAt !== null && download.fault === null,
      piece_range: [first, Math.max(first, Math.ceil(offset / pieceLength) - 1)],
      availability: download.completedAt !== null ? 1 : progress,
    };
  });
  return c.json(files);
});

function savePathFor(instance: Instance, fields: Record<string, string>, category: string): string {
  if (fields.savepath?.trim()) return normalisePath(fields.savepath);
  if (truthy(fields.autoTMM) && category) {
    return categories(instance).get(category) || joinPath(DEFAULT_SAVE_PATH, category);
  }
  return DEFAULT_SAVE_PATH;
}

/** The share limits torrents/add takes: ratioLimit and seedingTimeLimit (minutes); -2 is the global limit. */
function shareLimits(fields: Record<string, string>): Record<string, number> {
  const limits: Record<string, number> = {};
  const ratio = Number(fields.ratioLimit);
  const minutes = Number(fields.seedingTimeLimit);
  if (fields.ratioLimit !== undefined && Number.isFinite(ratio)) limits.ratioLimit = ratio;
  if (fields.seedingTimeLimit !== undefined && Number.isInteger(minutes)) limits.seedingTimeLimit = minutes;
  return limits;
}

app.post("/api/v2/torrents/add", async (c) => {
  const instance = sessionInstance(c);
  if (!instance) return text("Forbidden", 403);
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string> = {};
  const inputs: TorrentInput[] = [];
  for (const [key, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === "string") {
        if (key === "urls") {
          for (const url of item.split(/\r?\n/)) if (url.trim()) inputs.push({ kind: "url", url: url.trim() });
        } else {
          fields[key] = item;
        }
      } else if (key === "torrents") {
        inputs.push({ kind: "file", bytes: new Uint8Array(await item.arrayBuffer()) });
      }
    }
  }
  if (inputs.length === 0) return text("Fails.");
  const category = fields.category?.trim() ?? "";
  if (category && !validCategory(category)) return text("Fails.");
  // qBittorrent creates a category it is given that does not exist yet.
  if (category && !categories(instance).has(category)) categories(instance).set(category, "");
  const layout =
    fields.contentLayout === "Subfolder" || fields.contentLayout === "NoSubfolder"
      ? fields.contentLayout
      : fields.root_folder === "true"
        ? "Subfolder"
        : fields.root_folder === "false"
          ? "NoSubfolder"
          : "Original";
  const options = {
    savePath: savePathFor(instance, fields, category),
    category,
    tags: splitTags(fields.tags),
    paused: truthy(fields.paused) || truthy(fields.stopped),
    layout,
  } as const;
  let added = 0;
  for (const input of inputs) {
    try {
      const spec = await torrentSpec(input, c.req.url, options);
      if (instance.downloads.has(spec.id)) continue;
      if (fields.rename?.trim()) spec.extra = { ...spec.extra, displayName: fields.rename.trim() };
      if (truthy(fields.sequentialDownload)) spec.extra = { ...spec.extra, sequential: true };
      spec.extra = { ...spec.extra, ...shareLimits(fields) };
      store.add(instance, spec);
      added++;
    } catch (error) {
      if (!(error instanceof TorrentAddError)) throw error;
      if (error.reason === "invalid" && input.kind === "file") return text("Torrent file is not valid.", 415);
      store.log(instance, `Failed to add torrent: ${error.message}`, 8);
    }
  }
  return text(added > 0 ? "Ok." : "Fails.");
});

route("action", "torrents/delete", (_c, instance, fields) => {
  const deleteFiles = truthy(fields.deleteFiles);
  for (const download of findTorrents(instance, fields.hashes)) {
    store.remove(instance, download, deleteFiles);
    store.log(
      instance,
      deleteFiles
        ? `Removed torrent and deleted its content. Torrent: "${download.name}"`
        : `Removed torrent. Torrent: "${download.name}"`,
    );
  }
  return text("");
});

for (const [path, paused] of [
  ["torrents/pause", true],
  ["torrents/stop", true],
  ["torrents/resume", false],
  ["torrents/start", false],
] as const) {
  route("action", path, (_c, instance, fields) => {
    const now = clock.now();
    for (const download of findTorrents(instance, fields.hashes)) {
      store.observe(download, now);
      download.paused = paused;
    }
    return text("");
  });
}

route("action", "torrents/setForceStart", (_c, instance, fields) => {
  for (const download of findTorrents(instance, fields.hashes)) {
    download.forceStart = truthy(fields.value);
    if (download.forceStart) download.paused = false;
  }
  return text("");
});

for (const path of ["torrents/recheck", "torrents/reannounce", "torrents/setShareLimits", "torrents/setSuperSeeding"]) {
  route("action", path, (_c, instance, fields) => {
    for (const download of findTorrents(instance, fields.hashes)) store.observe(download);
    return text("");
  });
}

const QUEUE_MOVES: Record<string, QueueMove> = {
  "torrents/topPrio": "top",
  "torrents/bottomPrio": "bottom",
  "torrents/increasePrio": "up",
  "torrents/decreasePrio": "down",
};
for (const [path, move] of Object.entries(QUEUE_MOVES)) {
  route("action", path, (_c, instance, fields) => {
    if (!queueingEnabled(instance)) return text("Torrent queueing must be enabled", 409);
    moveInQueue(instance, findTorrents(instance, fields.hashes), move);
    return text("");
  });
}

/** `app/setPreferences` (form field json): the simulator keeps queueing_enabled; other keys are accepted and ignored. */
route("action", "app/setPreferences", (_c, instance, fields) => {
  let preferences: unknown;
  try {
    preferences = JSON.parse(fields.json ?? "");
  } catch {
    return text("Bad Request", 400);
  }
  if (typeof preferences !== "object" || preferences === null) return text("Bad Request", 400);
  const queueing = (preferences as Record<string, unknown>).queueing_enabled;
  if (typeof queueing === "boolean") instance.state.set("queueing_enabled", queueing);
  return text("");
});

route("action", "torrents/setLocation", (_c, instance, fields) => {
  const location = fields.location?.trim() ?? "";
  if (!location) return text("Save path cannot be empty", 400);
  if (!location.startsWith("/")) return text("Cannot make save path", 409);
  const target = normalisePath(location);
  if (target === "/readonly" || target.startsWith("/readonly/")) return text("Cannot write to directory", 403);
  const now = clock.now();
  for (const download of findTorrents(instance, fields.hashes)) {
    store.observe(download, now);
    store.move(download, target);
    store.log(instance, `Torrent "${download.name}" moved to "${target}"`);
  }
  return text("");
});

route("action", "torrents/renameFile", (_c, instance, fields) => {
  const download = torrentFor(instance, fields.hash);
  if (!fields.hash || fields.oldPath === undefined || fields.newPath === undefined) return text("Bad Request", 400);
  if (!download) return text("Not Found", 404);
  store.observe(download);
  if (!download.files.some((file) => file.path === normalisePath(fields.oldPath).slice(1))) {
    return text(`The file "${fields.oldPath}" does not exist`, 409);
  }
  if (!store.renameFile(download, fields.oldPath, fields.newPath)) {
    return text(`Cannot rename "${fields.oldPath}": "${fields.newPath}" is already in use or invalid`, 409);
  }
  return text("");
});

route("action", "torrents/renameFolder", (_c, instance, fields) => {
  const download = torrentFor(instance, fields.hash);
  if (!fields.hash || fields.oldPath === undefined || fields.newPath === undefined) return text("Bad Request", 400);
  if (!download) return text("Not Found", 404);
  store.observe(download);
  if (!store.renameFolder(download, fields.oldPath, fields.newPath)) {
    return text(`Cannot rename folder "${fields.oldPath}" to "${fields.newPath}"`, 409);
  }
  return text("");
});

route("action", "torrents/rename", (_c, instance, fields) => {
  const download = torrentFor(instance, fields.hash);
  if (!download) return text("Not Found", 404);
  const name = fields.name?.trim() ?? "";
  if (!name) return text("Incorrect torrent name", 409);
  download.extra = { ...download.extra, displayName: name };
  return text("");
});

registerDownloadControls(app, store, {
  defaultInstance: "admin",
  seedSite: "torznab",
  async seed({ instance, release, category }) {
    const spec = await releaseTorrentSpec(release, {
      savePath: DEFAULT_SAVE_PATH,
      category,
      tags: [],
      paused: false,
    });
    if (instance.downloads.has(spec.id)) return null;
    if (category && !categories(instance).has(category)) categories(instance).set(category, "");
    return store.add(instance, spec);
  },
});
