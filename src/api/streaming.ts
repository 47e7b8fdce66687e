import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { MovieRepository } from "../db/movies";
import { STALE_HEADER } from "../integrations/cache";
import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import {
  DISCOVERY_MEDIA_TYPES,
  isRegionCode,
  OFFER_TYPES,
  type OfferType,
  regionCodeSchema,
  type TmdbWatchProvider,
  TRENDING_WINDOWS,
} from "../integrations/tmdb/discoverySchemas";
import type { AppEnv } from "./context";
import { notFound } from "./middleware/errors";
import { createRouter, jsonContent } from "./router";
import { errorResponses } from "./schemas/common";

/**
 * Streaming discovery: what is trending, coming soon, and where a title can be watched. Upstream
 * data is cached stale-while-revalidate; every response credits its sources in the body and in
 * X-Attribution, and says so in STALE_HEADER when an expired copy was served.
 */
export const streamingRouter = createRouter();

const tags = ["Streaming"];
export const ATTRIBUTION_HEADER = "X-Attribution";

const ATTRIBUTIONS = {
  tmdb: {
    name: "TMDb",
    url: "https://www.themoviedb.org",
    notice: "This product uses the TMDB API but is not endorsed or certified by TMDB.",
  },
  justWatch: {
    name: "JustWatch",
    url: "https://www.justwatch.com",
    notice: "Streaming availability (watch provider) data provided by JustWatch.",
  },
};
type AttributionSource = keyof typeof ATTRIBUTIONS;

const attributionSchema = z
  .object({ name: z.string(), url: z.string(), notice: z.string() })
  .openapi("StreamingAttribution");

/** Credits the sources in the X-Attribution header and returns them for the body. */
function attribute(c: Context<AppEnv>, sources: AttributionSource[], stale: boolean) {
  const credits = sources.map((source) => ATTRIBUTIONS[source]);
  c.header(ATTRIBUTION_HEADER, credits.map((credit) => credit.name).join("; "));
  if (stale) c.header(STALE_HEADER, "tmdb");
  return credits;
}

const discovery = (c: Context<AppEnv>) => new TmdbDiscovery(c.env, c.executionCtx, c.get("logger"));

/** The request's region, else DEFAULT_REGION (else US when that is not a valid code either). */
function regionOf(c: Context<AppEnv>, requested: string | undefined): string {
  if (requested) return requested;
  const fallback = (c.env.DEFAULT_REGION ?? "").toUpperCase();
  return isRegionCode(fallback) ? fallback : "US";
}

const yearOf = (date: string | null | undefined) => (date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null);

const regionQuery = regionCodeSchema.optional().openapi({
  param: { name: "region", in: "query" },
  example: "GB",
  description: "ISO 3166-1 alpha-2; defaults to DEFAULT_REGION",
});
const pageQuery = z.coerce.number().int().min(1).max(500).default(1);
const mediaTypeSchema = z.enum(DISCOVERY_MEDIA_TYPES);

const trendingItemSchema = z
  .object({
    tmdbId: z.number().int(),
    title: z.string(),
    year: z.number().int().nullable(),
    posterUrl: z.string().nullable(),
    rank: z.number().int(),
    popularity: z.number(),
    voteAverage: z.number(),
    inLibrary: z.boolean().optional().openapi({ description: "Movies only: whether the library has it (by TMDb id)" }),
  })
  .openapi("StreamingTrendingItem");

const trendingSchema = z
  .object({
    mediaType: mediaTypeSchema,
    window: z.enum(TRENDING_WINDOWS),
    source: z.literal("tmdb"),
    page: z.number().int(),
    totalPages: z.number().int(),
    results: z.array(trendingItemSchema),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingTrending");

streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/trending/{mediaType}/{window}",
    tags,
    summary: "Trending movies or TV shows today or this week (TMDb)",
    request: {
      params: z.object({
        mediaType: mediaTypeSchema.openapi({ param: { name: "mediaType", in: "path" }, example: "movie" }),
        window: z.enum(TRENDING_WINDOWS).openapi({ param: { name: "window", in: "path" }, example: "week" }),
      }),
      query: z.object({ page: pageQuery }),
    },
    responses: { 200: jsonContent(trendingSchema, "One page of trending titles, ranked"), ...errorResponses },
  }),
  async (c) => {
    const { mediaType, window } = c.req.valid("param");
    const { page } = c.req.valid("query");
    const tmdb = discovery(c);
    const trending = await tmdb.trending(mediaType, window, page);
    const titles = trending.value.results.map((item) =>
      "title" in item
        ? { id: item.id, title: item.title, date: item.release_date, item }
        : { id: item.id, title: item.name, date: item.first_air_date, item },
    );
    const inLibrary =
      mediaType === "movie" ? await new MovieRepository(c.get("db")).idsByTmdbIds(titles.map((t) => t.id)) : undefined;
    const offset = (trending.value.page - 1) * 20;
    return c.json(
      {
        mediaType,
        window,
        source: "tmdb" as const,
        page: trending.value.page,
        totalPages: trending.value.total_pages,
        results: titles.map(({ id, title, date, item }, index) => ({
          tmdbId: id,
          title,
          year: yearOf(date),
          posterUrl: tmdb.imageUrl(item.poster_path) ?? null,
          rank: offset + index + 1,
          popularity: item.popularity ?? 0,
          voteAverage: item.vote_average ?? 0,
          ...(inLibrary ? { inLibrary: inLibrary.has(id) } : {}),
        })),
        attribution: attribute(c, ["tmdb"], trending.stale),
      },
      200,
    );
  },
);

