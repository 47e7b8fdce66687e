import * as clock from "../clock";
import type { Database } from "../db/client";
import { downloadRepository } from "../db/repositories/downloads";
import type { ServiceContext } from "./context";
import { openDownloadClient } from "./downloadClients";

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
      wikiUrl: "/settings/downloadclients",
    });
  }
  if (deadLettered.length) {
    const first = deadLettered[0];
    checks.push({
      source: "DownloadFailureCheck",
      type: "error",
      message: `${deadLettered.length} downloads failed after their last retry in the past day, e.g. ${first.title} (${first.failureKind}: ${first.errorMessage ?? "unknown error"})`,
      wikiUrl: "/activity/failures",
    });
  }
  return checks;
}

/** How long the health check waits for each client's answer, and how many clients it asks. */
const CLIENT_TEST_TIMEOUT_MS = 5000;
const MAX_CLIENTS_TESTED = 10;

/** `work` or, after `ms`, a rejection saying it took too long. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} seconds`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/**
 * Radarr's DownloadClientStatusCheck: each enabled client (up to ten, in parallel, five seconds
 * each) is tested as on save; those that fail are one error naming each with its reason.
 */
export async function unreachableClientsCheck({ env, db }: ServiceContext): Promise<DownloadHealthCheck[]> {
  const downloads = downloadRepository(db);
  const clients = [
    ...(await downloads.enabledClientsFor("torrent")),
    ...(await downloads.enabledClientsFor("usenet")),
  ].slice(0, MAX_CLIENTS_TESTED);
  const failures = await Promise.all(
    clients.map(async (client) => {
      try {
        await within(
          CLIENT_TEST_TIMEOUT_MS,
          openDownloadClient(env, client).then((opened) => opened.test()),
        );
        return undefined;
      } catch (error) {
        return `${client.name} (${error instanceof Error ? error.message : String(error)})`;
      }
    }),
  );
  const unreachable = failures.filter((f) => f !== undefined);
  if (!unreachable.length) return [];
  return [
    {
      source: "DownloadClientStatusCheck",
      type: "error",
      message: `Download clients unavailable: ${unreachable.join(", ")}`,
      wikiUrl: "/settings/downloadclients",
    },
  ];
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
