import { env } from "cloudflare:workers";
import { afterEach, describe, expect, test } from "vitest";
import type { Env } from "../../src/config";
import { IndexerFlags } from "../../src/domain/customFormats/indexerFlags";
import { Failure } from "../../src/domain/failures/failure";
import { HdbitsClient } from "../../src/providers/indexers/hdbits/client";
import { hdbitsSettingsSchema } from "../../src/providers/indexers/hdbits/settings";
import { SIM, uniqueKey } from "./indexerHelpers";

/**
 * The HDBits client (src/providers/indexers/hdbits/client.ts) against the simulated HDBits
 * (sim/src/services/hdbits.ts): info-hash dedupe across overlapping pages and across searches,
 * the categories/codecs/mediums it sends, freeleech, pacing, paging and every HDBits status.
 */

const MATRIX = { title: "The Matrix", year: 1999, tmdbId: 603, imdbId: "tt0133093" };
const BY_TITLE = { ...MATRIX, imdbId: null };
let nextIndexerId = 9_000;

function client(passkey: string, settings: Record<string, unknown> = {}) {
  const parsed = hdbitsSettingsSchema.parse({
    baseUrl: `${SIM}/hdbits`,
    username: "demo",
    apiKey: passkey,
    ...settings,
  });
  // A fresh indexer id per client: its own pacing turn, so tests do not wait on each other.
  const id = nextIndexerId++;
  return new HdbitsClient(env as Env, { id, name: `HDBits ${id}`, priority: 25 }, parsed);
}

