import { describe, expect, test } from "vitest";
import { addClient, type DownloadClient, qbittorrentBody, SIM, sabnzbdBody, unique } from "./downloads-helpers";
import {
  addRootFolder,
  addTag,
  call,
  type ErrorBody,
  expectFieldError,
  getJson,
  qualityProfileId,
  sendJson,
} from "./helpers";
import { torznab } from "./indexerHelpers";

interface Provider extends DownloadClient {
  tags: number[];
  [field: string]: unknown;
}

const disabledClient = (extra: Record<string, unknown> = {}) =>
  qbittorrentBody(unique("qb"), { enable: false, ...extra });
const addDisabledClient = (extra: Record<string, unknown> = {}) =>
  sendJson<Provider>("POST", "/api/v3/downloadclient", disabledClient(extra), 201);

describe("PUT and DELETE /{kind}/bulk", () => {
  test("download clients: the fields given change on every id, the others keep their own; tags add, remove, replace", async () => {
    const [red, blue] = [await addTag(unique("red")), await addTag(unique("blue"))];
    const a = await addDisabledClient({ priority: 3, tags: [red.id], removeFailedDownloads: false });
    const b = await addDisabledClient({ priority: 9 });
    const edited = await sendJson<Provider[]>(
      "PUT",
      "/api/v3/downloadclient/bulk",
      {
        ids: [a.id, b.id],
        priority: 20,
        removeCompletedDownloads: false,
        enable: null,
        tags: [blue.id],
        applyTags: "add",
      },
      202,
    );
    expect(edited.map((c) => [c.id, c.priority, c.removeCompletedDownloads, c.enable, c.tags])).toEqual([
      [a.id, 20, false, false, [red.id, blue.id]],
      [b.id, 20, false, false, [blue.id]],
    ]);
    expect((await getJson<Provider>(`/api/v3/downloadclient/${a.id}`)).removeFailedDownloads).toBe(false);

    const removed = await sendJson<Provider[]>(
      "PUT",
      "/api/v3/downloadclient/bulk",
      { ids: [a.id, b.id], tags: [red.id], applyTags: "remove" },
      202,
    );
    expect(removed.map((c) => c.tags)).toEqual([[blue.id], [blue.id]]);
    const replaced = await sendJson<Provider[]>(
      "PUT",
      "/api/v3/downloadclient/bulk",
      { ids: [b.id], tags: [red.id], applyTags: "replace" },
      202,
    );
    expect(replaced[0].tags).toEqual([red.id]);
    // Settings (and their secrets) are untouched.
    const stored = await getJson<Provider>(`/api/v3/downloadclient/${b.id}`);
    expect(stored.fields.find((f) => f.name === "password")?.value).toBe("********");
  }, 30_000);

  test("all or nothing: an unknown id is a 404 naming it and nothing changes; bad values are 400s", async () => {
    const a = await addDisabledClient({ priority: 4 });
    const res = await call("PUT", "/api/v3/downloadclient/bulk", { body: { ids: [a.id, 999_999], priority: 30 } });
    expect(res.status).toBe(404);
    expect((await res.json<ErrorBody>()).message).toContain("999999");
    expect((await getJson<Provider>(`/api/v3/downloadclient/${a.id}`)).priority).toBe(4);

    const removing = await call("DELETE", "/api/v3/downloadclient/bulk", { body: { ids: [a.id, 999_998] } });
    expect(removing.status).toBe(404);
    expect((await removing.json<ErrorBody>()).message).toContain("999998");
    await getJson(`/api/v3/downloadclient/${a.id}`);

    await expectFieldError(await call("PUT", "/api/v3/downloadclient/bulk", { body: { ids: [] } }), "ids");
    await expectFieldError(
      await call("PUT", "/api/v3/downloadclient/bulk", { body: { ids: [a.id], priority: 99 } }),
      "priority",
    );
    await expectFieldError(
      await call("PUT", "/api/v3/downloadclient/bulk", { body: { ids: [a.id], tags: [1], applyTags: "merge" } }),
      "applyTags",
    );
  }, 30_000);

  test("DELETE removes every id", async () => {
    const [a, b] = [await addDisabledClient(), await addDisabledClient()];
    expect(await sendJson("DELETE", "/api/v3/downloadclient/bulk", { ids: [a.id, b.id] }, 200)).toEqual({});
    expect((await call("GET", `/api/v3/downloadclient/${a.id}`)).status).toBe(404);
    expect((await call("GET", `/api/v3/downloadclient/${b.id}`)).status).toBe(404);
  }, 30_000);

  test("indexers: search flags and priority; a tag that does not exist is refused", async () => {
    const off = { enableRss: false, enableAutomaticSearch: false, enableInteractiveSearch: false };
    const a = await sendJson<Provider>("POST", "/api/v3/indexer", torznab(undefined, off), 201);
    const b = await sendJson<Provider>("POST", "/api/v3/indexer", torznab(undefined, off), 201);
    const edited = await sendJson<Provider[]>(
      "PUT",
      "/api/v3/indexer/bulk",
      { ids: [a.id, b.id], enableInteractiveSearch: true, priority: 5 },
      202,
    );
    expect(edited.map((i) => [i.enableRss, i.enableInteractiveSearch, i.priority])).toEqual([
      [false, true, 5],
      [false, true, 5],
    ]);
    await expectFieldError(
      await call("PUT", "/api/v3/indexer/bulk", { body: { ids: [a.id], tags: [987_654], applyTags: "add" } }),
      "tags",
    );
    await sendJson("DELETE", "/api/v3/indexer/bulk", { ids: [a.id, b.id] }, 200);
    expect((await call("GET", `/api/v3/indexer/${b.id}`)).status).toBe(404);
  }, 30_000);

  test("import lists: profile, root folder and availability, checked like a save", async () => {
    await addRootFolder("/movies");
    const folder = await addRootFolder(`/bulk-${unique("f")}`);
    const profileId = await qualityProfileId();
    const list = await sendJson<Provider>(
      "POST",
      "/api/v3/importlist",
      {
        name: unique("Bulk list"),
        implementation: "TMDbCollectionImport",
        fields: [{ name: "collectionId", value: 2344 }],
        qualityProfileId: profileId,
        rootFolderPath: "/movies",
      },
      201,
    );
    const [edited] = await sendJson<Provider[]>(
      "PUT",
      "/api/v3/importlist/bulk",
      { ids: [list.id], enableAuto: false, rootFolderPath: folder.path, minimumAvailability: "inCinemas" },
      202,
    );
    expect(edited).toMatchObject({ enableAuto: false, rootFolderPath: folder.path, minimumAvailability: "inCinemas" });
    expect(edited.qualityProfileId).toBe(profileId);
    await expectFieldError(
      await call("PUT", "/api/v3/importlist/bulk", { body: { ids: [list.id], qualityProfileId: 987_654 } }),
      "qualityProfileId",
    );
    await expectFieldError(
      await call("PUT", "/api/v3/importlist/bulk", { body: { ids: [list.id], rootFolderPath: "/nowhere" } }),
      "rootFolderPath",
    );
    await sendJson("DELETE", "/api/v3/importlist/bulk", { ids: [list.id] }, 200);
  }, 30_000);
});

