import type { Context } from "hono";
import * as clock from "../clock";
import { base64ToBytes } from "../data/torrent";
import { createService } from "../services/service";
import { isRejectedSecret } from "../services/sim-controls";
import { registerDownloadControls } from "./controls";
import { type Download, DownloadStore, type Instance, normalisePath } from "./model";
import { releaseTorrentSpec, TorrentAddError, type TorrentInput, torrentSpec } from "./torrents";

/**
 * Deluge 2.1's Web UI JSON-RPC at `POST /deluge/json`: `{method, params, id}` →
 * `{result, error: {message, code} | null, id}`. `auth.login [password]` answers true and sets the
 * `_session_id` cookie; every other method without a valid session gets error code 1 ("Not
 * authenticated"). The password is the instance (a password that is empty or starts
 * "invalid"/"wrong" is refused); each instance's Web UI starts disconnected from its daemon
 * (`web.connected` false until `web.connect` to the host `web.get_hosts` lists).
 * Methods: daemon.info, web.update_ui (fields, filter {id}), core.get_torrent_status (hash, keys),
 * core.add_torrent_file / _magnet / _url (options: add_paused, download_location → hash;
 * a duplicate raises "Torrent already in session"), label.get_labels / add / set_torrent,
 * core.move_storage, core.rename_files, core.remove_torrent, core.get_free_space,
 * core.get_config_value, core.force_recheck, core.resume_torrent, core.pause_torrent,
 * core.force_reannounce, core.queue_top / _bottom, core.set_torrent_options.
 * Faults (downloads/controls.ts): stall → "Downloading" with no peers and no rate; diskFull →
 * state "Error", message "No space left on device"; hashMismatch → completes, then "Error"
 * "Failed hash check: Piece #n is corrupt"; missingFiles → "Error" "Missing or invalid torrent
 * data!"; move_storage under /readonly → "Error" "Permission denied"; authFailure → login false.
 */

const VERSION = "2.1.1";
const DOWNLOAD_DIR = "/downloads/complete";
const DAEMON = ["c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", "127.0.0.1", 58846, "localclient"] as const;

export const deluge = createService({
  name: "deluge",
  description: "Deluge Web UI JSON-RPC: auth.login cookie, web.update_ui, core.add_torrent_*, labels, move_storage",
  errorResponse: (status) =>
    new Response(`<html><body>${status} Error</body></html>`, { status, headers: { "content-type": "text/html" } }),
});

const store = new DownloadStore("deluge");
const sessions = new Map<string, string>();

deluge.reset = () => {
  store.reset();
  sessions.clear();
};

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Params = unknown[];

function newSessionId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function sessionOf(c: Context): string | null {
  const id = /(?:^|;\s*)_session_id=([^;]+)/.exec(c.req.header("cookie") ?? "")?.[1];
  const instance = id ? sessions.get(id) : undefined;
  if (instance === undefined || store.authBlocked(instance)) return null;
  return instance;
}

function labelsOf(instance: Instance): Set<string> {
  let labels = instance.state.get("labels") as Set<string> | undefined;
  if (!labels) {
    labels = new Set();
    instance.state.set("labels", labels);
  }
  return labels;
}

function find(instance: Instance, hash: unknown): Download {
  const download = typeof hash === "string" ? instance.downloads.get(hash.toLowerCase()) : undefined;
  if (!download) throw new RpcError(3, `Torrent not found: ${String(hash)}`);
  return store.observe(download);
}

function hashes(instance: Instance, ids: unknown): Download[] {
  const list = Array.isArray(ids) ? ids : [ids];
  return list.map((id) => find(instance, id));
}

// --- Torrent status ----------------------------------------------------------------------------

function errorOf(download: Download): string | null {
  if (download.localError) return download.localError;
  const fault = download.fault;
  if (fault?.kind === "diskFull" && fault.struckAt !== null) return "No space left on device";
  if (download.completedAt !== null) {
    if (fault?.kind === "hashMismatch") return `Failed hash check: ${store.corruptPiece(download)}`;
    if (!store.filesPresent(download)) return "Missing or invalid torrent data!";
  }
  return null;
}

function stateOf(download: Download, now: number, error: string | null): string {
  if (error) return "Error";
  if (download.paused) return "Paused";
  if (download.completedAt !== null) return "Seeding";
  if (now < download.startAt && !download.magnet) return "Queued";
  return "Downloading";
}

