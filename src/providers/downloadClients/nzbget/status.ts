import { z } from "zod";
import type { FailureSignal } from "../../../domain/failures/signals";
import type { ClientDownload, DownloadStatus } from "../../../integrations/downloadClient";
import { finishedDownload } from "../http";

/** Sizes come as MB and as two 32-bit halves (Lo/Hi) for the exact bytes. */
const bytes = (lo: number | undefined, hi: number | undefined, mb: number | undefined) =>
  lo !== undefined ? (hi ?? 0) * 2 ** 32 + (lo < 0 ? lo + 2 ** 32 : lo) : Math.round((mb ?? 0) * 1024 * 1024);

const parameters = z.array(z.object({ Name: z.string(), Value: z.string() })).default([]);

/** `listgroups`: the queue (downloading and post-processing). */
export const groupSchema = z
  .object({
    NZBID: z.number(),
    NZBName: z.string(),
    Category: z.string().default(""),
    Status: z.string(),
    FileSizeLo: z.number().optional(),
    FileSizeHi: z.number().optional(),
    FileSizeMB: z.number().optional(),
    RemainingSizeLo: z.number().optional(),
    RemainingSizeHi: z.number().optional(),
    RemainingSizeMB: z.number().optional(),
    PausedSizeLo: z.number().optional(),
    PausedSizeHi: z.number().optional(),
    PausedSizeMB: z.number().optional(),
    ActiveDownloads: z.number().default(0),
    DestDir: z.string().default(""),
    Parameters: parameters,
  })
  .transform((g) => ({
    ...g,
    size: bytes(g.FileSizeLo, g.FileSizeHi, g.FileSizeMB),
    remaining: bytes(g.RemainingSizeLo, g.RemainingSizeHi, g.RemainingSizeMB),
    paused: bytes(g.PausedSizeLo, g.PausedSizeHi, g.PausedSizeMB),
  }));
export type NzbgetGroup = z.infer<typeof groupSchema>;

/** `history`: finished (or failed, or deleted) downloads. */
export const historySchema = z
  .object({
    NZBID: z.number(),
    Name: z.string(),
    Category: z.string().default(""),
    Status: z.string(),
    ParStatus: z.string().default("NONE"),
    UnpackStatus: z.string().default("NONE"),
    MoveStatus: z.string().default("NONE"),
    DeleteStatus: z.string().default("NONE"),
    FileSizeLo: z.number().optional(),
    FileSizeHi: z.number().optional(),
    FileSizeMB: z.number().optional(),
    DestDir: z.string().default(""),
    FinalDir: z.string().default(""),
    Kind: z.string().default("NZB"),
  })
  .transform((h) => ({ ...h, size: bytes(h.FileSizeLo, h.FileSizeHi, h.FileSizeMB) }));
export type NzbgetHistory = z.infer<typeof historySchema>;

/** `status`: the free space of the destination disk, and whether downloading is paused. */
export const statusSchema = z.object({
  DownloadPaused: z.boolean().default(false),
  FreeDiskSpaceLo: z.number().optional(),
  FreeDiskSpaceHi: z.number().optional(),
  FreeDiskSpaceMB: z.number().optional(),
  TotalDiskSpaceLo: z.number().optional(),
  TotalDiskSpaceHi: z.number().optional(),
  TotalDiskSpaceMB: z.number().optional(),
});
export type NzbgetStatus = z.infer<typeof statusSchema>;
export const freeBytes = (s: NzbgetStatus) => bytes(s.FreeDiskSpaceLo, s.FreeDiskSpaceHi, s.FreeDiskSpaceMB);
export const totalBytes = (s: NzbgetStatus) =>
  s.TotalDiskSpaceLo === undefined && s.TotalDiskSpaceMB === undefined
    ? null
    : bytes(s.TotalDiskSpaceLo, s.TotalDiskSpaceHi, s.TotalDiskSpaceMB);