/** Logs in to the simulated qBittorrent `instance` and creates a category there. */
async function createQbCategory(instance: string, category: string, savePath: string) {
  const login = await fetch(`${SIM}/qbittorrent/api/v2/auth/login`, {
    method: "POST",
    body: new URLSearchParams({ username: instance, password: "secret-pass" }),
  });
  const sid = /SID=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  const res = await fetch(`${SIM}/qbittorrent/api/v2/torrents/createCategory`, {
    method: "POST",
    headers: { cookie: `SID=${sid}` },
    body: new URLSearchParams({ category, savePath }),
  });
  expect(res.status).toBe(200);
}

describe("POST /{kind}/action/{name}", () => {
  test("qBittorrent getCategories lists the client's categories; a saved client's masked password is kept", async () => {
    const instance = unique("qb");
    await createQbCategory(instance, "films", "/downloads/films");
    const body = qbittorrentBody(instance, { enable: false });
    const answer = await sendJson<{ options: unknown[] }>(
      "POST",
      "/api/v3/downloadclient/action/getCategories",
      body,
      200,
    );
    expect(answer.options).toEqual([{ value: "films", name: "films", order: 0, hint: "/downloads/films" }]);

    const saved = await addClient(body);
    const masked = await getJson<Provider>(`/api/v3/downloadclient/${saved.id}`);
    const again = await sendJson<{ options: unknown[] }>(
      "POST",
      "/api/v3/downloadclient/action/getcategories",
      masked,
      200,
    );
    expect(again.options).toHaveLength(1);
  }, 30_000);

  test("SABnzbd getCategories lists its categories but the default", async () => {
    const answer = await sendJson<{ options: { name: string }[] }>(
      "POST",
      "/api/v3/downloadclient/action/getCategories",
      sabnzbdBody(),
      200,
    );
    expect(answer.options.map((o) => o.name)).toEqual(["movies", "tv", "audio", "software"]);
  }, 30_000);

  test("Torznab newznabCategories lists the indexer's categories from its caps", async () => {
    const answer = await sendJson<{ options: { value: number; name: string; parentValue?: number }[] }>(
      "POST",
      "/api/v3/indexer/action/newznabCategories",
      torznab(),
      200,
    );
    expect(answer.options.length).toBeGreaterThan(0);
    const movies = answer.options.find((o) => o.value === 2000);
    expect(movies?.parentValue).toBeUndefined();
    expect(answer.options.filter((o) => o.parentValue === 2000).length).toBeGreaterThan(0);
    // TV, audio, PC, console and XXX are not offered.
    expect(answer.options.filter((o) => [1000, 3000, 4000, 6000, 7000].includes(o.value))).toEqual([]);
  }, 30_000);

  test("a notification previews the request its test would send, without sending it", async () => {
    const preview = await sendJson<{ event: string; method: string; body: Record<string, unknown> }>(
      "POST",
      "/api/v3/notification/action/preview?event=grab",
      { implementation: "Webhook", fields: [{ name: "url", value: `${SIM}/hooks/${unique("p")}` }] },
      200,
    );
    expect(preview).toMatchObject({ event: "grab", method: "POST", body: { eventType: "Grab", test: true } });
    await expectFieldError(
      await call("POST", "/api/v3/notification/action/preview?event=nothing", {
        body: { implementation: "Discord", fields: [{ name: "webHookUrl", value: `${SIM}/discord/x` }] },
      }),
      "event",
    );
  }, 30_000);

  test("Trakt lists: getOAuthToken answers the Trakt connection's status; startOAuth needs the app's Trakt keys", async () => {
    const status = await sendJson<{ connected: boolean }>(
      "POST",
      "/api/v3/importlist/action/getOAuthToken",
      { implementation: "TraktUserImport", fields: [] },
      200,
    );
    expect(status.connected).toBe(false);
    const start = await call("POST", "/api/v3/importlist/action/startOAuth", {
      body: { implementation: "TraktUserImport", fields: [] },
    });
    expect(start.status).toBe(400);
    expect((await start.json<ErrorBody>()).message).toContain("TRAKT_CLIENT_SECRET");
  }, 30_000);

  test("an unknown action is a 400 naming it and the actions there are", async () => {
    const res = await call("POST", "/api/v3/downloadclient/action/reboot", { body: disabledClient() });
    expect(res.status).toBe(400);
    const error = await res.json<ErrorBody>();
    expect(error.message).toContain("'reboot'");
    expect(error.message).toContain("getCategories");
    const none = await call("POST", "/api/v3/importlist/action/startOAuth", {
      body: { implementation: "TMDbCollectionImport", fields: [{ name: "collectionId", value: 2344 }] },
    });
    expect(none.status).toBe(400);
    expect((await none.json<ErrorBody>()).message).toContain("it has none");
  }, 30_000);
});

