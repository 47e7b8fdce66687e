import type { Context } from "hono";
import {
  decodeCall,
  encodeFault,
  encodeResponse,
  type XmlRpcValue,
} from "../../../src/providers/downloadClients/rtorrent/xmlrpc";
import * as clock from "../clock";
import { createService } from "../services/service";
import { isRejectedSecret } from "../services/sim-controls";
import { registerDownloadControls } from "./controls";
import { type Download, DownloadStore, type Instance, joinPath, normalisePath } from "./model";
import { releaseTorrentSpec, TorrentAddError, type TorrentInput, torrentSpec } from "./torrents";

/**
 * rTorrent 0.9.8's XML-RPC (as nginx's SCGI pass serves it) at `POST /rtorrent/RPC2` (and
 * ruTorrent's `/rtorrent/plugins/httprpc/action.php`). Basic auth is optional: the username is
 * the instance, a password that is empty or starts "invalid"/"wrong" gets 401; none is the
 * instance "". Methods: system.client_version, system.api_version, directory.default,
 * load.start / load.normal (a URL or magnet) and load.raw_start / load.raw (base64 .torrent),
 * each with "cmd=value" commands (d.custom1.set, d.directory.set, d.priority.set);
 * d.multicall2 ("", view, "d.field=" …), f.multicall (hash, "", "f.path=", "f.size_bytes="),
 * d.name, d.start, d.stop, d.open, d.close, d.erase, d.directory.set, d.custom1.set,
 * d.check_hash, d.tracker_announce; execute.throw (mkdir -p, mv [-f] src dst, rm -rf -- path)
 * and execute.capture (df -P -B1 path). An unknown hash faults -501 "Could not find info-hash.".
 * Faults: stall → active with no peers and no rate; diskFull → stopped, d.message "Storage
 * error: [No space left on device]"; hashMismatch → d.complete 0, d.message "Hash check on
 * download completion found bad chunks, consider using "safe_sync"."; missingFiles → d.message
 * "… No such file or directory"; mv into /readonly → fault "Permission denied".
 */

const VERSION = "0.9.8";
const DOWNLOAD_DIR = "/downloads/complete";

export const rtorrent = createService({
  name: "rtorrent",
  description: "rTorrent XML-RPC: load.start/raw_start, d.multicall2, d.erase, execute.throw mv",
  errorResponse: (status) =>
    new Response(`<html><body><h1>${status}</h1></body></html>`, { status, headers: { "content-type": "text/html" } }),
});

const store = new DownloadStore("rtorrent");
rtorrent.reset = () => store.reset();

class Fault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function instanceOf(c: Context): string | null {
  const header = c.req.header("Authorization");
  if (!header) return store.authFails("") ? null : "";
  const match = /^Basic\s+(.+)$/i.exec(header);
  let decoded = "";
  try {
    decoded = match ? atob(match[1]) : "";
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0 || isRejectedSecret(decoded.slice(colon + 1))) return null;
  const instance = decoded.slice(0, colon);
  return store.authFails(instance) ? null : instance;
}

const stateOf = (download: Download) => (download.extra ?? {}) as { open?: boolean; priority?: number; label?: string };

function find(instance: Instance, hash: XmlRpcValue): Download {
  const download = typeof hash === "string" ? instance.downloads.get(hash.toLowerCase()) : undefined;
  if (!download) throw new Fault(-501, "Could not find info-hash.");
  return store.observe(download);
}

// --- Torrent fields ----------------------------------------------------------------------------

function messageOf(download: Download): string {
  if (stateOf(download).open === false) return "";
  const fault = download.fault;
  if (fault?.kind === "diskFull" && fault.struckAt !== null) return "Storage error: [No space left on device]";
  if (download.completedAt !== null) {
    if (fault?.kind === "hashMismatch")
      return 'Hash check on download completion found bad chunks, consider using "safe_sync".';
    if (!store.filesPresent(download)) return `Storage error: [${download.name}: No such file or directory]`;
  }
  return "";
}

