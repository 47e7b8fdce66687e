import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addClient, addIndexer, allDownloads, qbittorrentBody, runCommand, simClient } from "./downloads-helpers";
import { addMovie, addRootFolder, getJson, sendJson } from "./helpers";

/**
 * The movie resource embeds its file (Radarr's `movieFile`, `movieFileId`), and RescanMovie reads a
 * movie's file again from the download client holding it.
 */

const MATRIX = 603;
const FORREST_GUMP = 13;

interface EmbeddedFile {
  id: number;
  movieId: number;
  path: string;
  relativePath: string;
  size: number;
  sceneName: string | null;
  releaseGroup: string | null;
  quality: { quality: { id: number; name: string; resolution: number } };
  languages: { id: number; name: string }[];
  customFormats?: { id: number; name: string }[];
  customFormatScore?: number;
  mediaInfo?: Record<string, unknown>;
  qualityCutoffNotMet: boolean;
}

interface MovieWithFile {
  id: number;
  hasFile: boolean;
  sizeOnDisk: number;
  movieFileId: number;
  movieFile?: EmbeddedFile;
}

interface Command {
  status: string;
  message?: string;
  outcome?: Record<string, unknown>;
}

/** The Matrix grabbed through qBittorrent, downloaded at once and imported. */
async function importedMovie() {
  await addRootFolder("/movies");
  const movie = await addMovie(MATRIX, { monitored: true });
  const client = await addClient(qbittorrentBody());
  const sim = simClient("qbittorrent", client.instance);
  await sim.speed(0);
  await addIndexer("Torznab");
  await runCommand("MoviesSearch", { movieIds: [movie.id] });
  for (let i = 0; i < 40; i++) {
    await runCommand("RefreshMonitoredDownloads");
    if ((await allDownloads())[0]?.state === "imported") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const [file] = await getJson<(EmbeddedFile & { customFormats: unknown[] })[]>(
    `/api/v3/moviefile?movieId=${movie.id}`,
  );
  expect(file, "the imported file").toBeDefined();
  return { movie, client, sim, file };
}

/** Runs a command to its end (completed or failed) and answers it. */
async function commandFor(name: string, body: Record<string, unknown>): Promise<Command> {
  const queued = await sendJson<{ id: number }>("POST", "/api/v3/command", { name, ...body }, 201);
  for (let i = 0; i < 400; i++) {
    const command = await getJson<Command>(`/api/v3/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${name} did not finish`);
}

const wholeList = () => getJson<MovieWithFile[]>("/api/v3/movie");

describe("the movie resource embeds its file", () => {
  test("list, paged list, single movie and lookup carry movieFile and the file's id; a movie without one does not", async () => {
    const { movie, file } = await importedMovie();
    const other = await addMovie(FORREST_GUMP, { monitored: true });
    const list = await wholeList();
    const listed = list.find((m) => m.id === movie.id);
    expect(listed).toMatchObject({ hasFile: true, movieFileId: file.id });
    expect(listed?.movieFile).toMatchObject({
      id: file.id,
      movieId: movie.id,
      path: file.path,
      relativePath: file.relativePath,
      size: file.size,
      sceneName: file.sceneName,
      quality: file.quality,
      languages: file.languages,
      qualityCutoffNotMet: expect.any(Boolean),
    });
    // Like Radarr's list: no custom formats evaluated per file, and no null media info.
    expect(listed?.movieFile).not.toHaveProperty("customFormats");
    expect(listed?.movieFile).not.toHaveProperty("customFormatScore");
    expect(listed?.movieFile?.mediaInfo ?? {}).not.toBeNull();
    const without = list.find((m) => m.id === other.id);
    expect(without).toMatchObject({ hasFile: false, movieFileId: 0 });
    expect(without).not.toHaveProperty("movieFile");

    // The single read judges the file's custom formats now, as /moviefile does.
    const single = await getJson<MovieWithFile>(`/api/v3/movie/${movie.id}`);
    expect(single.movieFile).toMatchObject({ id: file.id, customFormats: file.customFormats });
    expect(single.movieFile?.customFormatScore).toBe(file.customFormatScore);
    const byTmdb = await getJson<MovieWithFile[]>(`/api/v3/movie?tmdbId=${MATRIX}`);
    expect(byTmdb[0]?.movieFile?.id).toBe(file.id);
    const paged = await getJson<{ records: MovieWithFile[] }>("/api/v3/movie/paged?page=1&pageSize=10");
    expect(paged.records.find((m) => m.id === movie.id)?.movieFile?.id).toBe(file.id);
    // Read beside its movie in the page's one batch, judged the same as the whole list's copy.
    expect(paged.records.find((m) => m.id === movie.id)?.movieFile).toEqual(listed?.movieFile);
    const [lookup] = await getJson<MovieWithFile[]>(`/api/v3/movie/lookup/tmdb?tmdbId=${MATRIX}`).then((r) =>
      Array.isArray(r) ? r : [r],
    );
    expect(lookup).toMatchObject({ id: movie.id, movieFileId: file.id, movieFile: { id: file.id } });
  }, 90_000);

  test("an edited file shows in the cached whole-library list at once (the list cache follows file writes)", async () => {
    const { movie, file } = await importedMovie();
    expect((await wholeList()).find((m) => m.id === movie.id)?.movieFile?.releaseGroup).not.toBe("EDITED");
    await sendJson("PUT", `/api/v3/moviefile/${file.id}`, { releaseGroup: "EDITED" }, 202);
    expect((await wholeList()).find((m) => m.id === movie.id)?.movieFile?.releaseGroup).toBe("EDITED");
    await sendJson("DELETE", `/api/v3/moviefile/${file.id}`, undefined, 200);
    expect((await wholeList()).find((m) => m.id === movie.id)).toMatchObject({ hasFile: false, movieFileId: 0 });
  }, 90_000);
});

describe("RescanMovie", () => {
  test("re-reads the file's size from the client holding it, its media info and custom formats, and stores them", async () => {
    const { movie, file } = await importedMovie();
    // The stored row drifts from what the client holds (as after a change on that machine).
    await env.DB.prepare(
      "update movie_files set size = 1, custom_format_score = 999, custom_format_ids = '[999]', media_info = null where id = ?",
    )
      .bind(file.id)
      .run();
    await env.DB.prepare("update movies set size_on_disk = 1 where id = ?").bind(movie.id).run();
    const command = await commandFor("RescanMovie", { movieId: movie.id });
    expect(command.status, command.message).toBe("completed");
    expect(command.message).toBe("Rescanned 1 of 1 movies, 1 changed");
    const [outcome] = (command.outcome?.movies ?? []) as Record<string, unknown>[];
    expect(outcome).toMatchObject({
      movieId: movie.id,
      movieFileId: file.id,
      sizeFrom: "downloadClient",
      size: file.size,
    });
    expect(outcome.changed).toEqual(expect.arrayContaining(["size", "customFormatIds", "customFormatScore"]));
    const row = await env.DB.prepare(
      "select size, custom_format_score, custom_format_ids from movie_files where id = ?",
    )
      .bind(file.id)
      .first<{ size: number; custom_format_score: number; custom_format_ids: string }>();
    expect(row).toEqual({
      size: file.size,
      custom_format_score: file.customFormatScore,
      custom_format_ids: JSON.stringify((file.customFormats as { id: number }[]).map((f) => f.id)),
    });
    const after = await getJson<MovieWithFile>(`/api/v3/movie/${movie.id}`);
    expect(after).toMatchObject({ sizeOnDisk: file.size, movieFile: { size: file.size } });

    // Nothing drifted: a second rescan changes nothing.
    const again = await commandFor("RescanMovie", { movieId: movie.id });
    expect(again.message).toBe("Rescanned 1 of 1 movies, 0 changed");
  }, 90_000);

  test("a client that no longer holds the download leaves the stored size and says why; no movieId rescans every movie with a file", async () => {
    const { movie, client, file } = await importedMovie();
    await sendJson("DELETE", `/api/v3/downloadclient/${client.id}`, undefined, 200);
    const command = await commandFor("RescanMovie", {});
    expect(command.status, command.message).toBe("completed");
    const [outcome] = (command.outcome?.movies ?? []) as Record<string, unknown>[];
    expect(outcome).toMatchObject({ movieId: movie.id, sizeFrom: "stored", size: file.size });
    expect(String(outcome.note)).toMatch(/removed from the settings/);
  }, 90_000);

  test("a movie marked as having a file with none recorded is set right; an unknown movie fails the command", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(FORREST_GUMP, { monitored: true });
    await env.DB.prepare("update movies set has_file = 1, size_on_disk = 5 where id = ?").bind(movie.id).run();
    const command = await commandFor("RescanMovie", { movieId: movie.id });
    expect(command).toMatchObject({ status: "completed", message: "Rescanned 1 of 1 movies, 1 changed" });
    expect(await getJson<MovieWithFile>(`/api/v3/movie/${movie.id}`)).toMatchObject({ hasFile: false, sizeOnDisk: 0 });

    const missing = await commandFor("RescanMovie", { movieId: 99999 });
    expect(missing.status).toBe("failed");
    expect(missing.message).toMatch(/Movie 99999 is not in the library/);
  }, 60_000);
});
