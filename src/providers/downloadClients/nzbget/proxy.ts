import { z } from "zod";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  MovedDownload,
} from "../../../integrations/downloadClient";
import { readJson } from "../../../integrations/http";
import { baseUrl, basicAuth, type ClientContext, clientError, clientFetch, joinPath, moviePriority } from "../http";
import type { NzbgetSettings } from "./settings";
import {
  freeBytes,
  groupDownload,
  groupSchema,
  historyDownload,
  historySchema,
  statusSchema,
  totalBytes,
} from "./status";

const SERVICE = "nzbget";

const responseSchema = z.object({
  result: z.unknown().optional(),
  error: z.object({ code: z.number().optional(), message: z.string() }).nullish(),
});
const configSchema = z.array(z.object({ Name: z.string(), Value: z.string() }));

/**
 * NZBGet's JSON-RPC (`POST <urlBase>/jsonrpc`, basic auth): `append` (the NZB by URL, with
 * category and priority) answers the NZBID the download is tracked by in `listgroups` (the
 * queue) and then `history`; `editqueue` deletes (GroupFinalDelete, HistoryDelete /
 * HistoryFinalDelete) and downloads again (HistoryRedownload); `config` names the categories
 * and the destination folder, `status` its free space. NZBGet's API cannot move or rename a
 * finished download's files: an import records them under the movie's name (as SABnzbd).
 */
export class NzbgetClient implements DownloadClient {
  readonly implementation = "Nzbget";
  readonly protocol = "usenet" as const;
  private readonly url: string;

  constructor(
    private readonly settings: NzbgetSettings,
    private readonly context: ClientContext,
  ) {
    this.url = `${baseUrl(settings)}/jsonrpc`;
  }

  private async call<T>(method: string, params: unknown[], schema: z.ZodType<T>, adding = false): Promise<T> {
    const response = await clientFetch(SERVICE, this.settings, this.context, {
      url: this.url,
      init: {
        method: "POST",
        headers: { "content-type": "application/json", ...basicAuth(this.settings) },
        body: JSON.stringify({ version: "1.1", method, params, id: 1 }),
      },
      adding,
    });
    const body = await readJson(SERVICE, response, responseSchema);
    if (body.error) throw clientError(SERVICE, "upstreamError", `NZBGet ${method} failed: ${body.error.message}`);
    const parsed = schema.safeParse(body.result);
    if (!parsed.success) throw clientError(SERVICE, "parseError", `NZBGet sent an unexpected ${method} answer`);
    return parsed.data;
  }

  private async config(): Promise<Map<string, string>> {
    const entries = await this.call("config", [], configSchema);
    return new Map(entries.map((e) => [e.Name.toLowerCase(), e.Value]));
  }

  /** The categories NZBGet is configured with (Category1.Name, Category2.Name, …). */
  async categories(): Promise<string[]> {
    const config = await this.config();
    return [...config.entries()].filter(([name]) => /^category\d+\.name$/.test(name)).map(([, value]) => value);
  }

  async test(): Promise<string> {
    const version = await this.call("version", [], z.string());
    // NZBGet 12 added the JSON-RPC methods used here.
    if (Number.parseFloat(version) < 12)
      throw clientError(SERVICE, "upstreamError", `NZBGet ${version} is too old: 12.0 or later is needed`);
    const category = this.settings.movieCategory;
    if (category && !(await this.categories()).some((c) => c.toLowerCase() === category.toLowerCase()))
      throw clientError(SERVICE, "upstreamError", `NZBGet has no category ${category}: add it in NZBGet's settings`);
    return version;
  }

  async add(download: AddDownload): Promise<string> {
    const params = [
      `${download.title}.nzb`,
      download.url,
      this.settings.movieCategory,
      moviePriority(this.settings, download),
      false,
      this.settings.addPaused,
      "",
      0,
      "SCORE",
      [],
    ];
    const id = await this.call("append", params, z.number(), true);
    if (id <= 0) throw clientError(SERVICE, "downloadFailed", `NZBGet refused the NZB: ${download.title}`);
    return String(id);
  }

  private async queueAndHistory() {
    const [groups, history, status] = await Promise.all([
      this.call("listgroups", [0], z.array(groupSchema)),
      this.call("history", [false], z.array(historySchema)),
      this.call("status", [], statusSchema),
    ]);
    return { groups, history, status };
  }

  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    const wanted = new Set(downloadIds);
    const { groups, history, status } = await this.queueAndHistory();
    const out = groups.filter((g) => wanted.has(String(g.NZBID))).map((g) => groupDownload(g, status));
    const queued = new Set(out.map((d) => d.downloadId));
    for (const item of history)
      if (wanted.has(String(item.NZBID)) && !queued.has(String(item.NZBID))) out.push(historyDownload(item));
    return out;
  }

  /** NZBGet lists no files of a finished download: its final folder stands for them. */
  async files(downloadId: string): Promise<ClientFile[]> {
    const history = await this.call("history", [false], z.array(historySchema));
    const item = history.find((h) => String(h.NZBID) === downloadId);
    const folder = item?.FinalDir || item?.DestDir;
    return folder ? [{ path: folder, size: item.size, folder: true }] : [];
  }

  /** NZBGet's API has no move or rename: the import records the file under the movie's name. */
  async moveAndRename(
    _download: ClientDownload,
    folder: string,
    _file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    return { path: joinPath(folder, newName), renamed: false };
  }

  /** `status`'s free (and, from NZBGet 22, total) space of the DestDir disk. */
  async diskSpace(): Promise<ClientDiskSpace> {
    const [status, config] = await Promise.all([this.call("status", [], statusSchema), this.config()]);
    const mainDir = config.get("maindir") ?? "";
    const path = (config.get("destdir") ?? "").replace(/\$\{MainDir\}/gi, mainDir);
    return { path, freeSpace: freeBytes(status), totalSpace: totalBytes(status) };
  }

  async renameFile(): Promise<null> {
    return null;
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    const { groups } = await this.queueAndHistory();
    const queued = groups.some((g) => String(g.NZBID) === downloadId);
    const command = queued ? "GroupFinalDelete" : deleteData ? "HistoryFinalDelete" : "HistoryDelete";
    const done = await this.call("editqueue", [command, "", [Number(downloadId)]], z.boolean());
    if (!done) throw clientError(SERVICE, "notFound", `NZBGet could not delete ${downloadId}`);
  }

  /** `HistoryRedownload` puts a failed download back in the queue under the same NZBID. */
  async recheck(downloadId: string): Promise<string> {
    const done = await this.call("editqueue", ["HistoryRedownload", "", [Number(downloadId)]], z.boolean());
    if (!done) throw clientError(SERVICE, "downloadFailed", `NZBGet cannot download ${downloadId} again`);
    return downloadId;
  }

  async reannounce(): Promise<void> {}
}
