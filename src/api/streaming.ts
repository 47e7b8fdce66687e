import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import * as clock from "../clock";
import { resourceNotFound } from "../domain/failures/failure";
import { TRENDING_SOURCES } from "../domain/streaming/trending";
import { STALE_HEADER } from "../integrations/cache";
import { TmdbDiscovery } from "../integrations/tmdb/discovery";
import { isRegionCode, regionCodeSchema, TRENDING_WINDOWS } from "../integrations/tmdb/discoverySchemas";
import { type WatchmodeAnswer, WatchmodeClient } from "../integrations/watchmode/client";
import { requestContext } from "../services/context";
import { libraryIdsByTmdbId } from "../services/libraryIdsCache";
import { knownWatchmodeSources } from "../services/streamingLinks";
import { groupOffers, linkOffers, StreamingTrending, TRENDING_SOURCE_CHOICES } from "../services/streamingTrending";
import { watchmodeTitleSources } from "../services/watchmodeIdMap";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses, queryBoolean } from "./schemas/common";
import {
  availabilitySchema,
  comingSoonSchema,
  mediaTypeSchema,
  pageQuery,
  providerCatalogueSchema,
  trendingSchema,
} from "./schemas/streaming";

/**
 * Streaming discovery: what is trending, coming soon, and where a title can be watched. Upstream
 * data is cached stale-while-revalidate; every response credits its sources in the body and in
 * X-Attribution, and names the upstreams whose expired copies were served in STALE_HEADER.
 * Watchmode (33 calls a day) is only ever an addition: when it is not configured, has no id for
 * the title or its budget is spent, the response says so and carries the TMDb data as usual.
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
  trakt: {
    name: "Trakt",
    url: "https://trakt.tv",
    notice: "Trending data provided by Trakt.",
  },
  watchmode: {
    name: "Watchmode",
    url: "https://www.watchmode.com",
    notice: "Streaming sources and release data provided by Watchmode.",
  },
};
type AttributionSource = keyof typeof ATTRIBUTIONS;

/**
 * Credits the sources in the X-Attribution header and returns them for the body; `stale` names
 * the upstreams (or says "tmdb" for true) whose expired cached data is in the response.
 */
function attribute(c: Context<AppEnv>, sources: AttributionSource[], stale: boolean | string[]) {
  const credits = sources.map((source) => ATTRIBUTIONS[source]);
  c.header(ATTRIBUTION_HEADER, credits.map((credit) => credit.name).join("; "));
  const staleUpstreams = stale === true ? ["tmdb"] : stale === false ? [] : stale;
  if (staleUpstreams.length) c.header(STALE_HEADER, staleUpstreams.join(", "));
  return credits;
}

