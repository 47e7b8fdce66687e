import { and, desc, eq, like, ne, notInArray, or } from "drizzle-orm";
import type { Database } from "../client";
import { downloads } from "../schema";
import type { DownloadRow } from "./downloads";

// Downloads one manual import lists at most.
const LIMIT = 50;

/** The downloads a manual import starts from: by the client's id, by folder, or a movie's finished ones. */
export function finishedDownloadRepository(db: Database) {
  return {
    /** The latest download the app tracks under the client's id. */
    async byDownloadId(downloadId: string): Promise<DownloadRow | undefined> {
      const [row] = await db
        .select()
        .from(downloads)
        .where(eq(downloads.downloadId, downloadId))
        .orderBy(desc(downloads.id))
        .limit(1);
      return row;
    },

    /** Downloads the client keeps in `folder` (their output path is it or lies under it), newest first. */
    async inFolder(folder: string): Promise<DownloadRow[]> {
      const base = folder.replace(/[\\/]+$/, "");
      // LIKE's _ and % match more than themselves: the prefix is checked exactly below.
      const rows = await db
        .select()
        .from(downloads)
        .where(
          and(
            ne(downloads.downloadId, ""),
            ne(downloads.trackedDownloadState, "removed"),
            or(eq(downloads.outputPath, base), like(downloads.outputPath, `${base}/%`)),
          ),
        )
        .orderBy(desc(downloads.id))
        .limit(LIMIT);
      return rows.filter((r) => r.outputPath === base || r.outputPath?.startsWith(`${base}/`));
    },

    /** A movie's finished downloads that are not imported (or removed), newest first. */
    finishedOfMovie(movieId: number): Promise<DownloadRow[]> {
      return db
        .select()
        .from(downloads)
        .where(
          and(
            eq(downloads.movieId, movieId),
            eq(downloads.status, "completed"),
            ne(downloads.downloadId, ""),
            notInArray(downloads.trackedDownloadState, ["imported", "removed"]),
          ),
        )
        .orderBy(desc(downloads.id))
        .limit(LIMIT);
    },
  };
}
