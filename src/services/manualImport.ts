import { finishedDownloadRepository } from "../db/repositories/finishedDownloads";
import { movieFileRepository } from "../db/repositories/movieFiles";
import { MovieRepository, type MovieWithTags } from "../db/repositories/movies";
import { downloadClientRepository } from "../db/repositories/providers";
import type { StoredQualityModel } from "../db/schema";
import type { CustomFormat } from "../domain/customFormats";
import { type PreparedDecisionContext, prepareDecisionContext, toComparableQuality } from "../domain/decisions";
import { upgradeRejection } from "../domain/decisions/upgradeRules";
import { isUpstreamFailure } from "../domain/failures/failure";
import { isSample, isVideoFile } from "../domain/files/downloadFiles";
import { type ParsedMovieInfo, parseMovieTitle } from "../domain/parser";
import { lastPathSegment } from "../domain/parser/fileExtensions";
import { DEFAULT_QUALITY_DEFINITIONS, qualityById } from "../domain/quality/qualities";
import type { ClientDownload, ClientFile, DownloadClient } from "../integrations/downloadClient";
import type { ServiceContext } from "./context";
import { findMovieForRelease, loadDecisionContext } from "./decisionContext";
import { type DownloadClientRow, openDownloadClient } from "./downloadClients";
import type { DownloadRow } from "./grab";
import { withRemotePaths } from "./remotePathMappings";

/**
 * Radarr's manual import at the edge: the Worker has no disk, so the files offered are those of a
 * finished download as its client lists them (by the client's download id, by the folder the
 * client keeps downloads in, or a movie's finished downloads), each parsed, matched to a library
 * movie and judged (rejections as Radarr's); importing goes through the download import.
 */

interface Rejection {
  reason: string;
  type: "permanent" | "temporary";
}

export interface ManualImportItem {
  id: number;
  path: string;
  relativePath: string;
  folderName: string;
  name: string;
  size: number;
  movie: MovieWithTags | undefined;
  movieFileId: number | null;
  releaseGroup: string;
  quality: StoredQualityModel;
  languages: { id: number; name: string }[];
  qualityWeight: number;
  downloadId: string;
  customFormats: CustomFormat[];
  customFormatScore: number;
  indexerFlags: number;
  rejections: Rejection[];
}

/** A download a client holds, with its tracked row when the app grabbed it. */
export interface LocatedDownload {
  client: DownloadClientRow;
  opened: DownloadClient;
  item: ClientDownload;
  row: DownloadRow | undefined;
}

/** The download with this client id: through the client that grabbed it, else whichever enabled client holds it. */
export async function locateDownload(ctx: ServiceContext, downloadId: string): Promise<LocatedDownload | undefined> {
  const row = await finishedDownloadRepository(ctx.db).byDownloadId(downloadId);
  const clients = await downloadClientRepository(ctx.db).list();
  const candidates = row ? clients.filter((c) => c.id === row.downloadClientId) : clients.filter((c) => c.enable);
  for (const client of candidates) {
    try {
      // Paths as the app names them (remote path mappings), and moves sent as the client names them.
      const opened = await withRemotePaths(ctx.db, client, await openDownloadClient(ctx.env, client, ctx.logger));
      const [item] = await opened.list([downloadId]);
      if (item) return { client, opened, item, row };
    } catch (error) {
      if (!isUpstreamFailure(error)) throw error;
      ctx.logger.warn("manual import: a download client did not answer", { client: client.name, kind: error.kind });
    }
  }
  return undefined;
}

/** A file's absolute path: under the download's output path (a folder, or the file itself). */
export function absolutePath(item: ClientDownload, file: ClientFile): string {
  const output = (item.outputPath ?? "").replace(/[\\/]+$/, "");
  if (!output || file.path.startsWith("/")) return file.path;
  if (output.endsWith(`/${file.path}`) || output === file.path) return output;
  const root = lastPathSegment(output);
  if (file.path.startsWith(`${root}/`)) return `${output.slice(0, -root.length)}${file.path}`;
  return `${output}/${file.path}`;
}