describe("/api/v3/customformat/bulk", () => {
  const format = (name: string) => ({
    name,
    specifications: [
      {
        name: "t",
        implementation: "ReleaseTitleSpecification",
        negate: false,
        required: true,
        fields: [{ name: "value", value: "\\bHDR\\b" }],
      },
    ],
  });

  test("sets includeCustomFormatWhenRenaming on every id; deletes unscore them in every profile", async () => {
    const a = await sendJson<Provider>("POST", "/api/v3/customformat", format(unique("A")), 201);
    const b = await sendJson<Provider>("POST", "/api/v3/customformat", format(unique("B")), 201);
    const edited = await sendJson<{ id: number; includeCustomFormatWhenRenaming: boolean }[]>(
      "PUT",
      "/api/v3/customformat/bulk",
      { ids: [a.id, b.id], includeCustomFormatWhenRenaming: true },
      202,
    );
    expect(edited.map((f) => f.includeCustomFormatWhenRenaming)).toEqual([true, true]);
    const missing = await call("DELETE", "/api/v3/customformat/bulk", { body: { ids: [a.id, 999_997] } });
    expect(missing.status).toBe(404);
    await getJson(`/api/v3/customformat/${a.id}`);

    const profileId = await qualityProfileId();
    const profile = await getJson<{ formatItems: { format: number; score: number }[] }>(
      `/api/v3/qualityprofile/${profileId}`,
    );
    const scored = profile.formatItems.map((f) => (f.format === a.id ? { ...f, score: 50 } : f));
    await sendJson("PUT", `/api/v3/qualityprofile/${profileId}`, { ...profile, formatItems: scored }, 202);
    await sendJson("DELETE", "/api/v3/customformat/bulk", { ids: [a.id, b.id] }, 200);
    expect((await call("GET", `/api/v3/customformat/${b.id}`)).status).toBe(404);
    const after = await getJson<{ formatItems: { format: number }[] }>(`/api/v3/qualityprofile/${profileId}`);
    expect(after.formatItems.some((f) => f.format === a.id || f.format === b.id)).toBe(false);
  }, 30_000);
});

