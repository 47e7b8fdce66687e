import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, addTag, call } from "../helpers";
import { downloader, read, type Sent, send } from "./replay";

/**
 * Bazarr's Radarr calls, replayed as it makes them: morpheus65535/bazarr v1.5.2 (commit 920853da,
 * 2025-05-11), bazarr/radarr/info.py (version), radarr/rootfolder.py, radarr/sync/utils.py and
 * sync/movies.py + parser.py (profiles, tags, movies and their files), radarr/notify.py (rescan),
 * subtitles/refiners/arr_history.py (history). Bazarr uses python-requests: the key is always the
 * `apikey` query parameter, last; its only header is its User-Agent. It reads the JSON as dicts:
 * the keys asserted here are the ones it indexes (a missing one is a KeyError or a skipped movie).
 */

const HEADERS = { "User-Agent": "Bazarr/1.5.2" };
const bazarr = (path: string, method = "GET", body?: unknown): Sent => ({
  path,
  method,
  key: "query",
  headers: body === undefined ? HEADERS : { ...HEADERS, "Content-Type": "application/json" },
  body,
});
/** url_api_radarr(): `/api/v3/` once the version is known not to be legacy (0.x). */
const v3 = (path: string, method = "GET", body?: unknown) => bazarr(`/api/v3/${path}`, method, body);

const TITANIC = 597;
const FORREST_GUMP = 13;

/**
 * GetRadarrInfo.version(): the legacy /api/system/status first; a JSON answer without `version`
 * makes Bazarr `raise JSONDecodeError` with no arguments, a TypeError caught as "unknown"; a body
 * that is not JSON falls back to /api/v3/system/status.
 */
async function bazarrVersion(): Promise<string> {
  const legacy = await send(bazarr("/api/system/status"));
  const text = await legacy.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return (await read<{ version: string }>(bazarr("/api/v3/system/status"))).version;
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  return typeof version === "string" ? version : "unknown";
}

describe("Bazarr: the Radarr version it gates on (GetRadarrInfo)", () => {
  test("/api/v3/system/status answers Radarr's version line: not legacy (0.), not deprecated (0. or 3.)", async () => {
    const { version } = await read<{ version: string }>(bazarr("/api/v3/system/status"));
    expect(version.startsWith("0.") || version.startsWith("3.")).toBe(false);
  });

  // Radarr answers the legacy path with an empty 404 (no route outside /api/v3); a JSON answer
  // would make Bazarr report Radarr's version as "unknown".
  test("the legacy /api/system/status probe falls through to v3 and reads the version", async () => {
    const version = await bazarrVersion();
    expect(version).toMatch(/^5\.\d+\.\d+\.\d+$/);
  });
});

interface BazarrMovie {
  id: number;
  title: string;
  hasFile: boolean;
  monitored: boolean;
  tmdbId: number;
  year: number;
  sortTitle: string;
  tags: number[];
  overview: string;
  images: { url: string }[];
  alternateTitles: { title: string }[];
  imdbId?: string;
  qualityProfileId: number;
  movieFile?: {
    id: number;
    path: string;
    size: number;
    sceneName?: string;
    quality: { quality: { name: string; resolution: number } };
    mediaInfo?: Record<string, unknown>;
    languages: { id: number; name: string }[];
  };
}

/** Polls GET command/{id} until the command has ended. */
async function untilFinished(id: number): Promise<{ status: string; result: string }> {
  for (let i = 0; i < 400; i++) {
    const command = await read<{ status: string; result: string }>(v3(`command/${id}`));
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`command ${id} did not finish`);
}

/** MINIMUM_VIDEO_SIZE in bazarr/constants.py: smaller files are not synced. */
const MINIMUM_VIDEO_SIZE = 20_480;

