/**
 * The settings resources the Settings pages edit: Radarr's singleton `/config/*` resources, the
 * remote path mappings, delay and release profiles. Types are inferred from the Worker's zod
 * schemas (type-only imports), as in resources.ts.
 */
import type { z } from "@hono/zod-openapi";
import type { apiKeySchema } from "../../../src/api/apiKey";
import type { delayProfileSchema } from "../../../src/api/delayProfiles";
import type { releaseProfileSchema } from "../../../src/api/releaseProfiles";
import type { remotePathMappingSchema } from "../../../src/api/remotePathMappings";
import type {
  hostSettingsSchema,
  mediaManagementSettingsSchema,
  uiSettingsSchema,
} from "../../../src/services/configSettings";
import type { indexerSettingsSchema, namingSettingsSchema } from "../../../src/services/settings";
import { request } from "./index";

const v3 = "/api/v3";

export type NamingConfig = z.infer<typeof namingSettingsSchema>;
type NamingExamples = { movieExample: string; movieFolderExample: string };
export type IndexerConfig = z.infer<typeof indexerSettingsSchema>;
/** The file settings, with the propers choice the indexer settings keep too. */
export type MediaManagementConfig = z.infer<typeof mediaManagementSettingsSchema> &
  Pick<IndexerConfig, "downloadPropersAndRepacks">;
export type UiConfig = z.infer<typeof uiSettingsSchema>;
export type HostConfig = z.infer<typeof hostSettingsSchema>;
/** The API key in clear (Show, Regenerate) and when Regenerate made it (null: the API_KEY secret). */
export type ApiKey = z.infer<typeof apiKeySchema>;
/** A backup of the library (made by the Backup command); `path` is its download address. */
export interface Backup {
  id: number;
  name: string;
  path: string;
  type: "scheduled" | "manual" | "update";
  size: number;
  time: string;
}
export type RemotePathMapping = z.infer<typeof remotePathMappingSchema>;
export type DelayProfile = z.infer<typeof delayProfileSchema>;
export type ReleaseProfile = z.infer<typeof releaseProfileSchema>;

/** GET and PUT of one of Radarr's singleton config resources; PUT takes the fields to change. */
function configApi<T>(name: string) {
  return {
    get: (signal?: AbortSignal) => request<T>("GET", `${v3}/config/${name}`, { signal }),
    save: (changes: Partial<T>) => request<T>("PUT", `${v3}/config/${name}`, { body: changes }),
  };
}

/** A plain CRUD resource (`/remotepathmapping`, `/delayprofile`, `/releaseprofile`). */
function crudApi<T extends { id: number }>(path: string) {
  return {
    list: (signal?: AbortSignal) => request<T[]>("GET", `${v3}/${path}`, { signal }),
    add: (resource: Omit<T, "id">) => request<T>("POST", `${v3}/${path}`, { body: resource }),
    update: (resource: T) => request<T>("PUT", `${v3}/${path}/${resource.id}`, { body: resource }),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/${path}/${id}`),
  };
}

export const settingsApi = {
  naming: {
    ...configApi<NamingConfig>("naming"),
    /** Example names for the formats being typed (the saved ones for what is left out). */
    examples: (
      formats: Partial<Pick<NamingConfig, "standardMovieFormat" | "movieFolderFormat">>,
      signal?: AbortSignal,
    ) => request<NamingExamples>("GET", `${v3}/config/naming/examples`, { query: { ...formats }, signal }),
  },
  mediaManagement: configApi<MediaManagementConfig>("mediamanagement"),
  indexer: configApi<IndexerConfig>("indexer"),
  ui: configApi<UiConfig>("ui"),
  host: configApi<HostConfig>("host"),
  apiKey: {
    /** POST, not GET: the key stays out of URLs and caches. */
    show: () => request<ApiKey>("POST", `${v3}/config/host/apikey`),
    /** Retires the key in use; this browser's session comes back re-issued under the new key. */
    regenerate: () => request<ApiKey>("POST", `${v3}/config/host/apikey/regenerate`),
  },
  backups: {
    list: (signal?: AbortSignal) => request<Backup[]>("GET", `${v3}/system/backup`, { signal }),
    restore: (id: number) => request<{ tables: number; rows: number }>("POST", `${v3}/system/backup/restore/${id}`),
    remove: (id: number) => request<unknown>("DELETE", `${v3}/system/backup/${id}`),
  },
  remotePathMappings: crudApi<RemotePathMapping>("remotepathmapping"),
  delayProfiles: {
    ...crudApi<DelayProfile>("delayprofile"),
    /** Moves a profile right after `after` (first without it); answers every profile in order. */
    reorder: (id: number, after?: number) =>
      request<DelayProfile[]>("PUT", `${v3}/delayprofile/reorder/${id}`, { query: { after } }),
  },
  releaseProfiles: crudApi<ReleaseProfile>("releaseprofile"),
};
