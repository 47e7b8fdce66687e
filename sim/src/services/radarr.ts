import type { Context } from "hono";
import {
  RADARR_CUSTOM_FORMATS,
  RADARR_DELAY_PROFILES,
  RADARR_EXCLUSIONS,
  RADARR_IMPORT_LISTS,
  RADARR_MOVIES,
  RADARR_NAMING,
  RADARR_QUALITY_DEFINITIONS,
  RADARR_QUALITY_PROFILES,
  RADARR_ROOT_FOLDERS,
  RADARR_TAGS,
  radarrDownloadClients,
  radarrIndexers,
} from "../data/radarr";
import { createService } from "./service";
import { isRejectedSecret } from "./sim-controls";

/**
 * A running Radarr v3 (5.x) to migrate from, read-only, at `/radarr/api/v3/...`: movie,
 * qualityprofile, qualitydefinition, customformat, tag, rootfolder, exclusions, indexer,
 * downloadclient, importlist, config/naming, delayprofile (and delayprofile/{id}) and system/status, in the shapes of
 * Radarr's OpenAPI, with secrets masked ("********") as Radarr masks them. API key in
 * `X-Api-Key` or `?apikey=`: any key not empty and not starting `invalid`/`wrong`; otherwise 401
 * `{"message":"Unauthorized"}` as Radarr answers.
 */

export const radarr = createService({
  name: "radarr",
  description: "Radarr v3 API (read-only): movies, profiles, formats, tags, folders, providers, naming, delay profiles",
  errorResponse: (status) => Response.json({ message: `HTTP ${status}` }, { status }),
});

function origin(c: Context): string {
  return new URL(c.req.url).origin;
}

radarr.app.use("/api/*", async (c, next) => {
  const key = c.req.header("x-api-key") ?? c.req.query("apikey") ?? "";
  if (key === "" || isRejectedSecret(key)) return c.json({ message: "Unauthorized" }, 401);
  await next();
});

const RESOURCES: Record<string, (c: Context) => unknown> = {
  movie: () => RADARR_MOVIES,
  qualityprofile: () => RADARR_QUALITY_PROFILES,
  qualitydefinition: () => RADARR_QUALITY_DEFINITIONS,
  customformat: () => RADARR_CUSTOM_FORMATS,
  tag: () => RADARR_TAGS,
  rootfolder: () => RADARR_ROOT_FOLDERS,
  exclusions: () => RADARR_EXCLUSIONS,
  indexer: (c) => radarrIndexers(origin(c)),
  downloadclient: (c) => radarrDownloadClients(origin(c)),
  importlist: () => RADARR_IMPORT_LISTS,
  "config/naming": () => RADARR_NAMING,
  delayprofile: () => RADARR_DELAY_PROFILES,
  "system/status": () => ({ appName: "Radarr", instanceName: "Radarr", version: "5.14.0.9383", isProduction: true }),
};

for (const [path, answer] of Object.entries(RESOURCES))
  radarr.app.get(`/api/v3/${path}`, (c) => c.json(answer(c) as object));

/** GET /api/v3/delayprofile/{id}: one delay profile, or Radarr's 404. */
radarr.app.get("/api/v3/delayprofile/:id", (c) => {
  const profile = RADARR_DELAY_PROFILES.find((p) => String(p.id) === c.req.param("id"));
  return profile ? c.json(profile) : c.json({ message: "NotFound" }, 404);
});
