import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { ApiBudget } from "../../durable-objects/ApiBudget";
import { emptyBudgetState } from "../../src/domain/budgets";
import { traktListSource } from "../../src/domain/lists/sources/trakt";
import { fetchList } from "../../src/integrations/lists/fetchList";
import { addRootFolder, commandToEnd, getJson, qualityProfileId, sendJson, simCalls, simFaults } from "./helpers";

// A Trakt list sync reads the list's summary first: the same version as the last complete sync
// means one call and no page; otherwise its pages are reserved from Trakt's bulk allowance as one
// unit before the first is read. The simulator is shared with every other file: this file alone
// syncs demo-classics through the app and edits demo-edited, and counts calls before and after.

const SIM = env.TRAKT_API_URL;
const CLASSICS = "/users/sim/lists/demo-classics";
const EDITED = "/users/sim/lists/demo-edited";
// demo-ten-thousand (40 pages) by its Trakt id: no other file reads it by this path, so a fault
// scoped to it touches only this file.
const TEN_THOUSAND_BY_ID = "/users/sim/lists/7100002";
const OVERSIZED = "/users/sim/lists/demo-oversized";
const itemsPath = (list: string) => `${list}/items/movies`;
const traktCalls = (path: string) => simCalls("trakt", path);

interface Run {
  status: string;
  found: number;
  added: number;
  removed: number;
  unchanged: boolean;
  upstreamRequests: number;
  rowsWritten: number;
  errors: { kind: string; message: string }[];
}
interface ImportList {
  id: number;
  syncWaitingForBudget?: { until: string; reason: string };
}
interface Command {
  id: number;
  status: string;
  message?: string;
}

async function createList(name: string, listname: string) {
  return sendJson<ImportList>(
    "POST",
    "/api/v3/importlist",
    {
      name,
      implementation: "TraktListImport",
      fields: [
        { name: "username", value: "sim" },
        { name: "listname", value: listname },
      ],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      enableAuto: false,
    },
    201,
  );
}

const runCommand = (body: Record<string, unknown>) => commandToEnd<Command>(body, 600);

/** Syncs a list and returns its run, with the calls made to the list's summary and item pages. */
async function sync(listId: number, list: string, force?: boolean) {
  const before = { summary: await traktCalls(list), items: await traktCalls(itemsPath(list)) };
  const command = await runCommand({ name: "ImportListSync", listId, ...(force !== undefined && { force }) });
  const [run] = await getJson<Run[]>(`/api/v3/importlist/${listId}/history?limit=1`);
  return {
    command,
    run,
    summaryCalls: (await traktCalls(list)) - before.summary,
    itemCalls: (await traktCalls(itemsPath(list))) - before.items,
  };
}

const summaryOf = async (list: string) =>
  (await fetch(`${SIM}${list}`, { headers: { "trakt-api-key": "test" } })).json<{ item_count: number }>();
const storedItems = async (listId: number) =>
  (await getJson<{ totalRecords: number }>(`/api/v3/importlist/${listId}/items?pageSize=1`)).totalRecords;

/** Waits until the list's newest queue job has this status. */
async function waitForJob(listId: number, status: string) {
  for (let i = 0; i < 200; i++) {
    const jobs = await getJson<{ listId: number; status: string }[]>("/api/v3/importlist/jobs");
    if (jobs.find((job) => job.listId === listId)?.status === status) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`list ${listId}'s job never became ${status}`);
}
const traktBudget = () => env.API_BUDGET.get(env.API_BUDGET.idFromName("trakt"));
const addTraktFault = simFaults("trakt");

beforeAll(async () => {
  // Build the simulator's catalogue and lists once, outside the app's 500 ms timeout.
  await fetch(`${SIM}${itemsPath(CLASSICS)}?limit=250`, { headers: { "trakt-api-key": "warm-up" } });
  await fetch(`${SIM}${itemsPath(EDITED)}?limit=250`, { headers: { "trakt-api-key": "warm-up" } });
}, 60_000);

beforeEach(async () => {
  await addRootFolder();
});

