import type { Database } from "../../db/client";
import { indexerRepository } from "../../db/repositories/providers";
import { Failure } from "../../domain/failures/failure";
import { lastPathSegment, pathExtension } from "../../domain/parser/fileExtensions";
import type { ClientFile } from "../../integrations/downloadClient";
import { FAIL_DOWNLOAD_EXTENSIONS, FailDownloads } from "../../providers/indexers/releaseHandling";
import type { DownloadRow } from "../grab";

const LABELS: Record<number, string> = {
  [FailDownloads.executables]: "an executable",
  [FailDownloads.potentiallyDangerous]: "a potentially dangerous file",
};

/**
 * Fails a download holding files of a type its indexer's "Fail Downloads" names (Radarr's
 * RejectedImportService): a `downloadFailed` the import gives up on at once, so the release is
 * blocklisted, removed from the client and the next-best one grabbed.
 */
export async function refuseUnwantedFiles(db: Database, row: DownloadRow, files: readonly ClientFile[]) {
  const repository = indexerRepository(db);
  const id = row.indexer ? await repository.idByName(row.indexer) : undefined;
  const indexer = id === undefined ? undefined : await repository.get(id);
  const failOn = indexer?.settings.failDownloads;
  if (!Array.isArray(failOn) || failOn.length === 0) return;
  for (const type of failOn as number[]) {
    const extensions = FAIL_DOWNLOAD_EXTENSIONS[type] ?? [];
    const found = files.find((file) => extensions.includes(pathExtension(file.path).toLowerCase()));
    if (found)
      throw new Failure(
        "downloadFailed",
        `The download holds ${LABELS[type]} (${lastPathSegment(found.path)}); ${row.indexer} fails such downloads`,
      );
  }
}
