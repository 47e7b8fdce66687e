import { describe, expect, test } from "vitest";
import { catalogueReferenceDate } from "../../sim/src/data/catalogue";
import {
  ARCHIVE_FIRST_ID,
  ARCHIVE_SIZE,
  archiveInfoHash,
  archiveName,
  archiveTorrent,
  firstArchiveIndexBefore,
} from "../../sim/src/data/hdbitsArchive";
import { latestReleases } from "../../sim/src/data/releases";
import app from "../../sim/src/index";
import { parseMovieTitle } from "../../src/domain/parser";

// The simulated HDBits' browsable back catalogue (sim/src/data/hdbitsArchive.ts), in-process.

interface Torrent {
  id: number;
  hash: string;
  name: string;
  utadded: number;
  type_origin: number;
  freeleech: string;
}

async function browse(page: number, extra: Record<string, unknown> = {}): Promise<Torrent[]> {
  const res = await app.request("/hdbits/api/torrents", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "demo", passkey: "archive-test", category: [1], limit: 100, page, ...extra }),
  });
  const body = (await res.json()) as { status: number; data: Torrent[] };
  expect(body.status).toBe(0);
  return body.data;
}

describe("HDBits back catalogue", () => {
  test("45,000 torrents over the two years before the reference day, newest first, the same on every call", () => {
    const reference = Date.parse(`${catalogueReferenceDate()}T00:00:00Z`) / 1000;
    const first = archiveTorrent(0);
    const last = archiveTorrent(ARCHIVE_SIZE - 1);
    expect(archiveTorrent(ARCHIVE_SIZE)).toBeNull();
    expect(reference - (first?.uploadedAt ?? 0)).toBeLessThan(3_600);
    expect((reference - (last?.uploadedAt ?? 0)) / 86_400).toBeCloseTo(730, 0);
    let previous = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ARCHIVE_SIZE; i += 97) {
      const t = archiveTorrent(i);
      expect(t?.uploadedAt).toBeLessThan(previous);
      previous = t?.uploadedAt ?? 0;
    }
    expect(archiveName(archiveTorrent(1234) as never)).toBe(archiveName(archiveTorrent(1234) as never));
    expect(archiveInfoHash(1234)).toMatch(/^[0-9a-f]{40}$/);
    expect(archiveInfoHash(1234)).not.toBe(archiveInfoHash(1235));
  });

  test("names parse to the group and quality; internals carry origin 1; the groups differ", () => {
    const sample = Array.from(
      { length: 2_000 },
      (_, i) => archiveTorrent(i * 20) as NonNullable<ReturnType<typeof archiveTorrent>>,
    );
    const groups = new Set<string>();
    for (const t of sample) {
      const parsed = parseMovieTitle(archiveName(t));
      expect(parsed?.releaseGroup).toBe(t.group.name);
      expect(parsed?.quality.quality.resolution).toBe(Number(t.resolution.replace("p", "")));
      groups.add(t.group.name);
    }
    expect(groups.size).toBeGreaterThan(10);
    const internal = sample.filter((t) => t.group.internal);
    const evo = sample.filter((t) => t.group.name === "EVO");
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(internal.map((t) => t.seeders))).toBeGreaterThan(5 * mean(evo.map((t) => t.seeders)));
    expect(internal.some((t) => t.freeleech && t.exclusive)).toBe(true);
  });

  test("browsing: page 0 is the feed as before, then the catalogue continues from where the feed ends", async () => {
    // The feed's torrents, then the catalogue's from the first one older than the feed's oldest.
    const feed = latestReleases("hdbits");
    const feedIds = feed.map((r) => r.movieId * 10_000 + r.index);
    const oldestFeed = feed.length ? Math.min(...feed.map((r) => r.publishedAt)) : Number.POSITIVE_INFINITY;
    const firstArchive = feed.length ? firstArchiveIndexBefore(oldestFeed) : 0;
    const idAt = (position: number) =>
      position < feedIds.length ? feedIds[position] : ARCHIVE_FIRST_ID + firstArchive + position - feedIds.length;
    const page0 = await browse(0);
    expect(page0.map((t) => t.id)).toEqual(Array.from({ length: 100 }, (_, i) => idAt(i)));
    const pages = Math.ceil(feed.length / 100);
    const after = await browse(pages);
    expect(after).toHaveLength(100);
    expect(after.every((t) => t.id >= ARCHIVE_FIRST_ID && t.utadded < oldestFeed)).toBe(true);
    expect(after[0].id).toBe(idAt(pages * 100));
    // Consecutive pages neither overlap nor leave a gap.
    const next = await browse(pages + 1);
    expect(next[0].id).toBe(after[99].id + 1);
    // The end: a short page, then nothing.
    const lastPage = Math.floor((feed.length + ARCHIVE_SIZE - firstArchive) / 100);
    expect((await browse(lastPage)).length).toBeLessThan(100);
    expect(await browse(lastPage + 1)).toEqual([]);
    // Filters apply to the catalogue too.
    const internals = await browse(pages, { origin: [1] });
    expect(internals.length).toBe(100);
    expect(internals.every((t) => t.type_origin === 1)).toBe(true);
  });
});
