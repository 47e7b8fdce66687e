import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { addClient, qbittorrentBody, queueRecords, runCommand } from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  call,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
  simFaults,
} from "./helpers";
import { callsWith, hdbits, newznab, SIM, torznab, uniqueKey } from "./indexerHelpers";

interface ReleaseResource {
  guid: string;
  title: string;
  indexerId: number;
  indexer: string;
  protocol: string;
  size: number;
  seeders: number | null;
  leechers: number | null;
  age: number;
  infoHash?: string;
  downloadUrl?: string;
  indexerFlags: string[];
  quality: { quality: { id: number; name: string } } | null;
  customFormats: { id: number; name: string }[];
  customFormatScore: number;
  approved: boolean;
  rejected: boolean;
  rejections: string[];
  rejectionDetails: { reason: string; message: string; type: string; specification: string }[];
  downloadAllowed: boolean;
  rank: number;
  releaseGroup: string;
}

/** Makes the simulator's indexers find exactly `count` releases for a movie (null restores it). */
async function simResults(site: "torznab" | "newznab" | "hdbits", tmdbId: number, count: number | null) {
  const res = await fetch(`${SIM}/${site}/__results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tmdbId, count }),
  });
  expect(res.status).toBeLessThan(300);
}

const params = (query: string) => new URLSearchParams(query);
const torznabFault = simFaults("torznab");

describe("interactive search (GET /api/v3/release)", () => {
  test("every release with its decision, approved first in rank order, secrets sealed out of the links", async () => {
    await addRootFolder();
    const movie = await addMovie(604);
    const key = uniqueKey();
    // Saved untested: the calls read below are the search's alone.
    const indexer = await sendJson<{ id: number }>("POST", "/api/v3/indexer?forceSave=true", torznab(key), 201);
    const releases = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
    expect(releases.length).toBeGreaterThan(5);

    const approved = releases.filter((r) => r.approved);
    const rejected = releases.filter((r) => !r.approved);
    expect(approved.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
    // Approved first, ranks 1..n in order.
    expect(releases.map((r) => r.approved)).toEqual([...approved.map(() => true), ...rejected.map(() => false)]);
    expect(releases.map((r) => r.rank)).toEqual(releases.map((_, i) => i + 1));
    for (const release of approved) expect(release.rejectionDetails).toEqual([]);
    // Radarr's rejections are the messages, one string each.
    for (const release of releases) expect(release.rejections).toEqual(release.rejectionDetails.map((r) => r.message));
    for (const release of rejected) {
      expect(release.rejectionDetails.length).toBeGreaterThan(0);
      expect(release.rejectionDetails[0]).toEqual({
        reason: expect.any(String),
        message: expect.any(String),
        type: expect.stringMatching(/^(permanent|temporary)$/),
        specification: expect.any(String),
      });
    }
    // HD-1080p wants 1080p: a 2160p or 720p result is rejected for its quality.
    expect(rejected.flatMap((r) => r.rejectionDetails.map((j) => j.reason))).toContain("qualityNotWanted");

    const best = approved[0];
    expect(best).toMatchObject({
      indexerId: indexer.id,
      protocol: "torrent",
      downloadAllowed: true,
      seeders: expect.any(Number),
      infoHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      quality: { quality: { name: expect.stringMatching(/1080p/) } },
    });
    expect(best.size).toBeGreaterThan(0);
    // The indexer's API key never leaves the server.
    expect(JSON.stringify(releases)).not.toContain(key);
    expect(best.downloadUrl).toMatch(/apikey=(\{apiKey\}|\[redacted\])/);

    // One search by TMDb id (t=movie&tmdbid=604), after the capabilities.
    const calls = await callsWith("torznab", key);
    expect(calls.map((c) => params(c.query).get("t"))).toEqual(["caps", "movie"]);
    expect(params(calls[1].query).get("tmdbid")).toBe("604");
    expect(params(calls[1].query).get("imdbid")).toBe("0234215");
    expect(params(calls[1].query).get("cat")).toBe("2000,2010,2020,2030,2040,2045,2050,2060");

    // The capabilities are kept: a second search asks for results only.
    await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
    expect((await callsWith("torznab", key)).map((c) => params(c.query).get("t"))).toEqual(["caps", "movie", "movie"]);
  });

  test("results for another movie are rejected as the wrong movie", async () => {
    await addRootFolder();
    const movie = await addMovie(604);
    await sendJson("POST", "/api/v3/indexer", torznab(), 201);
    await simResults("torznab", 604, 200);
    try {
      const releases = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
      const wrong = releases.filter((r) => r.rejectionDetails.some((j) => j.reason === "wrongMovie"));
      expect(wrong.length).toBeGreaterThan(0);
      expect(wrong[0].rejectionDetails.find((j) => j.reason === "wrongMovie")?.message).toMatch(
        /not The Matrix Reloaded/,
      );
    } finally {
      await simResults("torznab", 604, null);
    }
  });

  test("no id results: the search falls back to title and year", async () => {
    await addRootFolder();
    const movie = await addMovie(605);
    const key = uniqueKey();
    // Saved untested: the calls read below are the search's alone.
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznab(key), 201);
    await simResults("torznab", 605, 0);
    try {
      await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
      const calls = (await callsWith("torznab", key)).map((c) => params(c.query));
      expect(calls.map((q) => q.get("t"))).toEqual(["caps", "movie", "movie"]);
      expect(calls[1].get("tmdbid")).toBe("605");
      expect(calls[2].get("tmdbid")).toBeNull();
      expect(calls[2].get("q")).toBe("The Matrix Revolutions 2003");
    } finally {
      await simResults("torznab", 605, null);
    }
  });

  test("1,000 results are read in pages of the indexer's limit and every one is judged", async () => {
    await addRootFolder();
    const movie = await addMovie(1894);
    const key = uniqueKey();
    // Saved untested: the calls read below are the search's alone.
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznab(key), 201);
    await simResults("torznab", 1894, 1000);
    try {
      const releases = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
      expect(releases).toHaveLength(1000);
      expect(new Set(releases.map((r) => r.guid)).size).toBe(1000);
      expect(releases.every((r) => Array.isArray(r.rejections) && typeof r.approved === "boolean")).toBe(true);
      const pages = (await callsWith("torznab", key)).map((c) => params(c.query)).filter((q) => q.get("t") === "movie");
      // The first page's total (1,000) tells how many more there are: those nine are asked for together.
      expect(Number(pages[0].get("offset"))).toBe(0);
      expect(pages.map((q) => Number(q.get("offset"))).sort((a, b) => a - b)).toEqual([
        0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
      ]);
      expect(pages.every((q) => q.get("limit") === "100")).toBe(true);
    } finally {
      await simResults("torznab", 1894, null);
    }
  });

  test("every enabled indexer is searched: Newznab usenet results and HDBits torrents with their flags", async () => {
    await addRootFolder();
    const movie = await addMovie(11);
    await sendJson("POST", "/api/v3/indexer", newznab(), 201);
    const passkey = uniqueKey();
    await sendJson("POST", "/api/v3/indexer", hdbits(passkey), 201);
    await sendJson("POST", "/api/v3/indexer", { ...torznab(), enableInteractiveSearch: false }, 201);
    const releases = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
    const byIndexer = new Set(releases.map((r) => r.indexer.split(" ")[0]));
    expect(byIndexer).toEqual(new Set(["Newznab", "HDBits"]));
    const usenet = releases.find((r) => r.protocol === "usenet");
    expect(usenet).toMatchObject({ seeders: null, leechers: null });
    const hd = releases.filter((r) => r.indexer.startsWith("HDBits"));
    expect(hd.length).toBeGreaterThan(0);
    expect(new Set(hd.map((r) => r.infoHash)).size).toBe(hd.length);
    expect(hd.some((r) => r.indexerFlags.includes("internal"))).toBe(true);
    expect(JSON.stringify(hd)).not.toContain(passkey);
  });

  test("movieId is required and must exist", async () => {
    await expectFieldError(await call("GET", "/api/v3/release"), "movieId");
    expect((await call("GET", "/api/v3/release?movieId=999")).status).toBe(404);
  });
});

describe("grabbing (POST /api/v3/release)", () => {
  test("a release from the interactive search is sent to the download client and queued", async () => {
    await addRootFolder();
    const movie = await addMovie(1895);
    const key = uniqueKey();
    await sendJson("POST", "/api/v3/indexer", torznab(key), 201);
    const releases = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
    const pick = releases.find((r) => r.approved) as ReleaseResource;

    // No client yet: the grab is refused and nothing is queued.
    const refused = await call("POST", "/api/v3/release", { body: { guid: pick.guid, indexerId: pick.indexerId } });
    expect(refused.status).toBe(409);
    expect(await queueRecords()).toEqual([]);

    await addClient(qbittorrentBody());
    const grabbed = await sendJson<ReleaseResource & { queueId: number; downloadId: string }>(
      "POST",
      "/api/v3/release",
      { guid: pick.guid, indexerId: pick.indexerId },
      200,
    );
    expect(grabbed).toMatchObject({ guid: pick.guid, title: pick.title, downloadId: pick.infoHash });
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ id: grabbed.queueId, movieId: movie.id, title: pick.title });
    // The torrent was fetched with the real key (the simulator refuses a sealed one).
    const downloads = (await callsWith("torznab", key)).filter((c) => c.path.startsWith("/download/"));
    expect(downloads.map((c) => c.status)).toEqual([200]);
  });

  test("an unknown guid is a 404 asking for a new search", async () => {
    const res = await call("POST", "/api/v3/release", { body: { guid: "nope", indexerId: 1 } });
    expect(res.status).toBe(404);
    expect((await res.json<{ message: string }>()).message).toMatch(/search again/);
    await expectFieldError(await call("POST", "/api/v3/release", { body: { indexerId: 1 } }), "guid");
  });
});

describe("pushed releases (POST /api/v3/release/push)", () => {
  const push = (body: Record<string, unknown>) => call("POST", "/api/v3/release/push", { body });
  const magnet = (hash: string) => `magnet:?xt=urn:btih:${hash}&dn=x`;

  test("an accepted release for a library movie is grabbed", async () => {
    await addRootFolder();
    const movie = await addMovie(603);
    await addClient(qbittorrentBody());
    const hash = "a".repeat(40);
    const res = await push({
      title: "The.Matrix.1999.1080p.BluRay.x264-PUSHED",
      magnetUrl: magnet(hash),
      protocol: "torrent",
      size: 9_000_000_000,
      seeders: 40,
      indexer: "Autobrr",
      publishDate: clock.nowIso(),
    });
    const [result] = await res.json<(ReleaseResource & { grabbed: boolean; queueId: number })[]>();
    expect(res.status).toBe(200);
    expect(result).toMatchObject({ approved: true, grabbed: true, indexer: "Autobrr", releaseGroup: "PUSHED" });
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ id: result.queueId, movieId: movie.id });
  });

  test("a rejected release is answered with its rejections and not grabbed", async () => {
    await addRootFolder();
    await addMovie(603);
    await addClient(qbittorrentBody());
    const res = await push({
      title: "The.Matrix.1999.CAM.x264-BAD",
      magnetUrl: magnet("b".repeat(40)),
      protocol: "torrent",
      seeders: 10,
    });
    const [result] = await res.json<(ReleaseResource & { grabbed: boolean })[]>();
    expect(result).toMatchObject({ approved: false, grabbed: false });
    expect(result.rejectionDetails.map((r) => r.reason)).toContain("qualityNotWanted");
    expect(await queueRecords()).toEqual([]);
  });

  test("a release for a movie not in the library is rejected as unknown", async () => {
    const res = await push({
      title: "Some.Unknown.Film.2011.1080p.WEB-DL-X",
      downloadUrl: `${SIM}/x.nzb`,
      protocol: "usenet",
    });
    const [result] = await res.json<(ReleaseResource & { grabbed: boolean })[]>();
    expect(result.rejectionDetails).toEqual([expect.objectContaining({ reason: "unknownMovie" })]);
    expect(result.grabbed).toBe(false);
  });

  test("a push without a link or with a bad protocol is a 400 naming the field", async () => {
    await expectFieldError(await push({ title: "The.Matrix.1999.1080p.BluRay-X", protocol: "torrent" }), "downloadUrl");
    await expectFieldError(await push({ title: "X", downloadUrl: `${SIM}/x`, protocol: "ftp" }), "protocol");
    await expectFieldError(await push({ downloadUrl: `${SIM}/x`, protocol: "usenet" }), "title");
  });
});

describe("search commands", () => {
  test("MoviesSearch grabs the best accepted release", async () => {
    await addRootFolder();
    const movie = await addMovie(140607);
    await sendJson("POST", "/api/v3/indexer", torznab(), 201);
    await addClient(qbittorrentBody());
    const command = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const interactive = await getJson<ReleaseResource[]>(`/api/v3/release?movieId=${movie.id}`);
    const [queued] = await queueRecords();
    // The grabbed one was the best; searched again it is now rejected as already queued.
    expect(command.outcome).toMatchObject({ searched: 1, grabbed: 1 });
    expect(queued.title).toBe((command.outcome as { movies: { grabbed: string }[] }).movies[0].grabbed);
    const again = interactive.find((r) => r.title === queued.title) as ReleaseResource;
    expect(again.rejectionDetails.map((r) => r.specification)).toContain("alreadyInQueue");
  });

  test("an indexer timing out in MoviesSearch: the other indexer's best release is grabbed, the failing one backs off", async () => {
    await addRootFolder();
    const movie = await addMovie(68721);
    const slowKey = uniqueKey();
    const slow = await sendJson<{ id: number; name: string }>(
      "POST",
      "/api/v3/indexer",
      torznab(slowKey, { priority: 1 }),
      201,
    );
    const good = await sendJson<{ id: number; name: string }>("POST", "/api/v3/indexer", torznab(), 201);
    await addClient(qbittorrentBody());
    await torznabFault({ match: slowKey, kind: "timeout", ms: 2_000 });

    const started = clock.now();
    const command = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(command.outcome).toMatchObject({ searched: 1, grabbed: 1 });
    const queue = await queueRecords();
    expect(queue.map((q) => [q.movieId, q.indexer])).toEqual([[movie.id, good.name]]);
    const statuses =
      await getJson<{ indexerId: number; lastFailureKind: string; disabledTill: string }[]>("/api/v3/indexerstatus");
    const status = statuses.find((s) => s.indexerId === slow.id);
    expect(status?.lastFailureKind).toBe("connectionTimeout");
    // The first step of the back-off ladder: five minutes.
    const backedOffFor = Date.parse(status?.disabledTill ?? "") - started;
    expect(backedOffFor).toBeGreaterThan(4 * 60_000);
    expect(backedOffFor).toBeLessThan(6 * 60_000);

    // Searched again while backed off: the slow indexer is not called and nothing is grabbed twice.
    const before = (await callsWith("torznab", slowKey)).length;
    const again = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(again.outcome).toMatchObject({ searched: 1, grabbed: 0 });
    expect(await queueRecords()).toHaveLength(1);
    expect((await callsWith("torznab", slowKey)).length).toBe(before);
  });

  test("MissingMoviesSearch searches monitored movies without files; MoviesSearch needs movie ids", async () => {
    await addRootFolder();
    await addMovie(181808);
    await addMovie(181812, { monitored: false });
    await sendJson("POST", "/api/v3/indexer", torznab(), 201);
    await addClient(qbittorrentBody());
    const command = await runCommand("MissingMoviesSearch");
    expect(command.outcome).toMatchObject({ searched: 1, grabbed: 1 });
    expect((await queueRecords()).map((q) => q.title)).toHaveLength(1);
    await expectFieldError(await call("POST", "/api/v3/command", { body: { name: "MoviesSearch" } }), "movieIds");
  });

  test("CutoffUnmetMoviesSearch searches monitored movies whose file is below the profile's cutoff", async () => {
    await addRootFolder();
    const profileId = await qualityProfileId("HD-1080p");
    const profile = await getJson<Record<string, unknown>>(`/api/v3/qualityprofile/${profileId}`);
    await sendJson("PUT", `/api/v3/qualityprofile/${profileId}`, { ...profile, upgradeAllowed: true }, 202);
    const belowCutoff = await addMovie(1893);
    const atCutoff = await addMovie(1894);
    await addMovie(1895); // no file: missing, not cutoff unmet
    const file = (movieId: number, quality: number) =>
      env.DB.prepare(
        `insert into movie_files (movie_id, relative_path, path, size, quality, custom_format_ids, languages, date_added)
         values (?, 'm.mkv', '/movies/m.mkv', 1, ?, '[]', '[]', '2024-01-01T00:00:00Z')`,
      ).bind(movieId, JSON.stringify({ quality, revision: { version: 1, real: 0, isRepack: false } }));
    // WEBDL-1080p is below HD-1080p's Bluray-1080p cutoff; Bluray-1080p meets it.
    await env.DB.batch([file(belowCutoff.id, 3), file(atCutoff.id, 7)]);
    await sendJson("POST", "/api/v3/indexer", torznab(), 201);
    await addClient(qbittorrentBody());
    const command = await runCommand("CutoffUnmetMoviesSearch");
    expect(command.outcome).toMatchObject({ searched: 1 });
    expect((command.outcome as { movies: { movieId: number }[] }).movies.map((m) => m.movieId)).toEqual([
      belowCutoff.id,
    ]);
  });

  test("RssSync grabs for monitored movies found in the feeds and leaves the rest", async () => {
    await addRootFolder();
    await sendJson("POST", "/api/v3/indexer", torznab(), 201);
    await addClient(qbittorrentBody());
    // The RSS feed holds the newest releases (cinema releases of new movies, mostly CAM/TS): a
    // movie with the "Any" profile takes one; another movie is in the library unmonitored.
    const feed = await fetch(`${SIM}/torznab/api?t=movie&apikey=${uniqueKey()}&limit=100`).then((r) => r.text());
    const ids = [...new Set([...feed.matchAll(/name="tmdbid" value="(\d+)"/g)].map((m) => Number(m[1])))];
    const any = await qualityProfileId("Any");
    const wanted = await addMovie(ids[0], { minimumAvailability: "announced", qualityProfileId: any });
    const unmonitored = await addMovie(ids[1], {
      minimumAvailability: "announced",
      qualityProfileId: any,
      monitored: false,
    });
    const command = await runCommand("RssSync");
    const result = command.outcome as {
      releases: number;
      movies: number;
      skipped: number;
      unmatched: number;
      grabbed: { movieId: number }[];
    };
    expect(result.releases).toBeGreaterThan(0);
    expect(result.movies).toBe(1);
    expect(result.skipped).toBeGreaterThan(0);
    expect(result.unmatched).toBeGreaterThan(0);
    expect(result.grabbed.map((g) => g.movieId)).toEqual([wanted.id]);
    expect((await queueRecords()).map((q) => q.movieId)).toEqual([wanted.id]);
    expect(unmonitored.monitored).toBe(false);
  });
});
