import type { Database } from "../db/client";
import type { DownloadClientRow } from "../db/repositories/providers";
import { type RemotePathMappingRow, remotePathMappingRepository } from "../db/repositories/remotePathMappings";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import {
  localToRemote,
  mappingFolder,
  type RemotePathMapping,
  remoteToLocal,
} from "../domain/library/remotePathMapping";
import type { ClientDownload, DownloadClient } from "../integrations/downloadClient";

export type { RemotePathMappingRow };

export interface RemotePathMappingInput {
  host?: string | null;
  remotePath?: string | null;
  localPath?: string | null;
}

/** Radarr's rules: a host, two absolute folders (the local one not `/`), one mapping per host and remote folder. */
function validated(input: RemotePathMappingInput, others: readonly RemotePathMappingRow[]): RemotePathMapping {
  const host = (input.host ?? "").trim();
  if (host === "") throw invalidInput("body.host", "host is required: the download client's host, as in its settings");
  const remote = mappingFolder(input.remotePath ?? "");
  if (remote.problem !== undefined) throw invalidInput("body.remotePath", `remotePath ${remote.problem}`);
  const local = mappingFolder(input.localPath ?? "");
  if (local.problem !== undefined) throw invalidInput("body.localPath", `localPath ${local.problem}`);
  if (local.path === "/") throw invalidInput("body.localPath", "localPath cannot be set to '/'");
  const clash = others.find((m) => m.host.toLowerCase() === host.toLowerCase() && m.remotePath === remote.path);
  if (clash)
    throw invalidInput("body.remotePath", `${remote.path} is already mapped for ${host} (mapping ${clash.id})`);
  return { host, remotePath: remote.path, localPath: local.path };
}

/** Remote path mappings (Radarr's RemotePathMappingService). */
export function remotePathMappingService(db: Database) {
  const repo = remotePathMappingRepository(db);
  return {
    list: () => repo.list(),

    async get(id: number): Promise<RemotePathMappingRow> {
      const row = await repo.get(id);
      if (!row) throw resourceNotFound(`Remote path mapping ${id}`);
      return row;
    },

    add: async (input: RemotePathMappingInput) => repo.create(validated(input, await repo.list())),

    async update(id: number, input: RemotePathMappingInput): Promise<RemotePathMappingRow> {
      const others = (await repo.list()).filter((m) => m.id !== id);
      const row = await repo.update(id, validated(input, others));
      if (!row) throw resourceNotFound(`Remote path mapping ${id}`);
      return row;
    },

    async remove(id: number): Promise<void> {
      if (!(await repo.delete(id))) throw resourceNotFound(`Remote path mapping ${id}`);
    },
  };
}

/** The host a client row connects to (every client's settings carry one). */
const clientHost = (client: Pick<DownloadClientRow, "settings">) => String(client.settings.host ?? "");

/**
 * The client with its paths translated by the mappings for its host: paths it reports (a
 * download's output path, where a move put the file) come back as the app names them; the folder
 * a move goes to is sent as the client names it. File paths inside a download stay the client's
 * own: they are handed back to the same client. Without a mapping for the host, the client as is.
 */
export async function withRemotePaths(
  db: Database,
  client: Pick<DownloadClientRow, "settings">,
  opened: DownloadClient,
): Promise<DownloadClient> {
  const host = clientHost(client);
  const mappings = (await remotePathMappingRepository(db).list()).filter(
    (m) => m.host.toLowerCase() === host.toLowerCase(),
  );
  if (mappings.length === 0) return opened;
  const toLocal = (path: string) => remoteToLocal(mappings, host, path);
  const toRemote = (path: string) => localToRemote(mappings, host, path);
  const local = (item: ClientDownload): ClientDownload =>
    item.outputPath ? { ...item, outputPath: toLocal(item.outputPath) } : item;
  const remote = (item: ClientDownload): ClientDownload =>
    item.outputPath ? { ...item, outputPath: toRemote(item.outputPath) } : item;
  return {
    implementation: opened.implementation,
    protocol: opened.protocol,
    test: () => opened.test(),
    add: (download) => opened.add(download),
    list: async (ids) => (await opened.list(ids)).map(local),
    files: (id) => opened.files(id),
    async moveAndRename(download, folder, file, newName) {
      const moved = await opened.moveAndRename(remote(download), toRemote(folder), file, newName);
      return { ...moved, path: toLocal(moved.path) };
    },
    async diskSpace() {
      const space = await opened.diskSpace();
      return { ...space, path: toLocal(space.path) };
    },
    renameFile: (id, path, newName) => opened.renameFile(id, path, newName),
    remove: (id, deleteData) => opened.remove(id, deleteData),
    recheck: (id) => opened.recheck(id),
    reannounce: (id) => opened.reannounce(id),
  };
}
