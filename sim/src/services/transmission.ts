import type { Context } from "hono";
import { z } from "zod";
import * as clock from "../clock";
import { base64ToBytes } from "../data/torrent";
import { registerDownloadControls } from "../downloads/controls";
import { type Download, DownloadStore, type Instance, normalisePath } from "../downloads/model";
import { moveInQueue, type QueueMove, queuePosition } from "../downloads/queueOrder";
import { releaseTorrentSpec, TorrentAddError, type TorrentInput, torrentSpec } from "../downloads/torrents";
import { createService } from "./service";
import { isRejectedSecret, readControlBody } from "./sim-controls";

/**
 * Transmission's RPC (as transmission-daemon 4.0 serves it, RPC version 17) at
 * `POST /transmission/rpc`: `{method, arguments, tag}` → `{result: "success", arguments, tag}`.
 * Every request needs the `X-Transmission-Session-Id` of its instance: without it, or with a stale
 * one, the answer is 409 carrying the current id in that header. Basic auth is optional: without
 * an Authorization header the client is the instance "" (auth disabled); with one, the username is
 * the instance and a password that is empty or starts "invalid"/"wrong" gets 401.
 * Methods: session-get, session-stats, free-space, torrent-add (filename: a .torrent URL on the
 * simulator or a loopback address, or a magnet; or metainfo: base64; download-dir, paused,
 * labels → torrent-added or torrent-duplicate), torrent-get (fields, ids: numbers, hashes or
 * "recently-active"), torrent-remove (delete-local-data), torrent-set-location (location, move),
 * torrent-rename-path (path, name: renames the last component), torrent-start/-start-now/-stop/
 * -verify/-reannounce, torrent-set (labels, seedRatioLimit/-Mode, seedIdleLimit/-Mode),
 * queue-move-top/-bottom/-up/-down (ids; a torrent's queuePosition from 0, new ones at the bottom).
 * Status: 0 stopped, 3 download wait (just added), 4 downloading, 6 seeding; percentDone rises with
 * wall time (downloads/model.ts). Faults: stall → status 4, rateDownload 0, isStalled, eta -2;
 * diskFull → status 0, error 3 "No space left on device"; hashMismatch → completes, then status 0,
 * error 3 "Piece #n is corrupt", leftUntilDone > 0; missingFiles (or moving with move:false away
 * from the data) → error 3 "No data found! …"; set-location under /readonly → error 3
 * "Permission denied (…)"; authFailure → 401. `POST /transmission/__session {"instance"?}` makes
 * the instance's session id stale (the next request gets 409 with a new one).
 */

const RPC_VERSION = 17;
const VERSION = "4.0.6 (38c164933e)";
const DOWNLOAD_DIR = "/downloads/complete";
const RECENT_MS = 60_000;

export const transmission = createService({
  name: "transmission",
  description: "Transmission RPC: session-id handshake, torrent-add/get/remove/set-location/rename-path",
  errorResponse: (status) =>
    new Response(
      `<h1>${status}: ${status === 401 ? "Unauthorized" : status === 429 ? "Too Many Requests" : "Error"}</h1>`,
      {
        status,
        headers: { "content-type": "text/html; charset=ISO-8859-1" },
      },
    ),
});

const store = new DownloadStore("transmission");
const sessionIds = new Map<string, string>();
const removed = new Map<string, { id: number; at: number }[]>();

transmission.reset = () => {
  store.reset();
  sessionIds.clear();
  removed.clear();
};

function newSessionId(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return [...bytes]
    .map((byte) => byte.toString(36).padStart(2, "0"))
    .join("")
    .slice(0, 48);
}

function sessionIdFor(instance: string): string {
  let id = sessionIds.get(instance);
  if (!id) {
    id = newSessionId();
    sessionIds.set(instance, id);
  }
  return id;
}

function conflict(sessionId: string): Response {
  return new Response(
    "<h1>409: Conflict</h1><p>Your request had an invalid session-id header.</p>" +
      "<p>To fix this, read the X-Transmission-Session-Id header of this response and send it with your requests.</p>" +
      `<p><code>X-Transmission-Session-Id: ${sessionId}</code></p>`,
    {
      status: 409,
      headers: { "content-type": "text/html; charset=ISO-8859-1", "X-Transmission-Session-Id": sessionId },
    },
  );
}

