import { env } from "cloudflare:workers";
import { afterEach, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { STALE_HEADER } from "../../src/integrations/cache";
import { call, getJson } from "./helpers";

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
// Shawshank: used by no other test, so its fault cannot disturb them.
const TMDB_ID = 278;
const faults: string[] = [];

afterEach(async () => {
  for (const id of faults.splice(0)) await fetch(`${SIM}/__sim/faults/${id}`, { method: "DELETE" });
});

test("an expired cached copy is served, and labelled, when TMDb fails", async () => {
  const fresh = await getJson<{ title: string }>(`/api/v3/movie/lookup/tmdb?tmdbId=${TMDB_ID}`);
  // Age the cached details past their 24 h freshness, keeping the copy itself.
  const key = `tmdb:movie:${TMDB_ID}:v1`;
  const entry = await env.CACHE.get<{ storedAt: number; value: unknown }>(key, "json");
  expect(entry).not.toBeNull();
  await env.CACHE.put(key, JSON.stringify({ ...entry, storedAt: clock.now() - 25 * 3600_000 }));
  const fault = await (
    await fetch(`${SIM}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ service: "tmdb", match: `/3/movie/${TMDB_ID}?`, kind: "status", status: 503 }),
    })
  ).json<{ id: string }>();
  faults.push(fault.id);

  const res = await call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${TMDB_ID}`);
  expect(res.status).toBe(200);
  expect(res.headers.get(STALE_HEADER)).toBe("tmdb");
  expect((await res.json<{ title: string }>()).title).toBe(fresh.title);
});
