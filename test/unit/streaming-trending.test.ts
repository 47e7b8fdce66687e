import { describe, expect, test } from "vitest";
import { combineTrending, dedupeRanked, normalisedRank } from "../../src/domain/streaming/trending";

describe("normalised rank", () => {
  test("is 1 for the top of a list, 1/N for its bottom and 0 when absent", () => {
    expect(normalisedRank(1, 20)).toBe(1);
    expect(normalisedRank(20, 20)).toBeCloseTo(1 / 20);
    expect(normalisedRank(11, 20)).toBeCloseTo(0.5);
    expect(normalisedRank(null, 20)).toBe(0);
    expect(normalisedRank(1, 0)).toBe(0);
  });
});

describe("combined trending", () => {
  test("scores 0.5 × TMDb + 0.5 × Trakt on normalised rank, best first", () => {
    // TMDb: 10, 20, 30, 40; Trakt: 20, 50, 10, 60.
    const combined = combineTrending({ tmdb: [10, 20, 30, 40], trakt: [20, 50, 10, 60] });
    const byId = new Map(combined.map((title) => [title.tmdbId, title]));
    expect(byId.get(20)).toEqual({ tmdbId: 20, score: 0.5 * 0.75 + 0.5 * 1, ranks: { tmdb: 2, trakt: 1 } });
    expect(byId.get(10)).toEqual({ tmdbId: 10, score: 0.5 * 1 + 0.5 * 0.5, ranks: { tmdb: 1, trakt: 3 } });
    expect(byId.get(50)?.score).toBeCloseTo(0.5 * 0.75);
    expect(byId.get(50)?.ranks).toEqual({ tmdb: null, trakt: 2 });
    expect(byId.get(40)?.score).toBeCloseTo(0.5 * 0.25);
    // By score (0.875, 0.75, 0.375, 0.25), then 40 and 60 tie at 0.125: TMDb's rank decides.
    expect(combined.map((title) => title.tmdbId)).toEqual([20, 10, 50, 30, 40, 60]);
  });

  test("de-duplicates by TMDb id: one entry per title, each list's best position kept", () => {
    expect(dedupeRanked([7, 8, 7, 9, 8])).toEqual([7, 8, 9]);
    const combined = combineTrending({ tmdb: [1, 2, 1, 3], trakt: [3, 3, 2] });
    expect(combined.map((title) => title.tmdbId).sort()).toEqual([1, 2, 3]);
    const three = combined.find((title) => title.tmdbId === 3);
    // TMDb list after dedupe is [1, 2, 3] (N = 3), Trakt's is [3, 2] (N = 2).
    expect(three?.ranks).toEqual({ tmdb: 3, trakt: 1 });
    expect(three?.score).toBeCloseTo(0.5 * (1 / 3) + 0.5 * 1);
  });

  test("with one source missing, the other alone ranks the titles on the same 0–1 scale", () => {
    const tmdbOnly = combineTrending({ tmdb: [5, 6, 7, 8] });
    expect(tmdbOnly.map((title) => [title.tmdbId, title.score])).toEqual([
      [5, 1],
      [6, 0.75],
      [7, 0.5],
      [8, 0.25],
    ]);
    expect(tmdbOnly.every((title) => title.ranks.trakt === null)).toBe(true);

    const traktOnly = combineTrending({ trakt: [9, 5] });
    expect(traktOnly).toEqual([
      { tmdbId: 9, score: 1, ranks: { tmdb: null, trakt: 1 } },
      { tmdbId: 5, score: 0.5, ranks: { tmdb: null, trakt: 2 } },
    ]);
    expect(combineTrending({})).toEqual([]);
    // A source that answered with an empty list still counts: its titles' share is 0.
    expect(combineTrending({ tmdb: [1], trakt: [] })).toEqual([
      { tmdbId: 1, score: 0.5, ranks: { tmdb: 1, trakt: null } },
    ]);
  });

  test("ties break by best rank in any source, then TMDb rank, then TMDb id", () => {
    // 1 is TMDb's top, 2 is Trakt's top: both score 0.5 with equal list lengths; TMDb's rank decides.
    expect(combineTrending({ tmdb: [1, 3], trakt: [2, 4] }).map((title) => title.tmdbId)).toEqual([1, 2, 3, 4]);
    // Equal scores and equal best ranks: TMDb's rank decides, the same way every time.
    const a = combineTrending({ tmdb: [11, 12], trakt: [12, 11] });
    const b = combineTrending({ tmdb: [11, 12], trakt: [12, 11] });
    expect(a).toEqual(b);
    expect(a.map((title) => title.tmdbId)).toEqual([11, 12]);
    expect(a[0].score).toBe(a[1].score);
  });
});
