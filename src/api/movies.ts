import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import * as clock from "../clock";
import type { MOVIE_SORT_KEYS } from "../db/repositories/movies";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { MOVIE_STATUSES } from "../domain/library/movieStatus";
import { cleanTitle } from "../domain/library/titles";
import { STALE_HEADER } from "../integrations/cache";
import { enqueueCommand } from "../jobs/commandRunner";
import { applyAutoTags } from "../services/autoTagging";
import { requestContext } from "../services/context";
import { libraryPage, wholeLibraryBody } from "../services/libraryListCache";
import { deleteMovies } from "../services/movieBulkDelete";
import { deleteMovieFileThroughClient } from "../services/movieFileDeletion";
import {
  libraryMovieResource,
  libraryMovieResourceById,
  libraryMovieResources,
  lookupResources,
  moviePageJson,
  movieResource,
  moviesJson,
} from "../services/movieResource";
import { MovieLibrary } from "../services/movies";
import { notifyEachQuietly, webhookMovie } from "../services/notifications";
import type { AppEnv } from "./context";
import { monitorAddedCollections } from "./movieImport";
import { createRouter, jsonBody, jsonContent } from "./router";
import { errorResponses, errorSchema, idParamSchema, queryBoolean } from "./schemas/common";
import {
  movieAddSchema,
  movieEditorDeleteSchema,
  movieEditorSchema,
  movieResourceSchema,
  movieUpdateSchema,
} from "./schemas/movie";

export const movieRouter = createRouter();

/** Says so in a header when TMDb failed and an expired cached copy was served instead. */
function markStale(c: Context<AppEnv>, lib: MovieLibrary) {
  if (lib.servedStale) c.header(STALE_HEADER, "tmdb");
}

/** Starts a command as POST /command does (queued on the commands queue), so /command shows it. */
async function startCommand(c: Context<AppEnv>, name: string, body: Record<string, unknown>) {
  await enqueueCommand(c.env, c.get("db"), name, body, "manual");
}

const library = (c: Context<AppEnv>) => new MovieLibrary(requestContext(c));

const movieList = z.array(movieResourceSchema);
const tags = ["Movie"];

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "The whole library (Radarr's list); use /movie/paged for large libraries",
    request: { query: z.object({ tmdbId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: jsonContent(movieList, "Movies"), ...errorResponses },
  }),
  async (c) => {
    const { tmdbId } = c.req.valid("query");
    const movies = library(c).movies;
    const body =
      tmdbId !== undefined
        ? await moviesJson(c.get("db"), await movies.allRaw(tmdbId), clock.now())
        : await wholeLibraryBody(requestContext(c));
    // Already JSON (spliced for speed, streamed when not cached); typed as the documented list for the OpenAPI contract.
    return c.body(body, 200, { "content-type": "application/json; charset=utf-8" }) as never;
  },
);

const SORT_KEY_ALIASES: Record<string, (typeof MOVIE_SORT_KEYS)[number]> = {
  title: "title",
  sortTitle: "title",
  year: "year",
  added: "added",
  dateAdded: "added",
  rating: "rating",
  ratings: "rating",
  size: "size",
  sizeOnDisk: "size",
  popularity: "popularity",
};

export const pagedQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  sortKey: z
    .string()
    .default("title")
    .refine((k) => k in SORT_KEY_ALIASES, {
      message: `sortKey must be one of ${Object.keys(SORT_KEY_ALIASES).join(", ")}`,
    })
    .transform((k) => SORT_KEY_ALIASES[k]),
  sortDirection: z.enum(["ascending", "descending"]).default("ascending"),
  search: z.string().max(200).optional(),
  monitored: queryBoolean.optional(),
  hasFile: queryBoolean.optional(),
  status: z.enum(MOVIE_STATUSES).optional(),
  yearFrom: z.coerce.number().int().min(1800).max(2200).optional(),
  yearTo: z.coerce.number().int().min(1800).max(2200).optional(),
  genre: z.string().max(100).optional(),
  tagId: z.coerce.number().int().positive().optional(),
  qualityProfileId: z.coerce.number().int().positive().optional(),
});

