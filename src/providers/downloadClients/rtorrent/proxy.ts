import { isMagnet, magnetInfoHash } from "../../../domain/torrents";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  MovedDownload,
} from "../../../integrations/downloadClient";
import { baseUrl, basicAuth, type ClientContext, clientError, clientFetch, joinPath, moviePriority } from "../http";
import type { RTorrentSettings } from "./settings";
import { itemOf, MULTICALL_FIELDS, type RTorrentItem, rtorrentFailure, toClientDownload } from "./status";
import { decodeResponse, encodeCall, XmlRpcFault, XmlRpcParseError, type XmlRpcValue } from "./xmlrpc";

const SERVICE = "rtorrent";
/** rTorrent fetches a URL or magnet in the background: how often and how long to look for it. */
const ADDED_CHECKS = 5;
const ADDED_WAIT_MS = 400;

/**
 * rTorrent's XML-RPC over HTTP (SCGI behind a web server at `/RPC2`, or ruTorrent's
 * `/plugins/httprpc/action.php`), basic auth: `load.raw_start` / `load.start` with the label
 * (`d.custom1.set`), directory and priority, `d.multicall2` for status, `d.erase` to remove.
 * rTorrent moves nothing itself: an import stops and closes the torrent, moves and renames the
 * data with `execute.throw mv` (as ruTorrent's datadir plugin does) and points the torrent at the
 * new folder (`d.directory.set`). Free space is `df` through `execute.capture`.
 */
export class RTorrentClient implements DownloadClient {
  readonly implementation = "RTorrent";
  readonly protocol = "torrent" as const;
  private readonly url: string;

  constructor(
    private readonly settings: RTorrentSettings,
    private readonly context: ClientContext,
  ) {
    this.url = baseUrl(settings);
  }

  private async call(method: string, params: XmlRpcValue[], adding = false): Promise<XmlRpcValue> {
    const response = await clientFetch(SERVICE, this.settings, this.context, {
      url: this.url,
      init: {
        method: "POST",
        headers: { "content-type": "text/xml", ...basicAuth(this.settings) },
        body: encodeCall(method, params),
      },
      adding,
    });
    const text = await response.text();
    try {
      return decodeResponse(text);
    } catch (error) {
      if (error instanceof XmlRpcFault) {
        const kind = rtorrentFailure(error.message)?.kind ?? "upstreamError";
        throw clientError(SERVICE, kind, `rTorrent ${method} failed: ${error.message} (${error.code})`);
      }
      if (error instanceof XmlRpcParseError)
        throw clientError(SERVICE, "parseError", `rTorrent sent an answer that is not XML-RPC: ${error.message}`);
      throw error;
    }
  }

  async test(): Promise<string> {
    const version = String(await this.call("system.client_version", []));
    const [major, minor] = version.split(".").map(Number);
    if (!(major > 0 || minor >= 9))
      throw clientError(SERVICE, "upstreamError", `rTorrent ${version} is too old: 0.9.0 or later is needed`);
    return version;
  }

  async add(download: AddDownload): Promise<string> {
    const hash = (download.infoHash ?? magnetInfoHash(download.url))?.toLowerCase();
    if (!hash) throw clientError(SERVICE, "parseError", `The info hash of ${download.title} is unknown`);
    const commands = [`d.priority.set=${moviePriority(this.settings, download)}`];
    if (this.settings.movieCategory) commands.push(`d.custom1.set=${encodeURIComponent(this.settings.movieCategory)}`);
    if (this.settings.movieDirectory) commands.push(`d.directory.set="${this.settings.movieDirectory}"`);
    const stopped = this.settings.addStopped;
    if (download.torrentFile && !isMagnet(download.url))
      await this.call(stopped ? "load.raw" : "load.raw_start", ["", download.torrentFile, ...commands], true);
    else await this.call(stopped ? "load.normal" : "load.start", ["", download.url, ...commands], true);
    // rTorrent answers before it has the torrent: it appears once fetched.
    for (let check = 0; check < ADDED_CHECKS; check++) {
      if (await this.has(hash)) return hash;
      await new Promise((resolve) => setTimeout(resolve, ADDED_WAIT_MS));
    }
    throw clientError(SERVICE, "downloadFailed", `rTorrent did not add ${download.title}`);
  }

