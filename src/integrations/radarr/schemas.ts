import { z } from "zod";

/**
 * What Radarr v3 answers (Radarr's OpenAPI), as far as a migration reads it. Objects stay open
 * (`looseObject`): the fields we do not read are carried along and dropped by our own input
 * schemas when the resource is created here.
 */

const id = z.number().int();

export const radarrTagSchema = z.looseObject({ id, label: z.string() });

const radarrFieldSchema = z.looseObject({
  name: z.string(),
  value: z.unknown().optional(),
  privacy: z.string().optional(),
});

export const radarrProviderSchema = z.looseObject({
  id,
  name: z.string(),
  implementation: z.string(),
  fields: z.array(radarrFieldSchema).default([]),
  tags: z.array(id).default([]),
});

export const radarrMovieSchema = z.looseObject({
  id,
  title: z.string(),
  year: z.number().int().optional(),
  tmdbId: id,
  monitored: z.boolean(),
  qualityProfileId: id,
  minimumAvailability: z.string().optional(),
  tags: z.array(id).default([]),
  added: z.string().optional(),
  path: z.string().nullish(),
  rootFolderPath: z.string().nullish(),
});

export const radarrQualityProfileSchema = z.looseObject({
  id,
  name: z.string(),
  cutoff: id,
  items: z.array(z.unknown()),
  formatItems: z.array(z.looseObject({ format: id, score: z.number().int() })).default([]),
});

export const radarrQualityDefinitionSchema = z.looseObject({
  id,
  quality: z.looseObject({ id, name: z.string() }),
  title: z.string().optional(),
  minSize: z.number().nullish(),
  maxSize: z.number().nullish(),
  preferredSize: z.number().nullish(),
});

export const radarrCustomFormatSchema = z.looseObject({ id, name: z.string(), specifications: z.array(z.unknown()) });

export const radarrRootFolderSchema = z.looseObject({ id, path: z.string() });

export const radarrExclusionSchema = z.looseObject({
  id,
  tmdbId: id,
  movieTitle: z.string().nullish(),
  movieYear: z.number().int().nullish(),
});

export const radarrNamingSchema = z.looseObject({ id: id.optional() });

export const radarrDelayProfileSchema = z.looseObject({
  id,
  enableUsenet: z.boolean().optional(),
  enableTorrent: z.boolean().optional(),
  preferredProtocol: z.enum(["usenet", "torrent"]).optional(),
  usenetDelay: z.number().int().min(0).optional(),
  torrentDelay: z.number().int().min(0).optional(),
  bypassIfHighestQuality: z.boolean().optional(),
  bypassIfAboveCustomFormatScore: z.boolean().optional(),
  minimumCustomFormatScore: z.number().int().optional(),
  order: z.number().int().optional(),
  tags: z.array(id).default([]),
});
export type RadarrDelayProfile = z.infer<typeof radarrDelayProfileSchema>;

export type RadarrProvider = z.infer<typeof radarrProviderSchema>;