describe("Bazarr: the movie sync (update_movies)", () => {
  test("rootfolder, qualityprofile languages, tag and movie answer the keys Bazarr indexes", async () => {
    await addRootFolder();
    const tag = await addTag("subtitles");
    // check_radarr_rootfolder → get_radarr_rootfolder: id and path.
    const folders = await read<{ id: number; path: string }[]>(v3("rootfolder"));
    expect(folders).toEqual([expect.objectContaining({ id: expect.any(Number), path: "/movies" })]);
    // get_profile_list: profile['language']['name'] for a v3 Radarr.
    const profiles = await read<{ id: number; language: { name: string } }[]>(v3("qualityprofile"));
    expect(profiles.length).toBeGreaterThan(0);
    for (const profile of profiles) expect(typeof profile.language.name, JSON.stringify(profile)).toBe("string");
    // get_tags: [{id, label}].
    expect(await read(v3("tag"))).toEqual([{ id: tag.id, label: "subtitles" }]);
    // get_movies_from_radarr_api: movie['hasFile'] of each; only those with files go further.
    await addMovie(FORREST_GUMP, { monitored: true, tags: [tag.id] });
    const movies = await read<BazarrMovie[]>(v3("movie"));
    expect(movies).toEqual([expect.objectContaining({ hasFile: false, title: "Forrest Gump" })]);
  });

  // sync/movies.py keeps a movie only when `movie['hasFile'] and 'movieFile' in movie`; parser.py
  // then indexes the file's keys below (a null mediaInfo would be a TypeError: it must be absent).
  test("a movie with a file: movieFile path, size, id, quality name, languages, sceneName as parser.py reads them", async () => {
    await addRootFolder();
    const tag = await addTag("subtitles");
    const movie = await addMovie(TITANIC, { monitored: true, tags: [tag.id] });
    await (await downloader()).grab(movie.id, 0);
    const [synced] = (await read<BazarrMovie[]>(v3("movie"))).filter((m) => m.hasFile && m.movieFile);
    expect(synced?.id).toBe(movie.id);
    const file = synced.movieFile;
    if (!file) throw new Error("no movieFile");
    expect(file.size > MINIMUM_VIDEO_SIZE).toBe(true);
    expect(file.path.startsWith(`${movie.path}/`)).toBe(true);
    expect(Number.isInteger(file.id)).toBe(true);
    expect(file.id).toBeGreaterThan(0);
    // movie_file_id: the same id Radarr gives movieFileId.
    expect((synced as BazarrMovie & { movieFileId: number }).movieFileId).toBe(file.id);
    // format, resolution = quality name split on '-' ("Bluray-1080p"), else the resolution.
    expect(file.quality.quality.name).toMatch(/^[A-Za-z]+-\d+p$/);
    expect(typeof file.quality.quality.resolution).toBe("number");
    // audio_language: movieFile['languages'][*]['name'].
    expect(file.languages.length).toBeGreaterThan(0);
    for (const language of file.languages) expect(typeof language.name).toBe("string");
    // 'sceneName' in movieFile: the release the file came from.
    expect(file.sceneName).toEqual(expect.any(String));
    // 'mediaInfo' in movieFile → its videoCodec/audioCodec keys are read with `in`: a dict or absent.
    if ("mediaInfo" in file) expect(file.mediaInfo).toEqual(expect.objectContaining({ videoCodec: expect.anything() }));
    expect(synced).toMatchObject({ tmdbId: TITANIC, year: 1997, monitored: true, tags: [tag.id] });
    expect(typeof synced.sortTitle).toBe("string");
    expect(typeof synced.overview).toBe("string");
    expect(Array.isArray(synced.alternateTitles)).toBe(true);
    // update_one_movie (SignalR): GET movie/{id} the same way; a deleted movie is a 404.
    const one = await read<BazarrMovie>(v3(`movie/${movie.id}`));
    expect(one.movieFile).toMatchObject({ id: file.id, path: file.path, size: file.size });
  }, 90_000);

  test("update_one_movie: GET movie/{id}; a movie removed from Radarr is a 404, which Bazarr deletes", async () => {
    await addRootFolder();
    const movie = await addMovie(FORREST_GUMP, { monitored: true });
    expect(await read<BazarrMovie>(v3(`movie/${movie.id}`))).toMatchObject({ id: movie.id, hasFile: false });
    expect((await call("DELETE", `/api/v3/movie/${movie.id}`)).status).toBe(200);
    expect((await send(v3(`movie/${movie.id}`))).status).toBe(404);
  });
});

describe("Bazarr: after a subtitle download (notify_radarr)", () => {
  // Bazarr posts the command and ignores the answer; Radarr queues it (201) and rescans the movie.
  test("POST command {name: RescanMovie, movieId} is queued and completes", async () => {
    await addRootFolder();
    const movie = await addMovie(FORREST_GUMP, { monitored: true });
    const queued = await read<{ id: number; name: string }>(
      v3("command", "POST", { name: "RescanMovie", movieId: movie.id }),
      201,
    );
    expect(queued.name).toBe("RescanMovie");
    const command = await untilFinished(queued.id);
    expect(command).toMatchObject({ status: "completed", result: "successful" });
  });
});

describe("Bazarr: the history refiner (refine_info_url)", () => {
  // Bazarr sends the enum's number (eventType=1, grabbed), which Radarr accepts as well as the name.
  test("history?eventType=1&movieIds={id}: records[].data, nzbInfoUrl read where present", async () => {
    await addRootFolder();
    const movie = await addMovie(TITANIC, { monitored: true });
    await (await downloader()).grab(movie.id, 0);
    const history = await read<{ records: { eventType: string; data: Record<string, string> }[] }>(
      v3(`history?eventType=1&movieIds=${movie.id}`),
    );
    expect(history.records.length).toBeGreaterThan(0);
    for (const grab of history.records) {
      expect(grab.eventType).toBe("grabbed");
      expect(typeof grab.data).toBe("object");
    }
  }, 90_000);
});
