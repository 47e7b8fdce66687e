import { z } from "zod";
import { tmdbMovieSummarySchema, tmdbTitleFields } from "../../domain/lists/sources/tmdb/movieSummary";

/**
 * TMDb v3 discovery responses as documented (developer.themoviedb.org): trending, upcoming, on
 * the air, watch providers per title and the provider catalogue. Only the fields we read.
 */

const nullableString = z.string().nullable().optional();

const pagedSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    page: z.number().int(),
    results: z.array(item),
    total_pages: z.number().int(),
    total_results: z.number().int(),
  });

const tmdbTrendingMovieSchema = tmdbMovieSummarySchema.extend({ media_type: z.literal("movie").optional() });

export const tmdbTvSummarySchema = z.object({
  ...tmdbTitleFields,
  media_type: z.literal("tv").optional(),
  name: z.string(),
  original_name: z.string().optional(),
  first_air_date: z.string().nullable().optional(),
  origin_country: z.array(z.string()).optional(),
});

export const tmdbTrendingMoviesSchema = pagedSchema(tmdbTrendingMovieSchema);
export const tmdbTrendingTvSchema = pagedSchema(tmdbTvSummarySchema);
export type TmdbTrendingMovies = z.infer<typeof tmdbTrendingMoviesSchema>;
export type TmdbTrendingTv = z.infer<typeof tmdbTrendingTvSchema>;

/** `/3/movie/upcoming`: a page of movies and the release window it covers. */
export const tmdbUpcomingSchema = pagedSchema(tmdbTrendingMovieSchema).extend({
  dates: z.object({ minimum: z.string(), maximum: z.string() }).optional(),
});
export type TmdbUpcoming = z.infer<typeof tmdbUpcomingSchema>;

export type TmdbOnTheAir = TmdbTrendingTv;

const tmdbWatchProviderSchema = z.object({
  provider_id: z.number().int(),
  provider_name: z.string(),
  logo_path: nullableString,
  display_priority: z.number().int().optional(),
});

/** The offer types JustWatch reports, as TMDb names them. */
export const OFFER_TYPES = ["flatrate", "free", "ads", "rent", "buy"] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

/** One region's offers: `link` is TMDb's watch page for the title in that region. */
const tmdbRegionOffersSchema = z.object({
  link: z.string().optional(),
  flatrate: z.array(tmdbWatchProviderSchema).optional(),
  free: z.array(tmdbWatchProviderSchema).optional(),
  ads: z.array(tmdbWatchProviderSchema).optional(),
  rent: z.array(tmdbWatchProviderSchema).optional(),
  buy: z.array(tmdbWatchProviderSchema).optional(),
});
export type TmdbRegionOffers = z.infer<typeof tmdbRegionOffersSchema>;

/** `/3/{movie|tv}/{id}/watch/providers`: offers keyed by ISO 3166-1 region. */
export const tmdbTitleWatchProvidersSchema = z.object({
  id: z.number().int(),
  results: z.record(z.string(), tmdbRegionOffersSchema),
});
export type TmdbTitleWatchProviders = z.infer<typeof tmdbTitleWatchProvidersSchema>;

/** `/3/watch/providers/{movie|tv}?watch_region=`: the providers known in a region. */
export const tmdbProviderCatalogueSchema = z.object({
  results: z.array(
    tmdbWatchProviderSchema.extend({
      display_priorities: z.record(z.string(), z.number()).optional(),
    }),
  ),
});
export type TmdbProviderCatalogue = z.infer<typeof tmdbProviderCatalogueSchema>;

export const DISCOVERY_MEDIA_TYPES = ["movie", "tv"] as const;
export type DiscoveryMediaType = (typeof DISCOVERY_MEDIA_TYPES)[number];
export const TRENDING_WINDOWS = ["day", "week"] as const;
export type TrendingWindow = (typeof TRENDING_WINDOWS)[number];

/** The officially assigned ISO 3166-1 alpha-2 codes, the regions TMDb's watch data is keyed by. */
const ISO_3166_ALPHA2 = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS " +
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE " +
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM " +
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC " +
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA " +
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO " +
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

export function isRegionCode(code: string): boolean {
  return ISO_3166_ALPHA2.has(code);
}

/** A region as users type it ("us" or "US"), normalised to TMDb's upper case. */
export const regionCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine(isRegionCode, { message: "region must be an ISO 3166-1 alpha-2 country code, e.g. US or GB" });