function unauthorized(): Response {
  return new Response("<h1>401: Unauthorized</h1>Unauthorized User", {
    status: 401,
    headers: { "content-type": "text/html; charset=ISO-8859-1", "WWW-Authenticate": 'Basic realm="Transmission"' },
  });
}

/** The instance a request is for, or the 401 to send. */
function authenticate(c: Context): string | Response {
  const header = c.req.header("Authorization");
  let instance = "";
  if (header) {
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) return unauthorized();
    let decoded: string;
    try {
      decoded = atob(match[1]);
    } catch {
      return unauthorized();
    }
    const colon = decoded.indexOf(":");
    instance = colon < 0 ? decoded : decoded.slice(0, colon);
    if (colon < 0 || isRejectedSecret(decoded.slice(colon + 1))) return unauthorized();
  }
  if (store.authFails(instance)) return unauthorized();
  return instance;
}

// --- Torrent fields ----------------------------------------------------------------------------

const NO_DATA =
  'No data found! Ensure your drives are connected or use "Set Location". To re-download, remove the torrent and re-add it.';

function errorOf(download: Download): { error: number; errorString: string } {
  if (download.localError) return { error: 3, errorString: download.localError };
  const fault = download.fault;
  if (fault?.kind === "diskFull" && fault.struckAt !== null)
    return { error: 3, errorString: "No space left on device" };
  if (download.completedAt !== null) {
    if (fault?.kind === "hashMismatch") return { error: 3, errorString: store.corruptPiece(download) };
    if (!store.filesPresent(download)) return { error: 3, errorString: NO_DATA };
  }
  return { error: 0, errorString: "" };
}