/** One page of the library. */
export const moviePageSchema = z
  .object({
    page: z.number().int(),
    pageSize: z.number().int(),
    sortKey: z.string(),
    sortDirection: z.enum(["ascending", "descending"]),
    totalRecords: z.number().int(),
    records: movieList,
  })
  .openapi("MoviePage");

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/paged",
    tags,
    summary: "One page of the library, sorted and filtered on the server",
    request: { query: pagedQuerySchema },
    responses: {
      200: jsonContent(moviePageSchema, "A page of movies"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    if (query.yearFrom !== undefined && query.yearTo !== undefined && query.yearFrom > query.yearTo) {
      throw invalidInput("query.yearFrom", "yearFrom must not be after yearTo");
    }
    const searchKey = query.search ? cleanTitle(query.search) : undefined;
    const page = await libraryPage(library(c).movies, query, searchKey || undefined);
    const body = moviePageJson(query, page, clock.now());
    // Built as JSON text (the stored metadata spliced in); typed as the documented page.
    return c.body(body, 200, { "content-type": "application/json; charset=utf-8" }) as never;
  },
);

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/ids",
    tags,
    summary: "The ids of every movie /movie/paged's filters match (select all, for the editor)",
    request: { query: pagedQuerySchema.omit({ page: true, pageSize: true, sortKey: true, sortDirection: true }) },
    responses: { 200: jsonContent(z.array(z.number().int()), "Movie ids"), ...errorResponses },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const searchKey = query.search ? cleanTitle(query.search) : undefined;
    return c.json(await library(c).movies.idsMatching(query, searchKey || undefined), 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/lookup",
    tags,
    summary: "Search TMDb: free text, `tmdb:<id>` or an IMDb id",
    request: { query: z.object({ term: z.string().trim().min(1, "term is required").max(200) }) },
    responses: { 200: jsonContent(movieList, "Matching movies"), ...errorResponses },
  }),
  async (c) => {
    const lib = library(c);
    const found = await lib.lookup(c.req.valid("query").term);
    return c.json(await lookupResources(c.get("db"), found), 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/lookup/tmdb",
    tags,
    summary: "One movie from TMDb by TMDb id",
    request: { query: z.object({ tmdbId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(movieResourceSchema, "The movie"), ...errorResponses },
  }),
  async (c) => {
    const { tmdbId } = c.req.valid("query");
    const lib = library(c);
    const info = await lib.details(tmdbId);
    if (!info) throw resourceNotFound(`TMDb movie ${tmdbId}`);
    markStale(c, lib);
    const [resource] = await lookupResources(c.get("db"), [info]);
    return c.json(resource, 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/lookup/imdb",
    tags,
    summary: "One movie from TMDb by IMDb id",
    request: { query: z.object({ imdbId: z.string().regex(/^tt\d{5,10}$/, "imdbId must look like tt0133093") }) },
    responses: { 200: jsonContent(movieResourceSchema, "The movie"), ...errorResponses },
  }),
  async (c) => {
    const { imdbId } = c.req.valid("query");
    const lib = library(c);
    const info = await lib.lookupImdb(imdbId);
    if (!info) throw resourceNotFound(`Movie with IMDb id ${imdbId}`);
    markStale(c, lib);
    const [resource] = await lookupResources(c.get("db"), [info]);
    return c.json(resource, 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "put",
    path: "/editor",
    tags,
    summary: "Edit many movies at once",
    request: { body: jsonBody(movieEditorSchema) },
    responses: { 202: jsonContent(movieList, "The edited movies"), ...errorResponses },
  }),
  async (c) => {
    const edit = c.req.valid("json");
    const lib = library(c);
    const ids = [...new Set(edit.movieIds)];
    await lib.assertReferences(edit);
    const found = await lib.movies.byIds(ids);
    if (found.length !== ids.length) {
      const missing = ids.filter((id) => !found.some((m) => m.id === id));
      throw invalidInput("body.movieIds", `Movie ${missing.slice(0, 10).join(", ")} does not exist`);
    }
    const patch = {
      monitored: edit.monitored,
      qualityProfileId: edit.qualityProfileId,
      minimumAvailability: edit.minimumAvailability,
      rootFolderPath: edit.rootFolderPath,
    };
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await lib.movies.update(ids, defined, edit.tags ? { mode: edit.applyTags, tagIds: edit.tags } : undefined);
    if (edit.rootFolderPath) await lib.movies.rebaseFolders(ids, edit.rootFolderPath);
    await applyAutoTags(c.get("db"), ids);
    return c.json(await libraryMovieResources(c.get("db"), await lib.movies.byIds(ids)), 202);
  },
);

movieRouter.openapi(
  createRoute({
    method: "delete",
    path: "/editor",
    tags,
    summary:
      "Delete many movies at once; deleteFiles deletes each one's file through its download client (at most 50 movies with files per request)",
    request: { body: jsonBody(movieEditorDeleteSchema) },
    responses: {
      200: jsonContent(z.object({}), "Deleted"),
      ...errorResponses,
      409: jsonContent(errorSchema, "deleteFiles asked, and some files could not be deleted: those movies are kept"),
    },
  }),
  async (c) => {
    const { movieIds, deleteFiles, addImportExclusion } = c.req.valid("json");
    const found = await library(c).movies.byIds([...new Set(movieIds)]);
    await deleteMovies(requestContext(c), found, { deleteFiles, addImportExclusion });
    return c.json({}, 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    request: { params: idParamSchema },
    responses: { 200: jsonContent(movieResourceSchema, "The movie"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const resource = await libraryMovieResourceById(c.get("db"), library(c).movies, id);
    if (!resource) throw resourceNotFound(`Movie ${id}`);
    return c.json(resource, 200);
  },
);

movieRouter.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Add a movie by TMDb id",
    request: { body: jsonBody(movieAddSchema) },
    responses: { 201: jsonContent(movieResourceSchema, "The added movie"), ...errorResponses },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const lib = library(c);
    const id = await lib.add(input);
    const movie = await lib.movies.get(id);
    if (!movie) throw new Error("The movie was added but could not be read back");
    c.get("logger").info("movie added", { movieId: id, tmdbId: input.tmdbId });
    if (input.addOptions?.searchForMovie) await startCommand(c, "MoviesSearch", { movieIds: [id] });
    if (input.addOptions?.monitor === "movieAndCollection") await monitorAddedCollections(c, [id]);
    return c.json(movieResource(movie), 201);
  },
);

movieRouter.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    summary: "Edit one movie",
    request: {
      params: idParamSchema,
      query: z.object({ moveFiles: queryBoolean.optional() }),
      body: jsonBody(movieUpdateSchema),
    },
    responses: { 202: jsonContent(movieResourceSchema, "The edited movie"), ...errorResponses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const edit = c.req.valid("json");
    const lib = library(c);
    const movie = await lib.movies.get(id);
    if (!movie) throw resourceNotFound(`Movie ${id}`);
    // Radarr clients send the whole resource back: an unchanged path or root is no request to move.
    const path = edit.path !== movie.path ? edit.path : undefined;
    const askedRoot = edit.rootFolderPath !== movie.rootFolderPath ? edit.rootFolderPath : undefined;
    const rootFolderPath = path ? await lib.rootFolderFor(path, askedRoot) : edit.rootFolderPath;
    await lib.assertReferences({ ...edit, rootFolderPath });
    const patch = Object.fromEntries(
      Object.entries({
        monitored: edit.monitored,
        qualityProfileId: edit.qualityProfileId,
        minimumAvailability: edit.minimumAvailability,
        rootFolderPath,
        path,
      }).filter(([, v]) => v !== undefined),
    );
    await lib.movies.update([id], patch, edit.tags ? { mode: "replace", tagIds: [...new Set(edit.tags)] } : undefined);
    if (!path && askedRoot) await lib.movies.rebaseFolders([id], askedRoot);
    await applyAutoTags(c.get("db"), [id]);
    const updated = await lib.movies.get(id);
    if (!updated) throw resourceNotFound(`Movie ${id}`);
    return c.json(await libraryMovieResource(c.get("db"), updated), 202);
  },
);

movieRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary:
      "Delete a movie, optionally excluding it from list imports; deleteFiles deletes its file through the download client holding it (409 with the reason when none can)",
    request: {
      params: idParamSchema,
      query: z.object({
        deleteFiles: queryBoolean.optional(),
        addImportExclusion: queryBoolean.optional(),
      }),
    },
    responses: {
      200: jsonContent(z.object({}), "Deleted"),
      ...errorResponses,
      409: jsonContent(
        errorSchema,
        "deleteFiles asked, and no download client can delete the file (why is in the message)",
      ),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { addImportExclusion, deleteFiles } = c.req.valid("query");
    const lib = library(c);
    const movie = await lib.movies.get(id);
    if (!movie) throw resourceNotFound(`Movie ${id}`);
    if (deleteFiles) await deleteMovieFileThroughClient(requestContext(c), movie);
    await lib.movies.delete([movie], addImportExclusion ?? false);
    // The tags read before the delete: a tagged target's filter needs them, and the delete takes them.
    await notifyEachQuietly(requestContext(c), "movieDelete", [
      {
        tags: movie.tags,
        payload: {
          message: `${movie.title} (${movie.year}) deleted`,
          movie: webhookMovie(movie),
          deletedFiles: deleteFiles ?? false,
        },
      },
    ]);
    return c.json({}, 200);
  },
);
