import { describe, expect, test } from "vitest";
import { addClient, addIndexer, qbittorrentBody, runCommand, simClient } from "./downloads-helpers";
import { addMovie, addRootFolder, call, getJson, type Movie, qualityProfileId, sendJson } from "./helpers";
import { callsWith, SIM, torznab, uniqueKey } from "./indexerHelpers";

// What Radarr's clients rely on beyond the shapes (Overseerr's add, Prowlarr's indexer sync,
// autobrr's push). TMDb ids this file adds: Blade Runner (78), Heat (949), Se7en (807), The Matrix
// (603) and Dune 1984 (841), both with releases on the simulated indexers.
const BLADE_RUNNER = 78;
const MATRIX = 603;
const DUNE_1984 = 841;
const HEAT = 949;
const SE7EN = 807;

interface Command {
  id: number;
  name: string;
  status: string;
  body: { movieIds?: number[] };
}

interface Field {
  name: string;
  value?: unknown;
}

interface Indexer {
  id: number;
  name: string;
  implementation: string;
  configContract: string;
  enableRss: boolean;
  enableAutomaticSearch: boolean;
  enableInteractiveSearch: boolean;
  priority: number;
  tags: number[];
  fields: Field[];
}

/** The MoviesSearch command started for a movie, once it has finished (or undefined if none started). */
async function finishedSearchFor(movieId: number): Promise<Command | undefined> {
  for (let i = 0; i < 100; i++) {
    const commands = await getJson<Command[]>("/api/v3/command");
    const search = commands.find((c) => c.name === "MoviesSearch" && c.body.movieIds?.includes(movieId));
    if (!search) return undefined;
    if (search.status !== "queued" && search.status !== "started") return search;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the search for movie ${movieId} did not finish`);
}

describe("adding a movie as Overseerr does", () => {
  test("addOptions.searchForMovie searches the indexers for it at once", async () => {
    await addRootFolder();
    const apiKey = uniqueKey();
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznab(apiKey), 201);
    const movie = await addMovie(BLADE_RUNNER, { monitored: true, addOptions: { searchForMovie: true } });
    // It searched: the command ran and the indexer was asked (no download client here to grab with).
    expect(await finishedSearchFor(movie.id), "a MoviesSearch command for the movie").toBeDefined();
    const calls = await callsWith("torznab", apiKey);
    expect(
      calls.some((c) => /[?&]t=(movie|search)\b/.test(c.query)),
      JSON.stringify(calls),
    ).toBe(true);
  });

  test("without searchForMovie nothing is searched", async () => {
    await addRootFolder();
    const movie = await addMovie(HEAT, { monitored: true, addOptions: { searchForMovie: false } });
    expect(await finishedSearchFor(movie.id)).toBeUndefined();
  });

  test("addOptions.monitor none adds the movie unmonitored, whatever monitored says", async () => {
    await addRootFolder();
    const none = await addMovie(SE7EN, { monitored: true, addOptions: { monitor: "none" } });
    expect(none.monitored).toBe(false);
    expect((await getJson<Movie>(`/api/v3/movie/${none.id}`)).monitored).toBe(false);
  });
});

describe("lookup answers the library's movie when it is in the library", () => {
  test("by term, TMDb id and IMDb id: id, monitored, profile, hasFile, path", async () => {
    await addRootFolder();
    const [added] = await getJson<Movie[]>(`/api/v3/movie?tmdbId=${HEAT}`);
    const movie = added ?? (await addMovie(HEAT, { monitored: true }));
    const edited = await sendJson<Movie>("PUT", `/api/v3/movie/${movie.id}`, { ...movie, monitored: false }, 202);
    const expected = {
      id: movie.id,
      monitored: false,
      qualityProfileId: await qualityProfileId(),
      hasFile: false,
      path: edited.path,
      tmdbId: HEAT,
    };
    const [byTerm] = await getJson<Movie[]>(`/api/v3/movie/lookup?term=tmdb:${HEAT}`);
    expect(byTerm).toMatchObject(expected);
    const byTmdb = await getJson<Movie>(`/api/v3/movie/lookup/tmdb?tmdbId=${HEAT}`);
    expect(byTmdb).toMatchObject(expected);
    if (!byTmdb.imdbId) throw new Error("the simulator's Heat has no IMDb id");
    expect(await getJson<Movie>(`/api/v3/movie/lookup/imdb?imdbId=${byTmdb.imdbId}`)).toMatchObject(expected);
  });
});

describe("POST /release/push of a title Radarr cannot parse", () => {
  test("answers 400 with Radarr's validation failures", async () => {
    const title = "Some Movie Without A Year 720p";
    const res = await call("POST", "/api/v3/release/push", {
      body: {
        title,
        downloadUrl: `${SIM}/torznab/download/1`,
        protocol: "torrent",
        publishDate: "2026-11-01T00:00:00Z",
      },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      expect.objectContaining({ propertyName: "Title", errorMessage: "Unable to parse", attemptedValue: title }),
    ]);
  });
});

describe("a Prowlarr indexer sync", () => {
  /** The indexer Prowlarr builds from Radarr's Torznab schema (its sync fields, its own base URL). */
  async function prowlarrIndexer(id = 0): Promise<Indexer> {
    const schema = await getJson<Indexer[]>("/api/v3/indexer/schema");
    const template = schema.find((s) => s.implementation === "Torznab");
    if (!template) throw new Error("no Torznab in the schema");
    const values: Record<string, unknown> = {
      baseUrl: `${SIM}/torznab/`,
      apiPath: "/api",
      apiKey: "prowlarr-sync-key",
      categories: [2000, 2040],
      minimumSeeders: 1,
    };
    return {
      ...template,
      id,
      name: "Sim (Prowlarr)",
      enableRss: true,
      enableAutomaticSearch: true,
      enableInteractiveSearch: true,
      priority: 25,
      tags: [],
      fields: template.fields.filter((f) => f.name in values).map((f) => ({ name: f.name, value: values[f.name] })),
    };
  }

  /** Prowlarr's RadarrIndexer.Equals: what it compares to decide that an update is needed. */
  function prowlarrEquals(mine: Indexer, theirs: Indexer): boolean {
    const field = (i: Indexer, name: string) => i.fields.find((f) => f.name === name)?.value;
    const apiKey = field(theirs, "apiKey");
    return (
      theirs.enableRss === mine.enableRss &&
      theirs.enableAutomaticSearch === mine.enableAutomaticSearch &&
      theirs.enableInteractiveSearch === mine.enableInteractiveSearch &&
      theirs.name === mine.name &&
      theirs.implementation === mine.implementation &&
      theirs.priority === mine.priority &&
      theirs.id === mine.id &&
      (apiKey === field(mine, "apiKey") || apiKey === "********") &&
      field(theirs, "apiPath") === field(mine, "apiPath") &&
      field(theirs, "baseUrl") === field(mine, "baseUrl") &&
      JSON.stringify(field(theirs, "categories")) === JSON.stringify(field(mine, "categories")) &&
      Number(field(theirs, "minimumSeeders")) === Number(field(mine, "minimumSeeders"))
    );
  }

  test("schema → add (forceSave) → read back unchanged → update → delete", async () => {
    const sent = await prowlarrIndexer();
    // Saved without forceSave: the save's connection test reaches the indexer through the slashed URL.
    const added = await call("POST", "/api/v3/indexer", { body: sent });
    expect(added.status).toBe(201);
    const { id } = await added.json<Indexer>();

    const stored = await getJson<Indexer>(`/api/v3/indexer/${id}`);
    expect(stored.fields.find((f) => f.name === "baseUrl")?.value).toBe(`${SIM}/torznab/`);
    expect(prowlarrEquals({ ...sent, id }, stored), JSON.stringify(stored)).toBe(true);

    const changed = { ...(await prowlarrIndexer(id)), priority: 30 };
    let updated = await call("PUT", `/api/v3/indexer/${id}`, { body: changed });
    if (updated.status === 400) updated = await call("PUT", `/api/v3/indexer/${id}?forceSave=true`, { body: changed });
    expect(updated.status).toBe(202);
    expect(prowlarrEquals(changed, await getJson<Indexer>(`/api/v3/indexer/${id}`))).toBe(true);

    expect((await call("DELETE", `/api/v3/indexer/${id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/indexer/${id}`)).status).toBe(404);
  });
});

describe("DELETE /movie/{id}?deleteFiles=true", () => {
  /** A movie grabbed through a simulated qBittorrent and imported: its file is in the client. */
  async function importedMovie(tmdbId: number) {
    await addRootFolder();
    const movie = await addMovie(tmdbId, { monitored: true });
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(0);
    await addIndexer("Torznab");
    expect((await runCommand("MoviesSearch", { movieIds: [movie.id] })).outcome).toMatchObject({ grabbed: 1 });
    await runCommand("RefreshMonitoredDownloads");
    expect((await getJson<Movie>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(true);
    return { movie, client, qb };
  }

  test("deletes the file through the download client that holds it", async () => {
    const { movie, qb } = await importedMovie(MATRIX);
    expect(await qb.downloads()).toHaveLength(1);
    expect((await call("DELETE", `/api/v3/movie/${movie.id}?deleteFiles=true`)).status).toBe(200);
    expect(await qb.downloads()).toEqual([]);
    expect((await call("GET", `/api/v3/movie/${movie.id}`)).status).toBe(404);
  });

  test("says why when no client can, and keeps the movie", async () => {
    const { movie, client, qb } = await importedMovie(DUNE_1984);
    expect((await call("DELETE", `/api/v3/downloadclient/${client.id}`)).status).toBe(200);
    const res = await call("DELETE", `/api/v3/movie/${movie.id}?deleteFiles=true`);
    expect(res.status).toBe(409);
    expect((await res.json<{ message: string }>()).message).toMatch(/removed from the settings/);
    expect((await call("GET", `/api/v3/movie/${movie.id}`)).status).toBe(200);
    expect(await qb.downloads()).toHaveLength(1);
  });
});