/**
 * NZBGet's history `Status` ("SUCCESS/ALL", "FAILURE/PAR", "DELETED/HEALTH", "WARNING/SPACE", …)
 * with its Par/Unpack/Move status, as the failure taxonomy: a failed repair or health check is a
 * corrupt or incomplete download (hashMismatch), an unpack without room is a full disk, an
 * encrypted or failed unpack cannot be imported, a failed move is the disk refusing writes.
 */
export function nzbgetFailure(
  item: Pick<NzbgetHistory, "Status" | "ParStatus" | "UnpackStatus" | "MoveStatus" | "DeleteStatus">,
): FailureSignal | undefined {
  const [outcome, detail = ""] = item.Status.split("/");
  if (outcome === "SUCCESS") return undefined;
  if (item.UnpackStatus === "SPACE" || detail === "SPACE")
    return { kind: "diskFull", message: "NZBGet: unpacking failed, not enough disk space" };
  if (outcome === "WARNING") return undefined;
  if (detail === "PAR" || item.ParStatus === "FAILURE")
    return { kind: "hashMismatch", message: "NZBGet: par-repair failed, not enough repair blocks" };
  if (detail === "HEALTH" || item.DeleteStatus === "HEALTH")
    return { kind: "hashMismatch", message: "NZBGet: health check failed, too many articles missing" };
  if (item.UnpackStatus === "PASSWORD") return { kind: "importFailed", message: "NZBGet: the archive is encrypted" };
  if (detail === "UNPACK" || item.UnpackStatus === "FAILURE")
    return { kind: "importFailed", message: "NZBGet: unpacking failed" };
  if (detail === "MOVE" || item.MoveStatus === "FAILURE")
    return { kind: "permissionDenied", message: "NZBGet: moving the files to the destination failed" };
  if (outcome === "DELETED")
    return { kind: "downloadFailed", message: `NZBGet deleted the download (${detail || "manual"})` };
  return { kind: "downloadFailed", message: `NZBGet reports ${item.Status}` };
}

const POSTPROCESSING = /^(PP_|LOADING_PARS|VERIFYING|REPAIRING|RENAMING|UNPACKING|MOVING|EXECUTING_SCRIPT)/;

/** Radarr's mapping of a queue group: paused, queued (nothing active) or downloading. */
function groupStatus(group: NzbgetGroup, globallyPaused: boolean): DownloadStatus {
  if (POSTPROCESSING.test(group.Status)) return "downloading";
  if (globallyPaused || (group.remaining > 0 && group.remaining === group.paused)) return "paused";
  if (group.ActiveDownloads === 0 && group.remaining > 0) return "queued";
  return "downloading";
}

export function groupDownload(group: NzbgetGroup, status: NzbgetStatus): ClientDownload {
  const state = groupStatus(group, status.DownloadPaused);
  // NZBGet pauses downloading when the disk is full (its DiskSpace option).
  const full = status.DownloadPaused && freeBytes(status) === 0 && group.remaining > 0;
  return {
    downloadId: String(group.NZBID),
    title: group.NZBName,
    status: full ? "warning" : state,
    size: group.size,
    sizeleft: group.remaining,
    progress: group.size > 0 ? (group.size - group.remaining) / group.size : 0,
    eta: null,
    outputPath: null,
    ...(POSTPROCESSING.test(group.Status) ? { message: `NZBGet: ${group.Status}` } : {}),
    ...(full ? { failure: { kind: "diskFull" as const, message: "NZBGet paused downloading: the disk is full" } } : {}),
    ...(full ? { message: "NZBGet paused downloading: the disk is full" } : {}),
  };
}

export function historyDownload(item: NzbgetHistory): ClientDownload {
  const finished = {
    downloadId: String(item.NZBID),
    title: item.Name,
    size: item.size,
    outputPath: item.FinalDir || item.DestDir || null,
  };
  return finishedDownload(finished, nzbgetFailure(item));
}
