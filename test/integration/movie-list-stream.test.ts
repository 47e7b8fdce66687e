import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { librarySeedSql } from "../../scripts/lib/seed-library.mjs";
import * as clock from "../../src/clock";
import { createDatabase } from "../../src/db/client";
import { MovieRepository } from "../../src/db/repositories/movies";
import type { MovieResource } from "../../src/domain/library/movieResource";
import { libraryMovieResources } from "../../src/services/movieResource";
import { addMovie, addTag, call, sendJson } from "./helpers";

/**
 * The streamed whole-library list (GET /movie) writes each movie's resource as text, chunk by
 * chunk, with its file read beside it. Byte for byte it must be the resource GET /movie/{id}
 * builds as an object (without the single read's custom formats), in title order: checked over a
 * library with files, tags, alternate titles and collections, longer than one chunk (1,000).
 */

const SEEDED = 1_150;
// TMDb movies of the simulator: a collection (The Matrix), alternate titles, others plain.
const ADDED = [603, 604, 13, 550, 680];

// A file for a third of the seeded movies, named like a release (quality 7 = Bluray-1080p).
const FILES_SQL = `INSERT INTO movie_files (movie_id, relative_path, path, size, quality, custom_format_ids,
  custom_format_score, languages, release_group, scene_name, date_added)
  SELECT id, title || '.1080p.BluRay.x264-GRP.mkv', path || '/' || title || '.1080p.BluRay.x264-GRP.mkv', size_on_disk,
  '{"quality":7,"revision":{"version":1,"real":0,"isRepack":false}}', '[]', 0, '[{"id":1,"name":"English"}]', 'GRP',
  title || '.1080p.BluRay.x264-GRP', added FROM movies WHERE has_file = 1 AND id % 3 = 0`;

// Covers stored as the TMDb mapping stores them (the bench seed leaves out `url`).
const COVERS_SQL = `UPDATE movies SET metadata = json_set(metadata, '$.images', json_array(json_object(
  'coverType', 'poster', 'url', 'https://image.tmdb.org/t/p/w500/p' || id || '.jpg',
  'remoteUrl', 'https://image.tmdb.org/t/p/original/p' || id || '.jpg')))`;

async function seedLibrary(): Promise<void> {
  const statements = librarySeedSql(SEEDED)
    .split(";\n")
    .map((s) => s.trim())
    .filter(Boolean);
  await env.DB.batch([...statements, FILES_SQL, COVERS_SQL].map((s) => env.DB.prepare(s)));
  // The seed adds the root folder /movies and the tags favourites, kids and 4k.
  const [family, uhd] = [await addTag("family"), await addTag("uhd")];
  for (const [i, tmdbId] of ADDED.entries()) {
    const movie = await addMovie(tmdbId, { monitored: i % 2 === 0, tags: i % 2 ? [family.id] : [family.id, uhd.id] });
    if (i < 2) {
      // A file with stated media info on one, without on the other.
      const mediaInfo =
        i === 0
          ? `'{"id":0,"audioBitrate":0,"audioChannels":5.1,"audioCodec":"DTS","audioLanguages":"English","audioStreamCount":1,"videoBitDepth":10,"videoBitrate":0,"videoCodec":"x265","videoFps":0,"videoDynamicRange":"HDR","videoDynamicRangeType":"HDR10","resolution":"3840x2160","runTime":null,"scanType":null,"subtitles":null}'`
          : "NULL";
      await env.DB.prepare(
        `INSERT INTO movie_files (movie_id, relative_path, path, size, quality, custom_format_ids, custom_format_score,
           languages, release_group, scene_name, date_added, media_info, edition)
         VALUES (?, 'f.mkv', ?, 4000000000, '{"quality":${i === 0 ? 19 : 3},"revision":{"version":2,"real":0,"isRepack":true}}',
           '[]', 0, '[{"id":1,"name":"English"},{"id":3,"name":"Spanish"}]', NULL, NULL, '2026-01-01T00:00:00Z', ${mediaInfo}, 'Director''s Cut')`,
      )
        .bind(movie.id, `${movie.path}/f.mkv`)
        .run();
      await sendJson("PUT", `/api/v3/movie/${movie.id}`, { monitored: true }, 202);
    }
  }
}

/**
 * The expected list text: each resource as GET /movie/{id} builds it, its own fields first and its
 * stored TMDb metadata after, in the order the metadata was stored.
 */
async function referenceText(): Promise<{ text: string; resources: MovieResource[] }> {
  const db = createDatabase(env.DB);
  const repository = new MovieRepository(db);
  const order = (await repository.allRaw()).map((r) => r.columns.id);
  const rows = await repository.byIds(order);
  const resources = await libraryMovieResources(db, rows, clock.now());
  const byId = new Map(resources.map((r, i) => [r.id, { resource: r, metadataKeys: Object.keys(rows[i].metadata) }]));
  const texts = order.map((id) => {
    const found = byId.get(id);
    if (!found) throw new Error(`movie ${id} not built`);
    const { resource, metadataKeys } = found;
    const own = Object.entries(resource).filter(([key]) => !metadataKeys.includes(key));
    const metadata = metadataKeys.map((key) => [key, resource[key as keyof MovieResource]]);
    return JSON.stringify(Object.fromEntries([...own, ...metadata]));
  });
  return { text: `[${texts.join(",")}]`, resources };
}

describe("the streamed whole-library list", () => {
  test("is, byte for byte, each movie's resource built the reference way, across chunks, and again from its cache", async () => {
    await seedLibrary();
    const { text, resources } = await referenceText();
    expect(resources).toHaveLength(SEEDED + ADDED.length);
    // What the library holds: files (with and without media info), tags, alternate titles, a collection.
    expect(resources.filter((r) => r.movieFile).length).toBeGreaterThan(100);
    expect(resources.some((r) => r.movieFile?.mediaInfo)).toBe(true);
    expect(resources.some((r) => r.tags.length === 2)).toBe(true);
    expect(resources.some((r) => r.alternateTitles.length > 0)).toBe(true);
    expect(resources.some((r) => r.collection)).toBe(true);

    const streamed = await call("GET", "/api/v3/movie");
    expect(streamed.headers.get("content-type")).toContain("application/json");
    expect(await streamed.text()).toBe(text);
    const cached = await call("GET", "/api/v3/movie");
    expect(await cached.text()).toBe(text);
  }, 60_000);
});
