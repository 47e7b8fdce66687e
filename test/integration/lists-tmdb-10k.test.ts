import { env } from "cloudflare:workers";
import { beforeAll, expect, test } from "vitest";
import { tmdbListSource } from "../../src/domain/lists/sources/tmdb";
import { fetchList, listSourceEnvironment } from "../../src/integrations/lists/fetchList";
import { simCalls } from "./helpers";

// A 10,000-item TMDb v4 list read whole through the real fetcher: 500 pages of 20, one request
// each, spaced to TMDb's 20 requests a second (so about 25 seconds). Its own file so it runs
// beside the other list tests rather than after them.

const LIST_PATH = "/4/list/8100002";

const tmdbCalls = (path: string) => simCalls("tmdb", path);

beforeAll(async () => {
  // Build the simulator's catalogue and the list once, outside the app's 500 ms timeout.
  await fetch(`${env.TMDB_API_URL}${LIST_PATH}?api_key=warm-up&page=500`);
}, 60_000);

test("a 10,000-item list reads whole in 500 requests", async () => {
  // The deployed upstream timeout (10 s), not the suite's 500 ms meant for fault tests: on a busy
  // machine one slow page would otherwise be retried and counted twice.
  const deployed = { ...env, UPSTREAM_TIMEOUT_MS: "10000" } as typeof env;
  const before = await tmdbCalls(LIST_PATH);
  const list = await fetchList(tmdbListSource, tmdbListSource.settings.parse({ listId: "8100002" }), deployed, {
    sourceEnv: listSourceEnvironment(deployed),
  });
  const calls = (await tmdbCalls(LIST_PATH)) - before;
  expect(list.items).toHaveLength(10_000);
  expect(list.pages).toBe(500);
  expect(calls).toBe(500);
  expect(new Set(list.items.map((item) => item.tmdbId)).size).toBe(10_000);
  for (const item of list.items) {
    expect(item.year).toBeGreaterThan(1800);
    expect(item.title.length).toBeGreaterThan(0);
  }
}, 120_000);