function status(download: Download, now: number): Record<string, unknown> {
  store.observe(download, now);
  const error = errorOf(download);
  const state = stateOf(download, now, error);
  const stalled = download.fault?.kind === "stall" && download.fault.struckAt !== null;
  const rate = state === "Downloading" && !stalled ? store.rate(download, now) : 0;
  const eta = store.eta(download, now);
  const extra = download.extra ?? {};
  return {
    hash: download.id,
    name: download.name,
    state,
    progress: download.size > 0 ? (download.done / download.size) * 100 : 0,
    eta: state === "Downloading" && eta !== null ? eta : 0,
    message: error ? `Error: ${error}` : "OK",
    is_finished: download.completedAt !== null && !error,
    save_path: download.savePath,
    download_location: download.savePath,
    total_size: download.size,
    total_wanted: download.size,
    total_done: download.done,
    download_payload_rate: rate,
    upload_payload_rate: 0,
    num_peers: stalled ? 0 : Math.min(50, download.seeders + download.leechers),
    num_seeds: stalled ? 0 : Math.min(50, download.seeders),
    label: download.category,
    ratio: 0,
    time_added: Math.floor(download.addedAt / 1000),
    stop_at_ratio: extra.stop_at_ratio === true,
    stop_ratio: typeof extra.stop_ratio === "number" ? extra.stop_ratio : 2,
    queue: download.numericId - 1,
    files: download.files.map((file, index) => ({ index, path: file.path, size: file.size, offset: 0 })),
  };
}

function pick(fields: Record<string, unknown>, keys: unknown): Record<string, unknown> {
  if (!Array.isArray(keys) || keys.length === 0) return fields;
  return Object.fromEntries(
    keys.filter((k): k is string => typeof k === "string" && k in fields).map((k) => [k, fields[k]]),
  );
}

// --- Methods -----------------------------------------------------------------------------------

async function addTorrent(c: Context, instance: Instance, input: TorrentInput, options: unknown): Promise<string> {
  const opts = (typeof options === "object" && options !== null ? options : {}) as Record<string, unknown>;
  const location =
    typeof opts.download_location === "string" && opts.download_location ? opts.download_location : DOWNLOAD_DIR;
  try {
    const spec = await torrentSpec(input, c.req.url, {
      savePath: normalisePath(location),
      category: "",
      tags: [],
      paused: opts.add_paused === true,
    });
    if (instance.downloads.has(spec.id)) throw new RpcError(4, `Torrent already in session (${spec.id}).`);
    return store.add(instance, spec).id;
  } catch (error) {
    if (!(error instanceof TorrentAddError)) throw error;
    throw new RpcError(
      4,
      error.reason === "invalid"
        ? "Unable to add torrent: invalid torrent data"
        : `Failed to download torrent: ${error.message}`,
    );
  }
}

function moveStorage(instance: Instance, params: Params): null {
  const location = typeof params[1] === "string" ? normalisePath(params[1]) : "";
  if (!location || location === "/") throw new RpcError(4, "Invalid destination");
  for (const download of hashes(instance, params[0])) {
    if (location === "/readonly" || location.startsWith("/readonly/")) {
      download.localError = `Permission denied: '${location}'`;
      continue;
    }
    download.localError = null;
    store.move(download, location);
  }
  return null;
}

function renameFiles(instance: Instance, params: Params): null {
  const download = find(instance, params[0]);
  const renames = Array.isArray(params[1]) ? params[1] : [];
  for (const entry of renames) {
    const [index, path] = Array.isArray(entry) ? entry : [];
    const file = typeof index === "number" ? download.files[index] : undefined;
    if (!file || typeof path !== "string" || !store.renameFile(download, file.path, path))
      throw new RpcError(4, `Unable to rename file ${String(index)} to ${String(path)}`);
  }
  return null;
}

function setLabel(instance: Instance, params: Params): null {
  const download = find(instance, params[0]);
  const label = String(params[1] ?? "").toLowerCase();
  if (label && !labelsOf(instance).has(label)) throw new RpcError(4, "Unknown Label");
  download.category = label;
  return null;
}

function updateUi(instance: Instance, params: Params, now: number) {
  const filter = (typeof params[1] === "object" && params[1] !== null ? params[1] : {}) as Record<string, unknown>;
  const ids = Array.isArray(filter.id) ? new Set(filter.id.map((id) => String(id).toLowerCase())) : null;
  const torrents: Record<string, unknown> = {};
  for (const download of instance.downloads.values()) {
    if (ids && !ids.has(download.id)) continue;
    if (typeof filter.label === "string" && download.category !== filter.label) continue;
    torrents[download.id] = pick(status(download, now), params[0]);
  }
  return { torrents, connected: true, stats: { free_space: store.freeSpace(instance) }, filters: {} };
}

