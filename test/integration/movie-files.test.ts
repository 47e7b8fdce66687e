import { describe, expect, test } from "vitest";
import {
  addClient,
  addIndexer,
  allDownloads,
  movieHistory,
  qbittorrentBody,
  runCommand,
  SIM,
  sabnzbdBody,
  simClient,
  transmissionBody,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, expectFieldError, getJson, type Movie, sendJson } from "./helpers";

const MATRIX = 603;

interface MovieFile {
  id: number;
  movieId: number;
  relativePath: string;
  path: string;
  size: number;
  sceneName: string | null;
  releaseGroup: string | null;
  edition: string | null;
  indexerFlags: number;
  languages: { id: number; name: string }[];
  quality: { quality: { id: number; name: string }; revision: { version: number } };
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  qualityCutoffNotMet: boolean;
  mediaInfo: Record<string, unknown> | null;
}

interface Rename {
  movieId: number;
  movieFileId: number;
  existingPath: string;
  newPath: string;
}

type Implementation = "qbittorrent" | "sabnzbd" | "transmission";
const BODIES = { qbittorrent: qbittorrentBody, sabnzbd: sabnzbdBody, transmission: transmissionBody };

/** The Matrix grabbed through `kind`, downloaded at once and imported: its movie, client and file. */
async function importedMovie(kind: Implementation, extra: Record<string, unknown> = {}) {
  await addRootFolder("/movies");
  const movie = await addMovie(MATRIX, { monitored: true });
  const client = await addClient(BODIES[kind](undefined, extra));
  const sim = simClient(kind, client.instance);
  await sim.speed(0);
  await addIndexer(kind === "sabnzbd" ? "Newznab" : "Torznab");
  await runCommand("MoviesSearch", { movieIds: [movie.id] });
  for (let i = 0; i < 40; i++) {
    await runCommand("RefreshMonitoredDownloads");
    if ((await allDownloads())[0]?.state === "imported") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const [file] = await getJson<MovieFile[]>(`/api/v3/moviefile?movieId=${movie.id}`);
  expect(file, "the imported file").toBeDefined();
  return { movie, client, sim, file };
}

const renameTo = (format: string) =>
  sendJson("PUT", "/api/v3/config/naming", { renameMovies: true, standardMovieFormat: format }, 202);

async function commandFor(name: string, body: Record<string, unknown>) {
  const queued = await sendJson<{ id: number }>("POST", "/api/v3/command", { name, ...body }, 201);
  for (let i = 0; i < 400; i++) {
    const command = await getJson<{ status: string; message?: string }>(`/api/v3/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${name} did not finish`);
}

describe("/api/v3/moviefile", () => {
  test("an imported file reads back in Radarr's shape, by movie and by id; edits are stored; 400 without a filter", async () => {
    const { movie, file } = await importedMovie("qbittorrent");
    expect(file).toMatchObject({ movieId: movie.id, indexerFlags: 0 });
    expect(file.path).toBe(`${movie.path}/${file.relativePath}`);
    expect(file.sceneName).toEqual(expect.any(String));
    expect(file.customFormats).toEqual(expect.any(Array));
    expect(typeof file.qualityCutoffNotMet).toBe("boolean");
    expect(await getJson<MovieFile>(`/api/v3/moviefile/${file.id}`)).toEqual(file);
    expect(await getJson<MovieFile[]>(`/api/v3/moviefile?movieFileIds=${file.id}`)).toEqual([file]);
    expect(await getJson<MovieFile[]>(`/api/v3/moviefile?movieId=${movie.id}&movieId=99999`)).toEqual([file]);
    await expectFieldError(await call("GET", "/api/v3/moviefile"), "movieId");
    expect((await call("GET", "/api/v3/moviefile/99999")).status).toBe(404);

    const edited = await sendJson<MovieFile>(
      "PUT",
      `/api/v3/moviefile/${file.id}`,
      {
        ...file,
        releaseGroup: "EDITED",
        edition: "Director's Cut",
        indexerFlags: 1,
        quality: { quality: { id: 7 }, revision: { version: 2, real: 0, isRepack: true } },
        languages: [{ id: 1 }, { id: -1, name: "Any" }],
      },
      202,
    );
    expect(edited).toMatchObject({ releaseGroup: "EDITED", edition: "Director's Cut", indexerFlags: 1 });
    expect(edited.quality.quality).toMatchObject({ id: 7, name: "Bluray-1080p" });
    expect(edited.quality.revision.version).toBe(2);
    // "Any" describes a wish, not a file: Radarr keeps it off.
    expect(edited.languages).toEqual([{ id: 1, name: "English" }]);
    expect(await getJson<MovieFile>(`/api/v3/moviefile/${file.id}`)).toEqual(edited);
    await expectFieldError(
      await call("PUT", `/api/v3/moviefile/${file.id}`, { body: { quality: { quality: { id: 999 } } } }),
      "quality.quality.id",
    );

    const [viaEditor] = await sendJson<MovieFile[]>(
      "PUT",
      "/api/v3/moviefile/editor",
      { movieFileIds: [file.id], releaseGroup: "EDITOR", quality: { quality: { id: 3 } } },
      202,
    );
    expect(viaEditor).toMatchObject({ releaseGroup: "EDITOR", edition: "Director's Cut" });
    expect(viaEditor.quality.quality.id).toBe(3);
    const [viaBulk] = await sendJson<MovieFile[]>(
      "PUT",
      "/api/v3/moviefile/bulk",
      [{ id: file.id, releaseGroup: "BULK", indexerFlags: 0 }],
      202,
    );
    expect(viaBulk).toMatchObject({ releaseGroup: "BULK", indexerFlags: 0 });
    expect((await call("PUT", "/api/v3/moviefile/bulk", { body: [{ id: 99999, releaseGroup: "X" }] })).status).toBe(
      404,
    );
  }, 60_000);

  test("DELETE deletes the file through the client holding it: the movie has no file, history says so", async () => {
    const { movie, sim, file } = await importedMovie("qbittorrent");
    expect(await sim.downloads()).toHaveLength(1);
    const res = await call("DELETE", `/api/v3/moviefile/${file.id}`);
    expect(res.status).toBe(200);
    expect(await sim.downloads()).toEqual([]);
    expect((await sim.files(String(movie.path))).files).toEqual([]);
    expect((await getJson<Movie & { hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(false);
    expect(await getJson<MovieFile[]>(`/api/v3/moviefile?movieId=${movie.id}`)).toEqual([]);
    const deleted = (await movieHistory(movie.id)).find((h) => h.eventType === "movieFileDeleted");
    expect(deleted?.data).toMatchObject({ reason: "Manual", path: file.path });
    expect((await call("DELETE", `/api/v3/moviefile/${file.id}`)).status).toBe(404);
  }, 60_000);

  test("a file no client can reach is not deleted: 409 with the reason, the file stays", async () => {
    const { movie, client, sim, file } = await importedMovie("transmission");
    expect((await call("DELETE", "/api/v3/moviefile/bulk", { body: { movieFileIds: [file.id, 99999] } })).status).toBe(
      404,
    );
    await sendJson("DELETE", `/api/v3/downloadclient/${client.id}`, undefined, 200);
    const res = await call("DELETE", "/api/v3/moviefile/bulk", { body: { movieFileIds: [file.id] } });
    expect(res.status).toBe(409);
    expect((await res.json<{ message: string }>()).message).toMatch(/removed from the settings/);
    expect(await getJson<MovieFile[]>(`/api/v3/moviefile?movieId=${movie.id}`)).toHaveLength(1);
    expect(await sim.downloads()).toHaveLength(1);
  }, 60_000);
});

describe("/api/v3/rename and the RenameFiles/RenameMovie commands", () => {
  test("qBittorrent: the preview follows the naming format, RenameFiles renames the file in the client", async () => {
    const { movie, sim, file } = await importedMovie("qbittorrent");
    // Imported under the naming format: nothing to rename.
    expect(await getJson<Rename[]>(`/api/v3/rename?movieId=${movie.id}`)).toEqual([]);
    await expectFieldError(await call("GET", "/api/v3/rename"), "movieId");

    await renameTo("{Movie CleanTitle} {Release Year} [{Quality Title}]");
    const [preview] = await getJson<Rename[]>(`/api/v3/rename?movieId=${movie.id}`);
    const newName = `The Matrix 1999 [${file.quality.quality.name}].mkv`;
    expect(preview).toEqual({
      id: file.id,
      movieId: movie.id,
      movieFileId: file.id,
      existingPath: file.relativePath,
      newPath: file.relativePath.replace(/[^/]+$/, newName),
    });
    const command = await commandFor("RenameFiles", { movieId: movie.id, files: [file.id] });
    expect(command).toMatchObject({ status: "completed", message: "Renamed 1 of 1 files" });
    const renamed = await getJson<MovieFile>(`/api/v3/moviefile/${file.id}`);
    expect(renamed.relativePath).toBe(preview.newPath);
    expect((await sim.files(String(movie.path))).files.map((f) => f.path)).toContain(renamed.path);
    expect(await getJson<Rename[]>(`/api/v3/rename?movieId=${movie.id}`)).toEqual([]);
  }, 60_000);

  test("Transmission renames with rename-path", async () => {
    const { movie, sim, file } = await importedMovie("transmission");
    await renameTo("{Movie.Title}.{Release.Year}.{Quality.Full}");
    const command = await commandFor("RenameMovie", { movieIds: [movie.id] });
    expect(command.status).toBe("completed");
    const renamed = await getJson<MovieFile>(`/api/v3/moviefile/${file.id}`);
    expect(renamed.relativePath).toMatch(/(^|\/)The\.Matrix\.1999\..+\.mkv$/);
    expect((await sim.files(String(movie.path))).files.map((f) => f.path)).toContain(renamed.path);
  }, 60_000);

  test("SABnzbd cannot rename: the command fails saying why, the file keeps its name", async () => {
    // The finished job stays in SABnzbd's history (it is removed after import by default).
    const sab = await importedMovie("sabnzbd", { removeCompletedDownloads: false });
    await renameTo("{Movie.Title}.{Release.Year}");
    expect(await getJson<Rename[]>(`/api/v3/rename?movieId=${sab.movie.id}`)).toHaveLength(1);
    const refused = await commandFor("RenameFiles", { movieId: sab.movie.id });
    expect(refused.status).toBe("failed");
    expect(refused.message).toMatch(/has no API to rename/);
    expect((await getJson<MovieFile>(`/api/v3/moviefile/${sab.file.id}`)).relativePath).toBe(sab.file.relativePath);
  }, 60_000);
});

describe("/api/v3/extrafile and /api/v3/diskspace", () => {
  test("extra files are the download's other files as the client lists them; disk space is each client's", async () => {
    const { movie, client, sim } = await importedMovie("qbittorrent");
    const extras = await getJson<{ relativePath: string; type: string; extension: string; movieFileId: number }[]>(
      `/api/v3/extrafile?movieId=${movie.id}`,
    );
    const onDisk = (await sim.files(String(movie.path))).files.map((f) => f.path);
    for (const extra of extras) {
      expect(onDisk).toContain(`${movie.path}/${extra.relativePath}`);
      expect(extra.type).toBe(extra.extension === ".nfo" ? "metadata" : extra.type);
      expect(extra.extension).not.toMatch(/^\.(mkv|mp4|avi)$/);
    }
    expect(await getJson(`/api/v3/extrafile?movieId=99999`)).toEqual([]);

    const sab = await addClient(sabnzbdBody());
    const spaces =
      await getJson<{ id: number; label: string; path: string; freeSpace: number; totalSpace: number }[]>(
        "/api/v3/diskspace",
      );
    expect(spaces).toEqual(
      expect.arrayContaining([
        { id: client.id, label: client.name, path: "/downloads", freeSpace: expect.any(Number), totalSpace: 0 },
        {
          id: sab.id,
          label: sab.name,
          path: expect.any(String),
          freeSpace: expect.any(Number),
          totalSpace: 4096 * 1024 ** 3,
        },
      ]),
    );
    expect(spaces.every((s) => s.freeSpace > 0)).toBe(true);
    await simClient("qbittorrent", client.instance).fault("diskFull");
    const full = await getJson<{ id: number; freeSpace: number }[]>("/api/v3/diskspace");
    expect(full.find((s) => s.id === client.id)?.freeSpace).toBe(0);
  }, 60_000);
});

interface ManualImportItem {
  id: number;
  path: string;
  relativePath: string;
  name: string;
  size: number;
  downloadId: string;
  movie?: { id: number; title: string };
  quality: { quality: { id: number; name: string } };
  qualityWeight: number;
  customFormats: unknown[];
  rejections: { reason: string; type: string }[];
}

describe("/api/v3/manualimport and the ManualImport command", () => {
  test("a finished download the app did not grab: listed from the client, judged, imported for the movie chosen", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(MATRIX, { monitored: true });
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    const seeded = await fetch(`${SIM}/qbittorrent/__seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 1, instance: client.instance, secondsToComplete: 0 }),
    });
    expect(seeded.status).toBe(200);
    const [download] = await qb.downloads();
    await expectFieldError(await call("GET", "/api/v3/manualimport"), "downloadId");
    expect(await getJson(`/api/v3/manualimport?downloadId=${"0".repeat(40)}`)).toEqual([]);

    const items = await getJson<ManualImportItem[]>(
      `/api/v3/manualimport?downloadId=${download.id}&movieId=${movie.id}`,
    );
    const videos = items.filter((i) => !i.rejections.some((r) => r.reason === "Sample"));
    expect(videos).toHaveLength(1);
    const [video] = videos;
    expect(video).toMatchObject({ downloadId: download.id, movie: { id: movie.id } });
    expect(video.path).toMatch(/^\/downloads\//);
    expect(video.path.endsWith(video.relativePath)).toBe(true);
    expect(video.qualityWeight).toBeGreaterThan(0);
    expect(video.rejections).toEqual([]);

    // POST judges again with the user's choices.
    const [again] = await sendJson<ManualImportItem[]>(
      "POST",
      "/api/v3/manualimport",
      [{ id: video.id, path: video.path, movieId: movie.id, downloadId: download.id, quality: { quality: { id: 7 } } }],
      200,
    );
    expect(again).toMatchObject({ id: video.id, movie: { id: movie.id }, quality: { quality: { id: 7 } } });
    const [unknown] = await sendJson<ManualImportItem[]>("POST", "/api/v3/manualimport", [{ path: "/x/y.mkv" }], 200);
    expect(unknown.rejections.map((r) => r.type)).toContain("permanent");

    const command = await runCommand("ManualImport", {
      files: [{ path: video.path, movieId: movie.id, downloadId: download.id, quality: { quality: { id: 7 } } }],
      importMode: "auto",
    });
    expect(command.message).toBe("Imported 1 of 1 files");
    const [file] = await getJson<MovieFile[]>(`/api/v3/moviefile?movieId=${movie.id}`);
    expect(file.quality.quality.id).toBe(7);
    expect((await qb.files(String(movie.path))).files.map((f) => f.path)).toContain(file.path);
    expect((await movieHistory(movie.id)).map((h) => h.eventType)).toContain("downloadFolderImported");
    // Imported: left out by default, shown with filterExistingFiles=false.
    expect(await getJson(`/api/v3/manualimport?downloadId=${download.id}`)).toEqual([]);
    const [existing] = await getJson<(ManualImportItem & { movieFileId: number })[]>(
      `/api/v3/manualimport?downloadId=${download.id}&filterExistingFiles=false`,
    );
    expect(existing.movieFileId).toBe(file.id);
  }, 60_000);

  test("a grabbed download still downloading is listed by folder with a temporary rejection; a file without a download is refused", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(MATRIX, { monitored: true });
    const client = await addClient(qbittorrentBody());
    await simClient("qbittorrent", client.instance).speed(3600);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");
    const items = await getJson<ManualImportItem[]>("/api/v3/manualimport?folder=/downloads/");
    const video = items.find((i) => !i.rejections.some((r) => r.reason === "Sample"));
    expect(video?.movie?.id).toBe(movie.id);
    expect(video?.rejections).toEqual([
      { reason: expect.stringMatching(/^Download is not finished/), type: "temporary" },
    ]);
    expect(await getJson("/api/v3/manualimport?folder=/elsewhere")).toEqual([]);

    const queued = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/command",
      { name: "ManualImport", files: [{ path: "/somewhere/Movie.mkv", movieId: movie.id }] },
      201,
    );
    let command = { status: "queued", message: "" };
    for (let i = 0; i < 200 && !["completed", "failed"].includes(command.status); i++) {
      command = await getJson(`/api/v3/command/${queued.id}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(command).toMatchObject({ status: "failed", message: expect.stringMatching(/no disk of its own/) });
  }, 60_000);
});