async function control(path: string, body: unknown) {
  const res = await fetch(`${SIM}/hdbits/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

interface SentRequest {
  at: string;
  body: { category?: number[]; codec?: number[]; medium?: number[]; limit?: number; page?: number; search?: string };
}

async function sent(passkey: string): Promise<SentRequest[]> {
  const res = await fetch(`${SIM}/hdbits/__requests?passkey=${encodeURIComponent(passkey)}`);
  return (await res.json<{ requests: SentRequest[] }>()).requests;
}

/** The torrents the simulator serves for The Matrix, read straight from its API. */
async function servedTorrents(passkey: string) {
  const torrents: { hash: string; freeleech: string }[] = [];
  for (let page = 0; page < 10; page++) {
    const res = await fetch(`${SIM}/hdbits/api/torrents`, {
      method: "POST",
      body: JSON.stringify({ username: "demo", passkey, imdb: { id: 133093 }, limit: 100, page }),
    });
    const { data } = await res.json<{ data: { hash: string; freeleech: string }[] }>();
    torrents.push(...data);
    if (data.length < 100) break;
  }
  return torrents;
}

afterEach(async () => {
  await control("__duplicates", { overlap: 0 });
  await control("__results", { tmdbId: MATRIX.tmdbId, count: null });
});

describe("HDBits client: info-hash dedupe", () => {
  test("overlapping pages serve a hash twice; the search returns it once", async () => {
    await control("__results", { tmdbId: MATRIX.tmdbId, count: 250 });
    await control("__duplicates", { overlap: 10 });
    const passkey = uniqueKey();
    const served = await servedTorrents(passkey);
    // Pages 0..99, 90..189, 180..249: 270 rows, 250 torrents.
    expect(served).toHaveLength(270);
    expect(new Set(served.map((t) => t.hash)).size).toBe(250);

    const result = await client(passkey).search(MATRIX);
    expect(result.requests).toBe(3);
    expect(result.releases).toHaveLength(250);
    expect(new Set(result.releases.map((r) => r.infoHash)).size).toBe(250);
  });

  test("a title search over overlapping pages collapses the same way", async () => {
    await control("__results", { tmdbId: MATRIX.tmdbId, count: 150 });
    await control("__duplicates", { overlap: 30 });
    const passkey = uniqueKey();
    const result = await client(passkey).search(BY_TITLE);
    // Pages 0..99 and 70..149: 180 rows, 150 torrents.
    expect((await sent(passkey)).map((r) => [r.body.search, r.body.page])).toEqual([
      ["The Matrix 1999", 0],
      ["The Matrix 1999", 1],
    ]);
    expect(result.releases).toHaveLength(150);
    expect(new Set(result.releases.map((r) => r.infoHash)).size).toBe(150);
  });

  test("the simulator serves the same hashes to two searches (IMDb id, then title)", async () => {
    await control("__results", { tmdbId: MATRIX.tmdbId, count: 40 });
    const passkey = uniqueKey();
    const byImdb = await client(passkey).search(MATRIX);
    const byTitle = await client(passkey).search(BY_TITLE);
    const own = (hashes: (string | undefined)[]) =>
      hashes.filter((h) => byTitle.releases.some((r) => r.infoHash === h));
    // The IMDb answer carries a few neighbours' torrents too; the Matrix's own ones are in both.
    expect(own(byImdb.releases.map((r) => r.infoHash)).length).toBeGreaterThan(30);
    expect(new Set(byTitle.releases.map((r) => r.infoHash)).size).toBe(byTitle.releases.length);
  });
});

describe("HDBits client: what it sends and reads", () => {
  test("the configured categories, codecs and mediums are sent on every page", async () => {
    const passkey = uniqueKey();
    await client(passkey, { categories: [1, 3], codecs: [1, 5], mediums: [5] }).search(MATRIX);
    const requests = await sent(passkey);
    expect(requests.length).toBeGreaterThan(0);
    for (const { body } of requests) {
      expect(body).toMatchObject({ category: [1, 3], codec: [1, 5], medium: [5], limit: 100 });
    }
    // The default is Movie (1) alone, with no codec or medium filter.
    const plain = uniqueKey();
    await client(plain).rss();
    const [rss] = await sent(plain);
    expect(rss.body.category).toEqual([1]);
    expect(rss.body).not.toHaveProperty("codec");
    expect(rss.body).not.toHaveProperty("medium");
  });

  test("freeleech is read into the release's flags and its hdbits details", async () => {
    await control("__results", { tmdbId: MATRIX.tmdbId, count: 200 });
    const passkey = uniqueKey();
    const served = await servedTorrents(passkey);
    const free = new Set(served.filter((t) => t.freeleech === "yes").map((t) => t.hash.toLowerCase()));
    expect(free.size).toBeGreaterThan(0);
    expect(free.size).toBeLessThan(served.length);
    const { releases } = await client(passkey).search(MATRIX);
    for (const release of releases) {
      const isFree = free.has(release.infoHash as string);
      expect(((release.indexerFlags ?? 0) & IndexerFlags.freeleech) !== 0).toBe(isFree);
      expect(release.hdbits?.freeleech).toBe(isFree);
    }
  });

  test("pages are asked in order, 100 at a time, until a short page, paced 500 ms apart", async () => {
    await control("__results", { tmdbId: MATRIX.tmdbId, count: 230 });
    const passkey = uniqueKey();
    const result = await client(passkey).search(MATRIX);
    const requests = await sent(passkey);
    expect(requests.map((r) => [r.body.page, r.body.limit])).toEqual([
      [0, 100],
      [1, 100],
      [2, 100],
    ]);
    expect(result.requests).toBe(3);
    expect(result.releases).toHaveLength(230);
    // Turns are handed out 500 ms apart; arrival at the simulator jitters by the network hop
    // (unpaced, pages arrive a few ms apart).
    const times = requests.map((r) => Date.parse(r.at));
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(400);
    expect(times[2] - times[0]).toBeGreaterThanOrEqual(900);
  });
});

describe("HDBits client: every documented status", () => {
  const cases: [number, string, string[], RegExp][] = [
    [1, "upstreamError", [], /HDBits answered status 1: Failure/],
    [2, "upstreamError", ["baseUrl"], /HDBits requires HTTPS: SSL Required/],
    [3, "upstreamError", [], /HDBits did not accept the request: JSON Malformed/],
    [4, "authenticationFailed", ["username", "apiKey"], /HDBits refused the username or passkey: Auth data missing/],
    [5, "authenticationFailed", ["username", "apiKey"], /HDBits refused the username or passkey: Auth failed/],
    [6, "upstreamError", [], /HDBits did not accept the request: Missing required parameters/],
    [7, "upstreamError", [], /HDBits did not accept the request: Invalid parameter/],
  ];
  test.each(cases)("status %i fails as %s naming %j", async (status, kind, fields, message) => {
    const failure = await client(`status-${status}`)
      .test()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(Failure);
    expect(failure).toMatchObject({ kind, code: status, fields: fields.map((path) => ({ path })) });
    expect((failure as Failure).message).toMatch(message);
  });

  test("a refused passkey is status 5 without a forced status", async () => {
    const failure = await client("invalid-passkey")
      .search(MATRIX)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "authenticationFailed", code: 5 });
  });
});