describe("the simulated Trakt", () => {
  test("clamps a page at 250 items, as Trakt does, whatever limit is asked", async () => {
    const res = await fetch(`${SIM}${itemsPath(CLASSICS)}?page=1&limit=1000`, {
      headers: { "trakt-api-key": "test" },
    });
    expect(res.headers.get("X-Pagination-Limit")).toBe("250");
    expect(res.headers.get("X-Pagination-Page-Count")).toBe("3");
    expect(res.headers.get("X-Pagination-Item-Count")).toBe("603");
    expect(await res.json<unknown[]>()).toHaveLength(250);
  });

  test("describes a list: its ids, item_count and updated_at; a private one needs its owner", async () => {
    const res = await fetch(`${SIM}${CLASSICS}`, { headers: { "trakt-api-key": "test" } });
    expect(await res.json()).toMatchObject({
      name: "Demo Classics",
      privacy: "public",
      item_count: 603,
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      ids: { trakt: 7_100_001, slug: "demo-classics" },
    });
    const hidden = await fetch(`${SIM}/users/sim/lists/demo-private`, { headers: { "trakt-api-key": "test" } });
    expect(hidden.status).toBe(401);
  });
});

describe("reading a Trakt list whose pages its summary counted", () => {
  const settings = traktListSource.settings.parse({ username: "sim", listname: "demo-classics" });
  const read = (knownPages?: number) => fetchList(traktListSource, settings, env, { knownPages });

  test("reads the pages several at a time, in the list's order, and follows on when the list grew", async () => {
    const before = await traktCalls(itemsPath(CLASSICS));
    const oneByOne = await read();
    const atOnce = await read(3);
    // The summary counted 2 pages but the list has 3 by now: the last counted page leads on.
    const grown = await read(2);
    expect(atOnce.items.map((i) => i.tmdbId)).toEqual(oneByOne.items.map((i) => i.tmdbId));
    expect(grown.items.map((i) => i.tmdbId)).toEqual(oneByOne.items.map((i) => i.tmdbId));
    expect([oneByOne.pages, atOnce.pages, grown.pages]).toEqual([3, 3, 3]);
    expect([oneByOne.requests, atOnce.requests, grown.requests]).toEqual([3, 3, 3]);
    expect((await traktCalls(itemsPath(CLASSICS))) - before).toBe(9);
    expect(atOnce.items).toHaveLength(603);
  });
});

