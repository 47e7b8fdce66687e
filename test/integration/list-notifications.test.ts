import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { createDatabase } from "../../src/db/client";
import { rootLogger } from "../../src/observability/logger";
import { jobContext } from "../../src/services/context";
import { syncImportList } from "../../src/services/listSync/sync";
import { addRootFolder, getJson, qualityProfileId, sendJson, waitForReceived } from "./helpers";

/**
 * A list sync's results go through the notification framework: "movie added" (which list, which
 * movies) to targets with onMovieAdded, the sync summary (added/removed/unchanged counts) to
 * targets with onImportListSync. The simulator records what each webhook/Discord target got.
 */

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const db = createDatabase(env.DB);

/** What a target got, once it got at least `count` (notifications arrive through the notifications queue). */
const got = async <B>(path: string, count = 0): Promise<B[]> =>
  (await waitForReceived<{ body: B }>(`${SIM}/hooks/${path}`, count)).map((r) => r.body);

async function target(name: string, flags: Record<string, boolean>, discord = false) {
  const channel = `${name}-${crypto.randomUUID()}`;
  const body = discord
    ? { name, implementation: "Discord", fields: [{ name: "webHookUrl", value: `${SIM}/hooks/discord/${channel}` }] }
    : { name, implementation: "Webhook", fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }] };
  await sendJson("POST", "/api/v3/notification", { ...body, onHealthIssue: false, ...flags }, 201);
  return discord ? `discord/${channel}` : channel;
}

const MATRIX = { tmdbId: 603, title: "The Matrix", year: 1999 };
const FIGHT_CLUB = { tmdbId: 550, title: "Fight Club", year: 1999 };
const INCEPTION = { tmdbId: 27205, title: "Inception", year: 2010 };

interface MovieAddedBody {
  eventType: string;
  message: string;
  addMethod: string;
  importList: { id: number; name: string };
  movies: { tmdbId: number; title: string; year: number }[];
  moviesAdded: number;
}
interface SummaryBody {
  eventType: string;
  message: string;
  importList: { id: number; name: string };
  added: number;
  removed: number;
  unchanged: number;
}

describe("list sync notifications", () => {
  test("movie added and the sync summary reach the targets subscribed to each, per list", async () => {
    await addRootFolder();
    const added = await target("added", { onMovieAdded: true });
    const summary = await target("summary", { onImportListSync: true });
    const both = await target("both", { onMovieAdded: true, onImportListSync: true }, true);
    const neither = await target("neither", { onGrab: true });

    const resources =
      await getJson<{ name: string; onImportListSync: boolean; supportsOnImportListSync: boolean }[]>(
        "/api/v3/notification",
      );
    expect(resources.find((r) => r.name === "summary")).toMatchObject({
      onImportListSync: true,
      supportsOnImportListSync: true,
    });
    expect(resources.find((r) => r.name === "added")?.onImportListSync).toBe(false);

    const list = await sendJson<{ id: number; name: string }>(
      "POST",
      "/api/v3/importlist?forceSave=true",
      {
        name: "Notified list",
        implementation: "IMDbCsvImport",
        fields: [{ name: "csvUrl", value: `${SIM}/imdb/list/ls000000001/export` }],
        qualityProfileId: await qualityProfileId(),
        rootFolderPath: "/movies",
        enableAuto: false,
      },
      201,
    );
    const ctx = jobContext(env, rootLogger, db);

    // First sync: two movies added.
    const first = await syncImportList(ctx, list.id, "manual", [MATRIX, FIGHT_CLUB]);
    expect(first.added).toBe(2);
    expect(first).not.toHaveProperty("addedMovies");
    const [addedBody] = await got<MovieAddedBody>(added, 1);
    expect(addedBody).toMatchObject({
      eventType: "MovieAdded",
      addMethod: "list",
      importList: { id: list.id, name: "Notified list" },
      moviesAdded: 2,
    });
    expect(addedBody.movies.map((m) => m.tmdbId).sort()).toEqual([550, 603]);
    expect(addedBody.message).toMatch(/Notified list added .*The Matrix \(1999\)/);
    const [firstSummary] = await got<SummaryBody>(summary, 1);
    expect(firstSummary).toMatchObject({
      eventType: "ImportListSync",
      importList: { id: list.id, name: "Notified list" },
      added: 2,
      removed: 0,
      unchanged: 0,
    });

    // Second sync: Inception added, Fight Club removed, The Matrix unchanged.
    const second = await syncImportList(ctx, list.id, "manual", [MATRIX, INCEPTION]);
    expect(second).toMatchObject({ added: 1, removed: 1 });
    const addedBodies = await got<MovieAddedBody>(added, 2);
    expect(addedBodies).toHaveLength(2);
    expect(addedBodies[1].movies).toEqual([INCEPTION]);
    const summaries = await got<SummaryBody>(summary, 2);
    expect(summaries).toHaveLength(2);
    expect(summaries[1]).toMatchObject({ added: 1, removed: 1, unchanged: 1 });
    expect(summaries[1].message).toBe("Notified list synced: 1 added, 1 removed, 1 unchanged");

    // Third sync, same items: nothing added, so only the summary (everything unchanged).
    await syncImportList(ctx, list.id, "manual", [MATRIX, INCEPTION]);
    const last = (await got<SummaryBody>(summary, 3)).at(-1);
    expect(await got(added)).toHaveLength(2);
    expect(last).toMatchObject({ added: 0, removed: 0, unchanged: 2 });

    // Discord subscribed to both got both kinds (2 added + 3 summaries); the unsubscribed target nothing.
    const discord = await got<{ content: string }>(both, 5);
    expect(discord).toHaveLength(5);
    expect(discord.filter((d) => /MovieAdded/.test(d.content))).toHaveLength(2);
    expect(discord.filter((d) => /ImportListSync/.test(d.content))).toHaveLength(3);
    expect(await got(neither)).toEqual([]);
  }, 60_000);

  test("each list's switches: no movie-added or summary notification while off, both once switched on", async () => {
    await addRootFolder();
    const added = await target("switch-added", { onMovieAdded: true });
    const summary = await target("switch-summary", { onImportListSync: true });
    const body = {
      name: "Quiet list",
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: `${SIM}/imdb/list/ls000000002/export` }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      enableAuto: false,
      notifyOnMovieAdded: false,
      notifyOnSyncSummary: false,
    };
    const list = await sendJson<{ id: number; notifyOnMovieAdded: boolean }>(
      "POST",
      "/api/v3/importlist?forceSave=true",
      body,
      201,
    );
    expect(list.notifyOnMovieAdded).toBe(false);
    const ctx = jobContext(env, rootLogger, db);
    expect((await syncImportList(ctx, list.id, "manual", [MATRIX])).added).toBe(1);
    expect(await got(added)).toEqual([]);
    expect(await got(summary)).toEqual([]);

    await sendJson(
      "PUT",
      `/api/v3/importlist/${list.id}?forceSave=true`,
      { ...body, id: list.id, notifyOnMovieAdded: true, notifyOnSyncSummary: true },
      202,
    );
    expect((await syncImportList(ctx, list.id, "manual", [MATRIX, FIGHT_CLUB])).added).toBe(1);
    // The first sync (switches off) queued nothing: each target got only the second sync's message.
    expect((await got<MovieAddedBody>(added, 1)).map((b) => b.importList.name)).toEqual(["Quiet list"]);
    expect((await got<SummaryBody>(summary, 1)).map((b) => b.added)).toEqual([1]);
  }, 60_000);
});
