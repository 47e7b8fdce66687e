import { z } from "zod";
import { Failure } from "../../../domain/failures/failure";
import { qbittorrentMoveFailure, qbittorrentStateFailure } from "../../../domain/failures/signals";
import { isMagnet, magnetInfoHash } from "../../../domain/torrents";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  MovedDownload,
} from "../../../integrations/downloadClient";
import { readJson } from "../../../integrations/http";
import { baseUrl, type ClientContext, clientError, clientFetch, joinPath } from "../http";
import { categoriesSchema, filesSchema, mainDataSchema, statusOf, type Torrent, torrentSchema } from "./api";
import { QBittorrentContentLayout, QBittorrentPriority, type QBittorrentSettings, QBittorrentState } from "./settings";

const SERVICE = "qbittorrent";

// Ids named in one URL at most; more are read by category (keeps the request line short).
const IDS_PER_URL = 100;
// How long a priority change waits for qBittorrent to list a torrent added by URL.
const WAIT_ATTEMPTS = 8;
const WAIT_INTERVAL_MS = 250;
// qBittorrent reports an unknown ETA as 8640000 s (100 days).
const ETA_UNKNOWN = 8_640_000;

// Session cookies by base URL and user: one login serves every call until qBittorrent forgets it.
const sessions = new Map<string, string>();

/**
 * qBittorrent's WebUI API v2: cookie login (`SID`, re-login on 403), torrents added by URL,
 * magnet or file with category and save path, state polling, setLocation + renameFile for
 * import, delete with or without data.
 */
export class QBittorrentClient implements DownloadClient {
  readonly implementation = "QBittorrent";
  readonly protocol = "torrent" as const;
  private readonly base: string;
  private readonly sessionKey: string;

  constructor(
    private readonly settings: QBittorrentSettings,
    private readonly context: ClientContext,
  ) {
    this.base = baseUrl(settings);
    this.sessionKey = `${this.base}|${settings.username}|${settings.password}`;
  }

  private async login(): Promise<string | undefined> {
    const response = await clientFetch(SERVICE, this.settings, this.context, {
      url: `${this.base}/api/v2/auth/login`,
      init: {
        method: "POST",
        // qBittorrent's CSRF check wants a Referer (or Origin) on its own host.
        headers: { "content-type": "application/x-www-form-urlencoded", referer: this.base },
        body: new URLSearchParams({ username: this.settings.username, password: this.settings.password }),
      },
    });
    const text = (await response.text()).trim();
    const cookie = /(?:^|[;,]\s*)SID=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    if (text !== "Ok.") {
      throw clientError(SERVICE, "authenticationFailed", "qBittorrent rejected the username or password", 200);
    }
    // Without authentication (localhost bypass) qBittorrent answers Ok. and sets no cookie.
    if (cookie) sessions.set(this.sessionKey, cookie);
    return cookie;
  }