  private async has(hash: string): Promise<boolean> {
    try {
      await this.call("d.name", [hash.toUpperCase()]);
      return true;
    } catch (error) {
      if (error instanceof Error && /could not find info-hash/i.test(error.message)) return false;
      throw error;
    }
  }

  private async items(): Promise<RTorrentItem[]> {
    const rows = await this.call("d.multicall2", ["", "main", ...MULTICALL_FIELDS]);
    if (!Array.isArray(rows)) throw clientError(SERVICE, "parseError", "rTorrent sent no torrent list");
    return rows.map((row) => itemOf(Array.isArray(row) ? row : []));
  }

  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    const wanted = new Set(downloadIds.map((id) => id.toLowerCase()));
    return (await this.items()).filter((t) => wanted.has(t.hash)).map(toClientDownload);
  }

  private async item(downloadId: string): Promise<RTorrentItem> {
    const found = (await this.items()).find((t) => t.hash === downloadId.toLowerCase());
    if (!found) throw clientError(SERVICE, "notFound", `rTorrent does not have ${downloadId}`);
    return found;
  }

  /** `f.multicall`: paths inside the torrent, under its folder for a multi-file torrent. */
  async files(downloadId: string): Promise<ClientFile[]> {
    const torrent = await this.item(downloadId);
    const rows = await this.call("f.multicall", [downloadId.toUpperCase(), "", "f.path=", "f.size_bytes="]);
    if (!Array.isArray(rows)) throw clientError(SERVICE, "parseError", "rTorrent sent no file list");
    return rows.map((row) => {
      const [path, size] = Array.isArray(row) ? row : [];
      return { path: torrent.multiFile ? `${torrent.name}/${String(path)}` : String(path), size: Number(size) || 0 };
    });
  }

  async moveAndRename(
    download: ClientDownload,
    folder: string,
    file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    const hash = download.downloadId.toUpperCase();
    const torrent = await this.item(download.downloadId);
    await this.call("d.stop", [hash]);
    await this.call("d.close", [hash]);
    await this.call("execute.throw", ["", "mkdir", "-p", folder]);
    await this.call("execute.throw", ["", "mv", "-f", torrent.basePath, `${folder.replace(/\/+$/, "")}/`]);
    // For a multi-file torrent rTorrent adds the torrent's folder to the directory itself.
    await this.call("d.directory.set", [hash, folder]);
    const from = joinPath(folder, file.path);
    const parent = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
    const path = joinPath(parent ? joinPath(folder, parent) : folder, newName);
    if (from !== path) await this.call("execute.throw", ["", "mv", "-f", from, path]);
    const imported = this.settings.movieImportedCategory;
    if (imported && imported !== this.settings.movieCategory)
      await this.call("d.custom1.set", [hash, encodeURIComponent(imported)]);
    return { path, renamed: true };
  }

  /** `df` of the default directory, through rTorrent's execute.capture. */
  async diskSpace(): Promise<ClientDiskSpace> {
    const path = this.settings.movieDirectory || String(await this.call("directory.default", []));
    const output = String(await this.call("execute.capture", ["", "df", "-P", "-B1", path]));
    const fields = output.trim().split("\n").pop()?.trim().split(/\s+/) ?? [];
    const total = Number(fields[1]);
    const free = Number(fields[3]);
    if (!Number.isFinite(free) || fields.length < 4)
      throw clientError(SERVICE, "parseError", "rTorrent's df sent no free space");
    return { path, freeSpace: free, totalSpace: Number.isFinite(total) ? total : null };
  }

  /** A file renamed under a seeding torrent would be missing to rTorrent: not offered. */
  async renameFile(): Promise<null> {
    return null;
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    const torrent = await this.item(downloadId);
    await this.call("d.erase", [downloadId.toUpperCase()]);
    if (deleteData && torrent.basePath && torrent.basePath !== "/")
      await this.call("execute.throw", ["", "rm", "-rf", "--", torrent.basePath]);
  }

  async recheck(downloadId: string): Promise<string> {
    await this.call("d.check_hash", [downloadId.toUpperCase()]);
    await this.call("d.start", [downloadId.toUpperCase()]);
    return downloadId;
  }

  async reannounce(downloadId: string): Promise<void> {
    await this.call("d.tracker_announce", [downloadId.toUpperCase()]);
  }
}
