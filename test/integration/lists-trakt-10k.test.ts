import { env } from "cloudflare:workers";
import { beforeAll, expect, test } from "vitest";
import { TRAKT_MAX_PAGE_SIZE, traktListSource } from "../../src/domain/lists/sources/trakt";
import { fetchList, listSourceEnvironment } from "../../src/integrations/lists/fetchList";
import { simCalls } from "./helpers";

// A 10,000-item public Trakt list read whole through the real fetcher: at Trakt's largest page
// (250) that is 40 requests, sent in one burst (Trakt budgets calls per 5-minute window). Its own file so it runs
// beside the other list tests rather than after them.

const LIST_PATH = "/users/sim/lists/demo-ten-thousand/items/movies";

const traktCalls = (path: string) => simCalls("trakt", path);

beforeAll(async () => {
  // Build the simulator's catalogue and the list once, outside the app's 500 ms timeout.
  await fetch(`${env.TRAKT_API_URL}${LIST_PATH}?page=40&limit=250`, { headers: { "trakt-api-key": "warm-up" } });
}, 60_000);

test("a 10,000-item list reads whole in 40 requests", async () => {
  const before = await traktCalls(LIST_PATH);
  const list = await fetchList(
    traktListSource,
    traktListSource.settings.parse({ username: "sim", listname: "demo-ten-thousand" }),
    env,
    { sourceEnv: { ...listSourceEnvironment(env), traktClientId: "radarr-edge-test-client" } },
  );
  const calls = (await traktCalls(LIST_PATH)) - before;
  expect(TRAKT_MAX_PAGE_SIZE).toBe(250);
  expect(list.items).toHaveLength(10_000);
  expect(list.pages).toBe(40);
  expect(calls).toBe(40);
  expect(new Set(list.items.map((item) => item.tmdbId)).size).toBe(10_000);
  for (const item of list.items) expect(item.tmdbId ?? item.imdbId).toBeTruthy();
}, 90_000);
