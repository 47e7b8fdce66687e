import { z } from "zod";
import type { DownloadStatus } from "../../../integrations/downloadClient";

/** `GET /api/v2/torrents/info` (WebUI API v2), the fields read. */
export const torrentSchema = z.object({
  hash: z.string(),
  name: z.string(),
  state: z.string(),
  size: z.number(),
  total_size: z.number().optional(),
  progress: z.number(),
  eta: z.number(),
  amount_left: z.number().optional(),
  save_path: z.string(),
  content_path: z.string().optional(),
  category: z.string().optional(),
});
export type Torrent = z.infer<typeof torrentSchema>;

/** `torrents/categories`: each category by name, with its save path. */
export const categoriesSchema = z.record(z.string(), z.object({ name: z.string(), savePath: z.string().optional() }));

export const filesSchema = z.array(z.object({ name: z.string(), size: z.number() }));
export const mainDataSchema = z.object({
  server_state: z.object({ free_space_on_disk: z.number().optional() }).partial().optional(),
});

/** Radarr's mapping of qBittorrent states to queue statuses. */
export function statusOf(state: string): DownloadStatus {
  switch (state) {
    case "error":
    case "stalledDL":
    case "missingFiles":
      return "warning";
    case "pausedDL":
    case "stoppedDL":
      return "paused";
    case "queuedDL":
    case "checkingDL":
    case "checkingUP":
    case "checkingResumeData":
    case "metaDL":
    case "forcedMetaDL":
    case "allocating":
      return "queued";
    case "pausedUP":
    case "stoppedUP":
    case "uploading":
    case "stalledUP":
    case "queuedUP":
    case "forcedUP":
      return "completed";
    default:
      return "downloading";
  }
}
