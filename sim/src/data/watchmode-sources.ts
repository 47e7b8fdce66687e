import { addDays, allMovies, catalogueReferenceDate, movieById } from "./catalogue";
import { movieIsReleased, type OfferType, titleOffers, type WatchProvider } from "./discovery-providers";
import { Random } from "./prng";
import {
  type IdMapEntry,
  idMapEntry,
  MOVIE_WATCHMODE_ID_BASE,
  TV_WATCHMODE_ID_BASE,
  tvShowCount,
} from "./watchmode-id-map";

/**
 * What Watchmode's title sources and releases routes serve, generated from fixed seeds. A title's
 * sources follow the same JustWatch offers the simulated TMDb serves (discovery-providers.ts), in
 * Watchmode's own terms: its source ids and names, `sub`/`free`/`rent`/`purchase` types, one entry
 * per format with a price for rentals and purchases. Releases are drawn per calendar day from the
 * id map's titles, so any date range has them and the same day always has the same ones.
 */

type WatchmodeSourceType = "sub" | "free" | "purchase" | "rent" | "tve";

interface WatchmodeService {
  sourceId: number;
  name: string;
  web: string;
}

/** Watchmode's source for each TMDb/JustWatch provider the simulator knows. */
const SERVICES: Record<number, WatchmodeService> = {
  8: { sourceId: 203, name: "Netflix", web: "https://www.netflix.com/title/" },
  9: { sourceId: 26, name: "Prime Video", web: "https://www.amazon.com/gp/video/detail/" },
  337: { sourceId: 372, name: "Disney+", web: "https://www.disneyplus.com/video/" },
  350: { sourceId: 371, name: "AppleTV+", web: "https://tv.apple.com/movie/" },
  15: { sourceId: 157, name: "Hulu", web: "https://www.hulu.com/watch/" },
  1899: { sourceId: 387, name: "Max", web: "https://play.max.com/movie/" },
  531: { sourceId: 444, name: "Paramount+", web: "https://www.paramountplus.com/movies/" },
  386: { sourceId: 389, name: "Peacock Premium", web: "https://www.peacocktv.com/watch/" },
  39: { sourceId: 456, name: "NOW", web: "https://www.nowtv.com/watch/" },
  38: { sourceId: 459, name: "BBC iPlayer", web: "https://www.bbc.co.uk/iplayer/episode/" },
  103: { sourceId: 461, name: "Channel 4", web: "https://www.channel4.com/programmes/" },
  30: { sourceId: 470, name: "WOW", web: "https://www.wowtv.de/watch/" },
  171: { sourceId: 471, name: "RTL+", web: "https://plus.rtl.de/video-tv/" },
  381: { sourceId: 472, name: "Canal+", web: "https://www.canalplus.com/cinema/" },
  234: { sourceId: 473, name: "Arte", web: "https://www.arte.tv/fr/videos/" },
  230: { sourceId: 474, name: "Crave", web: "https://www.crave.ca/en/movie/" },
  385: { sourceId: 475, name: "BINGE", web: "https://binge.com.au/movies/" },
  73: { sourceId: 296, name: "Tubi TV", web: "https://tubitv.com/movies/" },
  300: { sourceId: 300, name: "Pluto TV", web: "https://pluto.tv/on-demand/movies/" },
  2: { sourceId: 349, name: "iTunes", web: "https://itunes.apple.com/us/movie/id" },
  3: { sourceId: 140, name: "Google Play", web: "https://play.google.com/store/movies/details?id=" },
  10: { sourceId: 24, name: "Amazon", web: "https://www.amazon.com/dp/" },
  7: { sourceId: 7, name: "Fandango at Home", web: "https://athome.fandango.com/content/movies/" },
  192: { sourceId: 344, name: "YouTube", web: "https://www.youtube.com/watch?v=" },
  130: { sourceId: 476, name: "Sky Store", web: "https://www.skystore.com/product/" },
};

const WATCHMODE_TYPE: Record<OfferType, WatchmodeSourceType> = {
  flatrate: "sub",
  free: "free",
  ads: "free",
  rent: "rent",
  buy: "purchase",
};

const PRICES: Record<"rent" | "purchase", Record<string, number>> = {
  rent: { SD: 2.99, HD: 3.99, "4K": 5.99 },
  purchase: { SD: 9.99, HD: 14.99, "4K": 19.99 },
};

/** One entry of `/v1/title/{id}/sources/`, with Watchmode's field names. */
export interface WatchmodeSourceEntry {
  source_id: number;
  name: string;
  type: WatchmodeSourceType;
  region: string;
  ios_url: string;
  android_url: string;
  web_url: string;
  format: string;
  price: number | null;
  seasons: number | null;
  episodes: number | null;
}

function released(entry: IdMapEntry): boolean {
  if (entry.tmdbType === "tv") return true;
  const movie = movieById(entry.tmdbId);
  return movie ? movieIsReleased(movie) : false;
}