// The id of an item: a hash of its path (Radarr's is the path's hash code too), stable across calls.
function pathId(path: string): number {
  let hash = 2166136261;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 16777619);
  return hash >>> 1 || 1;
}

/** Radarr's qualityWeight: the default definition's weight, then the revision. */
function qualityWeight(quality: StoredQualityModel): number {
  const weight = DEFAULT_QUALITY_DEFINITIONS.find((d) => d.quality.id === quality.quality)?.weight ?? 0;
  return weight + quality.revision.real * 10 + quality.revision.version;
}

const storedQuality = (parsed: ParsedMovieInfo | null): StoredQualityModel => ({
  quality: parsed?.quality.quality.id ?? 0,
  revision: {
    version: parsed?.quality.revision.version ?? 1,
    real: parsed?.quality.revision.real ?? 0,
    isRepack: parsed?.quality.revision.isRepack ?? false,
  },
});

/** What one file is judged with: chosen by the user (reprocess) or read from the name and the download. */
interface Candidate {
  path: string;
  relativePath: string;
  size: number;
  downloadId: string;
  /** The download's title (the release name) beside the file's own name. */
  downloadTitle: string;
  sample: boolean;
  /** Undefined when not known (reprocess does not ask the client). */
  progress?: number;
  movieId?: number;
  quality?: StoredQualityModel;
  languages?: { id: number; name: string }[];
  releaseGroup?: string;
  indexerFlags?: number;
}

/** Parses, matches and judges one file (Radarr's ImportDecisionMaker for manual import). */
export async function judge(ctx: ServiceContext, candidate: Candidate): Promise<ManualImportItem> {
  const name = lastPathSegment(candidate.path);
  const fromName = parseMovieTitle(name);
  const fromTitle = candidate.downloadTitle ? parseMovieTitle(candidate.downloadTitle) : null;
  // The file's name rules; the release name fills in what it does not say.
  const parsed = fromName?.quality.quality.id ? fromName : (fromTitle ?? fromName);
  const movies = new MovieRepository(ctx.db);
  let movie = candidate.movieId ? await movies.get(candidate.movieId) : undefined;
  if (!movie && !candidate.movieId && parsed) {
    const found = await findMovieForRelease(ctx.db, parsed);
    movie = found ? await movies.get(found.id) : undefined;
  }
  const quality = candidate.quality?.quality ? candidate.quality : storedQuality(parsed);
  const languages = candidate.languages?.length ? candidate.languages : (parsed?.languages ?? []);
  const releaseGroup = candidate.releaseGroup || parsed?.releaseGroup || "";
  const indexerFlags = candidate.indexerFlags ?? 0;
  const context = movie ? prepareDecisionContext(await loadDecisionContext(ctx.db, movie)) : undefined;
  const customFormats =
    context && parsed
      ? context.matcher.match({
          parsed: {
            ...parsed,
            quality: {
              ...parsed.quality,
              quality: qualityById(quality.quality) ?? parsed.quality.quality,
              revision: quality.revision,
            },
            languages,
            releaseGroup,
          },
          releaseTitle: candidate.downloadTitle || name,
          size: candidate.size,
          indexerFlags,
          movie: movie ? { year: movie.year, originalLanguage: movie.metadata.originalLanguage } : undefined,
        })
      : [];
  const customFormatScore = context ? context.scoreOf(customFormats) : 0;
  return {
    id: pathId(candidate.path),
    path: candidate.path,
    relativePath: candidate.relativePath,
    folderName: candidate.relativePath.includes("/") ? candidate.relativePath.split("/")[0] : candidate.downloadTitle,
    name: name.replace(/\.[^.]+$/, ""),
    size: candidate.size,
    movie,
    movieFileId: null,
    releaseGroup,
    quality,
    languages,
    qualityWeight: qualityWeight(quality),
    downloadId: candidate.downloadId,
    customFormats,
    customFormatScore,
    indexerFlags,
    rejections: rejections(candidate, movie, parsed, context, quality, customFormatScore),
  };
}

