/**
 * Where a provider chip sends the user: that provider, for that title. In order of preference:
 *
 * 1. Watchmode's deep link (`web_url` of the title's Watchmode source for the same service, in
 *    the region, of the matching offer type when there is one), when Watchmode's sources for the
 *    title are known;
 * 2. the provider's own search, for the title (PROVIDER_SEARCH below: the common services);
 * 3. TMDb's watch page for the title in the region (JustWatch's offers, every provider listed).
 *
 * Services are matched by TMDb provider id and Watchmode source id (the table), else by their
 * names written alike (lower case, "+" as "plus", letters and digits only).
 */

export const WATCH_LINK_SOURCES = ["watchmode", "search", "tmdb"] as const;
export type WatchLinkSource = (typeof WATCH_LINK_SOURCES)[number];

export interface WatchLink {
  url: string;
  source: WatchLinkSource;
}

/** TMDb's (JustWatch's) offer types. */
type OfferType = "flatrate" | "free" | "ads" | "rent" | "buy";

/** The fields of one of Watchmode's title sources this needs. */
export interface WatchmodeTitleSource {
  source_id: number;
  name: string;
  type: string;
  region: string;
  web_url?: string | null;
}

interface ProviderSearch {
  /** TMDb (JustWatch) provider ids of the service. */
  tmdbIds: readonly number[];
  /** Watchmode source ids of the same service. */
  watchmodeIds: readonly number[];
  /** The service's search page; `{title}` is replaced by the URL-encoded title. */
  search: string;
}

/** The common services' search pages, with their ids at TMDb and Watchmode. */
const PROVIDER_SEARCH: Readonly<Record<string, ProviderSearch>> = {
  netflix: { tmdbIds: [8, 175, 1796], watchmodeIds: [203], search: "https://www.netflix.com/search?q={title}" },
  primeVideo: {
    tmdbIds: [9, 119],
    watchmodeIds: [26],
    search: "https://www.primevideo.com/search/ref=atv_nb_sr?phrase={title}",
  },
  amazonVideo: {
    tmdbIds: [10],
    watchmodeIds: [24],
    search: "https://www.amazon.com/s?k={title}&i=instant-video",
  },
  disneyPlus: { tmdbIds: [337], watchmodeIds: [372], search: "https://www.disneyplus.com/search?q={title}" },
  appleTvPlus: { tmdbIds: [350], watchmodeIds: [371], search: "https://tv.apple.com/search?term={title}" },
  appleTv: { tmdbIds: [2], watchmodeIds: [349], search: "https://tv.apple.com/search?term={title}" },
  max: { tmdbIds: [1899, 384], watchmodeIds: [387], search: "https://play.max.com/search?q={title}" },
  hulu: { tmdbIds: [15], watchmodeIds: [157], search: "https://www.hulu.com/search?q={title}" },
  paramountPlus: {
    tmdbIds: [531, 582, 1853],
    watchmodeIds: [444],
    search: "https://www.paramountplus.com/search/?q={title}",
  },
  peacock: { tmdbIds: [386, 387], watchmodeIds: [389], search: "https://www.peacocktv.com/watch/search?q={title}" },
  googlePlay: {
    tmdbIds: [3],
    watchmodeIds: [140],
    search: "https://play.google.com/store/search?q={title}&c=movies",
  },
  youTube: { tmdbIds: [192], watchmodeIds: [344], search: "https://www.youtube.com/results?search_query={title}" },
  fandangoAtHome: {
    tmdbIds: [7],
    watchmodeIds: [7],
    search: "https://athome.fandango.com/content/browse/search?searchString={title}",
  },
  tubi: { tmdbIds: [73], watchmodeIds: [296], search: "https://tubitv.com/search/{title}" },
  bbcIplayer: { tmdbIds: [38], watchmodeIds: [], search: "https://www.bbc.co.uk/iplayer/search?q={title}" },
  crunchyroll: { tmdbIds: [283], watchmodeIds: [], search: "https://www.crunchyroll.com/search?q={title}" },
  mubi: { tmdbIds: [11], watchmodeIds: [], search: "https://mubi.com/en/search/films?query={title}" },
};

/** Watchmode's source types for each TMDb offer type. */
const WATCHMODE_TYPES: Record<OfferType, readonly string[]> = {
  flatrate: ["sub", "tve"],
  free: ["free"],
  ads: ["free"],
  rent: ["rent"],
  buy: ["purchase"],
};

/** A service name written alike whatever the source: "Disney Plus" and "Disney+" both read "disneyplus". */
function serviceKey(name: string): string {
  return name
    .toLowerCase()
    .replaceAll("+", "plus")
    .replace(/[^a-z0-9]/g, "");
}

function searchEntry(providerId: number): ProviderSearch | undefined {
  return Object.values(PROVIDER_SEARCH).find((entry) => entry.tmdbIds.includes(providerId));
}

const isWebUrl = (url: string | null | undefined): url is string => Boolean(url && /^https?:\/\//i.test(url));

/** The Watchmode source of the same service in the region, of the offer type if one is, with a web link. */
function matchingWatchmodeSource(
  provider: { providerId: number; name: string },
  offerType: OfferType,
  region: string,
  sources: readonly WatchmodeTitleSource[],
): WatchmodeTitleSource | undefined {
  const entry = searchEntry(provider.providerId);
  const key = serviceKey(provider.name);
  const same = sources.filter(
    (s) =>
      s.region.toUpperCase() === region.toUpperCase() &&
      isWebUrl(s.web_url) &&
      (entry?.watchmodeIds.includes(s.source_id) || serviceKey(s.name) === key),
  );
  return same.find((s) => WATCHMODE_TYPES[offerType].includes(s.type)) ?? same[0];
}

/** TMDb's watch page for a title in a region, when TMDb's answer carried none. */
export function tmdbWatchPage(mediaType: "movie" | "tv", tmdbId: number, region: string): string {
  return `https://www.themoviedb.org/${mediaType}/${tmdbId}/watch?locale=${encodeURIComponent(region)}`;
}

/** Where a provider chip links (see the module comment). */
export function chooseWatchLink(input: {
  provider: { providerId: number; name: string };
  offerType: OfferType;
  title: string;
  region: string;
  /** TMDb's watch page for the title in the region. */
  tmdbLink: string;
  /** Watchmode's sources for the title, when known (every region). */
  watchmodeSources?: readonly WatchmodeTitleSource[];
}): WatchLink {
  const { provider, offerType, region, watchmodeSources } = input;
  const deep = watchmodeSources && matchingWatchmodeSource(provider, offerType, region, watchmodeSources);
  if (deep?.web_url) return { url: deep.web_url, source: "watchmode" };
  const entry = searchEntry(provider.providerId);
  if (entry && input.title.trim()) {
    return { url: entry.search.replace("{title}", encodeURIComponent(input.title.trim())), source: "search" };
  }
  return { url: input.tmdbLink, source: "tmdb" };
}
