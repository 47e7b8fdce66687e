import { z } from "@hono/zod-openapi";
import { WATCH_LINK_SOURCES } from "../../domain/streaming/watchLinks";
import {
  DISCOVERY_MEDIA_TYPES,
  OFFER_TYPES,
  type OfferType,
  TRENDING_WINDOWS,
} from "../../integrations/tmdb/discoverySchemas";
import { WATCHMODE_STATUSES } from "../../integrations/watchmode/client";
import { TRENDING_SOURCE_CHOICES } from "../../services/streamingTrending";

/** The streaming routes' request and response schemas (see api/streaming.ts). */

const attributionSchema = z
  .object({ name: z.string(), url: z.string(), notice: z.string() })
  .openapi("StreamingAttribution");

export const pageQuery = z.coerce.number().int().min(1).max(500).default(1);
export const mediaTypeSchema = z.enum(DISCOVERY_MEDIA_TYPES);
const watchmodeStatusSchema = z.enum(WATCHMODE_STATUSES).openapi({
  description:
    "ok; notMapped (Watchmode's id map has no such title: no call spent); budgetExhausted (today's Watchmode calls are used up); disabled (WATCHMODE_API_KEY not set); error",
});

const offerProviderSchema = z
  .object({
    providerId: z.number().int(),
    name: z.string(),
    logoUrl: z.string().nullable(),
    displayPriority: z.number().int(),
    link: z.string().nullable().openapi({ description: "TMDb's watch page for the title in this region" }),
    watchUrl: z.string().optional().openapi({
      description:
        "Where this provider's chip links: Watchmode's deep link for the title when known, else the provider's search for the title, else TMDb's watch page",
    }),
    watchUrlSource: z
      .enum(WATCH_LINK_SOURCES)
      .optional()
      .openapi({ description: "watchmode (deep link), search (the provider's search for the title) or tmdb" }),
  })
  .openapi("StreamingOfferProvider");

const offersSchema = z.object(
  Object.fromEntries(OFFER_TYPES.map((type) => [type, z.array(offerProviderSchema)])) as Record<
    OfferType,
    z.ZodArray<typeof offerProviderSchema>
  >,
);

const sourceStatusSchema = z
  .object({
    requested: z.boolean().openapi({ description: "Whether the `source` choice reads this source" }),
    ok: z.boolean().openapi({ description: "Its list is in the ranking" }),
    stale: z.boolean().openapi({ description: "Its list came from an expired cached copy" }),
    error: z.string().optional().openapi({ description: "Why a requested source is missing from the ranking" }),
  })
  .openapi("StreamingTrendingSourceStatus");

const rankSchema = z.number().int().nullable();

const trendingItemSchema = z
  .object({
    tmdbId: z.number().int(),
    title: z.string(),
    year: z.number().int().nullable(),
    posterUrl: z.string().nullable(),
    score: z.number().openapi({ description: "0–1: 0.5 × TMDb + 0.5 × Trakt normalised rank (see the route)" }),
    ranks: z.object({ tmdb: rankSchema, trakt: rankSchema }).openapi({
      description: "1-based rank in each source's list; null when the title is not on it (or the source was not read)",
    }),
    popularity: z.number().nullable().openapi({ description: "TMDb's; null for a title only Trakt lists" }),
    voteAverage: z.number().nullable(),
    traktWatchers: z.number().int().nullable().openapi({ description: "People watching it on Trakt right now" }),
    inLibrary: z.boolean().optional().openapi({ description: "Movies only: whether the library has it (by TMDb id)" }),
    availability: z
      .object({ available: z.boolean(), link: z.string().nullable(), offers: offersSchema })
      .nullable()
      .openapi({ description: "Offers in the region (JustWatch data via TMDb) for the top 10; null for the rest" }),
  })
  .openapi("StreamingTrendingItem");

export const trendingSchema = z
  .object({
    mediaType: mediaTypeSchema,
    window: z.enum(TRENDING_WINDOWS),
    region: z.string(),
    source: z.enum(TRENDING_SOURCE_CHOICES),
    results: z.array(trendingItemSchema),
    sources: z.object({ tmdb: sourceStatusSchema, trakt: sourceStatusSchema }),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingTrending");

const watchmodeSourceSchema = z
  .object({
    sourceId: z.number().int(),
    name: z.string(),
    type: z.string().openapi({ description: "Watchmode's: sub, free, rent, purchase or tve" }),
    region: z.string(),
    webUrl: z.string().nullable(),
    format: z.string().nullable(),
    price: z.number().nullable(),
  })
  .openapi("StreamingWatchmodeSource");

export const availabilitySchema = z
  .object({
    tmdbId: z.number().int(),
    mediaType: mediaTypeSchema,
    region: z.string(),
    available: z.boolean(),
    link: z.string().nullable(),
    offers: offersSchema,
    watchmode: z
      .object({
        status: watchmodeStatusSchema,
        message: z.string().optional(),
        sources: z.array(watchmodeSourceSchema).openapi({ description: "Watchmode's sources in the region" }),
      })
      .nullable()
      .openapi({
        description:
          "Watchmode's sources for the title (deep links per service), found through the imported id map; null unless asked for with watchmode=true",
      }),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingAvailability");

export const providerCatalogueSchema = z
  .object({
    mediaType: mediaTypeSchema,
    region: z.string(),
    providers: z.array(
      z.object({
        providerId: z.number().int(),
        name: z.string(),
        logoUrl: z.string().nullable(),
        displayPriority: z.number().int(),
      }),
    ),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingProviderCatalogue");

export const comingSoonSchema = z
  .object({
    region: z.string(),
    dates: z.object({ minimum: z.string(), maximum: z.string() }).nullable(),
    page: z.number().int(),
    totalPages: z.number().int(),
    results: z.array(
      z.object({
        tmdbId: z.number().int(),
        title: z.string(),
        year: z.number().int().nullable(),
        releaseDate: z.string().nullable(),
        posterUrl: z.string().nullable(),
        popularity: z.number(),
        voteAverage: z.number(),
        inLibrary: z.boolean(),
      }),
    ),
    streamingReleases: z
      .array(
        z.object({
          watchmodeId: z.number().int(),
          tmdbId: z.number().int().nullable(),
          title: z.string(),
          mediaType: mediaTypeSchema,
          posterUrl: z.string().nullable(),
          releaseDate: z.string(),
          sourceId: z.number().int(),
          sourceName: z.string(),
          inLibrary: z.boolean().openapi({ description: "Movies in the library (by TMDb id); false for TV" }),
        }),
      )
      .openapi({ description: "Titles landing on streaming services in the next 30 days (Watchmode), by date" }),
    streamingReleasesStatus: watchmodeStatusSchema,
    streamingReleasesMessage: z.string().optional().openapi({ description: "Why there are no streaming releases" }),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingComingSoon");