function torrentCall(instance: Instance, method: string, params: Params, now: number): unknown {
  switch (method) {
    case "core.get_torrent_status":
      return pick(status(find(instance, params[0]), now), params[1]);
    case "core.move_storage":
      return moveStorage(instance, params);
    case "core.rename_files":
      return renameFiles(instance, params);
    case "core.remove_torrent": {
      const download = find(instance, params[0]);
      store.remove(instance, download, params[1] === true);
      return true;
    }
    case "core.pause_torrent":
    case "core.resume_torrent":
      for (const download of hashes(instance, params[0])) download.paused = method === "core.pause_torrent";
      return null;
    case "core.force_recheck":
    case "core.force_reannounce":
    case "core.queue_top":
    case "core.queue_bottom":
      for (const download of hashes(instance, params[0]))
        download.extra = { ...download.extra, [method.slice(5)]: true };
      return null;
    case "core.set_torrent_options": {
      const options = (typeof params[1] === "object" && params[1] !== null ? params[1] : {}) as Record<string, unknown>;
      for (const download of hashes(instance, params[0])) download.extra = { ...download.extra, ...options };
      return null;
    }
    default:
      throw new RpcError(2, `Unknown method: ${method}`);
  }
}

async function dispatch(c: Context, instance: Instance, method: string, params: Params): Promise<unknown> {
  const now = clock.now();
  switch (method) {
    case "auth.check_session":
      return true;
    case "web.connected":
      return instance.state.get("connected") === true;
    case "web.get_hosts":
      return [DAEMON];
    case "web.connect":
      if (params[0] !== DAEMON[0]) throw new RpcError(4, "Unknown host id");
      instance.state.set("connected", true);
      return [];
    case "web.disconnect":
      instance.state.set("connected", false);
      return true;
  }
  if (instance.state.get("connected") !== true) throw new RpcError(4, "Not connected to a daemon");
  switch (method) {
    case "daemon.info":
      return VERSION;
    case "web.update_ui":
      return updateUi(instance, params, now);
    case "label.get_labels":
      return [...labelsOf(instance)].sort();
    case "label.add": {
      const label = String(params[0] ?? "").toLowerCase();
      if (!/^[-a-z0-9_]+$/.test(label)) throw new RpcError(4, "Invalid label, valid characters:[a-z0-9_-]");
      if (labelsOf(instance).has(label)) throw new RpcError(4, "Label already exists");
      labelsOf(instance).add(label);
      return null;
    }
    case "label.set_torrent":
      return setLabel(instance, params);
    case "core.add_torrent_file":
      return addTorrent(c, instance, { kind: "file", bytes: base64ToBytes(String(params[1] ?? "")) }, params[2]);
    case "core.add_torrent_magnet":
    case "core.add_torrent_url":
      return addTorrent(c, instance, { kind: "url", url: String(params[0] ?? "") }, params[1]);
    case "core.get_free_space":
      return store.freeSpace(instance);
    case "core.get_config_value":
      return params[0] === "download_location" ? DOWNLOAD_DIR : null;
    default:
      return torrentCall(instance, method, params, now);
  }
}

deluge.app.post("/json", async (c) => {
  let request: { method?: unknown; params?: unknown; id?: unknown };
  try {
    request = await c.req.json();
  } catch {
    return c.json({ result: null, error: { message: "JSON decode error", code: 3 }, id: null });
  }
  const id = typeof request.id === "number" || typeof request.id === "string" ? request.id : null;
  const params = Array.isArray(request.params) ? request.params : [];
  const fail = (error: RpcError) => c.json({ result: null, error: { message: error.message, code: error.code }, id });
  if (request.method === "auth.login") {
    const password = String(params[0] ?? "");
    if (isRejectedSecret(password) || store.authFails(password)) return c.json({ result: false, error: null, id });
    const session = newSessionId();
    sessions.set(session, password);
    store.instance(password);
    c.header("Set-Cookie", `_session_id=${session}; Path=/json`);
    return c.json({ result: true, error: null, id });
  }
  const key = sessionOf(c);
  if (key === null) return fail(new RpcError(1, "Not authenticated"));
  try {
    const result = await dispatch(c, store.instance(key), String(request.method ?? ""), params);
    return c.json({ result: result ?? null, error: null, id });
  } catch (error) {
    if (error instanceof RpcError) return fail(error);
    throw error;
  }
});

registerDownloadControls(deluge.app, store, {
  defaultInstance: "deluge",
  seedSite: "torznab",
  async seed({ instance, release, category }) {
    const spec = await releaseTorrentSpec(release, { savePath: DOWNLOAD_DIR, category, tags: [], paused: false });
    if (instance.downloads.has(spec.id)) return null;
    return store.add(instance, spec);
  },
});
