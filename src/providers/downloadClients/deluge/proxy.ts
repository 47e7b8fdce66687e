import { z } from "zod";
import { isMagnet } from "../../../domain/torrents";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  MovedDownload,
  SeedLimits,
} from "../../../integrations/downloadClient";
import { bytesToBase64, type ClientContext, clientError, joinPath, moviePriority } from "../http";
import { DelugeRpc, DelugeRpcError, delugeFailure, SERVICE } from "./rpc";
import type { DelugeSettings } from "./settings";
import { delugeErrorFailure, TORRENT_FIELDS, toClientDownload, torrentSchema } from "./status";

const updateSchema = z.object({ torrents: z.record(z.string(), torrentSchema).nullable().default({}) });
const filesSchema = z.object({
  save_path: z.string(),
  files: z.array(z.object({ index: z.number(), path: z.string(), size: z.number() })).default([]),
});
const infoSchema = z.string();

/**
 * Deluge through its Web UI's JSON-RPC (see rpc.ts): torrents added as a file, a magnet or a
 * URL (`core.add_torrent_file` / `_magnet` / `_url`) with a label (`label.add`,
 * `label.set_torrent`), polled with `web.update_ui`, moved (`core.move_storage`) and renamed
 * (`core.rename_files`) on import, removed with or without data.
 */
export class DelugeClient implements DownloadClient {
  readonly implementation = "Deluge";
  readonly protocol = "torrent" as const;
  private readonly rpc: DelugeRpc;

  constructor(
    private readonly settings: DelugeSettings,
    context: ClientContext,
  ) {
    this.rpc = new DelugeRpc(settings, context);
  }

  private async call(method: string, params: unknown[], what: string, adding = false): Promise<unknown> {
    try {
      return await this.rpc.call(method, params, adding);
    } catch (error) {
      throw delugeFailure(error, what);
    }
  }

  async test(): Promise<string> {
    const version = infoSchema.safeParse(await this.call("daemon.info", [], "version"));
    if (!version.success) throw clientError(SERVICE, "parseError", "Deluge sent no daemon version");
    // A category needs the Label plugin.
    if (this.settings.movieCategory) await this.labels();
    return version.data;
  }

  /** The Label plugin's labels. */
  async labels(): Promise<string[]> {
    const labels = z.array(z.string()).safeParse(await this.call("label.get_labels", [], "labels"));
    if (!labels.success) throw clientError(SERVICE, "parseError", "Deluge sent no labels");
    return labels.data;
  }

  async add(download: AddDownload): Promise<string> {
    const options: Record<string, unknown> = { add_paused: this.settings.addPaused };
    if (this.settings.downloadDirectory) options.download_location = this.settings.downloadDirectory;
    if (this.settings.completedDirectory)
      Object.assign(options, { move_completed: true, move_completed_path: this.settings.completedDirectory });
    const [method, params] = download.torrentFile
      ? ["core.add_torrent_file", [`${download.title}.torrent`, bytesToBase64(download.torrentFile), options]]
      : isMagnet(download.url)
        ? ["core.add_torrent_magnet", [download.url, options]]
        : ["core.add_torrent_url", [download.url, options]];
    let added: unknown;
    try {
      added = await this.rpc.call(method as string, params as unknown[], true);
    } catch (error) {
      // Deluge 2 refuses a torrent it already has; the known hash is the one to track.
      if (!(error instanceof DelugeRpcError && /already in session/i.test(error.message) && download.infoHash))
        throw delugeFailure(error, download.title);
    }
    const hash = (typeof added === "string" && added ? added : download.infoHash)?.toLowerCase();
    if (!hash) throw clientError(SERVICE, "downloadFailed", `Deluge did not add ${download.title}`);
    await this.setLabel(hash, this.settings.movieCategory);
    if (moviePriority(this.settings, download) === 1) await this.call("core.queue_top", [[hash]], "queue position");
    await this.setSeedLimits(hash, download.seedLimits);
    return hash;
  }

