import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, addTag, call, qualityProfileId } from "../helpers";
import { grabbedMovie, read, type Sent, send } from "./replay";

/**
 * Overseerr's Radarr calls, replayed as it makes them: sct/overseerr at commit 46a9b244 (2025-03-28,
 * package 0.1.0 = the develop line after v1.34.0), server/api/servarr/base.ts + radarr.ts and their
 * callers (routes/settings/radarr.ts "test", entity/MediaRequest.ts, lib/scanners/radarr,
 * lib/downloadtracker.ts, lib/availabilitySync.ts). Overseerr's axios instance has the base URL
 * `…/api/v3`, sends the key as the `apikey` query parameter (first, before the call's own
 * parameters), and `Content-Type`/`Accept: application/json` on every call; any 2xx is success.
 * The fields asserted are the ones Overseerr reads, typed as its interfaces type them.
 */

const HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
const overseerr = (path: string, method = "GET", body?: unknown): Sent => ({
  path: `/api/v3${path}`,
  method,
  key: "query-first",
  headers: HEADERS,
  body,
});

interface RadarrMovie {
  id: number;
  title: string;
  isAvailable: boolean;
  monitored: boolean;
  tmdbId: number;
  imdbId: string;
  titleSlug: string;
  folderName: string;
  path: string;
  qualityProfileId: number;
  added: string;
  hasFile: boolean;
  tags: number[];
}

const BLADE_RUNNER = 78;
const ALIEN = 348;
const JAWS = 578;
const GLADIATOR = 98;

/** RadarrAPI.addMovie's options, as MediaRequest.sendToRadarr fills them. */
async function requestOptions(tmdbId: number, title: string, year: number, tags: number[]) {
  const profile = await qualityProfileId();
  return {
    profileId: profile,
    qualityProfileId: profile,
    rootFolderPath: "/movies",
    minimumAvailability: "released",
    title,
    tmdbId,
    year,
    monitored: true,
    tags,
    searchNow: true,
  };
}

type Options = Awaited<ReturnType<typeof requestOptions>>;

/** RadarrAPI.getMovieByTmdbId: the lookup's first result (Overseerr fails the request without one). */
async function lookup(tmdbId: number): Promise<RadarrMovie> {
  const found = await read<RadarrMovie[]>(overseerr(`/movie/lookup?term=tmdb:${tmdbId}`));
  expect(found[0], `lookup of tmdb:${tmdbId}`).toBeDefined();
  return found[0];
}

describe("Overseerr: Settings → Radarr → Test", () => {
  test("system/status, qualityProfile, rootfolder and tag answer what the settings page reads", async () => {
    await addRootFolder("/movies");
    const tag = await addTag("requests");
    const status = await read<{ urlBase: string; version: string }>(overseerr("/system/status"));
    expect(typeof status.urlBase).toBe("string");
    // Overseerr asks with Radarr's casing: /qualityProfile.
    const profiles = await read<{ id: number; name: string }[]>(overseerr("/qualityProfile"));
    expect(profiles).toContainEqual(expect.objectContaining({ id: await qualityProfileId(), name: "HD-1080p" }));
    const folders = await read<{ id: number; path: string }[]>(overseerr("/rootfolder"));
    expect(folders).toEqual([expect.objectContaining({ id: expect.any(Number), path: "/movies" })]);
    const tags = await read<{ id: number; label: string }[]>(overseerr("/tag"));
    expect(tags).toEqual([{ id: tag.id, label: "requests" }]);
  });
});

