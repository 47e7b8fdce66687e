import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import {
  addClient,
  addIndexer,
  allDownloads,
  movieHistory,
  qbittorrentBody,
  queueRecords,
  runCommand,
  SIM,
  sabnzbdBody,
  simClient,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  call,
  getJson,
  type Movie,
  qualityProfileId,
  sendJson,
  waitForReceived,
} from "./helpers";

const MATRIX = 603;

interface Hook {
  body: { eventType: string; message?: string; movie?: { title: string }; isUpgrade?: boolean };
}

/** A webhook on the simulator's receiver for grab, import and upgrade events. */
async function webhook(): Promise<(until: (received: Hook[]) => boolean) => Promise<Hook[]>> {
  const channel = unique("downloads");
  await sendJson(
    "POST",
    "/api/v3/notification",
    {
      name: `Hook ${channel}`,
      implementation: "Webhook",
      fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
      onGrab: true,
      onDownload: true,
      onUpgrade: true,
      onDownloadFailure: true,
      onHealthIssue: false,
    },
    201,
  );
  // Notifications arrive through the notifications queue: what the hook got once `until` holds.
  return (until) => waitForReceived<Hook>(`${SIM}/hooks/${channel}`, until);
}

/** Radarr's {Quality Full}: the quality name, with Proper or REPACK for a second revision. */
function qualityFull(quality: { quality: { name: string }; revision?: { version: number; isRepack: boolean } }) {
  const revision = quality.revision;
  if (!revision || revision.version <= 1) return quality.quality.name;
  return `${quality.quality.name} ${revision.isRepack ? "REPACK" : "Proper"}`;
}

async function monitoredMovie(tmdbId = MATRIX): Promise<Movie> {
  await addRootFolder("/movies");
  return addMovie(tmdbId, { monitored: true });
}

async function movieFile(movieId: number) {
  return env.DB.prepare(
    "select path, relative_path as relativePath, quality, scene_name as sceneName, download_id as downloadId from movie_files where movie_id = ?",
  )
    .bind(movieId)
    .first<{ path: string; relativePath: string; quality: string; sceneName: string; downloadId: string }>();
}

