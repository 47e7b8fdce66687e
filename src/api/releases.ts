import { createRoute, z } from "@hono/zod-openapi";
import * as clock from "../clock";
import { indexerFlagNames } from "../domain/customFormats/indexerFlags";
import { type RankedDecision, type ReleaseDecision, releaseAge } from "../domain/decisions";
import type { IndexerRelease } from "../integrations/indexers";
import { redactUrl } from "../observability/logger";
import { requestContext } from "../services/context";
import { grabFromRecentSearch, pushRelease } from "../services/releasePush";
import { searchMovie } from "../services/releaseSearch/movieSearch";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, errorSchema } from "./schemas/common";

/**
 * Releases (`/api/v3/release`): the interactive search with every result's decision, the grab of
 * one of them, and releases pushed by other tools (`/release/push`), judged and grabbed if accepted.
 */
export const releaseRouter = createRouter();
const tags = ["Release"];

const qualitySchema = z.object({
  quality: z.object({
    id: z.number(),
    name: z.string(),
    source: z.string(),
    resolution: z.number(),
    modifier: z.string(),
  }),
  revision: z.object({ version: z.number(), real: z.number(), isRepack: z.boolean() }),
});

const rejectionSchema = z.object({
  reason: z.string(),
  message: z.string(),
  type: z.enum(["permanent", "temporary"]),
  specification: z.string(),
});

export const releaseSchema = z
  .object({
    guid: z.string(),
    title: z.string(),
    movieId: z.number().int().optional(),
    indexerId: z.number().int(),
    indexer: z.string(),
    protocol: z.enum(["torrent", "usenet"]),
    size: z.number(),
    seeders: z.number().int().nullable(),
    leechers: z.number().int().nullable(),
    age: z.number().int(),
    ageHours: z.number(),
    ageMinutes: z.number(),
    publishDate: z.string().optional(),
    infoHash: z.string().optional(),
    downloadUrl: z.string().optional(),
    magnetUrl: z.string().optional(),
    infoUrl: z.string().optional(),
    commentUrl: z.string().optional(),
    indexerFlags: z.array(z.string()),
    quality: qualitySchema.nullable(),
    customFormats: z.array(z.object({ id: z.number().int(), name: z.string() })),
    customFormatScore: z.number().int(),
    releaseGroup: z.string(),
    edition: z.string(),
    languages: z.array(z.object({ id: z.number().int(), name: z.string() })),
    movieTitles: z.array(z.string()),
    /** Radarr's ReleaseResource numbers IMDb ids: tt0133093 is 133093; 0 when unknown. */
    imdbId: z.number().int(),
    tmdbId: z.number().int(),
    approved: z.boolean(),
    temporarilyRejected: z.boolean(),
    rejected: z.boolean(),
    /** Radarr's rejections: one message each. */
    rejections: z.array(z.string()),
    /** Not in Radarr: each rejection with its rule, reason and whether it is temporary. */
    rejectionDetails: z.array(rejectionSchema),
    downloadAllowed: z.boolean(),
    /** Radarr's fields of a release this app has no use for: the id of a search result is 0. */
    id: z.number().int(),
    sceneSource: z.boolean(),
    movieRequested: z.boolean(),
    /** Radarr's weights: the quality's place in the profile (×100) and the release's place in the ranking. */
    qualityWeight: z.number().int(),
    releaseWeight: z.number().int(),
    rank: z.number().int().optional(),
    decidedBy: z.string().nullable().optional(),
  })
  .openapi("Release");
type ReleaseResource = z.infer<typeof releaseSchema>;

/** An IMDb id as Radarr's release resource carries it: its number (0 when there is none). */
const imdbNumber = (imdbId: string | undefined) => Number(imdbId?.match(/^tt(\d+)$/)?.[1] ?? 0);

function releaseResource(decision: ReleaseDecision | RankedDecision, movieId?: number): ReleaseResource {
  const release = decision.release as IndexerRelease;
  const age = releaseAge(release, clock.now());
  const rejections = decision.rejections.map((r) => ({
    reason: r.reason,
    message: r.message,
    type: r.type,
    specification: r.specification,
  }));
  const ranked = "rank" in decision ? decision : undefined;
  return {
    guid: release.guid ?? release.title,
    title: release.title,
    ...(movieId !== undefined ? { movieId } : {}),
    indexerId: release.indexerId,
    indexer: release.indexer,
    protocol: release.protocol,
    size: release.size,
    seeders: release.seeders ?? null,
    leechers: release.leechers ?? null,
    age: age.days,
    ageHours: Math.round(age.hours * 100) / 100,
    ageMinutes: Math.round(age.minutes * 100) / 100,
    ...(release.publishDate ? { publishDate: release.publishDate } : {}),
    ...(release.infoHash ? { infoHash: release.infoHash } : {}),
    // Interactive results are sealed already; redaction catches a pushed URL's credentials.
    ...(release.downloadUrl ? { downloadUrl: redactUrl(release.downloadUrl) } : {}),
    ...(release.magnetUrl ? { magnetUrl: release.magnetUrl } : {}),
    ...(release.infoUrl ? { infoUrl: redactUrl(release.infoUrl) } : {}),
    ...(release.commentUrl ? { commentUrl: redactUrl(release.commentUrl) } : {}),
    indexerFlags: indexerFlagNames(release.indexerFlags ?? 0),
    quality: decision.quality
      ? { quality: { ...decision.quality.quality }, revision: { ...decision.quality.revision } }
      : null,
    customFormats: decision.customFormats.map((f) => ({ id: f.id, name: f.name })),
    customFormatScore: decision.customFormatScore,
    releaseGroup: decision.parsed?.releaseGroup ?? "",
    edition: decision.parsed?.edition ?? "",
    languages: decision.languages.map((l) => ({ id: l.id, name: l.name })),
    movieTitles: decision.parsed?.movieTitles ?? [],
    imdbId: imdbNumber(release.imdbId),
    tmdbId: release.tmdbId ?? 0,
    approved: decision.accepted,
    temporarilyRejected: !decision.accepted && rejections.every((r) => r.type === "temporary"),
    rejected: !decision.accepted && rejections.some((r) => r.type === "permanent"),
    rejections: rejections.map((r) => r.message),
    rejectionDetails: rejections,
    downloadAllowed: decision.parsed !== null && movieId !== undefined,
    id: 0,
    sceneSource: false,
    movieRequested: movieId !== undefined,
    qualityWeight: ranked ? ranked.rankingKeys.qualityIndex * 100 : 0,
    releaseWeight: ranked?.rank ?? 0,
    ...(ranked ? { rank: ranked.rank, decidedBy: ranked.decidedBy } : {}),
  };
}

releaseRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "Interactive search: every enabled indexer's results for the movie with their decisions, approved first and best first",
    request: { query: z.object({ movieId: z.coerce.number().int().positive({ message: "movieId is required" }) }) },
    responses: { 200: jsonContent(z.array(releaseSchema), "Releases"), ...errorResponses },
  }),
  async (c) => {
    const { movieId } = c.req.valid("query");
    const search = await searchMovie(requestContext(c), movieId, { interactive: true });
    const failed = search.indexers.filter((r) => r.status !== "ok");
    // Which indexers could not answer (or were backed off); the list holds what the others found.
    if (failed.length)
      c.header(
        "X-Indexer-Failures",
        failed
          .map((r) => `${r.indexer}: ${r.error ?? r.status}`)
          .join("; ")
          .slice(0, 1000),
      );
    return c.json(
      search.decisions.map((d) => releaseResource(d, movieId)),
      200,
    );
  },
);

const grabInput = z
  .object({
    guid: z.string().min(1, "guid is required"),
    indexerId: z.number().int().min(0),
    movieId: z.number().int().positive().optional(),
  })
  .passthrough()
  .openapi("ReleaseGrab");

export const grabbedSchema = releaseSchema
  .extend({ queueId: z.number().int(), downloadClientId: z.number().int(), downloadId: z.string() })
  .openapi("GrabbedRelease");

releaseRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Grab a release from an interactive search of the last 30 minutes (by guid and indexer)",
    request: { body: jsonBody(grabInput) },
    responses: { 200: jsonContent(grabbedSchema, "Sent to the download client"), ...errorResponses },
  }),
  async (c) => {
    const { decision, movieId, grabbed } = await grabFromRecentSearch(requestContext(c), c.req.valid("json"));
    return c.json({ ...releaseResource(decision, movieId), ...grabbed }, 200);
  },
);

const pushInput = z
  .object({
    title: z.string().trim().min(1, "title is required").max(1000),
    downloadUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    magnetUrl: z
      .string()
      .regex(/^magnet:\?/i, "must be a magnet: link")
      .optional(),
    protocol: z.enum(["torrent", "usenet"]),
    publishDate: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
    indexer: z.string().trim().max(200).optional(),
    indexerId: z.number().int().min(0).optional(),
    size: z.number().int().min(0).default(0),
    infoHash: z
      .string()
      .regex(/^[0-9a-fA-F]{40}$/, "must be a 40-character hex info hash")
      .optional(),
    seeders: z.number().int().min(0).optional(),
    leechers: z.number().int().min(0).optional(),
    indexerFlags: z.number().int().min(0).optional(),
    movieId: z.number().int().positive().optional(),
    tmdbId: z.number().int().positive().optional(),
    imdbId: z
      .string()
      .regex(/^tt\d{7,10}$/, "must look like tt0133093")
      .optional(),
    guid: z.string().max(1000).optional(),
    downloadClientId: z.number().int().min(0).optional(),
    downloadClient: z.string().trim().max(200).optional(),
  })
  .passthrough()
  .openapi("ReleasePush");

/** Radarr's validation failure (FluentValidation's), as Radarr answers a push it cannot parse. */
const radarrValidationFailure = z
  .object({
    propertyName: z.string(),
    errorMessage: z.string(),
    attemptedValue: z.unknown(),
    severity: z.enum(["error", "warning", "info"]),
  })
  .openapi("ValidationFailure");

const pushedSchema = releaseSchema
  .extend({
    grabbed: z.boolean(),
    queueId: z.number().int().optional(),
    downloadClientId: z.number().int().optional(),
    downloadId: z.string().optional(),
  })
  .openapi("PushedRelease");

releaseRouter.openapi(
  createRoute({
    method: "post",
    path: "/push",
    tags,
    summary:
      "A release from another tool: matched to a library movie, judged, and grabbed when accepted (one-item list, as Radarr answers)",
    request: { body: jsonBody(pushInput) },
    responses: {
      200: jsonContent(z.array(pushedSchema), "The decision (and the grab)"),
      ...errorResponses,
      400: jsonContent(
        z.union([errorSchema, z.array(radarrValidationFailure)]),
        "Invalid input; a title that cannot be parsed is answered as Radarr does, a list of validation failures",
      ),
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const outcome = await pushRelease(requestContext(c), input);
    // Radarr's answer, which pushing tools (autobrr, Prowlarr) read: its validation failures, as a list.
    if (outcome.unparseable)
      return c.json(
        [
          {
            propertyName: "Title",
            errorMessage: "Unable to parse",
            attemptedValue: input.title,
            severity: "error" as const,
          },
        ],
        400,
      );
    const { decision, movieId, grabbed } = outcome;
    return c.json([{ ...releaseResource(decision, movieId), grabbed: grabbed !== undefined, ...grabbed }], 200);
  },
);