const offerProviderSchema = z
  .object({
    providerId: z.number().int(),
    name: z.string(),
    logoUrl: z.string().nullable(),
    displayPriority: z.number().int(),
    link: z.string().nullable().openapi({ description: "TMDb's watch page for the title in this region" }),
  })
  .openapi("StreamingOfferProvider");

const availabilitySchema = z
  .object({
    tmdbId: z.number().int(),
    mediaType: mediaTypeSchema,
    region: z.string(),
    available: z.boolean(),
    link: z.string().nullable(),
    offers: z.object(
      Object.fromEntries(OFFER_TYPES.map((type) => [type, z.array(offerProviderSchema)])) as Record<
        OfferType,
        z.ZodArray<typeof offerProviderSchema>
      >,
    ),
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingAvailability");

streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/availability/{tmdbId}",
    tags,
    summary: "Where a title can be watched in a region, by offer type (JustWatch data via TMDb)",
    request: {
      params: z.object({
        tmdbId: z.coerce
          .number()
          .int()
          .positive()
          .openapi({ param: { name: "tmdbId", in: "path" }, example: 603 }),
      }),
      query: z.object({ region: regionQuery, type: mediaTypeSchema.default("movie") }),
    },
    responses: { 200: jsonContent(availabilitySchema, "The title's offers in the region"), ...errorResponses },
  }),
  async (c) => {
    const { tmdbId } = c.req.valid("param");
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const tmdb = discovery(c);
    const found = await tmdb.watchProviders(tmdbId, query.type, region);
    if (!found) throw notFound(`TMDb ${query.type} ${tmdbId}`);
    const offers = found.value;
    const link = offers?.link ?? null;
    const shape = (providers: TmdbWatchProvider[] | undefined) =>
      (providers ?? [])
        .map((p) => ({
          providerId: p.provider_id,
          name: p.provider_name,
          logoUrl: tmdb.imageUrl(p.logo_path, "w92") ?? null,
          displayPriority: p.display_priority ?? 0,
          link,
        }))
        .sort((a, b) => a.displayPriority - b.displayPriority || a.providerId - b.providerId);
    const grouped = Object.fromEntries(OFFER_TYPES.map((type) => [type, shape(offers?.[type])])) as Record<
      OfferType,
      ReturnType<typeof shape>
    >;
    return c.json(
      {
        tmdbId,
        mediaType: query.type,
        region,
        available: OFFER_TYPES.some((type) => grouped[type].length > 0),
        link,
        offers: grouped,
        attribution: attribute(c, ["tmdb", "justWatch"], found.stale),
      },
      200,
    );
  },
);

const providerCatalogueSchema = z
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

streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/providers",
    tags,
    summary: "The streaming services known in a region (JustWatch data via TMDb)",
    request: { query: z.object({ region: regionQuery, type: mediaTypeSchema.default("movie") }) },
    responses: { 200: jsonContent(providerCatalogueSchema, "Providers, in display order"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const tmdb = discovery(c);
    const catalogue = await tmdb.providerCatalogue(query.type, region);
    return c.json(
      {
        mediaType: query.type,
        region,
        providers: catalogue.value.results
          .map((p) => ({
            providerId: p.provider_id,
            name: p.provider_name,
            logoUrl: tmdb.imageUrl(p.logo_path, "w92") ?? null,
            displayPriority: p.display_priorities?.[region] ?? p.display_priority ?? 0,
          }))
          .sort((a, b) => a.displayPriority - b.displayPriority || a.providerId - b.providerId),
        attribution: attribute(c, ["tmdb", "justWatch"], catalogue.stale),
      },
      200,
    );
  },
);

const comingSoonSchema = z
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
    attribution: z.array(attributionSchema),
  })
  .openapi("StreamingComingSoon");

streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/coming-soon",
    tags,
    summary: "Movies releasing soon in a region (TMDb upcoming)",
    request: { query: z.object({ region: regionQuery, page: pageQuery }) },
    responses: { 200: jsonContent(comingSoonSchema, "Upcoming movies, most popular first"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const tmdb = discovery(c);
    const upcoming = await tmdb.upcomingMovies(region, query.page);
    const inLibrary = await new MovieRepository(c.get("db")).idsByTmdbIds(upcoming.value.results.map((m) => m.id));
    return c.json(
      {
        region,
        dates: upcoming.value.dates ?? null,
        page: upcoming.value.page,
        totalPages: upcoming.value.total_pages,
        results: upcoming.value.results.map((movie) => ({
          tmdbId: movie.id,
          title: movie.title,
          year: yearOf(movie.release_date),
          releaseDate: movie.release_date || null,
          posterUrl: tmdb.imageUrl(movie.poster_path) ?? null,
          popularity: movie.popularity ?? 0,
          voteAverage: movie.vote_average ?? 0,
          inLibrary: inLibrary.has(movie.id),
        })),
        attribution: attribute(c, ["tmdb"], upcoming.stale),
      },
      200,
    );
  },
);