describe("grab → download → import, end to end through the simulator", () => {
  test("qBittorrent: the best release is grabbed, the download completes and is imported with its quality and name", async () => {
    const received = await webhook();
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(0);
    await addIndexer("Torznab");

    const search = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(search.outcome).toMatchObject({ grabbed: 1 });
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({
      movieId: movie.id,
      protocol: "torrent",
      downloadClient: client.name,
      trackedDownloadState: "downloading",
    });
    expect(queued.downloadId).toMatch(/^[0-9a-f]{40}$/);
    // In the client with the category.
    const [inClient] = await qb.downloads();
    expect(inClient.id).toBe(queued.downloadId);

    await runCommand("RefreshMonitoredDownloads");
    expect(await queueRecords()).toEqual([]);
    const [download] = await allDownloads();
    expect(download.state).toBe("imported");

    const updated = await getJson<Movie & { hasFile: boolean }>(`/api/v3/movie/${movie.id}`);
    expect(updated.hasFile).toBe(true);
    const file = await movieFile(movie.id);
    const qualityName = queued.quality.quality.name;
    expect(file?.path).toBe(`/movies/The Matrix (1999)/The Matrix (1999) ${qualityFull(queued.quality)}.mkv`);
    expect(JSON.parse(file?.quality ?? "{}").quality).toBe(queued.quality.quality.id);
    expect(file?.sceneName).toBe(queued.title);
    // The client moved and renamed the file on its disk.
    const onDisk = await qb.files("/movies/The Matrix (1999)");
    expect(onDisk.files.map((f) => f.path)).toContain(file?.path);

    const history = await movieHistory(movie.id);
    expect(history.map((h) => h.eventType).sort()).toEqual(["downloadFolderImported", "grabbed"]);
    const imported = history.find((h) => h.eventType === "downloadFolderImported");
    expect(imported?.quality.quality.name).toBe(qualityName);
    expect(imported?.data.importedPath).toBe(file?.path);
    const grabbed = history.find((h) => h.eventType === "grabbed");
    expect(grabbed?.data.indexer).toMatch(/Torznab/);

    const has = (r: Hook[], eventType: string) => r.some((h) => h.body.eventType === eventType);
    const events = (await received((r) => has(r, "Grab") && has(r, "Download"))).map((h) => h.body.eventType);
    expect(events).toEqual(expect.arrayContaining(["Grab", "Download"]));
  });

  test("SABnzbd: an NZB is grabbed, SABnzbd completes it and the import records its storage path under the movie's name", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(sabnzbdBody());
    const sab = simClient("sabnzbd", client.instance);
    await sab.speed(0);
    const indexerKey = unique("newznab-key");
    await addIndexer("Newznab", indexerKey);

    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ protocol: "usenet", downloadClient: client.name });
    expect(queued.downloadId).toMatch(/^SABnzbd_nzo_/);

    // SABnzbd post-processes (verify, unpack) for a moment after the download.
    let state = "";
    for (let i = 0; i < 40 && state !== "imported"; i++) {
      await runCommand("RefreshMonitoredDownloads");
      [{ state }] = await allDownloads();
      if (state !== "imported") await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(state).toBe("imported");
    const file = await movieFile(movie.id);
    // SABnzbd names the job's folder, not its files: the file is recorded by the movie's name alone.
    expect(file?.path).toBe(`/movies/The Matrix (1999)/The Matrix (1999) ${qualityFull(queued.quality)}`);
    const history = await movieHistory(movie.id);
    const imported = history.find((h) => h.eventType === "downloadFolderImported");
    expect(imported?.quality.quality.id).toBe(queued.quality.quality.id);
    // SABnzbd cannot rename: the import names where SABnzbd keeps the files.
    expect(imported?.data.renamedByClient).toBe("false");
    expect(imported?.data.droppedPath).toMatch(/^\/downloads\/complete\/movies\//);
    expect((await getJson<{ hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(true);
    // The NZB link carries the indexer's key: stored encrypted, never shown.
    expect(JSON.stringify(history)).not.toContain(indexerKey);
    const stored = await env.DB.prepare("select release from downloads").first<{ release: string }>();
    expect(JSON.parse(stored?.release ?? "{}").downloadUrl).toMatch(/^enc:v1:/);
    expect(stored?.release).not.toContain(indexerKey);
  }, 30_000);

  test("Transmission: the session-id handshake, set-location and rename-path import", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(transmissionBody());
    const tr = simClient("transmission", client.instance);
    await tr.speed(0);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const [queued] = await queueRecords();
    expect(queued.downloadClient).toBe(client.name);
    await runCommand("RefreshMonitoredDownloads");
    const [download] = await allDownloads();
    expect(download.state).toBe("imported");
    const file = await movieFile(movie.id);
    expect(file?.path).toMatch(/^\/movies\/The Matrix \(1999\)\/(.+\/)?The Matrix \(1999\) .+\.mkv$/);
    expect((await tr.files("/movies/The Matrix (1999)")).files.map((f) => f.path)).toContain(file?.path);
  });

  test("an upgrade replaces a lower quality: history records it and the old download is deleted from the client", async () => {
    const received = await webhook();
    const movie = await monitoredMovie();
    const profileId = await qualityProfileId();
    const profile = await getJson<Record<string, unknown>>(`/api/v3/qualityprofile/${profileId}`);
    await sendJson("PUT", `/api/v3/qualityprofile/${profileId}`, { ...profile, upgradeAllowed: true }, 202);
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(0);
    const indexer = await addIndexer("Torznab");

    // Interactive search: grab an accepted release below the cutoff (Bluray-1080p): a WEB or HDTV 1080p.
    const releases = await getJson<
      {
        guid: string;
        indexerId: number;
        approved: boolean;
        rank?: number;
        quality: { quality: { id: number; name: string } };
      }[]
    >(`/api/v3/release?movieId=${movie.id}`);
    const accepted = releases.filter((r) => r.approved).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const best = accepted[0];
    const lower = accepted.find((r) => ["WEBDL-1080p", "WEBRip-1080p", "HDTV-1080p"].includes(r.quality.quality.name));
    expect(lower, "an accepted release below the cutoff").toBeDefined();
    await sendJson("POST", "/api/v3/release", { guid: lower?.guid, indexerId: indexer.id, movieId: movie.id }, 200);
    await runCommand("RefreshMonitoredDownloads");
    const first = await movieFile(movie.id);
    expect(JSON.parse(first?.quality ?? "{}").quality).toBe(lower?.quality.quality.id);

    // The automatic search now finds the better release an upgrade.
    const search = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(search.outcome).toMatchObject({ grabbed: 1 });
    await runCommand("RefreshMonitoredDownloads");
    const second = await movieFile(movie.id);
    expect(JSON.parse(second?.quality ?? "{}").quality).toBe(best.quality.quality.id);
    expect(second?.downloadId).not.toBe(first?.downloadId);

    const history = await movieHistory(movie.id);
    const upgraded = history.find((h) => h.eventType === "upgraded");
    expect(upgraded?.fromQuality?.quality.id).toBe(lower?.quality.quality.id);
    expect(upgraded?.quality.quality.id).toBe(best.quality.quality.id);
    // The replaced download is gone from the client, data and all.
    const ids = (await qb.downloads()).map((d) => d.id);
    expect(ids).not.toContain(first?.downloadId);
    expect(ids).toContain(second?.downloadId);
    expect((await qb.files("/movies/The Matrix (1999)")).files.map((f) => f.path)).not.toContain(first?.path);
    // Radarr's webhook: an upgrade is a Download with isUpgrade.
    const isUpgrade = (h: Hook) => h.body.eventType === "Download" && h.body.isUpgrade === true;
    expect((await received((r) => r.some(isUpgrade))).map((h) => h.body)).toEqual(
      expect.arrayContaining([expect.objectContaining({ eventType: "Download", isUpgrade: true })]),
    );
  });

  test("nothing is grabbed twice: a second search while the release is queued grabs nothing", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    await simClient("qbittorrent", client.instance).speed(3600);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const again = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(again.outcome).toMatchObject({ grabbed: 0 });
    expect(await queueRecords()).toHaveLength(1);
    expect(await simClient("qbittorrent", client.instance).downloads()).toHaveLength(1);
  });
});

