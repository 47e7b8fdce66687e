import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import worker from "../../src/index";
import { runCommand } from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  call,
  callsDuring,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
  waitForCommands,
} from "./helpers";

/**
 * Radarr's RefreshCollections: collections are read again from TMDb (by id, by hand, or on
 * schedule once not read for 15 days) and monitored ones add their missing movies with their own
 * choices, exclusions respected; addOptions.monitor "movieAndCollection" monitors the added
 * movie's collection, which then fills itself.
 */

interface Collection {
  id: number;
  tmdbId: number;
  title: string;
  overview: string;
  monitored: boolean;
  searchOnAdd: boolean;
  qualityProfileId: number;
  minimumAvailability: string;
  missingMovies: number;
  movies: { tmdbId: number; title: string }[];
}

interface Movie {
  id: number;
  tmdbId: number;
  monitored: boolean;
  qualityProfileId: number;
  minimumAvailability: string;
  addOptions?: { addMethod?: string };
}

interface Command {
  id: number;
  name: string;
  status: string;
  trigger: string;
}

const MATRIX = 603;
const RELOADED = 604;
const REVOLUTIONS = 605;
const RESURRECTIONS = 624860;
const MATRIX_COLLECTION = 2344;
const FELLOWSHIP = 120;
const LOTR_COLLECTION = 119;

const collectionByTmdb = async (tmdbId: number) =>
  (await getJson<Collection[]>(`/api/v3/collection?tmdbId=${tmdbId}`))[0];
const libraryTmdbIds = async () => (await getJson<Movie[]>("/api/v3/movie")).map((m) => m.tmdbId).sort((a, b) => a - b);

/** The stored collection as an older read left it: another title, one movie, no overview, read long ago. */
async function makeStale(tmdbId: number, extra = "") {
  await env.DB.prepare(
    `update collections set title = 'Old title', overview = '', parts = json_array(json_extract(parts, '$[0]')),
     last_info_sync = '2020-01-01T00:00:00Z'${extra} where tmdb_id = ?`,
  )
    .bind(tmdbId)
    .run();
}

/** Fires the Worker's scheduled handler as a Cron Trigger would, and waits for the commands it queued. */
async function fireCron(cron: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: clock.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
  await waitForCommands(60_000);
}

/** Waits for the app's own RefreshCollections command (queued by an add) to end. */
async function refreshQueuedByApp(): Promise<Command> {
  for (let i = 0; i < 400; i++) {
    const commands = await getJson<Command[]>("/api/v3/command");
    const run = commands.find((c) => c.name === "RefreshCollections");
    if (run?.status === "completed" || run?.status === "failed") return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no RefreshCollections ended");
}

describe("RefreshCollections", () => {
  test("reads a collection again from TMDb and stores its title, overview and movies", async () => {
    await addRootFolder();
    await addMovie(MATRIX);
    const fresh = await collectionByTmdb(MATRIX_COLLECTION);
    await makeStale(MATRIX_COLLECTION);
    expect(await collectionByTmdb(MATRIX_COLLECTION)).toMatchObject({
      title: "Old title",
      movies: [expect.anything()],
    });

    const { result, calls } = await callsDuring("tmdb", `/3/collection/${MATRIX_COLLECTION}`, () =>
      runCommand("RefreshCollections", { collectionIds: [fresh.id] }),
    );
    expect(calls).toBe(1);
    expect(result.outcome).toMatchObject({ refreshed: 1, reread: 1, added: 0 });
    const refreshed = await collectionByTmdb(MATRIX_COLLECTION);
    expect(refreshed).toMatchObject({ title: "The Matrix Collection", overview: fresh.overview, monitored: false });
    expect(refreshed.movies.map((m) => m.tmdbId)).toEqual(fresh.movies.map((m) => m.tmdbId));
    // Unmonitored: nothing added.
    expect(await libraryTmdbIds()).toEqual([MATRIX]);
  }, 60_000);

  test("collectionIds naming no collection are refused, naming the field", async () => {
    await expectFieldError(
      await call("POST", "/api/v3/command", { body: { name: "RefreshCollections", collectionIds: [999_999] } }),
      "collectionIds",
    );
    await expectFieldError(
      await call("POST", "/api/v3/command", { body: { name: "RefreshCollections", collectionIds: ["x"] } }),
      "collectionIds.0",
    );
  });

  test("a monitored collection adds its missing movies with its own choices, not the excluded ones", async () => {
    await addRootFolder();
    await addMovie(MATRIX);
    const collection = await collectionByTmdb(MATRIX_COLLECTION);
    const anyProfile = await qualityProfileId("Any");
    // Monitored by an earlier refresh, when TMDb listed only the first movie.
    await makeStale(
      MATRIX_COLLECTION,
      `, monitored = 1, quality_profile_id = ${anyProfile}, minimum_availability = 'inCinemas', search_on_add = 0`,
    );
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: REVOLUTIONS, movieTitle: "The Matrix Revolutions" }, 201);

    const run = await runCommand("RefreshCollections");
    expect(run.outcome).toMatchObject({ reread: 1, added: 2, failed: 0 });
    expect(await libraryTmdbIds()).toEqual([MATRIX, RELOADED, RESURRECTIONS]);
    const added = (await getJson<Movie[]>("/api/v3/movie")).filter((m) => m.tmdbId !== MATRIX);
    for (const movie of added) {
      expect(movie).toMatchObject({ monitored: true, qualityProfileId: anyProfile, minimumAvailability: "inCinemas" });
      expect(movie.addOptions?.addMethod).toBe("collection");
    }
    expect(await getJson(`/api/v3/collection/${collection.id}`)).toMatchObject({ missingMovies: 0 });
  }, 60_000);

  test("the scheduled run reads from TMDb only the collections not read for 15 days; /system/task lists it", async () => {
    await addRootFolder();
    await addMovie(MATRIX);
    await collectionByTmdb(MATRIX_COLLECTION);
    const path = `/3/collection/${MATRIX_COLLECTION}`;
    expect((await callsDuring("tmdb", path, () => fireCron("0 */6 * * *"))).calls).toBe(0);
    await makeStale(MATRIX_COLLECTION);
    expect((await callsDuring("tmdb", path, () => fireCron("0 */6 * * *"))).calls).toBe(1);
    expect(await collectionByTmdb(MATRIX_COLLECTION)).toMatchObject({ title: "The Matrix Collection" });
    const runs = (await getJson<Command[]>("/api/v3/command")).filter((c) => c.name === "RefreshCollections");
    expect(runs.map((r) => [r.status, r.trigger])).toEqual([
      ["completed", "scheduled"],
      ["completed", "scheduled"],
    ]);
    const tasks = await getJson<{ taskName: string; interval: number; lastStatus?: string }[]>("/api/v3/system/task");
    expect(tasks.find((t) => t.taskName === "RefreshCollections")).toMatchObject({
      interval: 360,
      lastStatus: "completed",
    });
  }, 120_000);
});