function rejections(
  candidate: Candidate,
  movie: MovieWithTags | undefined,
  parsed: ParsedMovieInfo | null,
  context: PreparedDecisionContext | undefined,
  quality: StoredQualityModel,
  score: number,
): Rejection[] {
  const out: Rejection[] = [];
  if (!movie) out.push({ reason: parsed ? "Unknown Movie" : "Unable to parse file", type: "permanent" });
  if (candidate.sample) out.push({ reason: "Sample", type: "permanent" });
  if (candidate.progress !== undefined && candidate.progress < 1)
    out.push({ reason: `Download is not finished (${Math.floor(candidate.progress * 100)}%)`, type: "temporary" });
  const existing = context?.existingFile;
  if (context && existing) {
    const notUpgrade = upgradeRejection(
      context,
      existing.quality,
      existing.customFormatScore,
      toComparableQuality(quality),
      score,
    );
    if (notUpgrade) out.push({ reason: "Not an upgrade for existing movie file", type: "permanent" });
  }
  return out;
}

/** The candidates of one located download: its video files (a SABnzbd job: its folder), samples marked. */
async function candidatesOf(located: LocatedDownload, movieId?: number): Promise<Candidate[]> {
  const { opened, item, row } = located;
  const files = await opened.files(item.downloadId);
  const videos = files.filter((f) => f.folder || isVideoFile(f.path));
  const largest = Math.max(0, ...videos.map((f) => f.size));
  return videos.map((file) => ({
    path: absolutePath(item, file),
    relativePath: file.folder ? lastPathSegment(file.path) : file.path,
    size: file.size || item.size,
    downloadId: item.downloadId,
    downloadTitle: row?.title ?? item.title,
    sample: isSample(file.path, file.size, largest),
    progress: item.status === "completed" ? 1 : Math.min(item.progress, 0.99),
    movieId: movieId ?? row?.movieId,
    ...(row ? { quality: row.quality, languages: row.languages } : {}),
  }));
}

export interface ManualImportQuery {
  downloadId?: string;
  folder?: string;
  movieId?: number;
  /** Leave out the files that are a movie's file already (Radarr's default). */
  filterExistingFiles: boolean;
}

/**
 * `GET /manualimport`: the files of the download with `downloadId`, of the downloads the clients
 * keep in `folder`, or (`movieId` alone) of the movie's finished downloads not imported yet.
 */
export async function manualImportItems(ctx: ServiceContext, query: ManualImportQuery): Promise<ManualImportItem[]> {
  const located: LocatedDownload[] = [];
  if (query.downloadId) {
    const found = await locateDownload(ctx, query.downloadId);
    if (found) located.push(found);
  } else {
    const repository = finishedDownloadRepository(ctx.db);
    const rows = query.folder
      ? await repository.inFolder(query.folder)
      : query.movieId
        ? await repository.finishedOfMovie(query.movieId)
        : [];
    for (const downloadId of new Set(rows.map((r) => r.downloadId))) {
      const found = await locateDownload(ctx, downloadId);
      if (found) located.push(found);
    }
  }
  const items: ManualImportItem[] = [];
  for (const download of located) {
    for (const candidate of await candidatesOf(download, query.downloadId ? query.movieId : undefined)) {
      const item = await judge(ctx, candidate);
      const imported = await importedFileOf(ctx, item);
      if (imported !== undefined && query.filterExistingFiles) continue;
      if (imported !== undefined) {
        item.movieFileId = imported;
        item.rejections.push({ reason: "The movie's file is this download's already", type: "permanent" });
      }
      items.push(item);
    }
  }
  return items;
}

/** The movie file this item's download became, if it was imported. */
async function importedFileOf(ctx: ServiceContext, item: ManualImportItem): Promise<number | undefined> {
  if (!item.movie) return undefined;
  const file = await movieFileRepository(ctx.db).ofMovie(item.movie.id);
  return file && file.downloadId === item.downloadId ? file.id : undefined;
}