function statusOf(download: Download, now: number, error: number): number {
  if (error === 3 || download.paused) return 0;
  if (download.completedAt !== null) return 6;
  if (now < download.startAt && !download.magnet) return 3;
  return 4;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function torrentFields(download: Download, now: number): Record<string, unknown> {
  store.observe(download, now);
  const { error, errorString } = errorOf(download);
  const status = statusOf(download, now, error);
  const stalled = download.fault?.kind === "stall" && download.fault.struckAt !== null;
  const rate = status === 4 ? store.rate(download, now) : 0;
  const eta = store.eta(download, now);
  const left = download.size - download.done;
  const pieces = download.pieceLength > 0 ? Math.ceil(download.size / download.pieceLength) : 0;
  const uploaded =
    download.completedAt === null ? 0 : Math.round(Math.min(now - download.completedAt, RECENT_MS) * 2 * 1024);
  const extra = download.extra ?? {};
  return {
    id: download.numericId,
    hashString: download.id,
    name: download.name,
    status,
    error,
    errorString,
    percentDone: download.size > 0 ? download.done / download.size : 0,
    percentComplete: download.size > 0 ? download.done / download.size : 0,
    metadataPercentComplete: download.awaitingMetadata || (download.magnet && now < download.startAt) ? 0 : 1,
    leftUntilDone: left,
    sizeWhenDone: download.size,
    totalSize: download.size,
    haveValid: download.done,
    haveUnchecked: 0,
    downloadedEver: download.done + download.corruptBytes,
    corruptEver: download.corruptBytes,
    uploadedEver: uploaded,
    uploadRatio: download.size > 0 ? Math.round((uploaded / download.size) * 100) / 100 : -1,
    downloadDir: download.savePath,
    isFinished: false,
    isStalled: stalled,
    isPrivate: extra.private === true,
    rateDownload: stalled ? 0 : rate,
    rateUpload:
      status === 6 && download.completedAt !== null && now - download.completedAt < RECENT_MS ? 2 * 1024 * 1024 : 0,
    eta: status !== 4 ? -1 : stalled || eta === null ? -2 : eta,
    etaIdle: -1,
    addedDate: seconds(download.addedAt),
    startDate: seconds(download.startAt),
    doneDate: download.completedAt === null ? 0 : seconds(download.completedAt),
    activityDate: seconds(download.completedAt ?? (rate > 0 ? now : download.addedAt)),
    dateCreated: seconds(download.addedAt),
    secondsDownloading: seconds(Math.max(0, (download.completedAt ?? now) - download.startAt)),
    secondsSeeding: download.completedAt === null ? 0 : seconds(now - download.completedAt),
    files: download.files.map((file) => ({
      bytesCompleted:
        download.completedAt !== null
          ? file.size
          : Math.round(file.size * (download.done / Math.max(1, download.size))),
      length: file.size,
      name: file.path,
    })),
    fileStats: download.files.map((file) => ({
      bytesCompleted:
        download.completedAt !== null
          ? file.size
          : Math.round(file.size * (download.done / Math.max(1, download.size))),
      wanted: true,
      priority: 0,
    })),
    "file-count": download.files.length,
    labels: download.tags,
    magnetLink: download.magnet ?? `magnet:?xt=urn:btih:${download.id}&dn=${encodeURIComponent(download.name)}`,
    peersConnected: stalled ? 0 : Math.min(50, download.seeders + download.leechers),
    peersSendingToUs: stalled || status !== 4 ? 0 : Math.min(50, download.seeders),
    peersGettingFromUs: status === 6 ? Math.min(20, download.leechers) : 0,
    pieceCount: pieces,
    pieceSize: download.pieceLength,
    queuePosition: queuePosition(store.instance(download.instance), download),
    // The torrent's own limits once torrent-set gave them (mode 1), else the session's (mode 0).
    seedRatioLimit: typeof extra.seedRatioLimit === "number" ? extra.seedRatioLimit : 2,
    seedRatioMode: typeof extra.seedRatioMode === "number" ? extra.seedRatioMode : 0,
    seedIdleLimit: typeof extra.seedIdleLimit === "number" ? extra.seedIdleLimit : 30,
    seedIdleMode: typeof extra.seedIdleMode === "number" ? extra.seedIdleMode : 0,
    comment: typeof extra.comment === "string" ? extra.comment : "",
    creator: "radarr-edge-sim",
    trackers: extra.tracker ? [{ announce: extra.tracker, id: 0, scrape: "", tier: 0 }] : [],
    recheckProgress: 0,
  };
}

function pick(fields: Record<string, unknown>, wanted: readonly string[] | undefined): Record<string, unknown> {
  if (!wanted || wanted.length === 0) return fields;
  return Object.fromEntries(wanted.filter((name) => name in fields).map((name) => [name, fields[name]]));
}

/** The torrents `ids` names: numbers, hash strings, or all when absent. */
function select(instance: Instance, ids: unknown): Download[] {
  const all = [...instance.downloads.values()];
  if (ids === undefined || ids === null) return all;
  const list = Array.isArray(ids) ? ids : [ids];
  return all.filter((download) =>
    list.some((id) => id === download.numericId || (typeof id === "string" && id.toLowerCase() === download.id)),
  );
}

// --- Methods ---------------------------------------------------------------------------------

type Args = Record<string, unknown>;
type MethodResult = { result?: string; arguments?: Args };

function sessionFields(instance: Instance): Args {
  return {
    "alt-speed-enabled": false,
    "alt-speed-down": 50,
    "alt-speed-up": 50,
    "blocklist-enabled": false,
    "config-dir": "/config",
    "dht-enabled": true,
    "download-dir": DOWNLOAD_DIR,
    "download-dir-free-space": store.freeSpace(instance),
    "download-queue-enabled": false,
    "download-queue-size": 5,
    encryption: "preferred",
    "idle-seeding-limit": 30,
    "idle-seeding-limit-enabled": false,
    "incomplete-dir": "/downloads/incomplete",
    "incomplete-dir-enabled": false,
    "peer-port": 51413,
    "rename-partial-files": true,
    "rpc-version": RPC_VERSION,
    "rpc-version-minimum": 14,
    "rpc-version-semver": "5.3.0",
    seedRatioLimit: 2,
    seedRatioLimited: false,
    "seed-queue-enabled": false,
    "speed-limit-down": 100,
    "speed-limit-down-enabled": false,
    "speed-limit-up": 100,
    "speed-limit-up-enabled": false,
    "start-added-torrents": true,
    "trash-original-torrent-files": false,
    units: {
      "memory-bytes": 1024,
      "memory-units": ["KiB", "MiB", "GiB", "TiB"],
      "size-bytes": 1000,
      "size-units": ["kB", "MB", "GB", "TB"],
      "speed-bytes": 1000,
      "speed-units": ["kB/s", "MB/s", "GB/s", "TB/s"],
    },
    "utp-enabled": true,
    version: VERSION,
  };
}

/** The seeding arguments torrent-set takes (seedRatioLimit/-Mode, seedIdleLimit/-Mode). */
function seedSettings(args: Args): Record<string, number> {
  const names = ["seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode"];
  const given = names.filter((name) => typeof args[name] === "number");
  return Object.fromEntries(given.map((name) => [name, args[name] as number]));
}

async function addTorrent(c: Context, instance: Instance, args: Args): Promise<MethodResult> {
  const input: TorrentInput | null =
    typeof args.metainfo === "string"
      ? { kind: "file", bytes: base64ToBytes(args.metainfo) }
      : typeof args.filename === "string"
        ? { kind: "url", url: args.filename }
        : null;
  if (!input) return { result: "no filename or metainfo specified" };
  const location =
    typeof args["download-dir"] === "string" && args["download-dir"] ? args["download-dir"] : DOWNLOAD_DIR;
  try {
    const spec = await torrentSpec(input, c.req.url, {
      savePath: normalisePath(location),
      category: "",
      tags: Array.isArray(args.labels) ? args.labels.filter((label): label is string => typeof label === "string") : [],
      paused: args.paused === true,
    });
    const existing = instance.downloads.get(spec.id);
    if (existing) {
      return {
        arguments: { "torrent-duplicate": { id: existing.numericId, name: existing.name, hashString: existing.id } },
      };
    }
    const download = store.add(instance, spec);
    return { arguments: { "torrent-added": { id: download.numericId, name: download.name, hashString: download.id } } };
  } catch (error) {
    if (!(error instanceof TorrentAddError)) throw error;
    if (error.reason === "invalid") return { result: "invalid or corrupt torrent file" };
    return { result: `gotMetadataFromURL: ${error.message}` };
  }
}

function setLocation(instance: Instance, args: Args): MethodResult {
  if (typeof args.location !== "string" || !args.location.startsWith("/")) return { result: "Invalid argument" };
  const location = normalisePath(args.location);
  const now = clock.now();
  for (const download of select(instance, args.ids)) {
    store.observe(download, now);
    if (location === "/readonly" || location.startsWith("/readonly/")) {
      download.localError = `Permission denied (${location})`;
      continue;
    }
    download.localError = null;
    if (args.move === true) store.move(download, location);
    else download.savePath = location;
  }
  return {};
}

function renamePath(instance: Instance, args: Args): MethodResult {
  const targets = select(instance, args.ids);
  if (targets.length !== 1 || typeof args.path !== "string" || typeof args.name !== "string") {
    return { result: "Invalid argument" };
  }
  const [download] = targets;
  const path = normalisePath(args.path).slice(1);
  const name = args.name;
  if (!name || name.includes("/") || name === "." || name === "..") return { result: "Invalid argument" };
  store.observe(download);
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const renamed = `${parent}${name}`;
  const ok = download.files.some((file) => file.path === path)
    ? store.renameFile(download, path, renamed)
    : store.renameFolder(download, path, renamed);
  if (!ok) return { result: "Invalid argument" };
  if (!parent && (download.name === path || download.name === args.path)) download.name = name;
  return { arguments: { path: args.path, name, id: download.numericId } };
}

async function dispatch(c: Context, instance: Instance, method: string, args: Args): Promise<MethodResult> {
  const now = clock.now();
  switch (method) {
    case "session-get": {
      const fields = Array.isArray(args.fields) ? (args.fields as string[]) : undefined;
      return { arguments: pick(sessionFields(instance), fields) };
    }
    case "session-set":
      return {};
    case "session-stats": {
      const downloads = [...instance.downloads.values()].map((download) => store.observe(download, now));
      return {
        arguments: {
          activeTorrentCount: downloads.filter((download) => store.rate(download, now) > 0).length,
          downloadSpeed: downloads.reduce((sum, download) => sum + store.rate(download, now), 0),
          pausedTorrentCount: downloads.filter((download) => download.paused).length,
          torrentCount: downloads.length,
          uploadSpeed: 0,
        },
      };
    }
    case "free-space": {
      const path = typeof args.path === "string" ? args.path : DOWNLOAD_DIR;
      return { arguments: { path, "size-bytes": store.freeSpace(instance), total_size: 4 * 1024 ** 4 } };
    }
    case "torrent-add":
      return addTorrent(c, instance, args);
    case "torrent-get": {
      const fields = Array.isArray(args.fields) ? (args.fields as string[]) : undefined;
      if (args.ids === "recently-active") {
        const recent = [...instance.downloads.values()].filter((download) => {
          store.observe(download, now);
          return (
            now - Math.max(download.addedAt, download.completedAt ?? 0) < RECENT_MS || store.rate(download, now) > 0
          );
        });
        const gone = (removed.get(instance.key) ?? []).filter((entry) => now - entry.at < RECENT_MS);
        return {
          arguments: {
            torrents: recent.map((download) => pick(torrentFields(download, now), fields)),
            removed: gone.map((entry) => entry.id),
          },
        };
      }
      const torrents = select(instance, args.ids).map((download) => pick(torrentFields(download, now), fields));
      if (args.format === "table") {
        const names = fields ?? Object.keys(torrents[0] ?? {});
        return { arguments: { torrents: [names, ...torrents.map((torrent) => names.map((name) => torrent[name]))] } };
      }
      return { arguments: { torrents } };
    }
    case "torrent-remove": {
      const gone = removed.get(instance.key) ?? [];
      for (const download of select(instance, args.ids)) {
        store.remove(instance, download, args["delete-local-data"] === true);
        gone.push({ id: download.numericId, at: now });
      }
      removed.set(instance.key, gone.slice(-500));
      return {};
    }
    case "torrent-set-location":
      return setLocation(instance, args);
    case "torrent-rename-path":
      return renamePath(instance, args);
    case "torrent-start":
    case "torrent-start-now":
    case "torrent-stop":
      for (const download of select(instance, args.ids)) {
        store.observe(download, now);
        download.paused = method === "torrent-stop";
      }
      return {};
    case "torrent-verify":
    case "torrent-reannounce":
      for (const download of select(instance, args.ids)) store.observe(download, now);
      return {};
    case "queue-move-top":
    case "queue-move-bottom":
    case "queue-move-up":
    case "queue-move-down":
      moveInQueue(instance, select(instance, args.ids), method.slice("queue-move-".length) as QueueMove);
      return {};
    case "torrent-set":
      for (const download of select(instance, args.ids)) {
        if (Array.isArray(args.labels)) {
          download.tags = args.labels.filter((label): label is string => typeof label === "string");
        }
        download.extra = { ...download.extra, ...seedSettings(args) };
      }
      return {};
    default:
      return { result: "method name not recognized" };
  }
}

transmission.app.on(["GET", "POST"], "/rpc", async (c) => {
  const auth = authenticate(c);
  if (auth instanceof Response) return auth;
  const instance = store.instance(auth);
  const sessionId = sessionIdFor(instance.key);
  if (c.req.header("X-Transmission-Session-Id") !== sessionId) return conflict(sessionId);
  if (c.req.method !== "POST") return c.json({ arguments: {}, result: "no method name" });
  let request: { method?: unknown; arguments?: unknown; tag?: unknown };
  try {
    request = await c.req.json();
  } catch {
    return c.json({ arguments: {}, result: "couldn't parse JSON" });
  }
  const tag = typeof request.tag === "number" ? { tag: request.tag } : {};
  if (typeof request.method !== "string") return c.json({ arguments: {}, result: "no method name", ...tag });
  const args = typeof request.arguments === "object" && request.arguments !== null ? (request.arguments as Args) : {};
  const outcome = await dispatch(c, instance, request.method, args);
  return c.json({ arguments: outcome.arguments ?? {}, result: outcome.result ?? "success", ...tag });
});

const sessionControlSchema = z.object({ instance: z.string().optional() }).strict();

transmission.app.post("/__session", async (c) => {
  const body = await readControlBody(c, sessionControlSchema, "Invalid session control");
  if (!body.ok) return body.response;
  const instance = body.data.instance ?? "";
  sessionIds.set(instance, newSessionId());
  return c.json({ instance, rotated: true });
});

registerDownloadControls(transmission.app, store, {
  defaultInstance: "",
  seedSite: "torznab",
  async seed({ instance, release }) {
    const spec = await releaseTorrentSpec(release, { savePath: DOWNLOAD_DIR, category: "", tags: [], paused: false });
    if (instance.downloads.has(spec.id)) return null;
    return store.add(instance, spec);
  },
});
