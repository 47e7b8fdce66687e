import { describe, expect, test } from "vitest";
import { addClient, addIndexer, qbittorrentBody, runCommand, SIM, simClient } from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  call,
  expectFieldError,
  getJson,
  type Movie,
  sendJson,
  waitForReceived,
} from "./helpers";

// The library page's mass editor: select all over a filter (GET /movie/ids) and delete with files
// (DELETE /movie/editor deleteFiles). TMDb ids: The Matrix (603) and Dune 1984 (841), both with
// releases on the simulated indexers; Heat (949) and Se7en (807).
const MATRIX = 603;
const DUNE_1984 = 841;
const HEAT = 949;
const SE7EN = 807;

/** Movies grabbed through one simulated qBittorrent and imported: their files are in the client. */
async function importedMovies(...tmdbIds: number[]) {
  await addRootFolder();
  const client = await addClient(qbittorrentBody());
  const qb = simClient("qbittorrent", client.instance);
  await qb.speed(0);
  await addIndexer("Torznab");
  const movies: Movie[] = [];
  for (const tmdbId of tmdbIds) movies.push(await addMovie(tmdbId, { monitored: true }));
  const search = await runCommand("MoviesSearch", { movieIds: movies.map((m) => m.id) });
  expect(search.outcome).toMatchObject({ grabbed: tmdbIds.length });
  await runCommand("RefreshMonitoredDownloads");
  for (const movie of movies) expect((await getJson<Movie>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(true);
  return { movies, client, qb };
}

const editorDelete = (body: Record<string, unknown>) => call("DELETE", "/api/v3/movie/editor", { body });

describe("DELETE /movie/editor with deleteFiles", () => {
  test("deletes each chosen movie's file through the client holding it, then the movies", async () => {
    const { movies, qb } = await importedMovies(MATRIX, DUNE_1984);
    expect(await qb.downloads()).toHaveLength(2);
    const res = await editorDelete({ movieIds: movies.map((m) => m.id), deleteFiles: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await qb.downloads()).toEqual([]);
    for (const movie of movies) expect((await call("GET", `/api/v3/movie/${movie.id}`)).status).toBe(404);
  });

  test("notifies each deleted movie's MovieDelete, as a single delete does", async () => {
    const channel = `editor-${crypto.randomUUID()}`;
    await sendJson(
      "POST",
      "/api/v3/notification",
      {
        name: `Editor ${channel}`,
        implementation: "Webhook",
        fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
        onMovieDelete: true,
      },
      201,
    );
    const { movies } = await importedMovies(MATRIX);
    const heat = await addMovie(HEAT, { monitored: false });
    expect((await editorDelete({ movieIds: [movies[0].id, heat.id], deleteFiles: true })).status).toBe(200);
    const got = await waitForReceived<{ body: { movie: { tmdbId: number } } }>(`${SIM}/hooks/${channel}`, 2);
    const bodies = got.map((r) => r.body).sort((a, b) => a.movie.tmdbId - b.movie.tmdbId);
    expect(bodies).toEqual([
      expect.objectContaining({
        eventType: "MovieDelete",
        movie: expect.objectContaining({ tmdbId: MATRIX }),
        deletedFiles: true,
      }),
      expect.objectContaining({
        eventType: "MovieDelete",
        movie: expect.objectContaining({ tmdbId: HEAT }),
        deletedFiles: false,
      }),
    ]);
  });

  test("without deleteFiles the files stay in the client", async () => {
    const { movies, qb } = await importedMovies(MATRIX);
    expect((await editorDelete({ movieIds: [movies[0].id] })).status).toBe(200);
    expect(await qb.downloads()).toHaveLength(1);
  });

  test("keeps a movie whose file cannot be deleted, deletes the rest, and says why", async () => {
    const { movies, client, qb } = await importedMovies(MATRIX);
    const heat = await addMovie(HEAT, { monitored: false });
    expect((await call("DELETE", `/api/v3/downloadclient/${client.id}`)).status).toBe(200);
    const res = await editorDelete({ movieIds: [movies[0].id, heat.id], deleteFiles: true });
    expect(res.status).toBe(409);
    const { message } = await res.json<{ message: string }>();
    expect(message).toMatch(/Deleted 1 of 2 movies; kept 1/);
    expect(message).toMatch(/removed from the settings/);
    expect((await call("GET", `/api/v3/movie/${movies[0].id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/movie/${heat.id}`)).status).toBe(404);
    expect(await qb.downloads()).toHaveLength(1);
  });
});

describe("GET /movie/ids", () => {
  test("answers the ids of every movie the filters match", async () => {
    await addRootFolder();
    const heat = await addMovie(HEAT, { monitored: false });
    const se7en = await addMovie(SE7EN, { monitored: true });
    const matrix = await addMovie(MATRIX, { monitored: true });
    expect(await getJson<number[]>("/api/v3/movie/ids")).toEqual([heat.id, se7en.id, matrix.id].sort((a, b) => a - b));
    expect(await getJson<number[]>("/api/v3/movie/ids?monitored=false")).toEqual([heat.id]);
    expect(await getJson<number[]>("/api/v3/movie/ids?search=matrix")).toEqual([matrix.id]);
    expect(await getJson<number[]>("/api/v3/movie/ids?hasFile=true")).toEqual([]);
  });

  test("refuses a bad filter naming it", async () => {
    await expectFieldError(await call("GET", "/api/v3/movie/ids?yearFrom=soon"), "yearFrom");
    await expectFieldError(await call("GET", "/api/v3/movie/ids?monitored=maybe"), "monitored");
  });
});