describe("the queue poll", () => {
  test("150 downloads on one client are read in one list call (by category past 100 ids) and updated in one batch", async () => {
    await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const seeded = await fetch(`${SIM}/qbittorrent/__seed`, {
      method: "POST",
      body: JSON.stringify({ count: 150, instance: client.instance, category: "radarr", secondsToComplete: 3600 }),
    });
    expect(seeded.status).toBe(200);
    const torrents = await simClient("qbittorrent", client.instance).downloads();
    expect(torrents).toHaveLength(150);
    const quality = JSON.stringify({ quality: 7, revision: { version: 1, real: 0, isRepack: false } });
    await env.DB.batch(
      torrents.map((t) =>
        env.DB.prepare(
          `insert into downloads (movie_id, download_client_id, download_id, title, indexer, protocol, quality, custom_format_ids, languages, size, sizeleft, status, tracked_download_state, status_messages, release, source, grabbed_at)
           values (1, ?, ?, ?, 'Seeded', 'torrent', ?, '[]', '[]', 0, 0, 'queued', 'downloading', '[]', ?, 'automatic', ?)`,
        ).bind(client.id, t.id, t.name, quality, JSON.stringify({ title: t.name, infoHash: t.id }), clock.nowIso()),
      ),
    );
    const poll = await runCommand("RefreshMonitoredDownloads");
    expect(poll.outcome).toMatchObject({ clients: 1, checked: 150, removed: 0, failed: 0 });
    const records = await queueRecords();
    expect(records).toHaveLength(100);
    expect(records.every((r) => r.size > 0)).toBe(true);
    expect((await getJson<{ totalCount: number }>("/api/v3/queue/status")).totalCount).toBe(150);
  });
});

describe("/api/v3/queue", () => {
  test("pages and sorts, with status counts; removing with blocklist blocks the release and grabs the next", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(3600);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");

    const page = await getJson<{
      totalRecords: number;
      sortKey: string;
      records: { id: number; movie?: { title: string } }[];
    }>("/api/v3/queue?page=1&pageSize=10&sortKey=progress&sortDirection=descending&includeMovie=true");
    expect(page).toMatchObject({ totalRecords: 1, sortKey: "progress" });
    expect(page.records[0].movie?.title).toBe("The Matrix");
    const status = await getJson<{ totalCount: number; errors: boolean }>("/api/v3/queue/status");
    expect(status).toMatchObject({ totalCount: 1, errors: false });
    expect((await call("GET", "/api/v3/queue?sortKey=nonsense")).status).toBe(400);

    const [first] = await queueRecords();
    expect((await call("DELETE", `/api/v3/queue/${first.id}?removeFromClient=true&blocklist=true`)).status).toBe(200);
    const blocklist = await getJson<{ records: { sourceTitle: string; reason: string; infoHash?: string }[] }>(
      "/api/v3/blocklist",
    );
    expect(blocklist.records).toEqual([
      expect.objectContaining({ sourceTitle: first.title, reason: "manual", infoHash: first.downloadId }),
    ]);
    // Gone from the client; the next-best release took its place.
    const remaining = await queueRecords();
    expect(remaining).toHaveLength(1);
    expect(remaining[0].title).not.toBe(first.title);
    expect((await qb.downloads()).map((d) => d.id)).toEqual([remaining[0].downloadId]);
    expect((await movieHistory(movie.id)).map((h) => h.eventType)).toContain("downloadFailed");

    // Bulk removal without blocklist: out of the queue and the client, nothing grabbed instead.
    const res = await call("DELETE", "/api/v3/queue/bulk?blocklist=false", { body: { ids: [remaining[0].id] } });
    expect(res.status).toBe(200);
    expect(await queueRecords()).toEqual([]);
    expect(await qb.downloads()).toEqual([]);
    expect((await call("DELETE", `/api/v3/queue/${remaining[0].id}`)).status).toBe(404);
  });
});