describe("/api/v3/exclusions paged, update and bulk", () => {
  test("bulk add skips TMDb ids already excluded; paged sorts; PUT edits; bulk delete is all or nothing", async () => {
    await sendJson("POST", "/api/v3/exclusions", { tmdbId: 8_800_003, movieTitle: "Charlie", movieYear: 1990 }, 201);
    const added = await sendJson<{ id: number; tmdbId: number }[]>(
      "POST",
      "/api/v3/exclusions/bulk",
      [
        { tmdbId: 8_800_001, movieTitle: "bravo", movieYear: 2010 },
        { tmdbId: 8_800_002, movieTitle: "Alpha", movieYear: 2000 },
        { tmdbId: 8_800_003, movieTitle: "Charlie", movieYear: 1990 },
        { tmdbId: 8_800_002, movieTitle: "Alpha again", movieYear: 2000 },
      ],
      200,
    );
    expect(added.map((e) => e.tmdbId)).toEqual([8_800_001, 8_800_002]);

    type Page = {
      page: number;
      pageSize: number;
      sortDirection: string;
      totalRecords: number;
      records: { movieTitle: string; id: number }[];
    };
    const byTitle = await getJson<Page>(
      "/api/v3/exclusions/paged?sortKey=movieTitle&sortDirection=ascending&pageSize=2",
    );
    expect(byTitle.records.map((r) => r.movieTitle)).toEqual(["Alpha", "bravo"]);
    expect(byTitle.totalRecords).toBeGreaterThanOrEqual(3);
    const second = await getJson<Page>(
      "/api/v3/exclusions/paged?sortKey=movieTitle&sortDirection=ascending&pageSize=2&page=2",
    );
    expect(second.records[0].movieTitle).toBe("Charlie");
    const newest = await getJson<Page>("/api/v3/exclusions/paged");
    expect(newest).toMatchObject({ page: 1, pageSize: 10, sortDirection: "descending" });
    expect(newest.records[0].id).toBe(Math.max(...newest.records.map((r) => r.id)));
    const byYear = await getJson<Page>("/api/v3/exclusions/paged?sortKey=movieYear&sortDirection=descending");
    expect(byYear.records[0].movieTitle).toBe("bravo");

    const edited = await sendJson<{ movieTitle: string }>(
      "PUT",
      `/api/v3/exclusions/${added[0].id}`,
      { tmdbId: 8_800_001, movieTitle: "Bravo", movieYear: 2010 },
      202,
    );
    expect(edited.movieTitle).toBe("Bravo");
    await expectFieldError(
      await call("PUT", `/api/v3/exclusions/${added[0].id}`, {
        body: { tmdbId: 8_800_003, movieTitle: "Bravo", movieYear: 2010 },
      }),
      "tmdbId",
    );

    const missing = await call("DELETE", "/api/v3/exclusions/bulk", { body: { ids: [added[0].id, 999_996] } });
    expect(missing.status).toBe(404);
    await getJson(`/api/v3/exclusions/${added[0].id}`);
    await sendJson("DELETE", "/api/v3/exclusions/bulk", { ids: added.map((e) => e.id) }, 200);
    expect((await call("GET", `/api/v3/exclusions/${added[1].id}`)).status).toBe(404);
  }, 30_000);
});
