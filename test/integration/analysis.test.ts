import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, call, expectFieldError, getJson, sendJson } from "./helpers";
import { hdbits } from "./indexerHelpers";

interface GroupReputation {
  group: string;
  score: number;
  tier: string;
  releases: number;
  internalReleases: number;
  factors: Record<string, number>;
}

async function searchHdbits(...tmdbIds: number[]) {
  await addRootFolder();
  const indexer = await sendJson<{ id: number }>("POST", "/api/v3/indexer", hdbits(), 201);
  for (const tmdbId of tmdbIds) {
    const movie = await addMovie(tmdbId);
    await getJson(`/api/v3/release?movieId=${movie.id}`);
  }
  return indexer;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe("/api/v3/analysis/groups", () => {
  test("HDBits results seen by searches are scored per release group", async () => {
    expect(await getJson<GroupReputation[]>("/api/v3/analysis/groups")).toEqual([]);
    await searchHdbits(603, 27205, 155);
    const groups = await getJson<GroupReputation[]>("/api/v3/analysis/groups");
    expect(groups.length).toBeGreaterThan(3);
    for (const group of groups) {
      expect(group.score).toBeGreaterThanOrEqual(0);
      expect(group.score).toBeLessThanOrEqual(100);
      expect(Object.keys(group.factors).sort()).toEqual(
        ["completionRate", "internalShare", "recency", "seedLeechRatio", "sizeConsistency", "sizeFit", "volume"].sort(),
      );
    }
    expect(groups.map((g) => g.score)).toEqual([...groups.map((g) => g.score)].sort((a, b) => b - a));
    // The tracker's internal groups (well seeded, steady sizes) come out ahead of the rest.
    const internal = groups.filter((g) => g.internalReleases > 0);
    const others = groups.filter((g) => g.internalReleases === 0);
    expect(internal.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    expect(mean(internal.map((g) => g.score))).toBeGreaterThan(mean(others.map((g) => g.score)));

    const proven = await getJson<GroupReputation[]>("/api/v3/analysis/groups?minReleases=3");
    expect(proven.every((g) => g.releases >= 3 && g.tier !== "unproven")).toBe(true);
  });

  test("a second sighting of a torrent refreshes it rather than counting it twice", async () => {
    await searchHdbits(603);
    const first = await getJson<GroupReputation[]>("/api/v3/analysis/groups");
    const movies = await getJson<{ id: number }[]>("/api/v3/movie");
    await getJson(`/api/v3/release?movieId=${movies[0].id}`);
    const second = await getJson<GroupReputation[]>("/api/v3/analysis/groups");
    expect(second.map((g) => [g.group, g.releases])).toEqual(first.map((g) => [g.group, g.releases]));
  });

  test("CSV export, as a query option and as a file", async () => {
    await searchHdbits(603);
    const groups = await getJson<GroupReputation[]>("/api/v3/analysis/groups");
    for (const path of ["/api/v3/analysis/groups?format=csv", "/api/v3/analysis/groups.csv"]) {
      const res = await call("GET", path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toMatch(/release-groups\.csv/);
      const lines = (await res.text()).trimEnd().split("\r\n");
      expect(lines[0]).toMatch(/^group,score,tier,releases,/);
      expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(groups.map((g) => g.group));
    }
  });

  test("bad filters are a 400 naming the parameter; deleting the indexer forgets its observations", async () => {
    await expectFieldError(await call("GET", "/api/v3/analysis/groups?tier=legendary"), "tier");
    await expectFieldError(await call("GET", "/api/v3/analysis/groups?format=xml"), "format");
    const indexer = await searchHdbits(603);
    expect((await getJson<GroupReputation[]>("/api/v3/analysis/groups")).length).toBeGreaterThan(0);
    await call("DELETE", `/api/v3/indexer/${indexer.id}`);
    expect(await getJson<GroupReputation[]>("/api/v3/analysis/groups")).toEqual([]);
  });
});