  private async setLabel(hash: string, label: string): Promise<void> {
    if (!label) return;
    try {
      await this.rpc.call("label.add", [label]);
    } catch (error) {
      if (!(error instanceof DelugeRpcError && /already exists/i.test(error.message)))
        throw delugeFailure(error, label);
    }
    await this.call("label.set_torrent", [hash, label], `label ${label}`);
  }

  /** The indexer's seed ratio on the torrent itself (Deluge has no seed-time limit of its own). */
  private async setSeedLimits(hash: string, limits: SeedLimits | undefined): Promise<void> {
    if (!limits?.ratio) return;
    await this.call("core.set_torrent_options", [[hash], { stop_at_ratio: true, stop_ratio: limits.ratio }], "seed");
  }

  private async torrents(ids: readonly string[]) {
    const result = updateSchema.safeParse(await this.call("web.update_ui", [TORRENT_FIELDS, { id: ids }], "status"));
    if (!result.success) throw clientError(SERVICE, "parseError", "Deluge sent an unexpected torrent list");
    return Object.values(result.data.torrents ?? {});
  }

  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    const wanted = new Set(downloadIds.map((id) => id.toLowerCase()));
    return (await this.torrents([...wanted])).filter((t) => wanted.has(t.hash.toLowerCase())).map(toClientDownload);
  }

  private async fileList(downloadId: string) {
    const status = await this.call("core.get_torrent_status", [downloadId, ["save_path", "files"]], "files");
    const parsed = filesSchema.safeParse(status);
    if (!parsed.success) throw clientError(SERVICE, "notFound", `Deluge does not have ${downloadId}`);
    return parsed.data;
  }

  async files(downloadId: string): Promise<ClientFile[]> {
    return (await this.fileList(downloadId)).files.map((f) => ({ path: f.path, size: f.size }));
  }

  async moveAndRename(
    download: ClientDownload,
    folder: string,
    file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    await this.call("core.move_storage", [[download.downloadId], folder], `move to ${folder}`);
    // Deluge moves in the background and reports a failed move on the torrent (state Error).
    const [moved] = await this.torrents([download.downloadId]);
    const failure = moved ? delugeErrorFailure(moved) : undefined;
    if (failure)
      throw clientError(
        SERVICE,
        failure.kind,
        `Deluge could not move ${download.title} to ${folder}: ${failure.message}`,
      );
    const renamed = await this.renameFile(download.downloadId, file.path, newName);
    if (this.settings.movieImportedCategory && this.settings.movieImportedCategory !== this.settings.movieCategory)
      await this.setLabel(download.downloadId, this.settings.movieImportedCategory);
    return { path: joinPath(folder, renamed), renamed: true };
  }

  /** `core.get_free_space` of the download location. */
  async diskSpace(): Promise<ClientDiskSpace> {
    const location =
      this.settings.downloadDirectory ||
      (await this.call("core.get_config_value", ["download_location"], "download location"));
    if (typeof location !== "string") throw clientError(SERVICE, "parseError", "Deluge sent no download location");
    const free = await this.call("core.get_free_space", [location], "free space");
    if (typeof free !== "number" || free < 0) throw clientError(SERVICE, "parseError", "Deluge sent no free space");
    return { path: location, freeSpace: free, totalSpace: null };
  }

  /** `core.rename_files` takes the file's index and its new path: the file keeps its folder. */
  async renameFile(downloadId: string, path: string, newName: string): Promise<string> {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const target = folder ? `${folder}/${newName}` : newName;
    if (target === path) return path;
    const entry = (await this.fileList(downloadId)).files.find((f) => f.path === path);
    if (!entry) throw clientError(SERVICE, "importFailed", `Deluge's torrent ${downloadId} has no file ${path}`);
    await this.call("core.rename_files", [downloadId, [[entry.index, target]]], `rename ${path}`);
    return target;
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    await this.call("core.remove_torrent", [downloadId, deleteData], "remove");
  }

  async recheck(downloadId: string): Promise<string> {
    await this.call("core.force_recheck", [[downloadId]], "recheck");
    await this.call("core.resume_torrent", [[downloadId]], "resume");
    return downloadId;
  }

  async reannounce(downloadId: string): Promise<void> {
    await this.call("core.force_reannounce", [[downloadId]], "reannounce");
  }
}
