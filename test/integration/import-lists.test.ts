import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import worker from "../../src/index";
import type { ListSyncMessage } from "../../src/jobs/listSyncQueue";
import { TraktTokenStore } from "../../src/services/traktTokens";
import {
  addMovie,
  addRootFolder,
  call,
  commandToEnd,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
  waitForCommands,
  waitForReceived,
} from "./helpers";

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
/** The Matrix Collection in the simulator's catalogue: 603, 604, 605, 624860. */
const MATRIX_COLLECTION = 2344;
const MATRIX_PARTS = [603, 604, 605, 624860];

interface Run {
  status: string;
  found: number;
  added: number;
  removed: number;
  excluded: number;
  existing: number;
  unchanged: boolean;
  errors: { kind: string; message: string }[];
}
interface Command {
  id: number;
  status: string;
  message?: string;
  result?: { lists: { listId: number; status: string; joined?: boolean }[] };
}

async function createList(
  name: string,
  implementation: string,
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return sendJson<{ id: number; name: string }>(
    "POST",
    "/api/v3/importlist",
    {
      name,
      implementation,
      fields: Object.entries(fields).map(([k, v]) => ({ name: k, value: v })),
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
      ...extra,
    },
    201,
  );
}

const runCommand = (body: Record<string, unknown>) => commandToEnd<Command>(body);

const syncList = (listId: number) => runCommand({ name: "ImportListSync", listId });
const history = (listId: number) => getJson<Run[]>(`/api/v3/importlist/${listId}/history`);
const libraryTmdbIds = async () =>
  (await getJson<{ tmdbId: number }[]>("/api/v3/movie")).map((m) => m.tmdbId).sort((a, b) => a - b);
const libraryVersion = async () =>
  (await env.DB.prepare("select version from library_state where key = 'movies'").first<{ version: number }>())
    ?.version;

beforeEach(async () => {
  await addRootFolder();
});

