import type { Area, Resource } from "./harness";

/** The singleton config resources Radarr serves at `/config/{name}` and `/config/{name}/{id}`. */
const CONFIG_RESOURCES = ["ui", "host", "mediamanagement", "downloadclient", "metadata"];
/** Config resources served before; their `/{id}` forms are called here. */
const OLDER_CONFIG_RESOURCES = ["importlist", "indexer", "naming"];

/** Radarr's config resources and small reference lists (languages, localization, flags, limits). */
export const config: Area = async (check) => {
  for (const name of CONFIG_RESOURCES) {
    const base = `/api/v3/config/${name}`;
    const got = await check(`GET ${base}`, base);
    await check(`GET ${base}/{id}`, `${base}/${got.id}`);
    await check(`PUT ${base}/{id}`, `${base}/${got.id}`, got);
  }
  for (const name of OLDER_CONFIG_RESOURCES) {
    const base = `/api/v3/config/${name}`;
    const got = await check(`GET ${base}/{id}`, `${base}/1`);
    await check(`PUT ${base}/{id}`, `${base}/${got.id}`, got);
  }
  const languages = await check<Resource[]>("GET /api/v3/language", "/api/v3/language");
  await check("GET /api/v3/language/{id}", `/api/v3/language/${languages[languages.length - 1].id}`);
  await check("GET /api/v3/localization", "/api/v3/localization");
  await check("GET /api/v3/localization/language", "/api/v3/localization/language");
  await check("GET /api/v3/indexerflag", "/api/v3/indexerflag");
  await check("GET /api/v3/qualitydefinition/limits", "/api/v3/qualitydefinition/limits");
};
