import { z } from "@hono/zod-openapi";
import type { StoredQualityModel } from "../../db/schema";
import { qualityModelOf } from "../../domain/library/movieFileResource";

/** Radarr's QualityModel as the queue, blocklist and failures show it. */
export const qualityModelSchema = z.object({
  quality: z.object({
    id: z.number(),
    name: z.string(),
    source: z.string(),
    resolution: z.number(),
    modifier: z.string(),
  }),
  revision: z.object({ version: z.number(), real: z.number(), isRepack: z.boolean() }),
});

/** The stored quality as Radarr's QualityModel (the quality spelled out). */
export const qualityModel: (stored: StoredQualityModel) => z.infer<typeof qualityModelSchema> = qualityModelOf;

export const languageSchema = z.object({ id: z.number(), name: z.string() });
export const customFormatRefSchema = z.object({ id: z.number(), name: z.string() });

/** A release's custom format ids as Radarr's refs, by name; a format deleted since is left out. */
function customFormatRefs(ids: readonly number[], names: Map<number, string>): { id: number; name: string }[] {
  return ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) ?? "" }] : []));
}

/** What a grabbed release's record shows in the queue and the blocklist: its languages, quality and formats. */
export function releaseTraits(
  row: { languages: { id: number; name: string }[]; quality: StoredQualityModel; customFormatIds: readonly number[] },
  formatNames: Map<number, string>,
) {
  return {
    languages: row.languages,
    quality: qualityModel(row.quality),
    customFormats: customFormatRefs(row.customFormatIds, formatNames),
  };
}

/** The paging query Radarr's paged resources take; `sortKeys` lists the keys accepted. */
export function pagingQuery<K extends string>(sortKeys: readonly [K, ...K[]], defaultKey: K, defaultPageSize = 20) {
  return {
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(1000).default(defaultPageSize),
    sortKey: z.enum(sortKeys).default(defaultKey),
    sortDirection: z.enum(["ascending", "descending", "default"]).default("default"),
  };
}

export const pageEnvelope = <T extends z.ZodType>(records: T, name: string) =>
  z
    .object({
      page: z.number().int(),
      pageSize: z.number().int(),
      sortKey: z.string(),
      sortDirection: z.enum(["ascending", "descending"]),
      totalRecords: z.number().int(),
      records: z.array(records),
    })
    .openapi(name);

export const idsBodySchema = z.object({
  ids: z.array(z.number().int().positive()).min(1, "ids needs at least one id").max(1000),
});
