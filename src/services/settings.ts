import { z } from "zod";
import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { settingsRepository } from "../db/repositories/settings";
import { COLON_REPLACEMENTS, DEFAULT_FOLDER_FORMAT, DEFAULT_MOVIE_FORMAT, unknownTokens } from "../domain/naming";
import { isRegionCode } from "../integrations/tmdb/discoverySchemas";
import {
  downloadClientSettingsSchema,
  hostSettingsSchema,
  mediaManagementSettingsSchema,
  metadataSettingsSchema,
  uiSettingsSchema,
} from "./configSettings";

/**
 * Radarr's indexer settings (`/api/v3/config/indexer`) plus the two release preferences the
 * decision engine reads: propers/repacks handling and the preferred protocol.
 */
export const indexerSettingsSchema = z.object({
  minimumAge: z.number().int().min(0).max(10_080).default(0),
  retention: z.number().int().min(0).max(100_000).default(0),
  maximumSize: z.number().int().min(0).max(10_000_000).default(0),
  rssSyncInterval: z.number().int().min(0).max(1440).default(60),
  preferIndexerFlags: z.boolean().default(false),
  availabilityDelay: z.number().int().min(-365).max(365).default(0),
  allowHardcodedSubs: z.boolean().default(false),
  whitelistedHardcodedSubs: z.string().max(500).default(""),
  downloadPropersAndRepacks: z.enum(["preferAndUpgrade", "doNotUpgrade", "doNotPrefer"]).default("preferAndUpgrade"),
  preferredProtocol: z.enum(["torrent", "usenet"]).default("usenet"),
});

/** Radarr's `/api/v3/config/importlist`: what happens to movies that leave every list. */
export const importListSettingsSchema = z.object({
  listSyncLevel: z
    .enum(["disabled", "logOnly", "keepAndUnmonitor", "removeAndKeep", "removeAndDelete"])
    .default("disabled"),
});

/**
 * "Don't download what I can stream": the region whose JustWatch offers count, the services the
 * user subscribes to (TMDb watch provider ids) and which offer types count as "I can stream it".
 * `region` null means DEFAULT_REGION (else US). No subscriptions: the feature is off.
 */
export const STREAMING_OFFER_TYPES = ["flatrate", "free", "ads"] as const;
export const streamingSettingsSchema = z.object({
  region: z
    .string()
    .refine(isRegionCode, { message: "region must be an ISO 3166-1 alpha-2 country code, e.g. US or GB" })
    .nullable()
    .default(null),
  subscribedProviderIds: z.array(z.number().int().positive()).max(200).default([]),
  offerTypes: z
    .array(z.enum(STREAMING_OFFER_TYPES))
    .min(1)
    .default([...STREAMING_OFFER_TYPES]),
});
type StreamingSettings = z.infer<typeof streamingSettingsSchema>;
export type ResolvedStreamingSettings = Omit<StreamingSettings, "region"> & { region: string };

/** The region streaming settings use when none was saved: DEFAULT_REGION when valid, else US. */
function defaultStreamingRegion(env: Pick<Env, "DEFAULT_REGION">): string {
  const fallback = (env.DEFAULT_REGION ?? "").toUpperCase();
  return isRegionCode(fallback) ? fallback : "US";
}

/** Streaming settings with the region resolved. */
export async function readStreamingSettings(db: Database, env: Pick<Env, "DEFAULT_REGION">) {
  const saved = await readSettings(db, "streaming");
  return { ...saved, region: saved.region ?? defaultStreamingRegion(env) } satisfies ResolvedStreamingSettings;
}

const namingFormat = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(500)
    .refine((format) => unknownTokens(format).length === 0, {
      error: (issue) => `unknown token(s): ${unknownTokens(String(issue.input)).join(", ")}`,
    });

/**
 * Radarr's `/api/v3/config/naming`: how imported files are named (`standardMovieFormat`) and
 * how new movie folders are named (`movieFolderFormat`); without `renameMovies` a file keeps the
 * name it downloaded with.
 */
export const namingSettingsSchema = z.object({
  renameMovies: z.boolean().default(true),
  replaceIllegalCharacters: z.boolean().default(true),
  colonReplacementFormat: z.enum(COLON_REPLACEMENTS).default("delete"),
  standardMovieFormat: namingFormat("standardMovieFormat").default(DEFAULT_MOVIE_FORMAT),
  movieFolderFormat: namingFormat("movieFolderFormat").default(DEFAULT_FOLDER_FORMAT),
});

export const SETTINGS_GROUPS = {
  indexer: indexerSettingsSchema,
  importlist: importListSettingsSchema,
  streaming: streamingSettingsSchema,
  naming: namingSettingsSchema,
  ui: uiSettingsSchema,
  host: hostSettingsSchema,
  mediamanagement: mediaManagementSettingsSchema,
  downloadclient: downloadClientSettingsSchema,
  metadata: metadataSettingsSchema,
} as const;
export type SettingsGroup = keyof typeof SETTINGS_GROUPS;

/** A settings group with defaults for whatever was never saved. */
export async function readSettings<G extends SettingsGroup>(
  db: Database,
  group: G,
): Promise<z.infer<(typeof SETTINGS_GROUPS)[G]>> {
  const value = await settingsRepository(db).value(group);
  return SETTINGS_GROUPS[group].parse(value ?? {}) as z.infer<(typeof SETTINGS_GROUPS)[G]>;
}

export async function writeSettings<G extends SettingsGroup>(
  db: Database,
  group: G,
  value: z.infer<(typeof SETTINGS_GROUPS)[G]>,
) {
  await settingsRepository(db).save(group, value, clock.nowIso());
}

/** Saves the fields a PUT sent over the saved (or default) group; returns the saved group. */
export async function updateSettings<G extends SettingsGroup>(
  db: Database,
  group: G,
  changes: Partial<z.infer<(typeof SETTINGS_GROUPS)[G]>>,
): Promise<z.infer<(typeof SETTINGS_GROUPS)[G]>> {
  const merged = SETTINGS_GROUPS[group].parse({ ...(await readSettings(db, group)), ...changes }) as z.infer<
    (typeof SETTINGS_GROUPS)[G]
  >;
  await writeSettings(db, group, merged);
  return merged;
}
