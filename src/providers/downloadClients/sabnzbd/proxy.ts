import { z } from "zod";
import { sabnzbdFailure } from "../../../domain/failures/signals";
import type {
  AddDownload,
  ClientDiskSpace,
  ClientDownload,
  ClientFile,
  DownloadClient,
  DownloadStatus,
  MovedDownload,
} from "../../../integrations/downloadClient";
import { readJson } from "../../../integrations/http";
import {
  baseUrl,
  type ClientContext,
  clientError,
  clientFetch,
  finishedDownload,
  joinPath,
  moviePriority,
} from "../http";
import type { SabnzbdSettings } from "./settings";

const SERVICE = "sabnzbd";

// SABnzbd sends most numbers as strings.
const numberish = z.union([z.number(), z.string()]).transform((v) => Number(v) || 0);

const errorSchema = z.object({ status: z.literal(false), error: z.string() });
const versionSchema = z.object({ version: z.string() });
const addSchema = z.object({ status: z.boolean(), nzo_ids: z.array(z.string()).default([]) });
const queueSlotSchema = z.object({
  nzo_id: z.string(),
  filename: z.string(),
  status: z.string(),
  mb: numberish,
  mbleft: numberish,
  percentage: numberish.optional(),
  timeleft: z.string().optional(),
});
const queueSchema = z.object({
  queue: z.object({ paused: z.boolean().optional(), slots: z.array(queueSlotSchema).default([]) }),
});
const historySlotSchema = z.object({
  nzo_id: z.string(),
  name: z.string(),
  status: z.string(),
  fail_message: z.string().default(""),
  storage: z.string().nullable().default(null),
  bytes: numberish.default(0),
});
const historySchema = z.object({ history: z.object({ slots: z.array(historySlotSchema).default([]) }) });
const diskSchema = z.object({
  queue: z.object({ diskspace2: numberish.default(0), diskspacetotal2: numberish.default(0) }),
});
const completeDirSchema = z.object({
  config: z
    .object({
      misc: z
        .object({ complete_dir: z.string().default("") })
        .partial()
        .default({}),
    })
    .partial(),
});
const GB = 1024 ** 3;
const okSchema = z.object({ status: z.boolean() });
const retrySchema = z.object({ status: z.boolean(), nzo_id: z.string().optional() });

const MB = 1024 * 1024;
// Ids named in one URL at most; more are read by category.
const IDS_PER_URL = 100;

/** "H:MM:SS" (or "D:HH:MM:SS") to seconds. */
function parseTimeLeft(text: string | undefined): number | null {
  if (!text) return null;
  const parts = text.split(":").map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return null;
  return parts.reduce((total, part, i) => total * (i === parts.length - 3 ? 24 : 60) + part, 0);
}

/** Radarr's mapping of SABnzbd queue statuses. */
function queueStatus(status: string, queuePaused: boolean): DownloadStatus {
  if (queuePaused || status === "Paused") return "paused";
  if (["Queued", "Grabbing", "Propagating", "Fetching"].includes(status)) return "queued";
  return "downloading";
}

/**
 * SABnzbd's API (`/api?mode=…&apikey=…&output=json`): addurl, queue and history polling,
 * retry, delete. SABnzbd has no API to move or rename a finished job's files: an import records
 * the job's storage path under the movie's name (see moveAndRename).
 */
export class SabnzbdClient implements DownloadClient {
  readonly implementation = "Sabnzbd";
  readonly protocol = "usenet" as const;
  private readonly base: string;

  constructor(
    private readonly settings: SabnzbdSettings,
    private readonly context: ClientContext,
  ) {
    this.base = baseUrl(settings);
  }

  private async call<T>(params: Record<string, string>, schema: z.ZodType<T>, adding = false): Promise<T> {
    // The API key when set, else SABnzbd's web login (Radarr's order).
    const { apiKey, username, password } = this.settings;
    const auth: Record<string, string> = apiKey ? { apikey: apiKey } : { ma_username: username, ma_password: password };
    const query = new URLSearchParams({ ...params, ...auth, output: "json" });
    const response = await clientFetch(SERVICE, this.settings, this.context, {
      url: `${this.base}/api?${query}`,
      adding,
    });
    const body: unknown = await response.json().catch(() => {
      throw clientError(SERVICE, "parseError", "SABnzbd sent a response that is not valid JSON", response.status);
    });
    // SABnzbd answers 200 with {status:false, error} for a wrong key or a bad request.
    const refused = errorSchema.safeParse(body);
    if (refused.success) {
      const kind = /api key|password|auth/i.test(refused.data.error) ? "authenticationFailed" : "upstreamError";
      throw clientError(SERVICE, kind, `SABnzbd refused the request: ${refused.data.error}`, response.status);
    }
    return readJson(SERVICE, new Response(JSON.stringify(body)), schema);
  }

  /** The categories SABnzbd is configured with, "*" (its default) aside. */
  async categories(): Promise<string[]> {
    const { categories } = await this.call({ mode: "get_cats" }, z.object({ categories: z.array(z.string()) }));
    return categories.filter((name) => name !== "*");
  }

  async test(): Promise<string> {
    const { version } = await this.call({ mode: "version" }, versionSchema);
    // mode=version needs no key; the queue does, so this checks the key too.
    await this.call({ mode: "queue", limit: "1" }, queueSchema);
    return version;
  }

