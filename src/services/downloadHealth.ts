import * as clock from "../clock";
import type { Database } from "../db/client";
import { downloadRepository } from "../db/repositories/downloads";

export interface DownloadHealthCheck {
  source: string;
  type: "ok" | "notice" | "warning" | "error";
  message: string;
  wikiUrl: string;
}

/** Download health: a client to send grabs to, and downloads whose retries ran out in the past day. */
export async function downloadHealthChecks(db: Database, now = clock.nowDate()): Promise<DownloadHealthCheck[]> {
  const checks: DownloadHealthCheck[] = [];
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const downloads = downloadRepository(db);
  const [enabled, deadLettered] = await Promise.all([
    downloads.enabledClientCount(),
    downloads.deadLetteredSince(dayAgo),
  ]);
  if (enabled === 0) {
    checks.push({
      source: "DownloadClientCheck",
      type: "warning",
      message: "No download client is available: grabbed releases cannot be sent anywhere",
      wikiUrl: "",
    });
  }
  if (deadLettered.length) {
    const first = deadLettered[0];
    checks.push({
      source: "DownloadFailureCheck",
      type: "error",
      message: `${deadLettered.length} downloads failed after their last retry in the past day, e.g. ${first.title} (${first.failureKind}: ${first.errorMessage ?? "unknown error"})`,
      wikiUrl: "",
    });
  }
  return checks;
}

/** Failure counts per kind from the queue's records (they outlive any one isolate's counters). */
export async function downloadFailureGauges(db: Database) {
  const rows = await downloadRepository(db).failureCounts();
  return [
    {
      name: "radarr_download_failures",
      help: "Downloads with a failure, by failure kind and state (retrying, failed, deadLettered)",
      samples: rows.map((r) => ({ labels: { kind: r.kind ?? "unknown", state: r.state }, value: r.count })),
    },
  ];
}