function field(download: Download, name: string, now: number): XmlRpcValue {
  const state = stateOf(download);
  const message = messageOf(download);
  const open = state.open !== false;
  const active = open && !download.paused && !message;
  const stalled = download.fault?.kind === "stall" && download.fault.struckAt !== null;
  const complete = download.completedAt !== null && download.fault?.kind !== "hashMismatch";
  const base = download.multiFile
    ? joinPath(download.savePath, download.name)
    : joinPath(download.savePath, download.files[0]?.path ?? download.name);
  const fields: Record<string, XmlRpcValue> = {
    "d.hash": download.id.toUpperCase(),
    "d.name": download.name,
    "d.base_path": open ? base : "",
    "d.directory": download.multiFile ? base : download.savePath,
    "d.custom1": state.label ?? "",
    "d.size_bytes": download.size,
    "d.left_bytes": complete ? 0 : download.size - download.done,
    "d.completed_bytes": complete ? download.size : download.done,
    "d.down.rate": active && !stalled && !complete ? store.rate(download, now) : 0,
    "d.is_open": open ? 1 : 0,
    "d.is_active": active ? 1 : 0,
    "d.state": active ? 1 : 0,
    "d.complete": complete ? 1 : 0,
    "d.hashing": 0,
    "d.message": message,
    "d.peers_connected": stalled || !active ? 0 : Math.min(50, download.seeders + download.leechers),
    "d.is_multi_file": download.multiFile ? 1 : 0,
    "d.priority": state.priority ?? 2,
    "d.ratio": 0,
  };
  if (!(name in fields)) throw new Fault(-506, `Method '${name}' not defined`);
  return fields[name];
}

// --- Methods -----------------------------------------------------------------------------------

function applyCommands(download: Download, commands: XmlRpcValue[]): void {
  for (const command of commands) {
    const match = /^([\w.]+)=(.*)$/.exec(String(command));
    if (!match) continue;
    const value = match[2].replace(/^"(.*)"$/, "$1");
    if (match[1] === "d.custom1.set") download.extra = { ...download.extra, label: decodeURIComponent(value) };
    if (match[1] === "d.priority.set") download.extra = { ...download.extra, priority: Number(value) };
  }
}

async function load(c: Context, instance: Instance, method: string, params: XmlRpcValue[]): Promise<number> {
  const [, source, ...commands] = params;
  const input: TorrentInput =
    source instanceof Uint8Array ? { kind: "file", bytes: source } : { kind: "url", url: String(source ?? "") };
  const directory = commands
    .map((command) => /^d\.directory\.set="?([^"]*)"?$/.exec(String(command))?.[1])
    .find(Boolean);
  try {
    const spec = await torrentSpec(input, c.req.url, {
      savePath: normalisePath(directory ?? DOWNLOAD_DIR),
      category: "",
      tags: [],
      paused: method === "load.normal" || method === "load.raw",
    });
    // rTorrent ignores a torrent it already has.
    if (instance.downloads.has(spec.id)) return 0;
    applyCommands(store.add(instance, spec), commands);
  } catch (error) {
    // rTorrent loads in the background: a torrent it cannot load just never appears.
    if (!(error instanceof TorrentAddError)) throw error;
  }
  return 0;
}

function multicall(instance: Instance, params: XmlRpcValue[], now: number): XmlRpcValue[] {
  const fields = params.slice(2).map((name) => String(name).replace(/=$/, ""));
  return [...instance.downloads.values()].map((download) => {
    store.observe(download, now);
    return fields.map((name) => field(download, name, now));
  });
}

/** `mv [-f] src dst`: the files at or under src, moved (into dst when it ends with "/"). */
function move(instance: Instance, args: string[]): void {
  const [from, to] = args.filter((arg) => !arg.startsWith("-"));
  if (!from || !to) throw new Fault(-503, "mv: missing file operand");
  const source = normalisePath(from);
  const target = to.endsWith("/") ? joinPath(to, source.split("/").pop() ?? "") : normalisePath(to);
  if (target === "/readonly" || target.startsWith("/readonly/"))
    throw new Fault(-503, `mv: cannot move '${source}': Permission denied`);
  const files = instance.disk.list(source);
  if (files.length === 0) throw new Fault(-503, `mv: cannot stat '${source}': No such file or directory`);
  for (const file of files) instance.disk.move(file.path, `${target}${file.path.slice(source.length)}`);
}

