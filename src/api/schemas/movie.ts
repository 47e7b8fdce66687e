import { z } from "@hono/zod-openapi";
import type { MovieResource as DomainMovieResource } from "../../domain/library/movieResource";
import { MINIMUM_AVAILABILITIES, MOVIE_STATUSES } from "../../domain/library/movieStatus";
import { absolutePathSetting } from "../../domain/validation/paths";
import { customFormatRefSchema, qualityModelSchema } from "./download";

const languageSchema = z.object({ id: z.number().int(), name: z.string() });
const imageSchema = z.object({ coverType: z.string(), url: z.string().optional(), remoteUrl: z.string() });
const ratingSchema = z.object({ votes: z.number(), value: z.number(), type: z.string() });

const addOptionsSchema = z
  .object({
    searchForMovie: z.boolean().default(false),
    monitor: z.enum(["movieOnly", "movieAndCollection", "none"]).default("movieOnly"),
    addMethod: z.enum(["manual", "list", "collection"]).default("manual"),
    ignoreEpisodesWithFiles: z.boolean().optional(),
    ignoreEpisodesWithoutFiles: z.boolean().optional(),
  })
  .openapi("AddMovieOptions");

const mediaInfoSchema = z
  .object({
    id: z.number().int(),
    audioBitrate: z.number().int(),
    audioChannels: z.number(),
    audioCodec: z.string().nullable(),
    audioLanguages: z.string().nullable(),
    audioStreamCount: z.number().int(),
    videoBitDepth: z.number().int(),
    videoBitrate: z.number().int(),
    videoCodec: z.string().nullable(),
    videoFps: z.number(),
    videoDynamicRange: z.string().nullable(),
    videoDynamicRangeType: z.string().nullable(),
    resolution: z.string().nullable(),
    runTime: z.string().nullable(),
    scanType: z.string().nullable(),
    subtitles: z.string().nullable(),
  })
  .openapi("MediaInfo", {
    description: "What the release name states about the streams (the file itself is not read); 0: not stated",
  });

/** Radarr's MovieFileResource as `/moviefile` answers it. */
export const movieFileSchema = z
  .object({
    id: z.number().int(),
    movieId: z.number().int(),
    relativePath: z.string(),
    path: z.string(),
    size: z.number().int(),
    dateAdded: z.string(),
    sceneName: z.string().nullable(),
    releaseGroup: z.string().nullable(),
    edition: z.string().nullable(),
    languages: z.array(languageSchema),
    quality: qualityModelSchema,
    customFormats: z.array(customFormatRefSchema),
    customFormatScore: z.number().int(),
    indexerFlags: z.number().int(),
    mediaInfo: mediaInfoSchema.nullable(),
    originalFilePath: z.string().nullable(),
    qualityCutoffNotMet: z.boolean(),
  })
  .openapi("MovieFile");

/**
 * The file a movie resource embeds: custom formats and their score only on single-movie reads,
 * media info only when the name states some (Radarr leaves nulls out).
 */
const embeddedMovieFileSchema = movieFileSchema
  .extend({
    customFormats: z.array(customFormatRefSchema).optional(),
    customFormatScore: z.number().int().optional(),
    mediaInfo: mediaInfoSchema.optional(),
  })
  .openapi("MovieResourceFile");

