import { z } from "zod";
import type { ImportListSource } from "../../source";
import { TMDB_REQUESTS_PER_SECOND, tmdbRequest } from "./request";
import { listItemsFromTmdbMovies, readTmdbResponse, tmdbCollectionSchema } from "./responses";
import { tmdbIdSetting } from "./settings";

/** TMDbCollectionSettings: which collection (franchise) to follow. */
const tmdbCollectionSettingsSchema = z.object({ collectionId: tmdbIdSetting("collection") });
export type TMDbCollectionSettings = z.infer<typeof tmdbCollectionSettingsSchema>;

/** TMDb collections (Radarr's TMDbCollectionImport): every dated part of a collection, one request. */
export const tmdbCollectionSource: ImportListSource<TMDbCollectionSettings> = {
  implementation: "TMDbCollectionImport",
  implementationName: "TMDb Collection",
  configContract: "TMDbCollectionSettings",
  minRefreshIntervalMinutes: 12 * 60,
  requestsPerSecond: TMDB_REQUESTS_PER_SECOND,
  settings: tmdbCollectionSettingsSchema,
  fields: [
    {
      name: "collectionId",
      label: "Collection Id",
      type: "textbox",
      helpText: "TMDb id of the collection to follow (the number in themoviedb.org/collection/<id>)",
    },
  ],

  firstRequest: (settings, env) => tmdbRequest(env, `/3/collection/${settings.collectionId}`),

  parse(response) {
    const collection = readTmdbResponse(response, tmdbCollectionSchema, "collection");
    return { items: listItemsFromTmdbMovies(collection.parts) };
  },
};
