import { z } from "zod";
import { transmissionFailure } from "../../../domain/failures/signals";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  DownloadStatus,
  MovedDownload,
  SeedLimits,
} from "../../../integrations/downloadClient";
import { readJson } from "../../../integrations/http";
import {
  baseUrl,
  basicAuth,
  bytesToBase64,
  type ClientContext,
  clientError,
  clientFetch,
  joinPath,
  moviePriority,
} from "../http";
import { TransmissionPriority, type TransmissionSettings } from "./settings";

const SERVICE = "transmission";
const SESSION_HEADER = "X-Transmission-Session-Id";

const rpcResponseSchema = z.object({ result: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) });

const torrentSchema = z.object({
  id: z.number(),
  hashString: z.string(),
  name: z.string(),
  status: z.number(),
  error: z.number().default(0),
  errorString: z.string().default(""),
  percentDone: z.number(),
  leftUntilDone: z.number(),
  sizeWhenDone: z.number().optional(),
  totalSize: z.number(),
  eta: z.number(),
  downloadDir: z.string(),
  isFinished: z.boolean().default(false),
  isStalled: z.boolean().default(false),
  files: z.array(z.object({ name: z.string(), length: z.number() })).optional(),
});
type Torrent = z.infer<typeof torrentSchema>;
const FIELDS = [
  "id",
  "hashString",
  "name",
  "status",
  "error",
  "errorString",
  "percentDone",
  "leftUntilDone",
  "sizeWhenDone",
  "totalSize",
  "eta",
  "downloadDir",
  "isFinished",
  "isStalled",
];

const sessionDirSchema = z.object({ "download-dir": z.string() });
const freeSpaceSchema = z.object({ "size-bytes": z.number(), total_size: z.number().optional() });
const addedSchema = z.object({ id: z.number(), hashString: z.string(), name: z.string() });
const versionSchema = z.object({ version: z.string() }).passthrough();

/** Transmission's torrent status: 0 stopped, 1–2 checking, 3 queued, 4 downloading, 5 queued to seed, 6 seeding. */
function statusOf(t: Torrent): DownloadStatus {
  if (t.error > 0 && t.error !== 1) return "warning";
  if (t.leftUntilDone === 0 && (t.status === 0 || t.status >= 5 || t.isFinished)) return "completed";
  switch (t.status) {
    case 0:
      return "paused";
    case 1:
    case 2:
    case 3:
      return "queued";
    default:
      return t.isStalled ? "warning" : "downloading";
  }
}

// Session ids by RPC URL: Transmission hands one out on a 409 and wants it on every request.
const sessionIds = new Map<string, string>();

/**
 * Transmission's RPC (`POST <urlBase>rpc`, JSON method + arguments): the
 * X-Transmission-Session-Id handshake (a 409 hands out the id; the request is sent again with
 * it), basic auth, torrent-add by URL/magnet or metainfo, torrent-get polling, set-location and
 * rename-path for import, torrent-remove with or without data.
 */
export class TransmissionClient implements DownloadClient {
  readonly implementation = "Transmission";
  readonly protocol = "torrent" as const;
  private readonly url: string;

  constructor(
    private readonly settings: TransmissionSettings,
    private readonly context: ClientContext,
  ) {
    this.url = `${baseUrl({ ...settings, urlBase: settings.urlBase.replace(/\/+$/, "") })}/rpc`;
  }

  private async rpc(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const adding = method === "torrent-add";
    const headers: Record<string, string> = { "content-type": "application/json", ...basicAuth(this.settings) };
    const send = () => {
      const sessionId = sessionIds.get(this.url);
      return clientFetch(SERVICE, this.settings, this.context, {
        url: this.url,
        init: {
          method: "POST",
          headers: { ...headers, ...(sessionId ? { [SESSION_HEADER]: sessionId } : {}) },
          body: JSON.stringify({ method, arguments: args }),
        },
        passStatuses: [409],
        adding,
      });
    };
    let response = await send();
    if (response.status === 409) {
      await response.body?.cancel();
      const sessionId = response.headers.get(SESSION_HEADER);
      if (!sessionId) throw clientError(SERVICE, "parseError", "Transmission answered 409 without a session id", 409);
      sessionIds.set(this.url, sessionId);
      response = await send();
      if (response.status === 409) {
        await response.body?.cancel();
        throw clientError(SERVICE, "upstreamError", "Transmission kept refusing the session id", 409);
      }
    }
    const body = await readJson(SERVICE, response, rpcResponseSchema);
    if (body.result !== "success") throw this.rpcFailure(method, body.result);
    return body.arguments;
  }

  private rpcFailure(method: string, result: string) {
    const failure = transmissionFailure(3, result);
    const kind = failure && failure.kind !== "downloadFailed" ? failure.kind : "upstreamError";
    return clientError(SERVICE, kind, `Transmission ${method} failed: ${result}`);
  }

  async test(): Promise<string> {
    const session = versionSchema.safeParse(await this.rpc("session-get", { fields: ["version", "rpc-version"] }));
    if (!session.success) throw clientError(SERVICE, "parseError", "Transmission sent no version");
    return session.data.version;
  }

