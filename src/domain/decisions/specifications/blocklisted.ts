import { accept, type DecisionSpecification, reject } from "../specification";
import type { BlocklistEntry, Release } from "../types";

function sameRelease(entry: BlocklistEntry, release: Release): boolean {
  if (entry.protocol && entry.protocol !== release.protocol) return false;
  return !entry.indexer || entry.indexer.toLowerCase() === release.indexer.toLowerCase();
}

/** The release is not on the blocklist: torrents by info hash when known, otherwise by title and indexer. */
export const blocklisted: DecisionSpecification = {
  name: "blocklisted",
  type: "permanent",
  evaluate(subject, context) {
    if (context.blocklistByHash.size === 0 && context.blocklistByTitle.size === 0) return accept();
    const { release } = subject;
    const hash = release.protocol === "torrent" ? release.infoHash?.trim().toLowerCase() : undefined;
    const hit = hash
      ? context.blocklistByHash.get(hash)?.[0]
      : context.blocklistByTitle.get(release.title.toLowerCase())?.find((entry) => sameRelease(entry, release));
    if (!hit) return accept();
    return reject(
      "blocklisted",
      hash
        ? `Release is blocklisted (info hash ${hash})`
        : `Release is blocklisted (${release.title} on ${release.indexer})`,
    );
  },
};
