import { type Env, upstreamPolicy } from "../config";
import type { Database } from "../db/client";
import { downloadRepository } from "../db/repositories/downloads";
import type { DownloadClientRow } from "../db/repositories/providers";
import type { DownloadProtocol } from "../domain/decisions";
import type { DownloadClient } from "../integrations/downloadClient";
import type { Logger } from "../observability/logger";
import { DOWNLOAD_CLIENTS } from "../providers/downloadClients/registry";
import { openSettings } from "./secrets";

export type { DownloadClientRow };

/** A client for a stored row (its secrets decrypted for the call only). */
export async function openDownloadClient(
  env: Env,
  row: Pick<DownloadClientRow, "implementation" | "settings">,
  logger?: Logger,
): Promise<DownloadClient> {
  const definition = DOWNLOAD_CLIENTS.get(row.implementation);
  const settings = await openSettings(env, row.settings, definition.secretFields);
  return definition.open(settings, { policy: upstreamPolicy(env), logger });
}

/** Enabled clients for a protocol, the one to try first first (priority, then oldest). */
export async function enabledClientsFor(db: Database, protocol: DownloadProtocol): Promise<DownloadClientRow[]> {
  return downloadRepository(db).enabledClientsFor(protocol);
}
