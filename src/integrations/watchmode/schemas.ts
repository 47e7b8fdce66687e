import { z } from "zod";

/**
 * Watchmode v1 responses as documented (api.watchmode.com/docs): a title's sources and the
 * streaming releases. Only the fields we read; unknown types are kept as sent.
 */

/** One way to watch a title: a service, in a region, of a type (`sub`, `free`, `rent`, `purchase`, `tve`). */
const watchmodeSourceSchema = z.object({
  source_id: z.number().int(),
  name: z.string(),
  type: z.string(),
  region: z.string(),
  web_url: z.string().nullable().optional(),
  format: z.string().nullable().optional(),
  price: z.number().nullable().optional(),
  seasons: z.number().int().nullable().optional(),
  episodes: z.number().int().nullable().optional(),
});
export type WatchmodeSource = z.infer<typeof watchmodeSourceSchema>;

/** `/v1/title/{id}/sources/`: every source in every region (unless `regions` narrows it). */
export const watchmodeSourcesSchema = z.array(watchmodeSourceSchema);

const watchmodeReleaseSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.string(),
  tmdb_id: z.number().int().nullable().optional(),
  tmdb_type: z.string().nullable().optional(),
  imdb_id: z.string().nullable().optional(),
  season_number: z.number().int().nullable().optional(),
  poster_url: z.string().nullable().optional(),
  source_release_date: z.string(),
  source_id: z.number().int(),
  source_name: z.string(),
  is_original: z.union([z.number(), z.boolean()]).nullable().optional(),
});
export type WatchmodeRelease = z.infer<typeof watchmodeReleaseSchema>;

/** `/v1/releases/`: titles landing on streaming services in a date range. */
export const watchmodeReleasesSchema = z.object({ releases: z.array(watchmodeReleaseSchema) });
