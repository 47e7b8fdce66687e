import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { addClient, addIndexer, qbittorrentBody, queueRecords, runCommand, simClient } from "../downloads-helpers";
import { APP, addMovie, addRootFolder, type Movie } from "../helpers";

/**
 * What the client replays share: a request sent exactly as a client sends it (its path with its
 * casing and slashes, its query, its headers, its body) and the library states the clients read
 * (a movie with a file, a movie downloading).
 */

export interface Sent {
  /** The path and query exactly as the client builds them (the API key added per `key`). */
  path: string;
  method?: string;
  /**
   * Where the client puts the API key: the X-Api-Key header, the `apikey` query parameter after the
   * call's own parameters ("query") or before them ("query-first", axios instance params), or
   * nowhere but in `headers` ("none").
   */
  key: "header" | "query" | "query-first" | "none";
  headers?: Record<string, string>;
  /** The body as the client serialises it (a string is sent as is). */
  body?: unknown;
}

/** Sends one request as the client does and returns the response. */
export function send({ path, method = "GET", key, headers = {}, body }: Sent): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  let url = path;
  if (key === "header") all["X-Api-Key"] = env.API_KEY;
  else if (key !== "none") {
    const [route, query] = path.split("?");
    const apikey = `apikey=${encodeURIComponent(env.API_KEY)}`;
    const parameters = key === "query" ? [query, apikey] : [apikey, query];
    url = `${route}?${parameters.filter(Boolean).join("&")}`;
  }
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return exports.default.fetch(`${APP}${url}`, { method, headers: all, body: text });
}

/** Sends as the client does and reads the JSON it reads, failing the test unless the status is `status`. */
export async function read<T>(sent: Sent, status = 200): Promise<T> {
  const res = await send(sent);
  const text = await res.text();
  expect(res.status, `${sent.method ?? "GET"} ${sent.path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

/**
 * A simulated qBittorrent and Torznab indexer to grab with (root folder /movies must exist): `grab`
 * searches a library movie and polls the client once, so a download that completes in 0 s is
 * imported (hasFile) and a longer one is in the queue.
 */
export async function downloader() {
  const client = await addClient(qbittorrentBody());
  const qb = simClient("qbittorrent", client.instance);
  await addIndexer("Torznab");
  return {
    client,
    async grab(movieId: number, secondsToComplete: number): Promise<void> {
      await qb.speed(secondsToComplete);
      expect((await runCommand("MoviesSearch", { movieIds: [movieId] })).outcome).toMatchObject({ grabbed: 1 });
      await runCommand("RefreshMonitoredDownloads");
      if (secondsToComplete > 0) await untilDownloading(movieId);
    },
  };
}

/** Polls the client until the movie's download has started (the simulator starts one within 2 s). */
async function untilDownloading(movieId: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const item = (await queueRecords()).find((r) => r.movieId === movieId);
    if (item?.trackedDownloadState === "downloading" && item.sizeleft < item.size) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runCommand("RefreshMonitoredDownloads");
  }
  throw new Error(`the download of movie ${movieId} did not start`);
}

/** A monitored library movie grabbed through a fresh downloader (and the /movies root folder). */
export async function grabbedMovie(tmdbId: number, secondsToComplete: number): Promise<Movie> {
  await addRootFolder();
  const movie = await addMovie(tmdbId, { monitored: true });
  await (await downloader()).grab(movie.id, secondsToComplete);
  return movie;
}

/** .NET's System.Version parse (what Recyclarr and Prowlarr read `version` with): 2 to 4 numeric parts. */
export function dotNetVersion(version: string): number[] {
  expect(version, "a .NET Version string").toMatch(/^\d+\.\d+(\.\d+){0,2}$/);
  return version.split(".").map(Number);
}

/** Compares two parsed versions as .NET's Version.CompareTo does (missing parts are lower). */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