describe("Overseerr: a movie request sent to Radarr (MediaRequest.sendToRadarr → RadarrAPI.addMovie)", () => {
  test("tagRequests: the requester's tag label '1 - admin' is refused as Radarr refuses it", async () => {
    expect(await read<unknown[]>(overseerr("/tag"))).toEqual([]);
    // Radarr's TagController allows only a-z, 0-9 and '-': Overseerr's createTag fails there too.
    const res = await send(overseerr("/tag", "POST", { label: "1 - admin" }));
    expect(res.status).toBe(400);
  });

  test("a movie not in the library: lookup, then POST /movie, which answers its id and titleSlug and searches", async () => {
    await addRootFolder("/movies");
    const tag = await addTag("requests");
    const options = await requestOptions(BLADE_RUNNER, "Blade Runner", 1982, [tag.id]);
    const found = await lookup(BLADE_RUNNER);
    expect(found.hasFile).toBe(false);
    expect(found.id || undefined, "a movie outside the library has no id").toBeUndefined();

    const added = await read<RadarrMovie>(overseerr("/movie", "POST", addBody(options)), 201);
    expect(added.id).toEqual(expect.any(Number));
    expect(added.id).toBeGreaterThan(0);
    expect(typeof added.titleSlug).toBe("string");
    expect(added).toMatchObject({ monitored: true, tmdbId: BLADE_RUNNER, tags: [tag.id], hasFile: false });
    expect(added.qualityProfileId).toBe(options.qualityProfileId);
    // addOptions.searchForMovie started a search for it.
    const commands = await read<{ name: string; body: { movieIds?: number[] } }[]>(overseerr("/command"));
    expect(commands.some((c) => c.name === "MoviesSearch" && c.body.movieIds?.includes(added.id))).toBe(true);
  });

  test("an unmonitored library movie: lookup gives its id, PUT /movie (id in the body) monitors it, then MoviesSearch", async () => {
    await addRootFolder("/movies");
    const existing = await addMovie(ALIEN, { monitored: false, tags: [] });
    const tag = await addTag("requests");
    const options = await requestOptions(ALIEN, "Alien", 1979, [tag.id]);
    const movie = await lookup(ALIEN);
    expect(movie).toMatchObject({ id: existing.id, monitored: false, hasFile: false });

    const body = {
      ...movie,
      title: options.title,
      qualityProfileId: options.qualityProfileId,
      profileId: options.profileId,
      titleSlug: options.tmdbId.toString(),
      minimumAvailability: options.minimumAvailability,
      tmdbId: options.tmdbId,
      year: options.year,
      tags: Array.from(new Set([...movie.tags, ...options.tags])),
      rootFolderPath: options.rootFolderPath,
      monitored: options.monitored,
      addOptions: { searchForMovie: options.searchNow },
    };
    const updated = await read<RadarrMovie>(overseerr("/movie", "PUT", body), 202);
    expect(updated).toMatchObject({ id: existing.id, monitored: true, tags: [tag.id] });
    // searchNow: RadarrAPI.searchMovie → runCommand('MoviesSearch', { movieIds: [id] }).
    const command = await send(overseerr("/command", "POST", { name: "MoviesSearch", movieIds: [updated.id] }));
    expect(command.status).toBe(201);
    // The next request for it finds it monitored and adds nothing.
    expect(await lookup(ALIEN)).toMatchObject({ id: existing.id, monitored: true });
  });

  test("a movie Radarr has the file of: lookup says hasFile, and Overseerr stops there", async () => {
    const movie = await grabbedMovie(JAWS, 0);
    expect(await lookup(JAWS)).toMatchObject({ id: movie.id, hasFile: true, monitored: true });
  }, 90_000);
});

/** RadarrAPI.addMovie's POST /movie body. */
function addBody(options: Options) {
  return {
    title: options.title,
    qualityProfileId: options.qualityProfileId,
    profileId: options.profileId,
    titleSlug: options.tmdbId.toString(),
    minimumAvailability: options.minimumAvailability,
    tmdbId: options.tmdbId,
    year: options.year,
    rootFolderPath: options.rootFolderPath,
    monitored: options.monitored,
    tags: options.tags,
    addOptions: { searchForMovie: options.searchNow },
  };
}

describe("Overseerr's background jobs", () => {
  test("Radarr scan (GET /movie), download tracker (GET /queue?includeEpisode=true), availability sync (GET /movie/{id})", async () => {
    const downloading = await grabbedMovie(GLADIATOR, 3600);
    const unmonitored = await addMovie(BLADE_RUNNER, { monitored: false });

    // RadarrScanner.processRadarrMovie skips unmonitored movies without a file; the rest are read.
    const movies = await read<RadarrMovie[]>(overseerr("/movie"));
    const byId = new Map(movies.map((m) => [m.id, m]));
    expect(byId.get(downloading.id)).toMatchObject({ tmdbId: GLADIATOR, monitored: true, hasFile: false });
    expect(typeof byId.get(downloading.id)?.titleSlug).toBe("string");
    expect(byId.get(unmonitored.id)).toMatchObject({ tmdbId: BLADE_RUNNER, monitored: false, hasFile: false });

    // DownloadTracker.updateRadarrDownloads: records[].movieId, size, sizeleft, status, timeleft, title.
    const queue = await read<{ records: QueueItem[] }>(overseerr("/queue?includeEpisode=true"));
    expect(queue.records).toHaveLength(1);
    const [item] = queue.records;
    expect(item).toMatchObject({ movieId: downloading.id, title: expect.any(String), status: expect.any(String) });
    expect(item.size).toBeGreaterThan(0);
    expect(item.sizeleft).toBeGreaterThan(0);
    expect(item.sizeleft).toBeLessThanOrEqual(item.size);
    expect(item.timeleft).toMatch(/^(\d+\.)?\d{2}:\d{2}:\d{2}$/);
    expect(Number.isNaN(new Date(item.estimatedCompletionTime).getTime())).toBe(false);

    // AvailabilitySync.mediaExistsInRadarr: hasFile of the stored id; a 404 says it is gone.
    expect(await read<RadarrMovie>(overseerr(`/movie/${downloading.id}`))).toMatchObject({ hasFile: false });
    expect((await call("DELETE", `/api/v3/movie/${unmonitored.id}`)).status).toBe(200);
    expect((await send(overseerr(`/movie/${unmonitored.id}`))).status).toBe(404);
  }, 90_000);
});

interface QueueItem {
  movieId: number;
  size: number;
  title: string;
  sizeleft: number;
  timeleft: string;
  estimatedCompletionTime: string;
  status: string;
}
