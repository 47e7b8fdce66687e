import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { addClient, qbittorrentBody, queueRecords, runCommand, SIM } from "./downloads-helpers";
import {
  addMovie,
  addRootFolder,
  addTag,
  call,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
} from "./helpers";
import { torznab, uniqueKey } from "./indexerHelpers";

/**
 * Delay profiles hold automatic grabs back as pending releases (shown in the queue with status
 * "delay", grabbed by a later RSS sync or at once by /queue/grab), release profiles reject
 * releases in decisions, and a grab can be marked failed from history.
 */

interface DelayProfile {
  id: number;
  order: number;
  tags: number[];
  usenetDelay: number;
  torrentDelay: number;
  enableUsenet: boolean;
  enableTorrent: boolean;
  preferredProtocol: string;
}

interface Decision {
  title: string;
  approved: boolean;
  rejections: string[];
  protocol: string;
}

const DELAY = { enableUsenet: true, enableTorrent: true, preferredProtocol: "usenet", usenetDelay: 0 };

async function delayProfile(tags: number[], torrentDelay: number, extra: Record<string, unknown> = {}) {
  return sendJson<DelayProfile>("POST", "/api/v3/delayprofile", { ...DELAY, torrentDelay, tags, ...extra }, 201);
}

/** A monitored movie (Any profile, tagged) that is in the simulator's RSS feed, with a torrent indexer and client. */
async function rssMovie(tagIds: number[]) {
  await addRootFolder();
  const indexer = await sendJson<{ id: number }>("POST", "/api/v3/indexer", torznab(), 201);
  await addClient(qbittorrentBody());
  const feed = await fetch(`${SIM}/torznab/api?t=movie&apikey=${uniqueKey()}&limit=100`).then((r) => r.text());
  const [tmdbId] = [...new Set([...feed.matchAll(/name="tmdbid" value="(\d+)"/g)].map((m) => Number(m[1])))];
  const movie = await addMovie(tmdbId, {
    minimumAvailability: "announced",
    qualityProfileId: await qualityProfileId("Any"),
    tags: tagIds,
  });
  return { movie, indexerId: indexer.id };
}