describe("import list API", () => {
  test("the schema lists every implementation with its fields", async () => {
    const schema = await getJson<{ implementation: string; fields: { name: string }[] }[]>("/api/v3/importlist/schema");
    const names = schema.map((s) => s.implementation);
    expect(names).toEqual(
      expect.arrayContaining([
        "IMDbListImport",
        "IMDbCsvImport",
        "TMDbListImport",
        "TMDbCollectionImport",
        "TMDbPersonImport",
        "TMDbKeywordImport",
        "TMDbCompanyImport",
        "TMDbPopularImport",
        "TraktListImport",
        "TraktUserImport",
        "TraktPopularImport",
        "PlexImport",
        "PlexRssImport",
      ]),
    );
    expect(schema.find((s) => s.implementation === "TMDbCollectionImport")?.fields.map((f) => f.name)).toContain(
      "collectionId",
    );
  });

  test("bad settings, an unknown implementation and a too-short interval are 400s naming the field", async () => {
    const base = { name: "Bad", qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies" };
    await expectFieldError(
      await call("POST", "/api/v3/importlist", {
        body: { ...base, implementation: "TMDbCollectionImport", fields: [{ name: "collectionId", value: "" }] },
      }),
      "collectionId",
    );
    await expectFieldError(
      await call("POST", "/api/v3/importlist", { body: { ...base, implementation: "NoSuchImport" } }),
      "implementation",
    );
    await expectFieldError(
      await call("POST", "/api/v3/importlist", {
        body: {
          ...base,
          implementation: "TMDbCollectionImport",
          fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
          syncIntervalMinutes: 1,
        },
      }),
      "syncIntervalMinutes",
    );
  });

  test("test reads the list without saving anything", async () => {
    const res = await sendJson<{ isValid: boolean; items: number }>(
      "POST",
      "/api/v3/importlist/test",
      {
        name: "Probe",
        implementation: "TMDbCollectionImport",
        fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
        qualityProfileId: await qualityProfileId(),
        rootFolderPath: "/movies",
      },
      200,
    );
    expect(res).toMatchObject({ isValid: true, items: MATRIX_PARTS.length });
    expect(await getJson<unknown[]>("/api/v3/importlist")).toEqual([]);
  });

  test("testing a saved list (its id in the body) does not call its own name a duplicate", async () => {
    const list = await createList("Matrix", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    const body = {
      id: list.id,
      name: "Matrix",
      implementation: "TMDbCollectionImport",
      fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
    };
    expect(await sendJson("POST", "/api/v3/importlist/test", body, 200)).toMatchObject({ isValid: true });
    // Another list's name still clashes, and a new list (no id) with this name too.
    await createList("Other", "TMDbCollectionImport", { collectionId: 1241 });
    await expectFieldError(await call("POST", "/api/v3/importlist/test", { body: { ...body, name: "Other" } }), "name");
    await expectFieldError(await call("POST", "/api/v3/importlist/test", { body: { ...body, id: undefined } }), "name");
  });

  test("testing a Trakt list of user 'me' reads it with the connected account, as a sync does", async () => {
    const body = {
      name: "My Trakt list",
      implementation: "TraktListImport",
      fields: [
        { name: "username", value: "me" },
        { name: "listname", value: "demo-private" },
      ],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath: "/movies",
    };
    const unconnected = await call("POST", "/api/v3/importlist/test", { body });
    expect(unconnected.status).toBe(400);
    expect(await unconnected.text()).toContain("Connect your Trakt account");
    await new TraktTokenStore(env).save({
      access_token: "trakt-sim-token",
      refresh_token: "trakt-sim-refresh",
      scope: "public",
      created_at: Math.floor(clock.now() / 1000),
      expires_in: 90 * 24 * 3600,
      token_type: "bearer",
    });
    const res = await sendJson<{ isValid: boolean; items: number }>("POST", "/api/v3/importlist/test", body, 200);
    expect(res).toMatchObject({ isValid: true, items: 40 });
  });
});

describe("syncing a list", () => {
  test("adds every movie once, with items, provenance and history; an unchanged re-sync writes nothing", async () => {
    const list = await createList("Matrix", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    const command = await syncList(list.id);
    expect(command.status).toBe("completed");
    expect(command.message).toMatch(/Synced 1 of 1/);
    expect(await libraryTmdbIds()).toEqual(MATRIX_PARTS);

    const [run] = await history(list.id);
    expect(run).toMatchObject({ status: "success", found: 4, added: 4, excluded: 0, existing: 0, unchanged: false });
    const items = await getJson<{ records: { status: string; movieId: number | null }[] }>(
      `/api/v3/importlist/${list.id}/items`,
    );
    expect(items.records.map((r) => r.status)).toEqual(["imported", "imported", "imported", "imported"]);
    const matrix = (await getJson<{ id: number }[]>("/api/v3/movie?tmdbId=603"))[0];
    expect(await getJson(`/api/v3/importlist/provenance/${matrix.id}`)).toEqual([
      expect.objectContaining({ listId: list.id, listName: "Matrix", kind: "added" }),
    ]);

    const version = await libraryVersion();
    await syncList(list.id);
    const [again] = await history(list.id);
    expect(again).toMatchObject({ status: "success", found: 4, added: 0, unchanged: true });
    expect(await libraryVersion()).toBe(version);
  });

  test("exclusions are respected and movies already in the library only gain provenance", async () => {
    await sendJson(
      "POST",
      "/api/v3/exclusions",
      { tmdbId: 604, movieTitle: "The Matrix Reloaded", movieYear: 2003 },
      201,
    );
    const existing = await addMovie(603);
    const list = await createList("Matrix", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    await syncList(list.id);
    expect(await libraryTmdbIds()).toEqual([603, 605, 624860]);
    const [run] = await history(list.id);
    expect(run).toMatchObject({ added: 2, excluded: 1, existing: 1 });
    expect(await getJson(`/api/v3/importlist/provenance/${existing.id}`)).toEqual([
      expect.objectContaining({ kind: "matched" }),
    ]);
    const excluded = await getJson<{ records: { tmdbId: number }[] }>(
      `/api/v3/importlist/${list.id}/items?status=excluded`,
    );
    expect(excluded.records.map((r) => r.tmdbId)).toEqual([604]);
  });

  test("one movie on two lists is added once with two provenance rows", async () => {
    const first = await createList("Matrix A", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    const second = await createList("Matrix B", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    const both = await runCommand({ name: "ImportListSync" });
    expect(both.status).toBe("completed");
    expect(await libraryTmdbIds()).toEqual(MATRIX_PARTS);
    const matrix = (await getJson<{ id: number }[]>("/api/v3/movie?tmdbId=603"))[0];
    const provenance = await getJson<{ listId: number; kind: string }[]>(`/api/v3/importlist/provenance/${matrix.id}`);
    expect(provenance.map((p) => p.listId).sort()).toEqual([first.id, second.id].sort());
    expect(provenance.map((p) => p.kind).sort()).toEqual(["added", "matched"]);
  });

  test("concurrent triggers of one list run one sync", async () => {
    const list = await createList("Matrix", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    const stub = env.LIST_SYNC.get(env.LIST_SYNC.idFromName(`list-${list.id}`));
    const results = await Promise.all([
      stub.sync(list.id, "manual"),
      stub.sync(list.id, "manual"),
      stub.sync(list.id, "scheduled"),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.joined)).toHaveLength(2);
    expect(await history(list.id)).toHaveLength(1);
    const state = await runInDurableObject(stub, (instance) => instance.state());
    expect(state).toMatchObject({ running: false, last: { ok: true } });
  });
});

describe("clean-library levels through CSV uploads", () => {
  const csv = (rows: [string, string, number][]) =>
    [
      "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors",
      ...rows.map(
        ([id, title, year], i) =>
          `${i + 1},${id},2024-01-01,2024-01-01,,"${title}",https://www.imdb.com/title/${id}/,Movie,8.0,120,${year},Drama,1000,${year}-01-01,Someone`,
      ),
    ].join("\n");
  const upload = (listId: number, body: string) =>
    exports.default.fetch(`http://app.test/api/v3/importlist/${listId}/csv`, {
      method: "POST",
      headers: { "x-api-key": env.API_KEY as string, "content-type": "text/csv" },
      body,
    });
  const twoMovies = csv([
    ["tt0133093", "The Matrix", 1999],
    ["tt0137523", "Fight Club", 1999],
  ]);
  const oneMovie = csv([["tt0133093", "The Matrix", 1999]]);

  for (const [level, expectFightClub] of [
    ["keepAndUnmonitor", { present: true, monitored: false }],
    ["removeAndKeep", { present: false }],
    ["logOnly", { present: true, monitored: true }],
  ] as const) {
    test(`${level}: a movie that left every list is treated accordingly`, async () => {
      await sendJson("PUT", "/api/v3/config/importlist", { listSyncLevel: level }, 202);
      const list = await createList(
        "Upload",
        "IMDbCsvImport",
        { csvUrl: `${SIM}/imdb/list/ls000000001/export` },
        { enableAuto: false },
      );
      const first = await upload(list.id, twoMovies);
      expect(first.status, await first.clone().text()).toBe(200);
      expect(await libraryTmdbIds()).toEqual([550, 603]);
      const second = await (await upload(list.id, oneMovie)).json<{ removed: number }>();
      expect(second.removed).toBe(1);
      const fightClub = await getJson<{ monitored: boolean }[]>("/api/v3/movie?tmdbId=550");
      expect(fightClub.length > 0).toBe(expectFightClub.present);
      if (expectFightClub.present) expect(fightClub[0].monitored).toBe(expectFightClub.monitored);
    });
  }

  test("a malformed upload is a 400 and changes nothing", async () => {
    const list = await createList("Upload", "IMDbCsvImport", { csvUrl: `${SIM}/imdb/list/ls000000001/export` });
    await expectFieldError(await upload(list.id, "not,an,imdb,export\n1,2,3,4"), "body");
    expect(await libraryTmdbIds()).toEqual([]);
  });
});

describe("queue, retries and dead letters", () => {
  const faults: string[] = [];

  /** Delivers one queued sync job for the list to the queue consumer, as attempt `attempts`. */
  async function deliverJob(listId: number, attempts = 1) {
    const job = await env.DB.prepare(
      "insert into list_sync_jobs (list_id, status, enqueued_at) values (?, 'queued', ?) returning id",
    )
      .bind(listId, clock.nowIso())
      .first<{ id: number }>();
    const batch = createMessageBatch<ListSyncMessage>("radarr-edge-list-sync", [
      { id: "job", timestamp: clock.nowDate(), attempts, body: { jobId: job?.id ?? 0, listId, trigger: "scheduled" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    return getQueueResult(batch, ctx);
  }
  afterEach(async () => {
    for (const id of faults.splice(0)) await fetch(`${SIM}/__sim/faults/${id}`, { method: "DELETE" });
  });

  test("cron dispatch queues a job for each due list", async () => {
    const due = await createList("Due", "TMDbCollectionImport", { collectionId: MATRIX_COLLECTION });
    await createList("Manual only", "TMDbCollectionImport", { collectionId: 1241 }, { enableAuto: false });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await waitForCommands();
    const jobs = await getJson<{ listId: number; status: string }[]>("/api/v3/importlist/jobs");
    expect(jobs.map((j) => j.listId)).toEqual([due.id]);
    expect(jobs[0].status).toBe("queued");
  });

  test("a transient failure is retried on the queue after its policy's delay", async () => {
    const list = await createList("Flaky", "TMDbCollectionImport", { collectionId: 1241 });
    const fault = await (
      await fetch(`${SIM}/__sim/faults`, {
        method: "POST",
        body: JSON.stringify({ service: "tmdb", match: "/3/collection/1241", kind: "status", status: 503 }),
      })
    ).json<{ id: string }>();
    faults.push(fault.id);
    const job = await env.DB.prepare(
      "insert into list_sync_jobs (list_id, status, enqueued_at) values (?, 'queued', ?) returning id",
    )
      .bind(list.id, clock.nowIso())
      .first<{ id: number }>();
    const batch = createMessageBatch<ListSyncMessage>("radarr-edge-list-sync", [
      {
        id: "m1",
        timestamp: clock.nowDate(),
        attempts: 1,
        body: { jobId: job?.id ?? 0, listId: list.id, trigger: "scheduled" },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    const [stored] =
      await getJson<{ status: string; failureKind: string; nextAttemptAt: string }[]>("/api/v3/importlist/jobs");
    expect(stored).toMatchObject({ status: "retrying", failureKind: "upstreamError" });
    // upstreamError's policy: the first retry comes after 60 s.
    const delay = (Date.parse(stored.nextAttemptAt) - clock.now()) / 1000;
    expect(delay).toBeGreaterThan(50);
    expect(delay).toBeLessThanOrEqual(60);
  });

  const faultCases = [
    { name: "a timeout", fault: { kind: "timeout", ms: 2000 }, failureKind: "connectionTimeout", delay: 30 },
    {
      name: "a 429 asking for two minutes",
      fault: { kind: "rateLimit", retryAfter: 120 },
      failureKind: "rateLimited",
      delay: 120,
    },
    { name: "a malformed page", fault: { kind: "malformed" }, failureKind: "parseError", delay: 300 },
  ] as const;
  for (const { name, fault, failureKind, delay } of faultCases) {
    test(`${name} is retried after its policy's delay (${failureKind}, ${delay} s)`, async () => {
      const collectionId = 1241;
      const list = await createList("Faulty", "TMDbCollectionImport", { collectionId });
      const created = await (
        await fetch(`${SIM}/__sim/faults`, {
          method: "POST",
          body: JSON.stringify({ service: "tmdb", match: `/3/collection/${collectionId}`, ...fault }),
        })
      ).json<{ id: string }>();
      faults.push(created.id);
      const result = await deliverJob(list.id);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual(["job"]);
      const [stored] =
        await getJson<{ status: string; failureKind: string; nextAttemptAt: string }[]>("/api/v3/importlist/jobs");
      expect(stored).toMatchObject({ status: "retrying", failureKind });
      const seconds = (Date.parse(stored.nextAttemptAt) - clock.now()) / 1000;
      expect(seconds).toBeGreaterThan(delay - 10);
      expect(seconds).toBeLessThanOrEqual(delay);
    });
  }

  test("a truncated CSV export is a parse error, retried on the parse-error policy", async () => {
    const list = await createList("Truncated", "IMDbCsvImport", { csvUrl: `${SIM}/imdb/list/ls000000105/export` });
    await deliverJob(list.id);
    const [stored] =
      await getJson<{ status: string; failureKind: string; lastError: string }[]>("/api/v3/importlist/jobs");
    expect(stored).toMatchObject({ status: "retrying", failureKind: "parseError" });
    expect(stored.lastError).toMatch(/line|truncat|quote/i);
  });

  test("after the policy's last retry the job is dead-lettered", async () => {
    const list = await createList("Broken", "IMDbCsvImport", { csvUrl: `${SIM}/imdb/list/ls000000105/export` });
    // parseError allows two retries: the third delivery is the last.
    const result = await deliverJob(list.id, 3);
    expect(result.explicitAcks).toEqual(["job"]);
    const [stored] = await getJson<{ status: string }[]>("/api/v3/importlist/jobs");
    expect(stored.status).toBe("deadLettered");
  });

  test("a missing list is not retried: it is dead-lettered, recorded, shown in health and notified", async () => {
    const channel = `dead-letters-${crypto.randomUUID()}`;
    await sendJson(
      "POST",
      "/api/v3/notification",
      {
        name: "Hook",
        implementation: "Webhook",
        fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
        onHealthIssue: true,
      },
      201,
    );
    const list = await createList("Gone", "TMDbCollectionImport", { collectionId: 9999999 });
    const job = await env.DB.prepare(
      "insert into list_sync_jobs (list_id, status, enqueued_at) values (?, 'queued', ?) returning id",
    )
      .bind(list.id, clock.nowIso())
      .first<{ id: number }>();
    const body: ListSyncMessage = { jobId: job?.id ?? 0, listId: list.id, trigger: "scheduled" };
    const batch = createMessageBatch<ListSyncMessage>("radarr-edge-list-sync", [
      { id: "m2", timestamp: clock.nowDate(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m2"]);

    const dead = createMessageBatch<ListSyncMessage>("radarr-edge-list-sync-dlq", [
      { id: "d1", timestamp: clock.nowDate(), attempts: 1, body },
    ]);
    const deadCtx = createExecutionContext();
    await worker.queue(dead, env, deadCtx);
    expect((await getQueueResult(dead, deadCtx)).explicitAcks).toEqual(["d1"]);
    const [stored] =
      await getJson<{ status: string; failureKind: string; lastError: string }[]>("/api/v3/importlist/jobs");
    expect(stored).toMatchObject({ status: "deadLettered", failureKind: "notFound" });
    const health = await getJson<{ source: string; message: string }[]>("/api/v3/health");
    expect(health.map((h) => h.source)).toEqual(
      expect.arrayContaining(["ImportListStatusCheck", "ImportListJobCheck"]),
    );
    // One incident, one Health notice: the dead letter's, and the next evaluations tell no more of it.
    type Notice = { body: { eventType: string; type?: string } };
    const isJobCheck = (r: Notice) => r.body.eventType === "Health" && r.body.type === "ImportListJobCheck";
    const notices = async (until: (r: Notice[]) => boolean = () => true) =>
      (await waitForReceived<Notice>(`${SIM}/hooks/${channel}`, until))
        .map((r) => r.body)
        .filter((b) => b.eventType === "Health");
    await notices((r) => r.some(isJobCheck));
    await runCommand({ name: "CheckHealth" });
    await runCommand({ name: "CheckHealth" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const types = (await notices()).map((b) => b.type);
    expect(types.filter((type) => type === "ImportListJobCheck")).toHaveLength(1);
    // Each notice is one check's, each check told once (none is the dead letter's own, outside the checks).
    expect(types.every((type) => typeof type === "string")).toBe(true);
    expect(new Set(types).size).toBe(types.length);
  });
});
