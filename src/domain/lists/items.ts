import { languageForIso } from "../library/language";
import { deriveMovieStatus } from "../library/movieStatus";
import { cleanTitle, movieFolderName, sortTitle } from "../library/titles";
import type { ListItem } from "./source";

/** The key an item is known by within a list: its TMDb id, or its IMDb id until one is known. */
export function itemKey(item: Pick<ListItem, "tmdbId" | "imdbId">): string | null {
  if (item.tmdbId) return `tmdb:${item.tmdbId}`;
  if (item.imdbId) return `imdb:${item.imdbId.toLowerCase()}`;
  return null;
}

/** Items deduplicated by key (lists repeat entries), first occurrence kept. */
export function uniqueItems(items: readonly ListItem[]): ListItem[] {
  const seen = new Set<string>();
  const out: ListItem[] = [];
  for (const item of items) {
    const key = itemKey(item);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/**
 * A stable fingerprint of what a list holds (keys, titles, years, order-independent): equal
 * fingerprints mean an unchanged list, so a re-sync can skip every write.
 */
export async function listFingerprint(items: readonly ListItem[]): Promise<string> {
  const lines = items.map((i) => `${itemKey(i)}|${i.title}|${i.year}`).sort();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(lines.join("\n")));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface ItemDiff<Stored> {
  added: ListItem[];
  changed: { item: ListItem; stored: Stored }[];
  removed: Stored[];
  kept: Stored[];
}

/** New, changed (title/year), removed and kept items of a list against what was stored. */
export function diffListItems<Stored extends { itemKey: string; title: string; year: number }>(
  fetched: readonly ListItem[],
  stored: readonly Stored[],
): ItemDiff<Stored> {
  const storedByKey = new Map(stored.map((s) => [s.itemKey, s]));
  const fetchedKeys = new Set<string>();
  const diff: ItemDiff<Stored> = { added: [], changed: [], removed: [], kept: [] };
  for (const item of fetched) {
    const key = itemKey(item);
    if (!key) continue;
    fetchedKeys.add(key);
    const existing = storedByKey.get(key);
    if (!existing) diff.added.push(item);
    else if (existing.title !== item.title || existing.year !== item.year)
      diff.changed.push({ item, stored: existing });
    else diff.kept.push(existing);
  }
  for (const s of stored) if (!fetchedKeys.has(s.itemKey)) diff.removed.push(s);
  return diff;
}

export interface ListMovieChoices {
  qualityProfileId: number;
  rootFolderPath: string;
  monitored: boolean;
  minimumAvailability: string;
  /** The movie's folder name under the root folder (the naming settings' folder format). */
  folderName?: (movie: { title: string; year: number; tmdbId: number; imdbId?: string | null }) => string;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * A library row for a list item from what the list itself said (TMDb lists give poster, overview,
 * release date, genres…). Full metadata follows from the RefreshMovie task, which refreshes
 * never-refreshed movies first; this keeps a 10,000-item import to one pass of batched writes.
 */
export function movieRowFromListItem(
  item: ListItem & { tmdbId: number },
  choices: ListMovieChoices,
  genreNames: Record<number, string>,
  imageBase: string,
  now: Date,
) {
  const meta = item.metadata ?? {};
  const releaseDate = text(meta.release_date);
  const inCinemas = releaseDate && !Number.isNaN(Date.parse(releaseDate)) ? new Date(releaseDate).toISOString() : null;
  const poster = text(meta.poster_path);
  const base = imageBase.replace(/\/$/, "");
  const images = poster
    ? [{ coverType: "poster", url: `${base}/t/p/w500${poster}`, remoteUrl: `${base}/t/p/original${poster}` }]
    : [];
  const genres = Array.isArray(meta.genre_ids)
    ? meta.genre_ids.map((id) => genreNames[Number(id)]).filter(Boolean)
    : [];
  const iso = now.toISOString();
  const root = choices.rootFolderPath.replace(/[\\/]+$/, "");
  return {
    tmdbId: item.tmdbId,
    imdbId: item.imdbId ?? null,
    title: item.title,
    originalTitle: text(meta.original_title) || item.title,
    sortTitle: sortTitle(item.title),
    cleanTitle: cleanTitle(item.title),
    year: item.year,
    status: deriveMovieStatus(undefined, { inCinemas, digitalRelease: null, physicalRelease: null }, now.getTime()),
    runtime: 0,
    inCinemas,
    physicalRelease: null,
    digitalRelease: null,
    monitored: choices.monitored,
    minimumAvailability: choices.minimumAvailability,
    qualityProfileId: choices.qualityProfileId,
    rootFolderPath: root,
    path: `${root}/${choices.folderName?.(item) ?? movieFolderName(item.title, item.year)}`,
    hasFile: false,
    sizeOnDisk: 0,
    rating: num(meta.vote_average),
    popularity: num(meta.popularity),
    genres,
    metadata: {
      overview: text(meta.overview),
      images,
      ...(images.length ? { remotePoster: images[0].remoteUrl } : {}),
      alternateTitles: [],
      ratings: { tmdb: { votes: num(meta.vote_count), value: num(meta.vote_average), type: "user" } },
      keywords: [],
      studio: "",
      website: "",
      youTubeTrailerId: "",
      certification: "",
      originalLanguage: languageForIso(text(meta.original_language)),
    },
    added: iso,
    updatedAt: iso,
  };
}