  async add(download: AddDownload): Promise<string> {
    const result = await this.call(
      {
        mode: "addurl",
        name: download.url,
        nzbname: download.title,
        cat: this.settings.movieCategory,
        priority: String(moviePriority(this.settings, download)),
      },
      addSchema,
      true,
    );
    const id = result.nzo_ids[0];
    if (!result.status || !id)
      throw clientError(SERVICE, "downloadFailed", `SABnzbd refused the NZB: ${download.title}`);
    return id;
  }

  async list(downloadIds: readonly string[]): Promise<ClientDownload[]> {
    if (downloadIds.length === 0) return [];
    // By id for a few, by category for many (the request line stays short); others are dropped.
    const byIds = downloadIds.length <= IDS_PER_URL;
    const ids = downloadIds.join(",");
    const category = this.settings.movieCategory;
    const [queue, history] = await Promise.all([
      this.call({ mode: "queue", limit: "0", ...(byIds ? { nzo_ids: ids } : { cat: category }) }, queueSchema),
      this.call({ mode: "history", limit: "0", ...(byIds ? { nzo_ids: ids } : { category }) }, historySchema),
    ]);
    const wanted = new Set(downloadIds);
    queue.queue.slots = queue.queue.slots.filter((slot) => wanted.has(slot.nzo_id));
    history.history.slots = history.history.slots.filter((slot) => wanted.has(slot.nzo_id));
    const paused = queue.queue.paused ?? false;
    const out: ClientDownload[] = queue.queue.slots.map((slot) => {
      const size = Math.round(slot.mb * MB);
      const sizeleft = Math.round(slot.mbleft * MB);
      return {
        downloadId: slot.nzo_id,
        title: slot.filename,
        status: queueStatus(slot.status, paused),
        size,
        sizeleft,
        progress: size > 0 ? (size - sizeleft) / size : (slot.percentage ?? 0) / 100,
        eta: parseTimeLeft(slot.timeleft),
        outputPath: null,
      };
    });
    for (const slot of history.history.slots) out.push(this.historyDownload(slot));
    return out;
  }

  private historyDownload(slot: z.infer<typeof historySlotSchema>): ClientDownload {
    const finished = { downloadId: slot.nzo_id, title: slot.name, size: slot.bytes, outputPath: slot.storage };
    if (slot.status === "Failed") return finishedDownload(finished, sabnzbdFailure(slot.fail_message));
    if (slot.status === "Completed") return finishedDownload(finished);
    // Verifying, Repairing, Extracting, Moving, Running, QuickCheck: post-processing.
    return { ...finishedDownload(finished), status: "downloading", message: `SABnzbd: ${slot.status}` };
  }

  /** SABnzbd lists no files of a finished job: its storage path (a folder, or the file) stands for them. */
  async files(downloadId: string): Promise<ClientFile[]> {
    const history = await this.call({ mode: "history", nzo_ids: downloadId }, historySchema);
    const slot = history.history.slots.find((s) => s.nzo_id === downloadId);
    if (!slot?.storage) return [];
    const isFile = /\.[a-z0-9]{2,4}$/i.test(slot.storage);
    return [{ path: slot.storage, size: slot.bytes, ...(isFile ? {} : { folder: true }) }];
  }

  /**
   * SABnzbd's API cannot move or rename a finished job (its sorting runs before the job
   * completes), so nothing is sent: the import records the movie file under the movie's folder
   * and name, and the download's storage path stays on the queue record.
   */
  async moveAndRename(
    _download: ClientDownload,
    folder: string,
    _file: ClientFile,
    newName: string,
  ): Promise<MovedDownload> {
    return { path: joinPath(folder, newName), renamed: false };
  }

  /** The queue's `diskspace2`/`diskspacetotal2` (GB): the disk of the complete folder, where finished jobs land. */
  async diskSpace(): Promise<ClientDiskSpace> {
    const [{ queue }, config] = await Promise.all([
      this.call({ mode: "queue", limit: "1" }, diskSchema),
      this.call({ mode: "get_config", section: "misc", keyword: "complete_dir" }, completeDirSchema),
    ]);
    return {
      path: config.config.misc?.complete_dir ?? "",
      freeSpace: Math.round(queue.diskspace2 * GB),
      totalSpace: Math.round(queue.diskspacetotal2 * GB),
    };
  }

  /** SABnzbd's API has no rename for a finished job's files. */
  async renameFile(): Promise<null> {
    return null;
  }

  async remove(downloadId: string, deleteData: boolean): Promise<void> {
    const delFiles = deleteData ? "1" : "0";
    await Promise.all([
      this.call({ mode: "queue", name: "delete", value: downloadId, del_files: delFiles }, okSchema),
      this.call({ mode: "history", name: "delete", value: downloadId, del_files: delFiles }, okSchema),
    ]);
  }

  /** `mode=retry` queues a failed job again (repair, unpack) under a new nzo_id. */
  async recheck(downloadId: string): Promise<string> {
    const result = await this.call({ mode: "retry", value: downloadId }, retrySchema);
    if (!result.status)
      throw clientError(SERVICE, "downloadFailed", `SABnzbd cannot retry ${downloadId}: the job is not retryable`);
    return result.nzo_id ?? downloadId;
  }

  async reannounce(): Promise<void> {}
}
