import { z } from "@hono/zod-openapi";
import { GROUP_FACTORS, GROUP_TIERS } from "../../domain/analysis/releaseGroups";

/** The scene-group analysis resources: reputations, a group's releases, the analyzer's collection. */

const factorsSchema = z.object(
  Object.fromEntries(GROUP_FACTORS.map((f) => [f, z.number()])) as Record<(typeof GROUP_FACTORS)[number], z.ZodNumber>,
);

export const groupSchema = z
  .object({
    group: z.string(),
    score: z.number().int().min(0).max(100),
    tier: z.enum(GROUP_TIERS),
    releases: z.number().int().openapi({ description: "The sample size: releases the score is built from" }),
    confidence: z.number().min(0).max(1).openapi({ description: "releases / (releases + 10)" }),
    factors: factorsSchema,
    internalReleases: z.number().int(),
    exclusiveReleases: z.number().int(),
    seeders: z.number().int(),
    leechers: z.number().int(),
    timesCompleted: z.number().int(),
    averageSize: z.number().int(),
    newestUpload: z.string(),
    qualities: z.record(z.string(), z.number().int()).openapi({ description: "Releases per resolution" }),
  })
  .openapi("ReleaseGroupReputation");

const collectedReleaseSchema = z.object({
  torrentId: z.number().int(),
  name: z.string(),
  resolution: z.string(),
  source: z.string(),
  codec: z.string(),
  size: z.number().int(),
  seeders: z.number().int(),
  leechers: z.number().int(),
  timesCompleted: z.number().int(),
  freeleech: z.boolean(),
  internal: z.boolean(),
  exclusive: z.boolean(),
  uploadedAt: z.string(),
});

export const groupDetailSchema = z
  .object({ reputation: groupSchema, releases: z.array(collectedReleaseSchema) })
  .openapi("ReleaseGroupDetail");

export const collectionSchema = z
  .object({
    indexerId: z.number().int(),
    status: z.enum(["running", "paused", "cancelled", "completed", "failed"]),
    since: z.string(),
    nextPage: z.number().int(),
    pages: z.number().int(),
    releases: z.number().int(),
    oldestReached: z.string().nullable(),
    nextRequestAt: z.string().nullable(),
    commandId: z.number().int().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    progress: z.object({ done: z.number().int(), total: z.number().int(), message: z.string() }),
  })
  .openapi("AnalyzerCollection");

export const collectionStateSchema = z
  .object({
    collection: collectionSchema.nullable(),
    intervalMs: z
      .number()
      .int()
      .openapi({ description: "Pause between browse requests (HDBITS_ANALYZER_INTERVAL_MS)" }),
    defaultDays: z.number().int(),
  })
  .openapi("AnalyzerState");

export const startCollectionSchema = z
  .object({
    indexerId: z.number().int().positive().optional(),
    days: z.number().int().min(1).max(3650).optional(),
    since: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .openapi("AnalyzerStart");

export const indexerQuery = z.object({ indexerId: z.coerce.number().int().positive().optional() });
