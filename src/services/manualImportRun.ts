import * as clock from "../clock";
import { downloadRepository } from "../db/repositories/downloads";
import { MovieRepository } from "../db/repositories/movies";
import type { StoredQualityModel } from "../db/schema";
import type { ServiceContext } from "./context";
import { attemptImport } from "./downloads/import";
import { downloadWork } from "./downloads/work";
import type { DownloadRow } from "./grab";
import { absolutePath, judge, type LocatedDownload, locateDownload } from "./manualImport";

/** One file a manual import was asked to import (Radarr's ManualImport command's `files`). */
export interface ManualImportFile {
  path: string;
  movieId: number;
  downloadId?: string;
  quality?: StoredQualityModel;
  languages?: { id: number; name: string }[];
  releaseGroup?: string;
  indexerFlags?: number;
}

export interface ManualImportOutcome {
  imported: { path: string; movieId: number }[];
  notImported: { path: string; reason: string }[];
}

/**
 * Imports the chosen files through the download import (the client moves and renames the file
 * into the movie's folder; the movie file, history and notifications follow), as the user chose
 * them: movie, quality, languages. A file outside a download a client holds cannot be imported:
 * the Worker has no disk to read it from.
 */
export async function importChosenFiles(
  ctx: ServiceContext,
  files: readonly ManualImportFile[],
): Promise<ManualImportOutcome> {
  const outcome: ManualImportOutcome = { imported: [], notImported: [] };
  for (const file of files) {
    const reason = await importOne(ctx, file);
    if (reason) outcome.notImported.push({ path: file.path, reason });
    else outcome.imported.push({ path: file.path, movieId: file.movieId });
  }
  return outcome;
}

/** Imports one file; answers why it was not imported, or undefined once it was. */
async function importOne(ctx: ServiceContext, file: ManualImportFile): Promise<string | undefined> {
  if (!file.downloadId)
    return "Only files of a download a client holds can be imported (the app has no disk of its own)";
  const movie = await new MovieRepository(ctx.db).get(file.movieId);
  if (!movie) return `Movie ${file.movieId} is not in the library`;
  const located = await locateDownload(ctx, file.downloadId);
  if (!located) return `No download client holds the download ${file.downloadId}`;
  if (located.item.status !== "completed") return `${located.item.title} has not finished downloading`;
  const chosen = (await located.opened.files(file.downloadId)).find(
    (f) => f.path === file.path || absolutePath(located.item, f) === file.path,
  );
  if (!chosen) return `${file.path} is not a file of ${located.item.title}`;
  const judged = await judge(ctx, {
    path: file.path,
    relativePath: chosen.path,
    size: chosen.size,
    downloadId: file.downloadId,
    downloadTitle: located.row?.title ?? located.item.title,
    sample: false,
    movieId: movie.id,
    ...(file.quality?.quality ? { quality: file.quality } : located.row ? { quality: located.row.quality } : {}),
    ...(file.languages?.length ? { languages: file.languages } : {}),
    ...(file.releaseGroup ? { releaseGroup: file.releaseGroup } : {}),
    ...(file.indexerFlags !== undefined ? { indexerFlags: file.indexerFlags } : {}),
  });
  const row = await trackedRow(ctx, located, {
    movieId: movie.id,
    quality: judged.quality,
    languages: judged.languages,
    customFormatIds: judged.customFormats.map((f) => f.id),
    customFormatScore: judged.customFormatScore,
    trackedDownloadState: "importPending",
    updatedAt: clock.nowIso(),
  });
  const work = downloadWork(ctx);
  const step = await attemptImport(work, row, located.client, located.opened, located.item, 1, true, chosen);
  if (step === "imported") return undefined;
  const after = await downloadRepository(ctx.db).get(row.id);
  return `${step === "retrying" ? "Import will be retried" : "Import failed"}: ${after?.errorMessage ?? "see the queue"}`;
}

type RowChoices = Pick<
  DownloadRow,
  "movieId" | "quality" | "languages" | "customFormatIds" | "customFormatScore" | "trackedDownloadState" | "updatedAt"
>;

/** The download's queue row with the user's choices: the tracked one updated, or a new one for a download the app did not grab. */
async function trackedRow(ctx: ServiceContext, located: LocatedDownload, choices: RowChoices): Promise<DownloadRow> {
  const downloads = downloadRepository(ctx.db);
  if (located.row) {
    await downloads.update(located.row.id, choices);
    return { ...located.row, ...choices };
  }
  const { item, client } = located;
  const now = clock.nowIso();
  return downloads.insert({
    ...choices,
    downloadClientId: client.id,
    downloadId: item.downloadId,
    title: item.title,
    indexer: "",
    protocol: client.protocol,
    size: item.size,
    sizeleft: 0,
    status: "completed",
    statusMessages: [],
    progress: 1,
    release: {},
    source: "interactive",
    outputPath: item.outputPath,
    grabbedAt: now,
    completedAt: now,
  });
}