  async add(download: AddDownload): Promise<string> {
    const args: Record<string, unknown> = { paused: this.settings.addPaused };
    if (download.torrentFile) args.metainfo = bytesToBase64(download.torrentFile);
    else args.filename = download.url;
    if (this.settings.movieDirectory) args["download-dir"] = this.settings.movieDirectory;
    if (this.settings.movieCategory) args.labels = [this.settings.movieCategory];
    const result = await this.rpc("torrent-add", args);
    const added = addedSchema.safeParse(result["torrent-added"] ?? result["torrent-duplicate"]);
    if (!added.success) throw clientError(SERVICE, "parseError", "Transmission did not say which torrent it added");
    const hash = added.data.hashString.toLowerCase();
    await this.setSeedLimits(hash, download.seedLimits);
    // New torrents join the queue at the bottom; First moves a movie's torrent to the top (as Radarr does).
    if (moviePriority(this.settings, download) === TransmissionPriority.first)
      await this.rpc("queue-move-top", { ids: [hash] });
    return hash;
  }

  /** The indexer's seed goal on the torrent itself (mode 1: its own limit, not the session's). */
  private async setSeedLimits(hash: string, limits: SeedLimits | undefined) {
    const args: Record<string, unknown> = {};
    if (limits?.ratio) Object.assign(args, { seedRatioLimit: limits.ratio, seedRatioMode: 1 });
    if (limits?.seedTime) Object.assign(args, { seedIdleLimit: limits.seedTime, seedIdleMode: 1 });
    if (Object.keys(args).length) await this.rpc("torrent-set", { ids: [hash], ...args });
  }

  private async torrents(ids: readonly string[], fields: string[]): Promise<Torrent[]> {
    const result = await this.rpc("torrent-get", { ids, fields });
    const parsed = z.array(torrentSchema).safeParse(result.torrents);
    if (!parsed.success) throw clientError(SERVICE, "parseError", "Transmission sent an unexpected torrent list");
    return parsed.data;
  }

  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    return (await this.torrents(downloadIds, FIELDS)).map((t) => {
      const size = t.sizeWhenDone ?? t.totalSize;
      const failure = transmissionFailure(t.error, t.errorString);
      const status = statusOf(t);
      return {
        downloadId: t.hashString.toLowerCase(),
        title: t.name,
        status,
        size,
        sizeleft: t.leftUntilDone,
        progress: t.percentDone,
        eta: t.eta >= 0 ? t.eta : null,
        outputPath: joinPath(t.downloadDir, t.name),
        stalled: t.isStalled && t.leftUntilDone > 0,
        ...(t.isStalled && t.leftUntilDone > 0 ? { message: "The download is stalled with no connections" } : {}),
        ...(t.error > 0 && t.errorString ? { message: t.errorString } : {}),
        ...(failure ? { failure } : {}),
      };
    });
  }

  async files(downloadId: string): Promise<ClientFile[]> {
    const [torrent] = await this.torrents([downloadId], ["id", ...FIELDS.slice(1), "files"]);
    return (torrent?.files ?? []).map((f) => ({ path: f.name, size: f.length }));
  }

  async moveAndRename(
    download: ClientDownload,
    folder: string,
    file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    await this.rpc("torrent-set-location", { ids: [download.downloadId], location: folder, move: true });
    // Transmission accepts the request and reports a failed move on the torrent (error 3).
    const [moved] = await this.torrents([download.downloadId], FIELDS);
    const failure = moved ? transmissionFailure(moved.error, moved.errorString) : undefined;
    if (failure)
      throw clientError(
        SERVICE,
        failure.kind,
        `Transmission could not move ${download.title} to ${folder}: ${failure.message}`,
      );
    let path = joinPath(folder, newName);
    if (file.path !== newName) {
      // rename-path renames the last component of `path` only: the file keeps its folder.
      await this.rpc("torrent-rename-path", { ids: [download.downloadId], path: file.path, name: newName });
      const parent = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
      path = joinPath(parent ? joinPath(folder, parent) : folder, newName);
    }
    await this.markImported(download.downloadId);
    return { path, renamed: true };
  }

  /** Labels an imported torrent with the post-import category instead of the category (Transmission 4+). */
  private async markImported(downloadId: string): Promise<void> {
    const category = this.settings.movieImportedCategory;
    if (!category || category === this.settings.movieCategory) return;
    await this.rpc("torrent-set", { ids: [downloadId], labels: [category] });
  }

  /** `free-space` of the session's download dir (`total_size` since Transmission 4). */
  async diskSpace(): Promise<ClientDiskSpace> {
    const session = sessionDirSchema.safeParse(await this.rpc("session-get", { fields: ["download-dir"] }));
    if (!session.success) throw clientError(SERVICE, "parseError", "Transmission sent no download-dir");
    const path = this.settings.movieDirectory || session.data["download-dir"];
    const free = freeSpaceSchema.safeParse(await this.rpc("free-space", { path }));
    if (!free.success) throw clientError(SERVICE, "parseError", "Transmission sent no free space");
    return { path, freeSpace: free.data["size-bytes"], totalSpace: free.data.total_size ?? null };
  }

  /** `torrent-rename-path` renames the last component of `path`: the file keeps its folder. */
  async renameFile(downloadId: string, path: string, newName: string): Promise<string> {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    if (path.slice(folder ? folder.length + 1 : 0) === newName) return path;
    await this.rpc("torrent-rename-path", { ids: [downloadId], path, name: newName });
    return folder ? `${folder}/${newName}` : newName;
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    await this.rpc("torrent-remove", { ids: [downloadId], "delete-local-data": deleteData });
  }

  async recheck(downloadId: string): Promise<string> {
    await this.rpc("torrent-verify", { ids: [downloadId] });
    await this.rpc("torrent-start", { ids: [downloadId] });
    return downloadId;
  }

  async reannounce(downloadId: string): Promise<void> {
    await this.rpc("torrent-reannounce", { ids: [downloadId] });
  }
}