/** Radarr v3's MovieResource, as this app fills it. */
export const movieResourceSchema = z
  .object({
    id: z.number().int().optional(),
    title: z.string(),
    originalTitle: z.string(),
    originalLanguage: languageSchema,
    alternateTitles: z.array(
      z.object({
        id: z.number().int(),
        sourceType: z.string(),
        movieMetadataId: z.number().int(),
        title: z.string(),
        cleanTitle: z.string(),
      }),
    ),
    secondaryYearSourceId: z.number().int(),
    sortTitle: z.string(),
    sizeOnDisk: z.number(),
    status: z.enum(MOVIE_STATUSES),
    overview: z.string(),
    inCinemas: z.string().optional(),
    physicalRelease: z.string().optional(),
    digitalRelease: z.string().optional(),
    releaseDate: z.string().optional(),
    images: z.array(imageSchema),
    website: z.string(),
    remotePoster: z.string().optional(),
    year: z.number().int(),
    youTubeTrailerId: z.string(),
    studio: z.string(),
    path: z.string().optional(),
    qualityProfileId: z.number().int(),
    hasFile: z.boolean(),
    movieFileId: z.number().int(),
    movieFile: embeddedMovieFileSchema.optional(),
    monitored: z.boolean(),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES),
    isAvailable: z.boolean(),
    folderName: z.string().optional(),
    runtime: z.number().int(),
    cleanTitle: z.string(),
    imdbId: z.string().optional(),
    tmdbId: z.number().int(),
    titleSlug: z.string(),
    rootFolderPath: z.string().optional(),
    folder: z.string().optional(),
    certification: z.string().optional(),
    genres: z.array(z.string()),
    keywords: z.array(z.string()),
    tags: z.array(z.number().int()),
    added: z.string(),
    addOptions: z.record(z.string(), z.unknown()).optional(),
    /** Set while a list left the movie unmonitored because it streams on this subscribed service. */
    streamingUnmonitoredService: z.string().optional(),
    ratings: z.record(z.string(), ratingSchema),
    collection: z.object({ title: z.string(), tmdbId: z.number().int() }).optional(),
    popularity: z.number(),
    lastSearchTime: z.string().optional(),
    statistics: z.object({
      movieFileCount: z.number().int(),
      sizeOnDisk: z.number(),
      releaseGroups: z.array(z.string()),
    }),
  })
  .openapi("Movie");
export type MovieResource = z.infer<typeof movieResourceSchema>;

/**
 * The schema describes the domain's MovieResource, which the services shape: the same fields, and
 * every resource they shape is a valid response (this does not compile otherwise).
 */
type Describes<Schema, T> = [T] extends [Schema]
  ? [keyof Schema] extends [keyof T]
    ? [keyof T] extends [keyof Schema]
      ? true
      : false
    : false
  : false;
const _movieSchemaDescribesTheResource: Describes<MovieResource, DomainMovieResource> = true;

const tagIds = z.array(z.number().int().positive());
/** Folders are checked and stored normalised; that a movie's folder lies in a root folder is the library's rule. */
const folderPath = absolutePathSetting();

/** POST /movie: what Radarr clients send when adding (usually a lookup result plus choices). */
export const movieAddSchema = z
  .object({
    tmdbId: z.number().int().positive(),
    title: z.string().optional(),
    qualityProfileId: z.number().int().positive(),
    rootFolderPath: folderPath.optional(),
    path: folderPath.optional(),
    monitored: z.boolean().default(true),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).default("released"),
    tags: tagIds.default([]),
    addOptions: addOptionsSchema.optional(),
  })
  .refine((m) => m.rootFolderPath || m.path, {
    message: "rootFolderPath or path is required",
    path: ["rootFolderPath"],
  })
  .openapi("MovieAdd");

/** PUT /movie/{id}: the editable fields (the rest of a full resource is accepted and ignored). */
export const movieUpdateSchema = z
  .object({
    monitored: z.boolean().optional(),
    qualityProfileId: z.number().int().positive().optional(),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).optional(),
    rootFolderPath: folderPath.optional(),
    path: folderPath.optional(),
    tags: tagIds.optional(),
  })
  .openapi("MovieUpdate");

export const movieEditorSchema = z
  .object({
    movieIds: z.array(z.number().int().positive()).min(1).max(50_000),
    monitored: z.boolean().optional(),
    qualityProfileId: z.number().int().positive().optional(),
    minimumAvailability: z.enum(MINIMUM_AVAILABILITIES).optional(),
    rootFolderPath: folderPath.optional(),
    tags: tagIds.optional(),
    applyTags: z.enum(["add", "remove", "replace"]).default("add"),
    moveFiles: z.boolean().optional(),
  })
  .openapi("MovieEditor");

export const movieEditorDeleteSchema = z
  .object({
    movieIds: z.array(z.number().int().positive()).min(1).max(50_000),
    deleteFiles: z.boolean().default(false),
    addImportExclusion: z.boolean().default(false),
  })
  .openapi("MovieEditorDelete");