function execute(instance: Instance, method: string, params: XmlRpcValue[]): XmlRpcValue {
  const [, command, ...rest] = params.map(String);
  if (method === "execute.capture" && command === "df") {
    const path = rest.filter((arg) => !arg.startsWith("-")).pop() ?? "/";
    const total = 4 * 1024 ** 4;
    const free = store.freeSpace(instance);
    return `Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/sda1 ${total} ${total - free} ${free} ${Math.round(((total - free) / total) * 100)}% ${path}\n`;
  }
  if (command === "mkdir") return 0;
  if (command === "mv") {
    move(instance, rest);
    return 0;
  }
  if (command === "rm") {
    const path = rest.filter((arg) => !arg.startsWith("-")).pop();
    if (path) for (const file of instance.disk.list(path)) instance.disk.remove(file.path);
    return 0;
  }
  throw new Fault(-503, `${command}: command not allowed`);
}

function torrentCall(instance: Instance, method: string, params: XmlRpcValue[], now: number): XmlRpcValue {
  const download = find(instance, params[0]);
  switch (method) {
    case "d.start":
    case "d.open":
      download.extra = { ...download.extra, open: true };
      if (method === "d.start") download.paused = false;
      return 0;
    case "d.stop":
      download.paused = true;
      return 0;
    case "d.close":
      download.extra = { ...download.extra, open: false };
      return 0;
    case "d.erase":
      store.remove(instance, download, false);
      return 0;
    case "d.directory.set":
      download.savePath = normalisePath(String(params[1] ?? "/"));
      return 0;
    case "d.custom1.set":
      download.extra = { ...download.extra, label: decodeURIComponent(String(params[1] ?? "")) };
      return 0;
    case "d.check_hash":
    case "d.tracker_announce":
      download.extra = { ...download.extra, [method]: true };
      return 0;
    case "f.multicall":
      return download.files.map((file) => [
        download.multiFile ? file.path.split("/").slice(1).join("/") : file.path,
        file.size,
      ]);
    default:
      return field(download, method, now);
  }
}

async function dispatch(c: Context, instance: Instance, method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const now = clock.now();
  switch (method) {
    case "system.client_version":
      return VERSION;
    case "system.api_version":
      return 10;
    case "directory.default":
      return DOWNLOAD_DIR;
    case "load.start":
    case "load.normal":
    case "load.raw_start":
    case "load.raw":
      return load(c, instance, method, params);
    case "d.multicall2":
      return multicall(instance, params, now);
    case "execute.throw":
    case "execute.capture":
      return execute(instance, method, params);
    default:
      if (method.startsWith("d.") || method === "f.multicall") return torrentCall(instance, method, params, now);
      throw new Fault(-506, `Method '${method}' not defined`);
  }
}

async function serve(c: Context): Promise<Response> {
  const key = instanceOf(c);
  if (key === null) return rtorrent.errorResponse(401);
  const xml = (body: string) => c.body(body, 200, { "content-type": "text/xml" });
  let call: { method: string; params: XmlRpcValue[] };
  try {
    call = decodeCall(await c.req.text());
  } catch {
    return xml(encodeFault(-32700, "parse error. not well formed"));
  }
  try {
    return xml(encodeResponse(await dispatch(c, store.instance(key), call.method, call.params)));
  } catch (error) {
    if (error instanceof Fault) return xml(encodeFault(error.code, error.message));
    throw error;
  }
}

rtorrent.app.post("/RPC2", serve);
rtorrent.app.post("/plugins/httprpc/action.php", serve);

registerDownloadControls(rtorrent.app, store, {
  defaultInstance: "",
  seedSite: "torznab",
  async seed({ instance, release, category }) {
    const spec = await releaseTorrentSpec(release, { savePath: DOWNLOAD_DIR, category: "", tags: [], paused: false });
    if (instance.downloads.has(spec.id)) return null;
    return store.add(instance, { ...spec, extra: { ...spec.extra, label: category } });
  },
});