const discovery = (c: Context<AppEnv>) => new TmdbDiscovery(c.env, c.executionCtx, c.get("logger"));
const watchmode = (c: Context<AppEnv>) => new WatchmodeClient(c.env, c.executionCtx, c.get("logger"));

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
streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/trending/{mediaType}/{window}",
    tags,
    summary: "Trending movies or TV shows, TMDb and Trakt combined",
    description: [
      "The top 20 of TMDb's trending (for the window) and the top 20 of Trakt's (watched right now; Trakt has no",
      "windows), de-duplicated by TMDb id and ranked by score = 0.5 × TMDb + 0.5 × Trakt, each on normalised rank",
      "1 − (rank − 1)/N for a list of N (0 when absent from it). With `source=tmdb` or `trakt`, or when one source",
      "fails (its `sources` entry says why), the other alone ranks the titles. Not paged: one ranked list of up",
      "to 40 titles; the top 10 carry their offers in the region. Cached for an hour.",
    ].join(" "),
    request: {
      params: z.object({
        mediaType: mediaTypeSchema.openapi({ param: { name: "mediaType", in: "path" }, example: "movie" }),
        window: z.enum(TRENDING_WINDOWS).openapi({ param: { name: "window", in: "path" }, example: "week" }),
      }),
      query: z.object({
        region: regionQuery,
        source: z
          .enum(TRENDING_SOURCE_CHOICES)
          .default("combined")
          .openapi({ param: { name: "source", in: "query" }, example: "combined" }),
      }),
    },
    responses: { 200: jsonContent(trendingSchema, "Trending titles, best score first"), ...errorResponses },
  }),
  async (c) => {
    const { mediaType, window } = c.req.valid("param");
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const trending = await new StreamingTrending(requestContext(c)).trending(query.source, mediaType, window, region);
    const aggregate = trending.value;
    const inLibrary = mediaType === "movie" ? await libraryIdsByTmdbId(c.get("db")) : undefined;
    const staleUpstreams = TRENDING_SOURCES.filter(
      (source) => aggregate.sources[source].ok && (aggregate.sources[source].stale || trending.stale),
    );
    const credits: AttributionSource[] = ["tmdb", "justWatch"];
    if (aggregate.sources.trakt.ok) credits.push("trakt");
    return c.json(
      {
        ...aggregate,
        results: aggregate.results.map((title) => ({
          ...title,
          ...(inLibrary ? { inLibrary: inLibrary.has(title.tmdbId) } : {}),
        })),
        sources: {
          tmdb: { ...aggregate.sources.tmdb, stale: staleUpstreams.includes("tmdb") },
          trakt: { ...aggregate.sources.trakt, stale: staleUpstreams.includes("trakt") },
        },
        attribution: attribute(c, credits, staleUpstreams),
      },
      200,
    );
  },
);

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
      query: z.object({
        region: regionQuery,
        type: mediaTypeSchema.default("movie"),
        title: z
          .string()
          .trim()
          .max(200)
          .optional()
          .openapi({
            param: { name: "title", in: "query" },
            description:
              "The title's name, for the providers' search links in `watchUrl` (TMDb's watch providers carry no name); without it a provider with no Watchmode deep link links to TMDb's watch page",
          }),
        watchmode: queryBoolean.optional().openapi({
          param: { name: "watchmode", in: "query" },
          description:
            "Also ask Watchmode for the title's sources. Watchmode allows 33 calls a day, so they are spent only when asked (the movie page asks); answers are cached 24 h per title for every region.",
        }),
      }),
    },
    responses: { 200: jsonContent(availabilitySchema, "The title's offers in the region"), ...errorResponses },
  }),
  async (c) => {
    const { tmdbId } = c.req.valid("param");
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const tmdb = discovery(c);
    const found = await tmdb.watchProviders(tmdbId, query.type, region);
    if (!found) throw resourceNotFound(`TMDb ${query.type} ${tmdbId}`);
    // Only for a title TMDb knows, so a wrong id never spends a Watchmode call.
    const answer = query.watchmode === true ? await watchmodeTitleSources(requestContext(c), tmdbId, query.type) : null;
    const stale = [...(found.stale ? ["tmdb"] : []), ...(answer?.status === "ok" && answer.stale ? ["watchmode"] : [])];
    const watchmodeSources =
      answer?.status === "ok"
        ? answer.value.sources
        : (await knownWatchmodeSources(requestContext(c), [tmdbId], query.type)).get(tmdbId);
    const offers = linkOffers(groupOffers(tmdb, found.value), {
      tmdbId,
      mediaType: query.type,
      title: query.title ?? "",
      region,
      watchmodeSources,
    });
    return c.json(
      {
        tmdbId,
        mediaType: query.type,
        region,
        ...offers,
        watchmode: answer && {
          ...statusOf(answer),
          sources:
            answer.status === "ok"
              ? answer.value.sources
                  .filter((source) => source.region.toUpperCase() === region)
                  .map((source) => ({
                    sourceId: source.source_id,
                    name: source.name,
                    type: source.type,
                    region: source.region.toUpperCase(),
                    webUrl: source.web_url ?? null,
                    format: source.format ?? null,
                    price: source.price ?? null,
                  }))
              : [],
        },
        attribution: attribute(c, ["tmdb", "justWatch", ...(answer ? watchmodeCredit(answer) : [])], stale),
      },
      200,
    );
  },
);

/** A Watchmode answer's status and, unless it is "ok", why. */
function statusOf(answer: WatchmodeAnswer<unknown>) {
  return answer.status === "ok" ? { status: answer.status } : { status: answer.status, message: answer.message };
}

const watchmodeCredit = (answer: WatchmodeAnswer<unknown>): AttributionSource[] =>
  answer.status === "ok" ? ["watchmode"] : [];

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

streamingRouter.openapi(
  createRoute({
    method: "get",
    path: "/coming-soon",
    tags,
    summary: "Movies releasing soon in a region (TMDb upcoming) and upcoming streaming releases (Watchmode)",
    description:
      "`results` pages through TMDb's upcoming movies for the region. `streamingReleases` (the same on every page) is Watchmode's streaming release calendar for the next 30 days, fetched once a day.",
    request: { query: z.object({ region: regionQuery, page: pageQuery }) },
    responses: { 200: jsonContent(comingSoonSchema, "Upcoming movies, most popular first"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const region = regionOf(c, query.region);
    const tmdb = discovery(c);
    const [upcoming, releases] = await Promise.all([tmdb.upcomingMovies(region, query.page), watchmode(c).releases()]);
    const today = clock.todayUtc();
    const streamingReleases =
      releases.status === "ok"
        ? releases.value.releases
            .filter((release) => release.source_release_date >= today)
            .map((release) => ({
              watchmodeId: release.id,
              tmdbId: release.tmdb_id ?? null,
              title: release.title,
              mediaType:
                release.tmdb_type === "tv" || release.type.startsWith("tv_") ? ("tv" as const) : ("movie" as const),
              posterUrl: release.poster_url ?? null,
              releaseDate: release.source_release_date,
              sourceId: release.source_id,
              sourceName: release.source_name,
            }))
            .sort((a, b) => a.releaseDate.localeCompare(b.releaseDate) || a.watchmodeId - b.watchmodeId)
        : [];
    const inLibrary = await libraryIdsByTmdbId(c.get("db"));
    const stale = [
      ...(upcoming.stale ? ["tmdb"] : []),
      ...(releases.status === "ok" && releases.stale ? ["watchmode"] : []),
    ];
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
        streamingReleases: streamingReleases.map((release) => ({
          ...release,
          inLibrary: release.mediaType === "movie" && release.tmdbId !== null && inLibrary.has(release.tmdbId),
        })),
        streamingReleasesStatus: releases.status,
        ...(releases.status === "ok" ? {} : { streamingReleasesMessage: releases.message }),
        attribution: attribute(c, ["tmdb", ...watchmodeCredit(releases)], stale),
      },
      200,
    );
  },
);