describe("addOptions.monitor movieAndCollection", () => {
  test("POST /movie monitors the movie's collection, which adds its movies with the movie's choices", async () => {
    await addRootFolder();
    const anyProfile = await qualityProfileId("Any");
    await addMovie(MATRIX, {
      qualityProfileId: anyProfile,
      minimumAvailability: "released",
      addOptions: { monitor: "movieAndCollection", searchForMovie: false },
    });
    expect(await refreshQueuedByApp()).toMatchObject({ status: "completed" });
    const collection = await collectionByTmdb(MATRIX_COLLECTION);
    expect(collection).toMatchObject({
      monitored: true,
      searchOnAdd: false,
      qualityProfileId: anyProfile,
      missingMovies: 0,
    });
    expect(await libraryTmdbIds()).toEqual([MATRIX, RELOADED, REVOLUTIONS, RESURRECTIONS]);
  }, 60_000);

  test("POST /movie/import monitors the collections of the movies asking for it, and only those", async () => {
    await addRootFolder();
    const profile = await qualityProfileId();
    const choices = { qualityProfileId: profile, rootFolderPath: "/movies", monitored: true };
    await sendJson(
      "POST",
      "/api/v3/movie/import",
      [
        { ...choices, tmdbId: FELLOWSHIP, addOptions: { monitor: "movieAndCollection" } },
        { ...choices, tmdbId: MATRIX, addOptions: { monitor: "movieOnly" } },
      ],
      200,
    );
    await refreshQueuedByApp();
    expect(await collectionByTmdb(LOTR_COLLECTION)).toMatchObject({ monitored: true, missingMovies: 0 });
    expect(await collectionByTmdb(MATRIX_COLLECTION)).toMatchObject({ monitored: false });
    expect(await libraryTmdbIds()).toEqual([FELLOWSHIP, 121, 122, MATRIX].sort((a, b) => a - b));
  }, 60_000);

  test("an import list's monitor movieAndCollection monitors the collections of the movies it adds", async () => {
    await addRootFolder();
    const list = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/importlist",
      {
        name: "Fellowship",
        implementation: "TMDbCollectionImport",
        fields: [{ name: "collectionId", value: LOTR_COLLECTION }],
        qualityProfileId: await qualityProfileId(),
        rootFolderPath: "/movies",
        monitor: "movieAndCollection",
        searchOnAdd: false,
      },
      201,
    );
    await runCommand("ImportListSync", { listId: list.id });
    const added = await getJson<Movie[]>("/api/v3/movie");
    expect(added.map((m) => m.tmdbId).sort((a, b) => a - b)).toEqual([FELLOWSHIP, 121, 122]);
    // As in Radarr, the collection comes with the movies' metadata refresh, monitored as the list asked.
    await runCommand("RefreshMovie", { movieIds: added.map((m) => m.id) });
    await runCommand("RefreshCollections");
    expect(await collectionByTmdb(LOTR_COLLECTION)).toMatchObject({
      monitored: true,
      searchOnAdd: false,
      missingMovies: 0,
    });
  }, 60_000);
});
