import { z } from "zod";

/**
 * HDBits' JSON API (https://hdbits.org/wiki/API): POST /api/torrents with `username` and
 * `passkey` in the JSON body, answered `{status, message?, data}`; status 0 is success.
 */

export const HDBITS_STATUS = {
  success: 0,
  failure: 1,
  sslRequired: 2,
  jsonMalformed: 3,
  authDataMissing: 4,
  authFailed: 5,
  missingParameters: 6,
  invalidParameter: 7,
} as const;

const hdbitsTorrentSchema = z.object({
  id: z.number().int(),
  hash: z.string(),
  leechers: z.number().int().nonnegative(),
  seeders: z.number().int().nonnegative(),
  name: z.string(),
  times_completed: z.number().int().nonnegative().default(0),
  size: z.number().nonnegative(),
  /** Upload time, Unix seconds. */
  utadded: z.number().optional(),
  /** Upload time, ISO 8601. */
  added: z.string().optional(),
  numfiles: z.number().int().optional(),
  filename: z.string().optional(),
  freeleech: z.enum(["yes", "no"]).default("no"),
  type_category: z.number().int(),
  type_codec: z.number().int().optional(),
  type_medium: z.number().int().optional(),
  /** 0 undefined, 1 internal. */
  type_origin: z.number().int().default(0),
  /** 0 non-exclusive, 1 exclusive. */
  type_exclusive: z.number().int().default(0),
  imdb: z
    .object({
      id: z.number().int(),
      englishtitle: z.string().optional(),
      originaltitle: z.string().optional(),
      year: z.number().int().optional(),
    })
    .nullable()
    .optional(),
});
export type HdbitsTorrent = z.infer<typeof hdbitsTorrentSchema>;

export const hdbitsResponseSchema = z.object({
  status: z.number().int(),
  message: z.string().optional(),
  data: z.array(hdbitsTorrentSchema).nullable().optional(),
});

/** The torrent search request body (the parts we send). */
export interface HdbitsTorrentQuery {
  username: string;
  passkey: string;
  category?: number[];
  codec?: number[];
  medium?: number[];
  imdb?: { id: number };
  search?: string;
  limit: number;
  page: number;
}
