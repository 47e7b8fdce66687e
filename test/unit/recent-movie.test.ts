import { describe, expect, test } from "vitest";
import { isRecentMovie } from "../../src/domain/library/recentMovie";

const NOW = Date.parse("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const dates = (over: Partial<Record<"inCinemas" | "physicalRelease" | "digitalRelease", string | null>>) => ({
  inCinemas: null,
  physicalRelease: null,
  digitalRelease: null,
  ...over,
});

describe("isRecentMovie (Radarr's MovieMetadata.IsRecentMovie)", () => {
  test("a disc or digital release within 21 days is recent, one older is not", () => {
    expect(isRecentMovie(dates({ digitalRelease: daysAgo(20) }), NOW)).toBe(true);
    expect(isRecentMovie(dates({ physicalRelease: daysAgo(21) }), NOW)).toBe(true);
    expect(isRecentMovie(dates({ physicalRelease: daysAgo(22), digitalRelease: daysAgo(30) }), NOW)).toBe(false);
  });

  test("a cinema release counts for 120 days; dates still ahead count as recent", () => {
    expect(isRecentMovie(dates({ inCinemas: daysAgo(119) }), NOW)).toBe(true);
    expect(isRecentMovie(dates({ inCinemas: daysAgo(121) }), NOW)).toBe(false);
    expect(isRecentMovie(dates({ digitalRelease: daysAgo(-10) }), NOW)).toBe(true);
  });

  test("no dates, or dates that are not dates, are not recent", () => {
    expect(isRecentMovie(dates({}), NOW)).toBe(false);
    expect(isRecentMovie(dates({ inCinemas: "soon" }), NOW)).toBe(false);
  });
});
