import type { Database } from "../db/client";
import { type DownloadFailureQuery, downloadFailureRepository } from "../db/repositories/downloadFailures";

/** One page of recent download failures, with the total and the count of each failure kind. */
export function downloadFailures(db: Database, query: DownloadFailureQuery) {
  return downloadFailureRepository(db).page(query);
}