describe("delay profiles", () => {
  test("the default profile exists, applies to every movie and cannot be deleted", async () => {
    const [only] = await getJson<DelayProfile[]>("/api/v3/delayprofile");
    expect(only).toMatchObject({ id: 1, order: 2147483647, tags: [], usenetDelay: 0, torrentDelay: 0 });
    const res = await call("DELETE", "/api/v3/delayprofile/1");
    expect(res.status).toBe(400);
    await expectFieldError(
      await call("PUT", "/api/v3/delayprofile/1", { body: { ...only, tags: [(await addTag("x")).id] } }),
      "body.tags",
    );
  });

  test("tagged profiles need tags of their own, are ordered before the default and reorder", async () => {
    await expectFieldError(await call("POST", "/api/v3/delayprofile", { body: { ...DELAY, tags: [] } }), "body.tags");
    const [a, b, c] = [await addTag("a"), await addTag("b"), await addTag("c")];
    const first = await delayProfile([a.id], 10);
    await expectFieldError(
      await call("POST", "/api/v3/delayprofile", { body: { ...DELAY, tags: [a.id] } }),
      "body.tags",
    );
    await expectFieldError(
      await call("POST", "/api/v3/delayprofile", {
        body: { ...DELAY, enableUsenet: false, enableTorrent: false, tags: [b.id] },
      }),
      "body.enableUsenet",
    );
    const second = await delayProfile([b.id], 20);
    const third = await delayProfile([c.id], 30);
    const ids = async () => (await getJson<DelayProfile[]>("/api/v3/delayprofile")).map((p) => p.id);
    expect(await ids()).toEqual([first.id, second.id, third.id, 1]);
    await sendJson("PUT", `/api/v3/delayprofile/reorder/${third.id}`, undefined, 200);
    expect(await ids()).toEqual([third.id, first.id, second.id, 1]);
    const reordered = await sendJson<DelayProfile[]>(
      "PUT",
      `/api/v3/delayprofile/reorder/${third.id}?after=${second.id}`,
      undefined,
      200,
    );
    expect(reordered.map((p) => p.id)).toEqual([first.id, second.id, third.id, 1]);
    expect(reordered.map((p) => p.order)).toEqual([1, 2, 3, 2147483647]);
    await sendJson("DELETE", `/api/v3/delayprofile/${first.id}`, undefined, 200);
    expect((await getJson<DelayProfile[]>("/api/v3/delayprofile")).map((p) => [p.id, p.order])).toEqual([
      [second.id, 1],
      [third.id, 2],
      [1, 2147483647],
    ]);
    const updated = await sendJson<DelayProfile>(
      "PUT",
      `/api/v3/delayprofile/${second.id}`,
      { ...second, torrentDelay: 45 },
      202,
    );
    expect(updated).toMatchObject({ id: second.id, torrentDelay: 45, order: 1 });
    expect((await call("GET", "/api/v3/delayprofile/999")).status).toBe(404);
  });

  test("RSS sync holds a delayed torrent as a pending release, shown in the queue; a later sync grabs it", async () => {
    const tag = await addTag("delayed");
    const { movie, indexerId } = await rssMovie([tag.id]);
    const profile = await delayProfile([tag.id], 60 * 24 * 365);
    const held = await runCommand("RssSync");
    expect((held.outcome as { grabbed: unknown[] }).grabbed).toEqual([]);

    const [pending] = await queueRecords();
    expect(pending).toMatchObject({ movieId: movie.id, status: "delay", protocol: "torrent", progress: 0 });
    const details = await getJson<(typeof pending & { estimatedCompletionTime: string })[]>(
      `/api/v3/queue/details?movieId=${movie.id}`,
    );
    expect(details.map((d) => d.id)).toEqual([pending.id]);
    expect(Date.parse(details[0].estimatedCompletionTime)).toBeGreaterThan(clock.now());
    expect((await getJson<{ totalCount: number }>("/api/v3/queue/status")).totalCount).toBe(1);
    const stored = await env.DB.prepare("select count(*) as n from pending_releases").first<{ n: number }>();
    expect(stored?.n).toBeGreaterThan(0);

    // The delay ends (1 minute, the releases are older) and the feed has nothing new: the next
    // sync grabs the best pending release.
    await sendJson("PUT", `/api/v3/delayprofile/${profile.id}`, { ...profile, torrentDelay: 1 }, 202);
    const indexer = await getJson<Record<string, unknown>>(`/api/v3/indexer/${indexerId}`);
    await sendJson("PUT", `/api/v3/indexer/${indexerId}?forceSave=true`, { ...indexer, enableRss: false }, 202);
    const grabbed = await runCommand("RssSync");
    expect((grabbed.outcome as { pending: { grabbed: { movieId: number }[] } }).pending.grabbed).toEqual([
      { movieId: movie.id, release: pending.title },
    ]);
    const queue = await queueRecords();
    expect(queue.map((q) => [q.movieId, q.title, q.status === "delay"])).toEqual([[movie.id, pending.title, false]]);
    const left = await env.DB.prepare("select count(*) as n from pending_releases").first<{ n: number }>();
    expect(left?.n).toBe(0);
  }, 120_000);

  test("a pending release can be grabbed at once", async () => {
    const tag = await addTag("waiting");
    const { movie } = await rssMovie([tag.id]);
    await delayProfile([tag.id], 60 * 24 * 365);
    await runCommand("RssSync");
    const [pending] = await queueRecords();
    expect(pending.status).toBe("delay");
    expect((await call("POST", "/api/v3/queue/grab/12345")).status).toBe(404);
    await sendJson("POST", `/api/v3/queue/grab/${pending.id}`, undefined, 200);
    const queue = await queueRecords();
    expect(queue.map((q) => [q.movieId, q.title, q.status === "delay"])).toEqual([[movie.id, pending.title, false]]);
    expect(await getJson(`/api/v3/queue/details?movieId=${movie.id}`)).toHaveLength(1);
  }, 120_000);

  test("removing a pending release with blocklist=true blocklists it", async () => {
    const tag = await addTag("removed");
    const { movie } = await rssMovie([tag.id]);
    await delayProfile([tag.id], 60 * 24 * 365);
    await runCommand("RssSync");
    const [pending] = await queueRecords();
    expect(pending.status).toBe("delay");
    await sendJson("DELETE", `/api/v3/queue/${pending.id}?blocklist=true`, undefined, 200);
    expect(await queueRecords()).toEqual([]);
    const blocklist = await getJson<{ records: { sourceTitle: string; movieId: number }[] }>("/api/v3/blocklist");
    expect(blocklist.records.map((b) => [b.movieId, b.sourceTitle])).toEqual([[movie.id, pending.title]]);
    expect((await call("DELETE", `/api/v3/queue/${pending.id}`)).status).toBe(404);
  }, 120_000);

  test("a profile that disables a protocol rejects its releases", async () => {
    const tag = await addTag("usenet-only");
    const { movie } = await rssMovie([tag.id]);
    await delayProfile([tag.id], 0, { enableTorrent: false });
    const decisions = await getJson<Decision[]>(`/api/v3/release?movieId=${movie.id}`);
    const torrents = decisions.filter((d) => d.protocol === "torrent");
    expect(torrents.length).toBeGreaterThan(0);
    for (const d of torrents) {
      expect(d.approved).toBe(false);
      expect(d.rejections).toContain("Torrent is not enabled for this movie");
    }
  }, 120_000);
});