/** The title's sources in every region (the API filters by `regions`); undefined when the id is unknown. */
export function titleSources(watchmodeId: number): WatchmodeSourceEntry[] | undefined {
  const entry = idMapEntry(watchmodeId);
  if (!entry) return undefined;
  const random = new Random(`watchmode-sources:${watchmodeId}`);
  const seasons = entry.tmdbType === "tv" ? random.int(1, 8) : null;
  const episodes = seasons === null ? null : seasons * random.int(6, 13);
  const ultraHd = random.chance(0.3);
  const sources: WatchmodeSourceEntry[] = [];
  for (const [region, offers] of titleOffers(entry.tmdbType, entry.tmdbId, released(entry))) {
    for (const [kind, providers] of Object.entries(offers) as [OfferType, WatchProvider[]][]) {
      const type = WATCHMODE_TYPE[kind];
      for (const provider of providers) {
        const service = SERVICES[provider.id];
        if (!service) continue;
        const formats =
          type === "rent" || type === "purchase"
            ? ultraHd
              ? ["SD", "HD", "4K"]
              : ["SD", "HD"]
            : [ultraHd ? "4K" : "HD"];
        const link = `${service.web}${watchmodeId}`;
        for (const format of formats) {
          sources.push({
            source_id: service.sourceId,
            name: service.name,
            type,
            region,
            ios_url: "Deeplinks available for paid plans only.",
            android_url: "Deeplinks available for paid plans only.",
            web_url: link,
            format,
            price: type === "rent" || type === "purchase" ? PRICES[type][format] : null,
            seasons,
            episodes,
          });
        }
      }
    }
  }
  return sources;
}

/** One entry of `/v1/releases/`. */
export interface WatchmodeRelease {
  id: number;
  title: string;
  type: "movie" | "tv_series" | "tv_miniseries";
  tmdb_id: number;
  tmdb_type: "movie" | "tv";
  imdb_id: string | null;
  season_number: number | null;
  poster_url: string;
  source_release_date: string;
  source_id: number;
  source_name: string;
  is_original: 0 | 1;
}

/** The US subscription and free services releases land on. */
const RELEASE_SERVICES = [8, 9, 337, 350, 15, 1899, 531, 386, 73, 300].map((id) => SERVICES[id]);

/**
 * Watchmode's poster CDN path for a title (cdn.watchmode.com/posters/…); the simulator serves it
 * under /watchmode/cdn, so demo pages load no image from the internet.
 */
const watchmodePosterFile = (watchmodeId: number) => `0${watchmodeId}_poster_w185.jpg`;

/** The Watchmode id in a poster file name from `watchmodePosterFile`. */
export function watchmodeIdOfPosterFile(file: string): number | undefined {
  const match = /^0(\d+)_poster_w185\.jpg$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** What lands on streaming services on one day (YYYY-MM-DD): two to six titles; posters on `posterBase`. */
function releasesOn(day: string, posterBase: string): WatchmodeRelease[] {
  const random = new Random(`watchmode-releases:${day}`);
  const movieCount = allMovies().length;
  const releases: WatchmodeRelease[] = [];
  const count = random.int(2, 6);
  for (let n = 0; n < count; n++) {
    const movie = random.chance(0.7);
    const entry = movie
      ? idMapEntry(MOVIE_WATCHMODE_ID_BASE + random.int(0, movieCount - 1))
      : idMapEntry(TV_WATCHMODE_ID_BASE + random.int(0, tvShowCount() - 1));
    const service = random.pick(RELEASE_SERVICES);
    if (!entry || releases.some((release) => release.id === entry.watchmodeId)) continue;
    releases.push({
      id: entry.watchmodeId,
      title: entry.title,
      type: entry.tmdbType === "movie" ? "movie" : random.chance(0.15) ? "tv_miniseries" : "tv_series",
      tmdb_id: entry.tmdbId,
      tmdb_type: entry.tmdbType,
      imdb_id: entry.imdbId,
      season_number: entry.tmdbType === "tv" ? random.int(1, 6) : null,
      poster_url: `${posterBase}/${watchmodePosterFile(entry.watchmodeId)}`,
      source_release_date: day,
      source_id: service.sourceId,
      source_name: service.name,
      is_original: random.chance(0.3) ? 1 : 0,
    });
  }
  return releases;
}

/** Releases from `start` to `end` (YYYY-MM-DD, inclusive), in date order, posters under `posterBase`. */
export function releasesBetween(start: string, end: string, posterBase: string): WatchmodeRelease[] {
  const releases: WatchmodeRelease[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) releases.push(...releasesOn(day, posterBase));
  return releases;
}

/** Watchmode's default window when no dates are sent: the 30 days either side of the reference day. */
export const defaultReleaseWindow = () => ({
  start: addDays(catalogueReferenceDate(), -30),
  end: addDays(catalogueReferenceDate(), 30),
});

/** The `/v1/sources/` catalogue: every service, with the regions that carry it. */
export function sourceCatalogue(providers: readonly WatchProvider[]) {
  return providers.flatMap((provider) => {
    const service = SERVICES[provider.id];
    if (!service) return [];
    const type = WATCHMODE_TYPE[provider.offers[0]];
    return [
      {
        id: service.sourceId,
        name: service.name,
        type,
        logo_100px: `https://cdn.watchmode.com/provider_logos/source_${service.sourceId}_100px.png`,
        ios_appstore_url: null,
        android_playstore_url: null,
        android_scheme: null,
        ios_scheme: null,
        regions: Object.keys(provider.regions),
      },
    ];
  });
}