  /** A WebUI call with the session cookie; logs in first, and once more on a 403. */
  private async request(
    path: string,
    init: RequestInit = {},
    passStatuses: readonly number[] = [],
    adding = false,
  ): Promise<Response> {
    const send = (sid: string | undefined) =>
      clientFetch(SERVICE, this.settings, this.context, {
        url: `${this.base}${path}`,
        init: {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            referer: this.base,
            ...(sid ? { cookie: `SID=${sid}` } : {}),
          },
        },
        passStatuses: [403, ...passStatuses],
        adding,
      });
    let sid = sessions.get(this.sessionKey) ?? (await this.login());
    let response = await send(sid);
    if (response.status === 403) {
      await response.body?.cancel();
      sessions.delete(this.sessionKey);
      sid = await this.login();
      response = await send(sid);
      if (response.status === 403 && !passStatuses.includes(403)) {
        await response.body?.cancel();
        throw clientError(SERVICE, "authenticationFailed", "qBittorrent refused the session after logging in", 403);
      }
    }
    return response;
  }

  private post(path: string, fields: Record<string, string>, passStatuses: readonly number[] = []) {
    return this.request(
      path,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      },
      passStatuses,
    );
  }

  async test(): Promise<string> {
    const response = await this.request("/api/v2/app/version");
    const version = (await response.text()).trim();
    if (!/^v?\d+\.\d+/.test(version))
      throw clientError(SERVICE, "parseError", `qBittorrent sent an unexpected version: ${version.slice(0, 40)}`);
    return version;
  }

  /** The client's categories with their save paths (the settings form's category choices). */
  async categories(): Promise<{ name: string; savePath: string }[]> {
    const response = await this.request("/api/v2/torrents/categories");
    const found = await readJson(SERVICE, response, categoriesSchema);
    return Object.values(found).map((c) => ({ name: c.name, savePath: c.savePath ?? "" }));
  }

  async add(download: AddDownload): Promise<string> {
    const hash = (download.infoHash ?? magnetInfoHash(download.url))?.toLowerCase();
    if (!hash) throw clientError(SERVICE, "parseError", `No info hash is known for ${download.title}`);
    const form = new FormData();
    if (download.torrentFile) {
      form.append(
        "torrents",
        new Blob([download.torrentFile], { type: "application/x-bittorrent" }),
        `${hash}.torrent`,
      );
    } else {
      form.append("urls", download.url);
    }
    if (this.settings.movieCategory) form.append("category", this.settings.movieCategory);
    if (this.settings.savePath) form.append("savepath", this.settings.savePath);
    if (this.settings.initialState === QBittorrentState.stop) {
      // v4 reads "paused", v5 "stopped".
      form.append("paused", "true");
      form.append("stopped", "true");
    }
    if (this.settings.sequentialOrder) form.append("sequentialDownload", "true");
    if (this.settings.firstAndLast) form.append("firstLastPiecePrio", "true");
    // v4.3.2+ reads contentLayout, older versions root_folder.
    if (this.settings.contentLayout === QBittorrentContentLayout.original) {
      form.append("contentLayout", "Original");
      form.append("root_folder", "false");
    } else if (this.settings.contentLayout === QBittorrentContentLayout.subfolder) {
      form.append("contentLayout", "Subfolder");
      form.append("root_folder", "true");
    }
    // The indexer's seed goal (qBittorrent 4.1+ takes it on add; seedingTimeLimit in minutes).
    if (download.seedLimits?.ratio) form.append("ratioLimit", String(download.seedLimits.ratio));
    if (download.seedLimits?.seedTime) form.append("seedingTimeLimit", String(download.seedLimits.seedTime));
    const response = await this.request("/api/v2/torrents/add", { method: "POST", body: form }, [415], true);
    const text = (await response.text()).trim();
    if (response.status === 415 || text === "Fails.")
      throw clientError(
        SERVICE,
        "downloadFailed",
        `qBittorrent refused the torrent${isMagnet(download.url) ? " (magnet link)" : ""}: ${download.title}`,
        response.status,
      );
    if (this.settings.initialState === QBittorrentState.forceStart)
      await this.post("/api/v2/torrents/setForceStart", { hashes: hash, value: "true" });
    await this.placeInQueue(hash, download.recentMovie === true);
    return hash;
  }

  /**
   * New torrents join the queue at the bottom; First moves a movie's torrent to the top once
   * qBittorrent lists it (as Radarr does). qBittorrent answers 409 while torrent queueing is off:
   * there is no queue to place it in, and the grab stands.
   */
  private async placeInQueue(hash: string, recent: boolean): Promise<void> {
    const { recentMoviePriority, olderMoviePriority } = this.settings;
    if ((recent ? recentMoviePriority : olderMoviePriority) !== QBittorrentPriority.first) return;
    if (!(await this.waitForTorrent(hash))) return;
    const response = await this.post("/api/v2/torrents/topPrio", { hashes: hash }, [409]);
    await response.body?.cancel();
    if (response.status === 409)
      this.context.logger?.info("qBittorrent queueing is off; torrent left in place", { hash });
  }

  /** qBittorrent adds a torrent from a URL after fetching it: polls until it is listed (about 2 s at most). */
  private async waitForTorrent(hash: string): Promise<boolean> {
    for (let attempt = 0; attempt < WAIT_ATTEMPTS; attempt++) {
      const response = await this.request(`/api/v2/torrents/info?hashes=${hash}`);
      if ((await readJson(SERVICE, response, z.array(torrentSchema))).length > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, WAIT_INTERVAL_MS));
    }
    this.context.logger?.warn("qBittorrent did not list the torrent in time to set its priority", { hash });
    return false;
  }

  /**
   * One `torrents/info` call: by hashes for a few, by the category (as Radarr does) for many, so
   * the URL stays short; torrents not asked for are dropped.
   */
  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    const category = this.settings.movieCategory;
    const query =
      downloadIds.length <= IDS_PER_URL
        ? `hashes=${downloadIds.join("|")}`
        : category
          ? `category=${encodeURIComponent(category)}`
          : "";
    const response = await this.request(`/api/v2/torrents/info${query ? `?${query}` : ""}`);
    const wanted = new Set(downloadIds.map((id) => id.toLowerCase()));
    const torrents = (await readJson(SERVICE, response, z.array(torrentSchema))).filter((t) =>
      wanted.has(t.hash.toLowerCase()),
    );
    // qBittorrent does not say which I/O error it hit; free space tells a full disk apart.
    const freeSpaceOnDisk = torrents.some((t) => t.state === "error") ? await this.freeSpace() : undefined;
    return torrents.map((t) => this.toDownload(t, freeSpaceOnDisk));
  }

  private async freeSpace(): Promise<number | null> {
    const response = await this.request("/api/v2/sync/maindata");
    const data = await readJson(SERVICE, response, mainDataSchema);
    return data.server_state?.free_space_on_disk ?? null;
  }

  /** `sync/maindata`'s free space at the save path (the client's own default when none is set); qBittorrent reports no total. */
  async diskSpace(): Promise<ClientDiskSpace> {
    const [freeSpace, path] = await Promise.all([this.freeSpace(), this.savePath()]);
    return { path, freeSpace: freeSpace ?? 0, totalSpace: null };
  }

  private async savePath(): Promise<string> {
    if (this.settings.savePath) return this.settings.savePath;
    return (await (await this.request("/api/v2/app/defaultSavePath")).text()).trim();
  }

  private toDownload(t: Torrent, freeSpaceOnDisk?: number | null): ClientDownload {
    const size = t.size > 0 ? t.size : (t.total_size ?? 0);
    const failure = t.state === "stalledDL" ? undefined : qbittorrentStateFailure(t.state, { freeSpaceOnDisk });
    return {
      downloadId: t.hash.toLowerCase(),
      title: t.name,
      status: statusOf(t.state),
      size,
      sizeleft: t.amount_left ?? Math.round(size * (1 - t.progress)),
      progress: t.progress,
      eta: t.eta >= ETA_UNKNOWN || t.eta < 0 ? null : t.eta,
      outputPath: t.content_path || joinPath(t.save_path, t.name),
      stalled: t.state === "stalledDL",
      ...(t.state === "stalledDL" ? { message: "The download is stalled with no connections" } : {}),
      ...(failure ? { failure, message: failure.message } : {}),
    };
  }

  async files(downloadId: string): Promise<ClientFile[]> {
    const response = await this.request(`/api/v2/torrents/files?hash=${downloadId}`);
    return (await readJson(SERVICE, response, filesSchema)).map((f) => ({ path: f.name, size: f.size }));
  }

  async moveAndRename(
    download: ClientDownload,
    folder: string,
    file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    const moved = await this.post(
      "/api/v2/torrents/setLocation",
      { hashes: download.downloadId, location: folder },
      [400, 403, 409],
    );
    await this.expectMoveOk(moved, `move ${download.title} to ${folder}`);
    if (file.path !== newName) {
      const renamed = await this.post(
        "/api/v2/torrents/renameFile",
        { hash: download.downloadId, oldPath: file.path, newPath: newName },
        [400, 409],
      );
      await this.expectMoveOk(renamed, `rename ${file.path} to ${newName}`);
    }
    await this.markImported(download.downloadId);
    return { path: joinPath(folder, newName), renamed: true };
  }

  /** Moves an imported torrent to the post-import category (created when qBittorrent has none such). */
  private async markImported(hash: string): Promise<void> {
    const category = this.settings.movieImportedCategory;
    if (!category || category === this.settings.movieCategory) return;
    const set = () => this.post("/api/v2/torrents/setCategory", { hashes: hash, category }, [409]);
    let response = await set();
    if (response.status === 409) {
      await response.body?.cancel();
      await (await this.post("/api/v2/torrents/createCategory", { category }, [409])).body?.cancel();
      response = await set();
    }
    if (!response.ok)
      throw clientError(SERVICE, "importFailed", `qBittorrent did not set the category ${category}`, response.status);
    await response.body?.cancel();
  }

  /** `torrents/renameFile` within the file's folder. */
  async renameFile(downloadId: string, path: string, newName: string): Promise<string> {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const newPath = folder ? `${folder}/${newName}` : newName;
    if (newPath === path) return path;
    const renamed = await this.post(
      "/api/v2/torrents/renameFile",
      { hash: downloadId, oldPath: path, newPath },
      [400, 409],
    );
    await this.expectMoveOk(renamed, `rename ${path} to ${newPath}`);
    return newPath;
  }

  private async expectMoveOk(response: Response, what: string) {
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const body = (await response.text()).trim();
    const signal = qbittorrentMoveFailure(response.status, body) ?? {
      kind: "importFailed" as const,
      message: body || `HTTP ${response.status}`,
    };
    throw new Failure(signal.kind, `qBittorrent could not ${what}: ${signal.message}`, {
      service: SERVICE,
      status: response.status,
    });
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    const response = await this.post("/api/v2/torrents/delete", {
      hashes: downloadId,
      deleteFiles: String(deleteData),
    });
    await response.body?.cancel();
  }

  /** Verifies the data again and resumes the torrent (an errored torrent stays stopped otherwise). */
  async recheck(downloadId: string): Promise<string> {
    await (await this.post("/api/v2/torrents/recheck", { hashes: downloadId })).body?.cancel();
    // v4 calls it resume, v5 start; the other answers 404.
    const resumed = await this.post("/api/v2/torrents/resume", { hashes: downloadId }, [404]);
    await resumed.body?.cancel();
    if (resumed.status === 404)
      await (await this.post("/api/v2/torrents/start", { hashes: downloadId })).body?.cancel();
    return downloadId;
  }

  async reannounce(downloadId: string): Promise<void> {
    await (await this.post("/api/v2/torrents/reannounce", { hashes: downloadId })).body?.cancel();
  }
}
