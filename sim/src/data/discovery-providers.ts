import { catalogueReferenceDate, type Movie } from "./catalogue";
import { hashString, Random } from "./prng";

/**
 * Watch providers as TMDb serves them from JustWatch: real provider ids and names, which regions
 * carry each one, and per-title offers generated from fixed seeds (the same on every run).
 * Regions differ on purpose (BBC iPlayer only in GB, WOW only in DE, …); some titles have none.
 */

export type OfferType = "flatrate" | "free" | "ads" | "rent" | "buy";

export interface WatchProvider {
  id: number;
  name: string;
  logoPath: string;
  /** What the service sells: a subscription, rentals and purchases, or free viewing. */
  offers: readonly OfferType[];
  /** Region → display priority there (lower shows first). */
  regions: Readonly<Record<string, number>>;
  /** Whether the service has TV series too (all have movies). */
  tv: boolean;
}

const WATCH_REGIONS = ["US", "GB", "DE", "FR", "CA", "AU"] as const;

function logoPath(id: number): string {
  const random = new Random(`provider-logo:${id}`);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let name = "";
  for (let i = 0; i < 27; i++) name += alphabet[Math.floor(random.next() * alphabet.length)];
  return `/${name}.jpg`;
}

const provider = (
  id: number,
  name: string,
  offers: OfferType[],
  regions: Record<string, number>,
  tv = true,
): WatchProvider => ({ id, name, logoPath: logoPath(id), offers, regions, tv });

export const WATCH_PROVIDERS: readonly WatchProvider[] = [
  provider(8, "Netflix", ["flatrate"], { US: 0, GB: 0, DE: 0, FR: 0, CA: 0, AU: 0 }),
  provider(9, "Amazon Prime Video", ["flatrate"], { US: 1, GB: 1, DE: 1, FR: 2, CA: 2, AU: 3 }),
  provider(337, "Disney Plus", ["flatrate"], { US: 2, GB: 2, DE: 2, FR: 1, CA: 1, AU: 1 }),
  provider(350, "Apple TV+", ["flatrate"], { US: 6, GB: 6, DE: 6, FR: 6, CA: 6, AU: 6 }),
  provider(15, "Hulu", ["flatrate"], { US: 3 }),
  provider(1899, "Max", ["flatrate"], { US: 4, FR: 5 }),
  provider(531, "Paramount Plus", ["flatrate"], { US: 5, GB: 7, DE: 8, CA: 5, AU: 4 }),
  provider(386, "Peacock", ["flatrate"], { US: 7 }),
  provider(39, "NOW", ["flatrate"], { GB: 3 }),
  provider(38, "BBC iPlayer", ["free"], { GB: 4 }),
  provider(103, "Channel 4", ["ads"], { GB: 5 }),
  provider(30, "WOW", ["flatrate"], { DE: 3 }),
  provider(171, "RTL+", ["flatrate"], { DE: 4 }),
  provider(381, "Canal+", ["flatrate"], { FR: 3 }),
  provider(234, "Arte", ["free"], { FR: 4, DE: 9 }),
  provider(230, "Crave", ["flatrate"], { CA: 3 }),
  provider(385, "BINGE", ["flatrate"], { AU: 2 }),
  provider(73, "Tubi TV", ["ads"], { US: 8, CA: 8, AU: 8, GB: 9 }),
  provider(300, "Pluto TV", ["ads"], { US: 9, GB: 10, DE: 10, FR: 9, CA: 9 }),
  provider(2, "Apple TV", ["rent", "buy"], { US: 10, GB: 11, DE: 11, FR: 10, CA: 10, AU: 10 }),
  provider(3, "Google Play Movies", ["rent", "buy"], { US: 11, GB: 12, DE: 12, FR: 11, CA: 11, AU: 11 }, false),
  provider(10, "Amazon Video", ["rent", "buy"], { US: 12, GB: 13, DE: 13 }),
  provider(7, "Fandango At Home", ["rent", "buy"], { US: 13 }),
  provider(192, "YouTube", ["rent", "buy"], { US: 14, GB: 14, DE: 14, FR: 12, CA: 12, AU: 12 }, false),
  provider(130, "Sky Store", ["rent", "buy"], { GB: 15 }),
];

const byLogoFile = new Map(WATCH_PROVIDERS.map((p) => [p.logoPath.slice(1), p]));

/** The provider whose logo is this image file (`logo_path` without its slash), for the image CDN. */
export function watchProviderByLogoFile(file: string): WatchProvider | undefined {
  return byLogoFile.get(file);
}

/** The catalogue `/3/watch/providers/{movie|tv}` lists: every service, or those in one region. */
export function providersIn(mediaType: "movie" | "tv", region: string | undefined): WatchProvider[] {
  return WATCH_PROVIDERS.filter((p) => (mediaType === "movie" || p.tv) && (!region || region in p.regions)).sort(
    (a, b) => (region ? a.regions[region] - b.regions[region] : 0) || a.id - b.id,
  );
}

export type RegionOffers = Partial<Record<OfferType, WatchProvider[]>>;

/** Share of released titles JustWatch has no offers for anywhere. */
const NO_OFFERS_SHARE = 0.15;
/** Chance a title with offers has them in a given region. */
const REGION_SHARE = 0.8;

/**
 * A title's offers per region, decided by its id alone. Titles not yet released have none, and
 * neither has about one title in seven.
 */
export function titleOffers(mediaType: "movie" | "tv", id: number, released: boolean): Map<string, RegionOffers> {
  const offers = new Map<string, RegionOffers>();
  const random = new Random(hashString(`watch:${mediaType}:${id}`));
  if (!released || random.chance(NO_OFFERS_SHARE)) return offers;
  for (const region of WATCH_REGIONS) {
    if (!random.chance(REGION_SHARE)) continue;
    const here = providersIn(mediaType, region);
    const regionOffers: RegionOffers = {};
    const subscriptions = here.filter((p) => p.offers.includes("flatrate"));
    const flatrate = random.sample(subscriptions, random.int(0, 2));
    if (flatrate.length) regionOffers.flatrate = flatrate;
    for (const kind of ["free", "ads"] as const) {
      const services = here.filter((p) => p.offers.includes(kind));
      if (services.length && random.chance(0.25)) regionOffers[kind] = [random.pick(services)];
    }
    const stores = here.filter((p) => p.offers.includes("rent"));
    const selling = random.sample(stores, random.int(0, Math.min(3, stores.length)));
    if (selling.length) {
      regionOffers.buy = selling;
      // Stores that sell usually rent too; a few titles are purchase-only.
      const renting = selling.filter(() => random.chance(0.8));
      if (renting.length) regionOffers.rent = renting;
    }
    if (Object.keys(regionOffers).length) offers.set(region, regionOffers);
  }
  return offers;
}

export function movieIsReleased(movie: Movie): boolean {
  return movie.releaseDate !== "" && movie.releaseDate <= catalogueReferenceDate();
}
