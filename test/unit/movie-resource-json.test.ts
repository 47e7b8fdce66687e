import { describe, expect, test } from "vitest";
import type { MovieColumns } from "../../src/db/repositories/movies";
import type { MovieFileResource } from "../../src/domain/library/movieFileResource";
import { resourceScalars, resourceScalarsJson } from "../../src/services/movieResource";

/**
 * The whole-library list writes each movie's resource as text (resourceScalarsJson) instead of
 * building the object and stringifying it: every shape of row must come out byte for byte as
 * JSON.stringify(resourceScalars(...)) does.
 */

const NOW = Date.parse("2026-06-01T00:00:00Z");

const row = (changes: Partial<MovieColumns> = {}): MovieColumns => ({
  id: 42,
  tmdbId: 603,
  imdbId: "tt0133093",
  title: "The Matrix",
  originalTitle: "The Matrix",
  sortTitle: "matrix",
  cleanTitle: "thematrix",
  year: 1999,
  status: "released",
  runtime: 136,
  inCinemas: "1999-03-30T00:00:00Z",
  physicalRelease: "1999-09-21T00:00:00Z",
  digitalRelease: null,
  monitored: 1,
  minimumAvailability: "released",
  qualityProfileId: 4,
  rootFolderPath: "/movies",
  path: "/movies/The Matrix (1999)",
  hasFile: 1,
  sizeOnDisk: 8_123_456_789,
  rating: 8.2,
  popularity: 71.337,
  genres: ["Action", "Science Fiction"],
  addOptions: null,
  streamingUnmonitoredService: null,
  added: "2025-01-02T03:04:05.000Z",
  lastSearchTime: null,
  ...changes,
});

const file: MovieFileResource = {
  id: 7,
  movieId: 42,
  relativePath: "The.Matrix.1999.1080p.BluRay.x264-GRP.mkv",
  path: "/movies/The Matrix (1999)/The.Matrix.1999.1080p.BluRay.x264-GRP.mkv",
  size: 8_123_456_789,
  dateAdded: "2025-01-03T00:00:00.000Z",
  sceneName: null,
  releaseGroup: "GRP",
  edition: null,
  languages: [{ id: 1, name: "English" }],
  quality: {
    quality: { id: 7, name: "Bluray-1080p", source: "bluray", resolution: 1080, modifier: "none" },
    revision: { version: 1, real: 0, isRepack: false },
  },
  indexerFlags: 0,
  originalFilePath: null,
  qualityCutoffNotMet: true,
};

const ROWS: [string, MovieColumns, number[], MovieFileResource | undefined][] = [
  ["a movie with its file and tags", row(), [1, 3], file],
  [
    "no file, no dates, no IMDb id, unmonitored",
    row({ hasFile: 0, sizeOnDisk: 0, inCinemas: null, physicalRelease: null, imdbId: null, monitored: 0 }),
    [],
    undefined,
  ],
  [
    "add options (overriding Radarr's episode flags), a streaming service and a last search",
    row({
      addOptions: { monitor: "movieOnly", searchForMovie: true, ignoreEpisodesWithFiles: true },
      streamingUnmonitoredService: "Netflix",
      lastSearchTime: "2026-05-30T10:00:00Z",
      digitalRelease: "2026-07-01T00:00:00Z",
    }),
    [2],
    { ...file, mediaInfo: undefined, customFormats: [{ id: 1, name: "x264" }], customFormatScore: 10 },
  ],
  [
    "text that JSON escapes, a path with separators after its root, an empty streaming service",
    row({
      title: 'Quote " backslash \\ tab \t newline \n bell \u0007 \u2028 Été 東京 😀',
      originalTitle: "Rivière",
      path: "/movies//Weird\\Name",
      streamingUnmonitoredService: "",
      minimumAvailability: "inCinemas",
      status: "announced",
    }),
    [],
    undefined,
  ],
  [
    "a movie announced without any date, tba availability",
    row({
      inCinemas: null,
      physicalRelease: null,
      status: "tba",
      minimumAvailability: "tba",
      popularity: 0.1 + 0.2,
      rating: 0,
    }),
    [],
    undefined,
  ],
];

describe("a library movie's resource written as JSON text", () => {
  for (const [name, columns, tags, embedded] of ROWS) {
    test(`is JSON.stringify of the resource object, byte for byte: ${name}`, () => {
      expect(resourceScalarsJson(columns, tags, NOW, embedded)).toBe(
        JSON.stringify(resourceScalars(columns, tags, NOW, embedded)),
      );
    });
  }
});
