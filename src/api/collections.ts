import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { MINIMUM_AVAILABILITIES } from "../domain/library/movieStatus";
import { absolutePathSetting } from "../domain/validation/paths";
import { Collections } from "../services/collections";
import { requestContext } from "../services/context";
import type { AppEnv } from "./context";
import { searchAdded } from "./movieImport";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/** Mounted at /api/v3/collection. */
export const collectionRouter = createRouter();

const tags = ["Collection"];
const collections = (c: Context<AppEnv>) => new Collections(requestContext(c));

const imageSchema = z.object({ coverType: z.string(), url: z.string(), remoteUrl: z.string() });

const collectionMovieSchema = z.object({
  tmdbId: z.number().int(),
  title: z.string(),
  cleanTitle: z.string(),
  sortTitle: z.string(),
  status: z.string(),
  overview: z.string(),
  runtime: z.number().int(),
  images: z.array(imageSchema),
  year: z.number().int(),
  ratings: z.record(z.string(), z.object({ votes: z.number(), value: z.number(), type: z.string() })),
  genres: z.array(z.string()),
  folder: z.string(),
  isExisting: z.boolean(),
  isExcluded: z.boolean(),
});

export const collectionSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    sortTitle: z.string(),
    tmdbId: z.number().int(),
    images: z.array(imageSchema),
    overview: z.string(),
    monitored: z.boolean(),
    rootFolderPath: z.string(),
    qualityProfileId: z.number().int(),
    searchOnAdd: z.boolean(),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES),
    movies: z.array(collectionMovieSchema),
    missingMovies: z.number().int(),
    tags: z.array(z.number().int()),
  })
  .openapi("Collection");

/** What a collection's owner chooses (the rest of a full CollectionResource is accepted and ignored). */
const choicesSchema = z.object({
  monitored: z.boolean().optional(),
  qualityProfileId: z.number().int().positive().optional(),
  rootFolderPath: absolutePathSetting().optional(),
  minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).optional(),
  searchOnAdd: z.boolean().optional(),
});

collectionRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "The TMDb collections of the library's movies, with their movies (isExisting, isExcluded)",
    request: { query: z.object({ tmdbId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: jsonContent(z.array(collectionSchema), "Collections"), ...errorResponses },
  }),
  async (c) => c.json(await collections(c).list(c.req.valid("query").tmdbId), 200),
);

collectionRouter.openapi(
  createRoute({
    method: "put",
    path: "/",
    tags,
    summary:
      "Edit many collections (Radarr's collection editor); monitorMovies sets their library movies monitored or not; monitored ones add their missing movies",
    request: {
      body: jsonBody(
        choicesSchema
          .extend({
            collectionIds: z.array(z.number().int().positive()).min(1).max(1000),
            monitorMovies: z.boolean().optional(),
          })
          .openapi("CollectionUpdate"),
      ),
    },
    responses: { 202: jsonContent(z.array(collectionSchema), "The edited collections"), ...errorResponses },
  }),
  async (c) => {
    const { collectionIds, monitorMovies, ...choices } = c.req.valid("json");
    const result = await collections(c).update(collectionIds, choices, monitorMovies);
    await searchAdded(c, result.added);
    return c.json(result.collections, 202);
  },
);

collectionRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(collectionSchema, "The collection"), ...errorResponses },
  }),
  async (c) => c.json(await collections(c).get(c.req.valid("param").id), 200),
);

collectionRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    summary: "Edit one collection; monitored, it adds its missing movies (not excluded) with its choices",
    request: {
      params: idParamSchema,
      body: jsonBody(choicesSchema.extend({ tags: z.array(z.number().int()).optional() })),
    },
    responses: { 202: jsonContent(collectionSchema, "The edited collection"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const result = await collections(c).update([id], c.req.valid("json"));
    await searchAdded(c, result.added);
    return c.json(result.collections[0], 202);
  },
);