describe("syncing a Trakt list", () => {
  test("an unchanged re-sync reads the summary only: one call, no page, nothing written", async () => {
    const list = await createList("Classics", "demo-classics");
    const first = await sync(list.id, CLASSICS);
    expect(first.command.status).toBe("completed");
    expect(first.run).toMatchObject({ status: "success", found: 603, added: 603, upstreamRequests: 4 });
    expect([first.summaryCalls, first.itemCalls]).toEqual([1, 3]);

    const again = await sync(list.id, CLASSICS);
    expect(again.run).toMatchObject({
      status: "success",
      found: 603,
      added: 0,
      unchanged: true,
      upstreamRequests: 1,
      rowsWritten: 0,
    });
    expect([again.summaryCalls, again.itemCalls]).toEqual([1, 0]);
  }, 60_000);

  test("a forced sync reads every page even when the summary is unchanged", async () => {
    const list = await createList("Classics", "demo-classics");
    await sync(list.id, CLASSICS);
    const forced = await sync(list.id, CLASSICS, true);
    expect([forced.summaryCalls, forced.itemCalls]).toEqual([1, 3]);
    expect(forced.run).toMatchObject({ found: 603, added: 0, unchanged: true, upstreamRequests: 4, rowsWritten: 0 });
  }, 60_000);

  test("a list that changed on Trakt is read again and the change applied", async () => {
    const list = await createList("Edited", "demo-edited");
    const first = await sync(list.id, EDITED);
    expect(first.run.found).toBe((await summaryOf(EDITED)).item_count);

    const edited = await (await fetch(`${SIM}/__lists/demo-edited/edit`, { method: "POST" })).json<{
      itemCount: number;
    }>();
    const changed = await sync(list.id, EDITED);
    expect(changed.run).toMatchObject({ status: "success", found: edited.itemCount, added: 20, unchanged: false });
    expect(changed.summaryCalls).toBe(1);
    expect(changed.itemCalls).toBe(Math.ceil(edited.itemCount / 250));
    expect(await storedItems(list.id)).toBe(edited.itemCount);

    const again = await sync(list.id, EDITED);
    expect([again.summaryCalls, again.itemCalls, again.run.rowsWritten]).toEqual([1, 0, 0]);
  }, 60_000);

  test("a sync whose pages do not fit Trakt's bulk allowance waits: nothing read, nothing applied, the wait shown", async () => {
    const list = await createList("Edited", "demo-edited");
    const budget = traktBudget();
    // Other syncs took 499 of this window's 500 bulk calls; this list needs at least 2 pages.
    expect(await budget.reserve(499, "bulk")).toEqual({ granted: true });
    const waiting = await sync(list.id, EDITED);
    expect(waiting.command.status).toBe("failed");
    expect(waiting.command.message).toContain("Waiting for trakt's budget");
    expect(waiting.itemCalls).toBe(0);
    expect(waiting.run).toMatchObject({ status: "failed", added: 0, rowsWritten: 0 });
    expect(waiting.run.errors[0]).toMatchObject({ kind: "rateLimited" });
    expect(await storedItems(list.id)).toBe(0);
    expect((await getJson<{ totalRecords: number }>("/api/v3/movie/paged?pageSize=1")).totalRecords).toBe(0);

    const shown = await getJson<ImportList>(`/api/v3/importlist/${list.id}`);
    expect(shown.syncWaitingForBudget?.reason).toContain("pages as one unit");
    const until = Date.parse(shown.syncWaitingForBudget?.until ?? "");
    const listed = await getJson<ImportList[]>("/api/v3/importlist");
    expect(listed.find((l) => l.id === list.id)?.syncWaitingForBudget).toEqual(shown.syncWaitingForBudget);
    const usage = await budget.usage();
    expect(Date.parse(usage.bulk?.resetsAt ?? "")).toBeLessThanOrEqual(until + 1000);

    // The command put the sync on the queue's retry schedule: its first attempt waits too, and the
    // queue holds the next until the window frees.
    await waitForJob(list.id, "retrying");
    // The window passes: the next sync reads every page and applies the list whole.
    await runInDurableObject(budget, async (instance: ApiBudget, state) => {
      await state.storage.deleteAll();
      (instance as unknown as { state: unknown }).state = emptyBudgetState();
    });
    const resumed = await sync(list.id, EDITED);
    expect(resumed.run).toMatchObject({ status: "success", found: (await summaryOf(EDITED)).item_count });
    expect(resumed.itemCalls).toBeGreaterThanOrEqual(2);
    expect(await storedItems(list.id)).toBe(resumed.run.found);
    expect((await getJson<ImportList>(`/api/v3/importlist/${list.id}`)).syncWaitingForBudget).toBeUndefined();
    expect((await budget.usage()).bulk?.used).toBe(Math.ceil(resumed.run.found / 250));
  }, 60_000);

  test("a sync that fails gives back the reserved pages it never read", async () => {
    const list = await createList("Ten thousand", "7100002");
    const budget = traktBudget();
    const before = (await budget.usage()).bulk?.used ?? 0;
    await addTraktFault({ match: "/lists/7100002/items", kind: "status", status: 404 });
    const failed = await sync(list.id, TEN_THOUSAND_BY_ID);
    expect(failed.command.status).toBe("failed");
    expect(failed.run).toMatchObject({ status: "failed", rowsWritten: 0 });
    // 40 pages were reserved; only the pages requested before the 404 stopped the read are spent.
    expect(failed.itemCalls).toBeGreaterThan(0);
    expect(failed.itemCalls).toBeLessThan(40);
    expect((await budget.usage()).bulk?.used).toBe(before + failed.itemCalls);
  }, 60_000);

  test("a list larger than a sync may ever reserve fails at once, with no retry queued", async () => {
    const list = await createList("Oversized", "demo-oversized");
    const before = (await traktBudget().usage()).bulk?.used ?? 0;
    const refused = await sync(list.id, OVERSIZED);
    expect(refused.command.status).toBe("failed");
    expect(refused.command.message).toContain("more than one sync may ever reserve");
    expect([refused.summaryCalls, refused.itemCalls]).toEqual([1, 0]);
    expect(refused.run).toMatchObject({ status: "failed", added: 0 });
    expect((await traktBudget().usage()).bulk?.used).toBe(before);
    const jobs = await getJson<{ listId: number }[]>("/api/v3/importlist/jobs");
    expect(jobs.filter((job) => job.listId === list.id)).toEqual([]);
    expect((await getJson<ImportList>(`/api/v3/importlist/${list.id}`)).syncWaitingForBudget).toBeUndefined();
  }, 60_000);
});
