import { downloadClientRepository } from "../db/repositories/providers";
import { isUpstreamFailure } from "../domain/failures/failure";
import type { ServiceContext } from "./context";
import { openDownloadClient } from "./downloadClients";
import { withRemotePaths } from "./remotePathMappings";

export interface DiskSpace {
  /** The download client's id. */
  id: number;
  /** The client's name. */
  label: string;
  /** The folder the client saves downloads to. */
  path: string;
  freeSpace: number;
  /** 0 when the client does not report it (qBittorrent). */
  totalSpace: number;
}

/**
 * Radarr's disk space at the edge: the Worker has no disk, and movies live where the download
 * clients put them, so each enabled client's free space (where it saves downloads) is reported,
 * one entry per client. A client that cannot be reached is left out (logged), as Radarr leaves
 * out a path it cannot read.
 */
export async function diskSpace(ctx: ServiceContext): Promise<DiskSpace[]> {
  const clients = (await downloadClientRepository(ctx.db).list()).filter((c) => c.enable);
  const answers = await Promise.all(
    clients.map(async (client) => {
      try {
        const opened = await withRemotePaths(ctx.db, client, await openDownloadClient(ctx.env, client, ctx.logger));
        const space = await opened.diskSpace();
        return [
          {
            id: client.id,
            label: client.name,
            path: space.path,
            freeSpace: space.freeSpace,
            totalSpace: space.totalSpace ?? 0,
          },
        ];
      } catch (error) {
        if (!isUpstreamFailure(error)) throw error;
        ctx.logger.warn("disk space unknown: the download client did not answer", {
          client: client.name,
          kind: error.kind,
        });
        return [];
      }
    }),
  );
  return answers.flat();
}
