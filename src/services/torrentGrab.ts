import type { Database } from "../db/client";
import { indexerRepository } from "../db/repositories/providers";
import type { Release } from "../domain/decisions";
import { Failure } from "../domain/failures/failure";
import type { SeedLimits } from "../integrations/downloadClient";
import { seedLimitsOf } from "../providers/indexers/seeding";
import { loadBlocklistEntries } from "./decisionContext";

/**
 * What a torrent's indexer asks of its grab: its seed goal (Radarr's SeedConfigProvider), and —
 * with "reject blocklisted torrent hashes while grabbing" — that the hash learnt from the torrent
 * file is not blocklisted for the movie, though the release's name was not (a conflict if it is).
 */
export async function torrentGrabTerms(
  db: Database,
  release: Release,
  movieId: number,
  infoHash: string | undefined,
): Promise<SeedLimits | undefined> {
  if (release.protocol !== "torrent" || !release.indexerId) return undefined;
  const indexer = await indexerRepository(db).get(release.indexerId);
  if (!indexer) return undefined;
  const hash = infoHash?.toLowerCase();
  if (indexer.settings.rejectBlocklistedTorrentHashesWhileGrabbing === true && hash) {
    const blocked = await loadBlocklistEntries(db, movieId);
    if (blocked.some((entry) => entry.infoHash?.toLowerCase() === hash))
      throw new Failure("conflict", `${release.title} is blocklisted (its torrent's info hash ${hash})`);
  }
  return seedLimitsOf(indexer.settings);
}
