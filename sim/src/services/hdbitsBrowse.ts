import {
  ARCHIVE_FIRST_ID,
  ARCHIVE_SIZE,
  type ArchiveTorrent,
  archiveInfoHash,
  archiveMedium,
  archiveName,
  archiveTorrent,
  firstArchiveIndexBefore,
} from "../data/hdbitsArchive";
import { genreName } from "../data/reference";

/**
 * HDBits' browse list (the torrents endpoint without search criteria): the newest torrents the
 * searches also know (the RSS feed, unchanged), then the generated two-year back catalogue
 * (sim/src/data/hdbitsArchive.ts) from where the feed ends, newest first, paged like HDBits.
 */

export interface BrowseFilters {
  category?: number[];
  codec?: number[];
  medium?: number[];
  origins?: number[];
  exclusive?: number;
}

function archiveMatches(t: ArchiveTorrent, f: BrowseFilters): boolean {
  return (
    (!f.codec?.length || f.codec.includes(t.codec)) &&
    (!f.medium?.length || f.medium.includes(archiveMedium(t))) &&
    (!f.origins?.length || f.origins.includes(t.group.internal ? 1 : 0)) &&
    (f.exclusive === undefined || f.exclusive === (t.exclusive ? 1 : 0))
  );
}

const unfiltered = (f: BrowseFilters) =>
  !f.codec?.length && !f.medium?.length && !f.origins?.length && f.exclusive === undefined;

/** Archive torrents `skip`… (counting only those matching), at most `limit`, from `first` on. */
function archiveSlice(first: number, skip: number, limit: number, f: BrowseFilters): ArchiveTorrent[] {
  const out: ArchiveTorrent[] = [];
  if (unfiltered(f)) {
    for (let i = first + skip; i < ARCHIVE_SIZE && out.length < limit; i++)
      out.push(archiveTorrent(i) as ArchiveTorrent);
    return out;
  }
  let seen = 0;
  for (let i = first; i < ARCHIVE_SIZE && out.length < limit; i++) {
    const t = archiveTorrent(i) as ArchiveTorrent;
    if (!archiveMatches(t, f)) continue;
    if (seen++ >= skip) out.push(t);
  }
  return out;
}

const addedAt = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");

function archiveBody(t: ArchiveTorrent) {
  const name = archiveName(t);
  const imdb = t.movie.imdbId ? Number(t.movie.imdbId.replace(/^tt/, "")) : 0;
  return {
    id: ARCHIVE_FIRST_ID + t.index,
    hash: archiveInfoHash(t.index),
    leechers: t.leechers,
    seeders: t.seeders,
    name,
    times_completed: t.timesCompleted,
    size: t.size,
    utadded: t.uploadedAt,
    added: addedAt(t.uploadedAt),
    comments: 0,
    numfiles: 1,
    filename: `${name.replace(/\s+/g, ".")}.torrent`,
    freeleech: t.freeleech ? "yes" : "no",
    type_category: 1,
    type_codec: t.codec,
    type_medium: archiveMedium(t),
    type_origin: t.group.internal ? 1 : 0,
    type_exclusive: t.exclusive ? 1 : 0,
    torrent_status: "",
    bookmarked: 0,
    wishlisted: 0,
    tags: [] as string[],
    imdb: {
      id: imdb,
      englishtitle: t.movie.title,
      originaltitle: t.movie.originalTitle,
      year: Number(t.movie.releaseDate.slice(0, 4)),
      genres: t.movie.genreIds.map(genreName),
      rating: Math.round(t.movie.voteAverage * 10) / 10,
    },
  };
}

/**
 * One browse page: `feed` is the feed's torrents matching the filters (newest first, already as
 * bodies on demand via `feedBodies`), `oldestFeedSeconds` the oldest feed torrent's upload time.
 */
export async function browsePage<T>(
  feed: readonly T[],
  feedBodies: (items: T[]) => Promise<unknown[]>,
  oldestFeedSeconds: number | null,
  start: number,
  limit: number,
  filters: BrowseFilters,
): Promise<unknown[]> {
  if (filters.category?.length && !filters.category.includes(1)) return [];
  const fromFeed = await feedBodies(feed.slice(start, start + limit));
  const wanted = limit - fromFeed.length;
  if (wanted <= 0) return fromFeed;
  const first = oldestFeedSeconds === null ? 0 : firstArchiveIndexBefore(oldestFeedSeconds);
  const skip = Math.max(0, start - feed.length);
  return [...fromFeed, ...archiveSlice(first, skip, wanted, filters).map(archiveBody)];
}
