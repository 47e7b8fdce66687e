import { env } from "cloudflare:workers";
import { expect, test } from "vitest";
import * as clock from "../../src/clock";
import type { Env } from "../../src/config";
import { createDatabase } from "../../src/db/client";
import { rootLogger } from "../../src/observability/logger";
import { jobContext } from "../../src/services/context";
import { syncImportList } from "../../src/services/listSync/sync";
import { importWatchmodeIdMap } from "../../src/services/watchmodeIdMap";
import { SIM } from "./downloads-helpers";
import { addRootFolder, qualityProfileId, sendJson } from "./helpers";

/**
 * An IMDb list's first sync resolves its IMDb ids in bulk through Watchmode's id map (imported
 * daily where Watchmode is configured) instead of one TMDb /find per title, so a 10,000-row
 * IMDb export syncs in seconds and within TMDb's background allowance (400 calls a day).
 */

// The deployed 10 s upstream timeout: the 10,000-row export takes longer than the suite's 500 ms on a busy machine.
const withWatchmode = { ...env, WATCHMODE_API_KEY: "sim-watchmode-key", UPSTREAM_TIMEOUT_MS: "10000" } as Env;
const db = createDatabase(env.DB);

async function findCalls(): Promise<number> {
  const res = await fetch(`${SIM}/__sim/calls?service=tmdb&route=${encodeURIComponent("/3/find/:externalId")}`);
  return (await res.json<{ count: number }>()).count;
}

test("a 10,000-row IMDb export resolves its ids through Watchmode's id map: few /find calls", async () => {
  await importWatchmodeIdMap(jobContext(withWatchmode, rootLogger, db));
  await addRootFolder();
  const list = await sendJson<{ id: number }>(
    "POST",
    "/api/v3/importlist",
    {
      name: "IMDb 10k",
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: `${SIM}/imdb/list/ls000010000/export` }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      enableAuto: false,
    },
    201,
  );
  const before = await findCalls();
  const started = clock.now();
  const outcome = await syncImportList(jobContext(withWatchmode, rootLogger, db), list.id, "manual");
  const ms = clock.now() - started;
  const finds = (await findCalls()) - before;
  console.log(`IMDb 10k first sync: ${ms} ms, ${outcome.added} added, ${finds} TMDb /find calls`);
  expect(outcome.status).toBe("success");
  expect(outcome.found).toBe(10_000);
  expect(outcome.added).toBe(10_000);
  // Titles the map lacks are the only ones looked up one by one.
  expect(finds).toBeLessThan(100);
}, 180_000);
