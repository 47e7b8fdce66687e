import { describe, expect, test } from "vitest";
import { runCommand } from "./downloads-helpers";
import { addMovie, addRootFolder, call, getJson, type Movie, qualityProfileId, sendJson } from "./helpers";
import { callsWith, torznab, uniqueKey } from "./indexerHelpers";

// What Radarr's clients read after searches and list syncs (lastSearchTime, a list's searchOnAdd),
// and Radarr's `/config/{name}/{id}` forms as its OpenAPI lists them. TMDb ids this file adds:
// Blade Runner (78), Heat (949), The Matrix Collection (603, 604, 605, 624860) and the Harry
// Potter Collection's movies (list 1241).
const BLADE_RUNNER = 78;
const HEAT = 949;
const MATRIX_COLLECTION = 2344;
const MATRIX_PARTS = [603, 604, 605, 624860];
const OTHER_COLLECTION = 1241;

interface Command {
  id: number;
  name: string;
  status: string;
  body: { movieIds?: number[] };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const movie = (id: number) => getJson<Movie & { lastSearchTime?: string | null }>(`/api/v3/movie/${id}`);

async function lastSearchTimes(ids: number[]): Promise<(string | null | undefined)[]> {
  const all = await getJson<(Movie & { lastSearchTime?: string | null })[]>("/api/v3/movie");
  return ids.map((id) => all.find((m) => m.id === id)?.lastSearchTime);
}

/** Runs a command through the API and waits for it to end, completed or failed. */
async function runUntilEnded(name: string, body: Record<string, unknown>): Promise<Command> {
  const queued = await sendJson<Command>("POST", "/api/v3/command", { name, ...body }, 201);
  for (let i = 0; i < 200; i++) {
    const command = await getJson<Command>(`/api/v3/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not end`);
}

describe("lastSearchTime", () => {
  test("absent until the movie is searched, then set by an interactive and by an automatic search", async () => {
    await addRootFolder();
    const apiKey = uniqueKey();
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznab(apiKey), 201);
    const added = await addMovie(BLADE_RUNNER, { monitored: true });
    expect(added.lastSearchTime ?? null).toBeNull();
    expect((await movie(added.id)).lastSearchTime ?? null).toBeNull();

    const releases = await call("GET", `/api/v3/release?movieId=${added.id}`);
    expect(releases.status).toBe(200);
    const interactive = (await movie(added.id)).lastSearchTime;
    expect(interactive).toMatch(ISO_INSTANT);
    expect(await lastSearchTimes([added.id])).toEqual([interactive]);

    // It finds releases but has no download client to grab with: the command fails, the search happened.
    await runUntilEnded("MoviesSearch", { movieIds: [added.id] });
    const automatic = (await movie(added.id)).lastSearchTime as string;
    expect(automatic).toMatch(ISO_INSTANT);
    expect(Date.parse(automatic)).toBeGreaterThanOrEqual(Date.parse(interactive as string));
    expect((await callsWith("torznab", apiKey)).length).toBeGreaterThanOrEqual(2);
  });

  test("MissingMoviesSearch sets it on each movie it reaches", async () => {
    await addRootFolder();
    const missing = await addMovie(HEAT, { monitored: true });
    expect((await movie(missing.id)).lastSearchTime ?? null).toBeNull();
    await runCommand("MissingMoviesSearch");
    expect((await movie(missing.id)).lastSearchTime).toMatch(ISO_INSTANT);
  });
});

async function createCollectionList(name: string, collectionId: number, searchOnAdd: boolean) {
  return sendJson<{ id: number }>(
    "POST",
    "/api/v3/importlist",
    {
      name,
      implementation: "TMDbCollectionImport",
      fields: [{ name: "collectionId", value: collectionId }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      searchOnAdd,
    },
    201,
  );
}

const moviesSearches = async () =>
  (await getJson<Command[]>("/api/v3/command")).filter((c) => c.name === "MoviesSearch");

/** The movies searches started after the given ones, once each has finished. */
async function newSearches(before: Command[]): Promise<Command[]> {
  const known = new Set(before.map((c) => c.id));
  for (let i = 0; i < 200; i++) {
    const started = (await moviesSearches()).filter((c) => !known.has(c.id));
    if (started.every((c) => c.status !== "queued" && c.status !== "started")) return started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the searches did not finish");
}

describe("an import list's searchOnAdd", () => {
  test("one MoviesSearch for every movie the sync added", async () => {
    await addRootFolder();
    const before = await moviesSearches();
    const list = await createCollectionList("Matrix, searched", MATRIX_COLLECTION, true);
    await runCommand("ImportListSync", { listId: list.id });
    const library = await getJson<Movie[]>("/api/v3/movie");
    const addedIds = library.filter((m) => MATRIX_PARTS.includes(m.tmdbId)).map((m) => m.id);
    expect(addedIds).toHaveLength(MATRIX_PARTS.length);
    const searches = await newSearches(before);
    expect(searches).toHaveLength(1);
    expect([...(searches[0]?.body.movieIds ?? [])].sort()).toEqual([...addedIds].sort());
    for (const time of await lastSearchTimes(addedIds)) expect(time).toMatch(ISO_INSTANT);
  });

  test("without searchOnAdd the sync searches for nothing", async () => {
    await addRootFolder();
    const before = await moviesSearches();
    const list = await createCollectionList("Other, not searched", OTHER_COLLECTION, false);
    const sync = await runCommand("ImportListSync", { listId: list.id });
    const [synced] = (sync.outcome as { lists: { listId: number; added: number }[] }).lists;
    expect(synced).toMatchObject({ listId: list.id });
    expect(synced?.added).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await newSearches(before)).toEqual([]);
  });
});

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
}

/** Every config resource the app serves with GET and PUT (`/api/v3/config/{name}`), from its own OpenAPI. */
async function configResources(): Promise<string[]> {
  const doc = await getJson<OpenApiDoc>("/api/v3/openapi.json");
  return Object.entries(doc.paths)
    .filter(([path, ops]) => /^\/api\/v3\/config\/[^/{]+\/?$/.test(path) && "get" in ops && "put" in ops)
    .map(([path]) => path.replace(/\/$/, ""));
}

describe("Radarr's /config/{name}/{id} forms", () => {
  test("every config resource answers GET and PUT by its id as by its path", async () => {
    const resources = await configResources();
    expect(resources).toEqual(
      expect.arrayContaining([
        "/api/v3/config/indexer",
        "/api/v3/config/naming",
        "/api/v3/config/importlist",
        "/api/v3/config/streaming",
      ]),
    );
    for (const path of resources) {
      const config = await getJson<{ id: number }>(path);
      expect(config.id, path).toBe(1);
      expect(await getJson(`${path}/1`), `GET ${path}/1`).toEqual(config);
      expect(await getJson(`${path.replace("/config/", "/Config/")}/1/`), `GET ${path}/1/`).toEqual(config);
      expect(await sendJson("PUT", `${path}/1`, config, 202), `PUT ${path}/1`).toEqual(config);
    }
  });

  test("a PUT by id saves the change", async () => {
    const before = await getJson<{ id: number; minimumAge: number }>("/api/v3/config/indexer");
    const saved = await sendJson(
      "PUT",
      "/api/v3/config/indexer/1",
      { ...before, minimumAge: before.minimumAge + 7 },
      202,
    );
    expect(saved).toMatchObject({ id: 1, minimumAge: before.minimumAge + 7 });
    expect(await getJson("/api/v3/config/indexer")).toMatchObject({ minimumAge: before.minimumAge + 7 });
    expect(await getJson("/api/v3/config/indexer/1")).toMatchObject({ minimumAge: before.minimumAge + 7 });
    await sendJson("PUT", "/api/v3/config/indexer/1", before, 202);
  });

  test("only a number is an id, and the literal /config/naming/examples still wins", async () => {
    expect((await call("GET", "/api/v3/config/indexer/one")).status).toBe(404);
    const examples = await call("GET", "/api/v3/config/naming/examples");
    expect(examples.status).toBe(200);
    expect(await examples.json()).not.toHaveProperty("renameMovies");
  });
});