describe("release profiles", () => {
  test("are validated, stored and read back (terms as a list or a comma-separated string)", async () => {
    await expectFieldError(
      await call("POST", "/api/v3/releaseprofile", { body: { name: "empty", required: [], ignored: [] } }),
      "body.required",
    );
    await expectFieldError(
      await call("POST", "/api/v3/releaseprofile", { body: { required: ["/x264/q"] } }),
      "body.required",
    );
    await expectFieldError(
      await call("POST", "/api/v3/releaseprofile", { body: { required: ["x"], indexerId: 999 } }),
      "body.indexerId",
    );
    const created = await sendJson<{ id: number; required: string[]; ignored: string[]; enabled: boolean }>(
      "POST",
      "/api/v3/releaseprofile",
      { name: "HQ", required: "x264, /\\bHEVC\\b/i", ignored: ["CAM"], tags: [] },
      201,
    );
    expect(created).toMatchObject({
      required: ["x264", "/\\bHEVC\\b/i"],
      ignored: ["CAM"],
      enabled: true,
      indexerId: 0,
    });
    const updated = await sendJson("PUT", `/api/v3/releaseprofile/${created.id}`, { ...created, enabled: false }, 202);
    expect(updated).toMatchObject({ id: created.id, enabled: false });
    expect(await getJson(`/api/v3/releaseprofile/${created.id}`)).toEqual(updated);
    await sendJson("DELETE", `/api/v3/releaseprofile/${created.id}`, undefined, 200);
    expect(await getJson("/api/v3/releaseprofile")).toEqual([]);
  });

  test("reject releases without a required term or with an ignored one, by tag and indexer", async () => {
    const tag = await addTag("strict");
    const other = await addTag("other");
    const { movie, indexerId } = await rssMovie([tag.id]);
    const before = await getJson<Decision[]>(`/api/v3/release?movieId=${movie.id}`);
    expect(before.length).toBeGreaterThan(1);
    // A word some of the titles have and others not (a quality, a group...).
    const tokens = (title: string) => new Set(title.toLowerCase().split(/[.\s_()[\]-]+/));
    const counts = new Map<string, number>();
    for (const d of before) for (const t of tokens(d.title)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const word = [...counts].find(([t, n]) => t.length > 2 && n < before.length)?.[0] ?? "x264";
    const sample = before.find((d) => tokens(d.title).has(word))?.title ?? before[0].title;

    // A profile for another tag, or disabled, changes nothing.
    await sendJson("POST", "/api/v3/releaseprofile", { required: ["nothing-has-this"], tags: [other.id] }, 201);
    await sendJson("POST", "/api/v3/releaseprofile", { required: ["nothing-has-this"], enabled: false }, 201);
    const unchanged = await getJson<Decision[]>(`/api/v3/release?movieId=${movie.id}`);
    expect(unchanged.filter((d) => d.rejections.some((r) => r.includes("required terms")))).toEqual([]);

    const required = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/releaseprofile",
      { required: ["nothing-has-this", `/${word.toUpperCase()}/i`], tags: [tag.id], indexerId },
      201,
    );
    const judged = await getJson<Decision[]>(`/api/v3/release?movieId=${movie.id}`);
    for (const d of judged) {
      const missing = d.rejections.includes(
        `Does not contain one of the required terms: nothing-has-this, /${word.toUpperCase()}/i`,
      );
      expect(missing, d.title).toBe(!d.title.toLowerCase().includes(word));
    }
    await sendJson("DELETE", `/api/v3/releaseprofile/${required.id}`, undefined, 200);

    await sendJson("POST", "/api/v3/releaseprofile", { ignored: [word.toLowerCase()] }, 201);
    const ignored = await getJson<Decision[]>(`/api/v3/release?movieId=${movie.id}`);
    const hit = ignored.find((d) => d.title === sample) as Decision;
    expect(hit.approved).toBe(false);
    expect(hit.rejections).toContain(`Contains these ignored terms: ${word}`);
  }, 120_000);
});

describe("history", () => {
  test("a grab marked failed is blocklisted and recorded as downloadFailed", async () => {
    // A delay profile for another tag does not hold this movie's grab back.
    await delayProfile([(await addTag("elsewhere")).id], 60 * 24 * 365);
    const { movie } = await rssMovie([]);
    await runCommand("RssSync");
    const [grab] = await getJson<{ id: number; eventType: string; sourceTitle: string }[]>(
      `/api/v3/history/since?date=${encodeURIComponent("2000-01-01T00:00:00Z")}`,
    );
    expect(grab).toMatchObject({ eventType: "grabbed" });
    await sendJson("POST", `/api/v3/history/failed/${grab.id}`, undefined, 200);
    const blocklist = await getJson<{ records: { sourceTitle: string; movieId: number }[] }>("/api/v3/blocklist");
    expect(blocklist.records.map((b) => [b.movieId, b.sourceTitle])).toEqual([[movie.id, grab.sourceTitle]]);
    const failed = await getJson<{ id: number; eventType: string; sourceTitle: string }[]>(
      "/api/v3/history/since?date=2000-01-01T00:00:00Z&eventType=downloadFailed",
    );
    expect(failed.map((h) => h.sourceTitle)).toEqual([grab.sourceTitle]);
    expect((await call("POST", "/api/v3/history/failed/999999")).status).toBe(404);
    expect((await call("POST", `/api/v3/history/failed/${failed[0].id}`)).status).toBe(400);
    const later = await getJson(`/api/v3/history/since?date=${encodeURIComponent("2999-01-01T00:00:00Z")}`);
    expect(later).toEqual([]);
  }, 120_000);
});
