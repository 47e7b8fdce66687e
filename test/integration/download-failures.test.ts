import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import {
  addClient,
  addIndexer,
  allDownloads,
  deliver,
  movieHistory,
  qbittorrentBody,
  queueRecords,
  runCommand,
  SIM,
  sabnzbdBody,
  secondsUntil,
  simClient,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, getJson, type Movie, sendJson, waitForReceived } from "./helpers";

/**
 * Fault injection, one failure each: the right failure kind on the queue item, a blocklist entry
 * where the kind says, the retry on the policy's schedule (nextRetryAt and the queue message's
 * delay), the next-best release grabbed, and nothing grabbed twice.
 */

interface BlocklistRecord {
  id: number;
  sourceTitle: string;
  reason: string;
  infoHash?: string;
  blockedUntil?: string;
  retryCount: number;
}

const blocklist = async () =>
  (await getJson<{ records: BlocklistRecord[]; totalRecords: number }>("/api/v3/blocklist?pageSize=100")).records;

async function monitoredMovie(root = "/movies"): Promise<Movie> {
  await addRootFolder(root);
  return addMovie(603, { monitored: true, rootFolderPath: root });
}

/** Polls until the first queue item carries a failure kind (a fault strikes once the download starts). */
async function pollUntilFailing() {
  for (let i = 0; i < 40; i++) {
    await runCommand("RefreshMonitoredDownloads");
    const [row] = await allDownloads();
    if (row?.failureKind) return row;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error("the download never reported the fault");
}

async function failureWebhook() {
  const channel = unique("failures");
  await sendJson(
    "POST",
    "/api/v3/notification",
    {
      name: `Failures ${channel}`,
      implementation: "Webhook",
      fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
      onDownloadFailure: true,
    },
    201,
  );
  // Notifications arrive through the notifications queue: what the hook got once a failure of `kind` is there.
  return (kind: string) =>
    waitForReceived<{ body: { eventType: string; failureKind?: string } }>(`${SIM}/hooks/${channel}`, (r) =>
      r.some((h) => h.body.failureKind === kind),
    );
}

describe("download failures", () => {
  test("a stalled download is re-announced on the policy's schedule, then blocklisted and replaced by the next-best release", async () => {
    const received = await failureWebhook();
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(600);
    await qb.fault("stall", { times: 1 });
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });

    const stalled = await pollUntilFailing();
    expect(stalled).toMatchObject({ failureKind: "downloadStalled", retryCount: 1, state: "downloading" });
    // downloadStalled: first check 600 s after the first re-announce.
    expect(secondsUntil(stalled.nextRetryAt)).toBeGreaterThan(590);
    expect(secondsUntil(stalled.nextRetryAt)).toBeLessThanOrEqual(600);
    const [record] = await queueRecords();
    expect(record).toMatchObject({ trackedDownloadStatus: "warning", failureKind: "downloadStalled" });
    expect(await blocklist()).toEqual([]);

    // The check comes due: still stalled, so the second retry, 1,200 s later (backoff 2).
    const second = await deliver({ action: "recheck", queueId: stalled.id });
    expect(second.retryMessages.map((m) => m.msgId)).toEqual(["msg"]);
    const [afterSecond] = await allDownloads();
    expect(afterSecond.retryCount).toBe(2);
    expect(secondsUntil(afterSecond.nextRetryAt)).toBeGreaterThan(1190);
    expect(secondsUntil(afterSecond.nextRetryAt)).toBeLessThanOrEqual(1200);

    // The last check: still stalled after both retries — failed, blocklisted, the next-best grabbed.
    const last = await deliver({ action: "recheck", queueId: stalled.id }, 2);
    expect(last.explicitAcks).toEqual(["msg"]);
    const rows = await allDownloads();
    expect(rows[0]).toMatchObject({ state: "failed", failureKind: "downloadStalled" });
    const [entry] = await blocklist();
    expect(entry).toMatchObject({
      sourceTitle: rows[0].title,
      reason: "downloadStalled",
      infoHash: rows[0].downloadId,
      retryCount: 2,
    });
    // A stalled release may get seeders again: blocked for a week.
    expect(secondsUntil(entry.blockedUntil) / 86_400).toBeCloseTo(7, 1);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ state: "downloading" });
    expect(rows[1].title).not.toBe(rows[0].title);
    // The stalled torrent left the client with its data; only the replacement is there.
    expect((await qb.downloads()).map((d) => d.id)).toEqual([rows[1].downloadId]);
    const history = await movieHistory(movie.id);
    expect(history.filter((h) => h.eventType === "grabbed")).toHaveLength(2);
    expect(history.find((h) => h.eventType === "downloadFailed")?.data.reason).toBe("downloadStalled");
    expect((await received("downloadStalled")).map((h) => h.body.failureKind)).toContain("downloadStalled");

    // Nothing grabbed twice: another search keeps the replacement and never takes the blocklisted one.
    const again = await runCommand("MoviesSearch", { movieIds: [movie.id] });
    expect(again.outcome).toMatchObject({ grabbed: 0 });
    expect(await allDownloads()).toHaveLength(2);
  });

  test("a corrupt download (hash mismatch) is re-checked once, then blocklisted and replaced", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(transmissionBody());
    const tr = simClient("transmission", client.instance);
    await tr.speed(0);
    await tr.fault("hashMismatch", { times: 1 });
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });

    const corrupt = await pollUntilFailing();
    expect(corrupt).toMatchObject({ failureKind: "hashMismatch", retryCount: 1 });
    // hashMismatch: one re-check, looked at again after 60 s.
    expect(secondsUntil(corrupt.nextRetryAt)).toBeGreaterThan(50);
    expect(secondsUntil(corrupt.nextRetryAt)).toBeLessThanOrEqual(60);
    expect((await queueRecords())[0].statusMessages[0].messages[0]).toMatch(/Piece #\d+ is corrupt/);

    const result = await deliver({ action: "recheck", queueId: corrupt.id });
    expect(result.explicitAcks).toEqual(["msg"]);
    const rows = await allDownloads();
    expect(rows[0]).toMatchObject({ state: "failed", failureKind: "hashMismatch" });
    expect(await blocklist()).toEqual([
      expect.objectContaining({ reason: "hashMismatch", infoHash: rows[0].downloadId }),
    ]);
    expect(rows[1]?.state).toBe("downloading");
    expect(rows[1].downloadId).not.toBe(rows[0].downloadId);
    // The movie has no file from the corrupt download.
    expect((await getJson<{ hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(false);
  });

  test("SABnzbd's failed repair is a hash mismatch: blocklisted by title and indexer, the next-best NZB grabbed", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(sabnzbdBody());
    const sab = simClient("sabnzbd", client.instance);
    await sab.speed(0);
    // SABnzbd's retry queues the job again: the fault strikes the retried download too.
    await sab.fault("hashMismatch", { times: 2 });
    await addIndexer("Newznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const [grabbed] = await allDownloads();
    const failed = await pollUntilFailing();
    expect(failed.failureKind).toBe("hashMismatch");
    // The retry is a new SABnzbd job; the queue item follows its nzo_id.
    expect(failed.downloadId).toMatch(/^SABnzbd_nzo_/);
    expect(failed.downloadId).not.toBe(grabbed.downloadId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deliver({ action: "recheck", queueId: failed.id });
    const rows = await allDownloads();
    expect(rows[0].state).toBe("failed");
    const [entry] = await blocklist();
    expect(entry).toMatchObject({ reason: "hashMismatch", sourceTitle: rows[0].title });
    expect(entry.infoHash).toBeUndefined();
    expect(rows[1]?.title).not.toBe(rows[0].title);
  });

  test("disk full is ours: no blocklist, retried on the policy's schedule, then dead-lettered, recorded and in health", async () => {
    const received = await failureWebhook();
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(600);
    await qb.fault("diskFull", { times: 1 });
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });

    const full = await pollUntilFailing();
    expect(full).toMatchObject({ failureKind: "diskFull", retryCount: 1 });
    // diskFull: 1,800 s, then 3,600 s; two retries.
    expect(secondsUntil(full.nextRetryAt)).toBeGreaterThan(1790);
    expect(secondsUntil(full.nextRetryAt)).toBeLessThanOrEqual(1800);
    const second = await deliver({ action: "recheck", queueId: full.id });
    expect(second.retryMessages.map((m) => m.msgId)).toEqual(["msg"]);
    const [afterSecond] = await allDownloads();
    expect(afterSecond.retryCount).toBe(2);
    expect(secondsUntil(afterSecond.nextRetryAt)).toBeGreaterThan(3590);
    expect(secondsUntil(afterSecond.nextRetryAt)).toBeLessThanOrEqual(3600);
    const exhausted = await deliver({ action: "recheck", queueId: full.id }, 2);
    expect(exhausted.explicitAcks).toEqual(["msg"]);
    expect((await allDownloads())[0]).toMatchObject({ state: "failedPending", failureKind: "diskFull" });

    // The dead-letter consumer records what finally failed.
    const dead = await deliver({ action: "recheck", queueId: full.id }, 1, "radarr-edge-downloads-dlq");
    expect(dead.explicitAcks).toEqual(["msg"]);
    const rows = await allDownloads();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "failed", failureKind: "diskFull" });
    expect(await blocklist()).toEqual([]);
    const history = await movieHistory(movie.id);
    expect(history.find((h) => h.eventType === "downloadFailed")?.data).toMatchObject({
      reason: "diskFull",
      deadLettered: "true",
    });
    const health = await getJson<{ source: string; message: string }[]>("/api/v3/health");
    expect(health.find((h) => h.source === "DownloadFailureCheck")?.message).toMatch(/diskFull/);
    expect((await received("diskFull")).map((h) => h.body.failureKind)).toContain("diskFull");
    // Recording twice changes nothing.
    await deliver({ action: "recheck", queueId: full.id }, 1, "radarr-edge-downloads-dlq");
    expect((await movieHistory(movie.id)).filter((h) => h.eventType === "downloadFailed")).toHaveLength(1);
  });

  test("permission denied on import (a read-only root folder) retries the import on the policy's schedule", async () => {
    const movie = await monitoredMovie("/readonly/movies");
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(0);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const denied = await pollUntilFailing();
    expect(denied).toMatchObject({ failureKind: "permissionDenied", state: "importPending", retryCount: 1 });
    expect(secondsUntil(denied.nextRetryAt)).toBeGreaterThan(590);
    expect(secondsUntil(denied.nextRetryAt)).toBeLessThanOrEqual(600);
    expect(await blocklist()).toEqual([]);
    const retry = await deliver({ action: "import", queueId: denied.id });
    expect(retry.retryMessages.map((m) => m.msgId)).toEqual(["msg"]);
    expect(secondsUntil((await allDownloads())[0].nextRetryAt)).toBeGreaterThan(1190);
    // The polls leave a scheduled retry to the queue.
    await runCommand("RefreshMonitoredDownloads");
    expect((await allDownloads())[0].retryCount).toBe(2);
    // Fixed meanwhile: the movie moves to a writable root folder and the next retry imports.
    await addRootFolder("/movies");
    await sendJson(
      "PUT",
      "/api/v3/movie/editor",
      { movieIds: [movie.id], rootFolderPath: "/movies", moveFiles: false },
      202,
    );
    const done = await deliver({ action: "import", queueId: denied.id }, 2);
    expect(done.explicitAcks).toEqual(["msg"]);
    expect((await allDownloads())[0].state).toBe("imported");
    expect((await getJson<{ hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(true);
  });

  test("a 429 from the client on an automatic grab waits for Retry-After on the queue; the retry sends it once", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(sabnzbdBody());
    const sab = simClient("sabnzbd", client.instance);
    await sab.speed(3600);
    await addIndexer("Newznab");
    const fault = await fetch(`${SIM}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({
        service: "sabnzbd",
        match: `apikey=${client.instance}&output`,
        kind: "rateLimit",
        retryAfter: 300,
        times: 1,
      }),
    });
    expect(fault.status).toBe(201);
    await runCommand("MoviesSearch", { movieIds: [movie.id] });

    const [held] = await queueRecords();
    expect(held).toMatchObject({
      status: "downloadClientUnavailable",
      trackedDownloadState: "grabPending",
      failureKind: "rateLimited",
      retryCount: 1,
    });
    expect(held.downloadId).toBeUndefined();
    // rateLimited waits 120 s by policy, but SABnzbd asked for 300.
    expect(secondsUntil(held.nextRetryAt)).toBeGreaterThan(290);
    expect(secondsUntil(held.nextRetryAt)).toBeLessThanOrEqual(300);
    expect(await sab.downloads()).toEqual([]);
    // Held releases count as queued: a second search grabs nothing else.
    expect((await runCommand("MoviesSearch", { movieIds: [movie.id] })).outcome).toMatchObject({ grabbed: 0 });

    const sent = await deliver({ action: "grab", queueId: held.id });
    expect(sent.explicitAcks).toEqual(["msg"]);
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ id: held.id, trackedDownloadState: "downloading", status: "queued" });
    expect(queued.failureKind).toBeUndefined();
    expect(queued.downloadId).toMatch(/^SABnzbd_nzo_/);
    expect((await sab.downloads()).map((d) => d.id)).toEqual([queued.downloadId]);
    // Delivered again (a duplicate delivery): nothing is sent twice.
    await deliver({ action: "grab", queueId: held.id });
    expect(await sab.downloads()).toHaveLength(1);
    expect((await movieHistory(movie.id)).filter((h) => h.eventType === "grabbed")).toHaveLength(1);
  });
});

describe("/api/v3/blocklist, /api/v3/failures and /metrics", () => {
  test("failures list kinds with counts; the blocklist unblocks one or many; expired entries go by cron", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    await simClient("qbittorrent", client.instance).speed(3600);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const [first] = await queueRecords();
    await call("DELETE", `/api/v3/queue/${first.id}?blocklist=true`);
    const [second] = await queueRecords();
    await call("DELETE", `/api/v3/queue/${second.id}?blocklist=true&skipRedownload=true`);
    expect(await queueRecords()).toEqual([]);

    const page = await getJson<{ totalRecords: number; sortDirection: string; records: BlocklistRecord[] }>(
      `/api/v3/blocklist?movieIds=${movie.id}&sortKey=date`,
    );
    expect(page).toMatchObject({ totalRecords: 2, sortDirection: "descending" });
    expect(page.records.map((r) => r.sourceTitle)).toEqual([second.title, first.title]);
    expect((await call("GET", "/api/v3/blocklist?movieIds=abc")).status).toBe(400);

    expect((await call("DELETE", `/api/v3/blocklist/${page.records[0].id}`)).status).toBe(200);
    expect((await call("DELETE", `/api/v3/blocklist/${page.records[0].id}`)).status).toBe(404);
    expect((await call("DELETE", "/api/v3/blocklist/bulk", { body: { ids: [] } })).status).toBe(400);
    expect((await call("DELETE", "/api/v3/blocklist/bulk", { body: { ids: [page.records[1].id] } })).status).toBe(200);
    expect(await blocklist()).toEqual([]);

    // An entry whose block ran out is removed by the cron's ExpireBlocklist.
    await env.DB.prepare(
      "insert into blocklist (movie_id, source_title, protocol, quality, custom_format_ids, languages, reason, date, blocked_until) values (?, 'Old.Release.1999.1080p-GRP', 'torrent', '{\"quality\":7,\"revision\":{\"version\":1,\"real\":0,\"isRepack\":false}}', '[]', '[]', 'downloadStalled', ?, ?)",
    )
      .bind(
        movie.id,
        new Date(clock.now() - 8 * 86_400_000).toISOString(),
        new Date(clock.now() - 86_400_000).toISOString(),
      )
      .run();
    expect(await blocklist()).toHaveLength(1);
    await runCommand("ExpireBlocklist");
    expect(await blocklist()).toEqual([]);
  });

  test("GET /failures shows recent failures; /metrics counts them per kind", async () => {
    const movie = await monitoredMovie();
    const client = await addClient(qbittorrentBody());
    const qb = simClient("qbittorrent", client.instance);
    await qb.speed(0);
    await qb.fault("hashMismatch", { times: 1 });
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const failing = await pollUntilFailing();
    const failures = await getJson<{
      totalRecords: number;
      counts: Record<string, number>;
      records: {
        id: number;
        failureKind: string;
        owner: string;
        state: string;
        movieTitle: string;
        maxRetries: number;
      }[];
    }>("/api/v3/failures");
    expect(failures.counts).toEqual({ hashMismatch: 1 });
    expect(failures.records[0]).toMatchObject({
      id: failing.id,
      failureKind: "hashMismatch",
      owner: "release",
      state: "retrying",
      movieTitle: "The Matrix",
      maxRetries: 1,
    });
    expect((await call("GET", "/api/v3/failures?kind=bogus")).status).toBe(400);
    const metrics = await (await call("GET", "/metrics")).text();
    expect(metrics).toContain('radarr_download_failures{kind="hashMismatch",state="retrying"} 1');
  });
});
