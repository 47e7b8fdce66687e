import { env } from "cloudflare:workers";
import { afterAll, describe, expect, test } from "vitest";
import {
  addClient,
  type DownloadClient,
  qbittorrentBody,
  runCommand,
  SIM,
  simClient,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, type ErrorBody, getJson, sendJson } from "./helpers";
import { callsWith, uniqueKey } from "./indexerHelpers";

// Radarr's template fields the indexers and clients lacked: stored, shown, and honoured.

const THOR_DARK_WORLD = 76338;
const ANT_MAN = 102899;

interface Provider extends Omit<DownloadClient, "fields"> {
  fields: { name: string; value: unknown; type?: string; selectOptions?: { value: number; name: string }[] }[];
  [field: string]: unknown;
}

const fieldOf = (provider: Provider, name: string) => provider.fields.find((f) => f.name === name);
const names = (provider: Provider) => provider.fields.map((f) => f.name);

function torznabBody(apiKey: string, fields: Record<string, unknown> = {}) {
  return {
    name: `Torznab ${apiKey.slice(-8)}`,
    implementation: "Torznab",
    fields: [
      { name: "baseUrl", value: `${SIM}/torznab` },
      { name: "apiKey", value: apiKey },
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ],
  };
}

/** Sets how many results an id search for the movie finds on the simulated indexer (null: its default). */
async function setResults(tmdbId: number, count: number | null) {
  const res = await fetch(`${SIM}/torznab/__results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tmdbId, count }),
  });
  expect(res.status).toBe(200);
}

afterAll(() => setResults(THOR_DARK_WORLD, null));

/** A WebUI call on the simulated qBittorrent `instance` (logged in as it). */
async function qbWebUi<T>(instance: string, path: string): Promise<T> {
  const login = await fetch(`${SIM}/qbittorrent/api/v2/auth/login`, {
    method: "POST",
    body: new URLSearchParams({ username: instance, password: "secret-pass" }),
  });
  const sid = /SID=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  const res = await fetch(`${SIM}/qbittorrent/api/v2/${path}`, { headers: { cookie: `SID=${sid}` } });
  expect(res.status).toBe(200);
  return res.json<T>();
}

/** A Transmission RPC call on the simulated `instance` (its session id fetched first). */
async function transmissionRpc<T>(instance: string, method: string, args: Record<string, unknown>): Promise<T> {
  const send = (sessionId = "") =>
    fetch(`${SIM}/transmission/rpc`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${instance}:secret-pass`)}`, "X-Transmission-Session-Id": sessionId },
      body: JSON.stringify({ method, arguments: args }),
    });
  const first = await send();
  await first.body?.cancel();
  const res = await send(first.headers.get("X-Transmission-Session-Id") ?? "");
  expect(res.status).toBe(200);
  return (await res.json<{ arguments: T }>()).arguments;
}

describe("templates carry Radarr's fields", () => {
  test("Torznab, Newznab and HDBits: multiLanguages, failDownloads, removeYear, rejectBlocklistedTorrentHashesWhileGrabbing", async () => {
    const templates = await getJson<Provider[]>("/api/v3/indexer/schema");
    const of = (implementation: string) => templates.find((t) => t.implementation === implementation) as Provider;
    expect(names(of("Torznab"))).toEqual(
      expect.arrayContaining([
        "multiLanguages",
        "failDownloads",
        "removeYear",
        "rejectBlocklistedTorrentHashesWhileGrabbing",
      ]),
    );
    expect(names(of("Newznab"))).toEqual(expect.arrayContaining(["multiLanguages", "failDownloads", "removeYear"]));
    expect(names(of("Newznab"))).not.toContain("rejectBlocklistedTorrentHashesWhileGrabbing");
    expect(names(of("HDBits"))).toEqual(
      expect.arrayContaining(["multiLanguages", "failDownloads", "rejectBlocklistedTorrentHashesWhileGrabbing"]),
    );
    const torznab = of("Torznab");
    expect(fieldOf(torznab, "multiLanguages")).toMatchObject({ value: [], type: "select" });
    expect(fieldOf(torznab, "failDownloads")?.selectOptions?.map((o) => o.name)).toEqual([
      "Executables",
      "Potentially Dangerous",
    ]);
    expect(fieldOf(torznab, "removeYear")?.value).toBe(false);
  });

  test("qBittorrent: movieImportedCategory and contentLayout", async () => {
    const templates = await getJson<Provider[]>("/api/v3/downloadclient/schema");
    const qb = templates.find((t) => t.implementation === "QBittorrent") as Provider;
    expect(fieldOf(qb, "movieImportedCategory")?.value).toBe("");
    expect(fieldOf(qb, "contentLayout")).toMatchObject({ value: 0, type: "select" });
  });

  test("what is sent is stored and read back; unknown languages and types are refused", async () => {
    const body = torznabBody(uniqueKey(), {
      multiLanguages: [2, 4],
      failDownloads: [0, 1],
      removeYear: true,
      rejectBlocklistedTorrentHashesWhileGrabbing: true,
    });
    const created = await sendJson<Provider>("POST", "/api/v3/indexer?forceSave=true", body, 201);
    const read = await getJson<Provider>(`/api/v3/indexer/${created.id}`);
    expect(fieldOf(read, "multiLanguages")?.value).toEqual([2, 4]);
    expect(fieldOf(read, "failDownloads")?.value).toEqual([0, 1]);
    expect(fieldOf(read, "removeYear")?.value).toBe(true);
    expect(fieldOf(read, "rejectBlocklistedTorrentHashesWhileGrabbing")?.value).toBe(true);
    const bad = await call("POST", "/api/v3/indexer?forceSave=true", {
      body: torznabBody(uniqueKey(), { multiLanguages: [9999], failDownloads: [7] }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json<ErrorBody>())).toMatch(/multiLanguages|failDownloads/);
  });
});

describe("honoured", () => {
  test("removeYear: text searches leave the year out", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(THOR_DARK_WORLD);
    // No id results, so the search falls back to text.
    await setResults(THOR_DARK_WORLD, 0);
    const [withoutYear, withYear] = [uniqueKey(), uniqueKey()];
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznabBody(withoutYear, { removeYear: true }), 201);
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznabBody(withYear), 201);
    await getJson(`/api/v3/release?movieId=${movie.id}`);
    const texts = async (key: string) =>
      (await callsWith("torznab", key))
        .map((c) => new URLSearchParams(c.query).get("q"))
        .filter((q): q is string => q !== null);
    expect(await texts(withoutYear)).toContain("Thor The Dark World");
    expect(await texts(withYear)).toContain("Thor The Dark World 2013");
    await setResults(THOR_DARK_WORLD, null);
  }, 60_000);

  test("qBittorrent: contentLayout goes with the add; movieImportedCategory is set once imported", async () => {
    // Each test has its own storage: the movie again, whose id search finds releases again.
    await addRootFolder("/movies");
    const movie = await addMovie(THOR_DARK_WORLD);
    const instance = unique("qb");
    await simClient("qbittorrent", instance).speed(0);
    const client = await addClient(
      qbittorrentBody(instance, {
        priority: 1,
        fields: [
          ...qbittorrentBody(instance).fields,
          { name: "contentLayout", value: 2 },
          { name: "movieImportedCategory", value: "radarr-imported" },
        ],
      }),
    );
    expect(fieldOf(client as unknown as Provider, "contentLayout")?.value).toBe(2);
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznabBody(uniqueKey()), 201);
    const releases = await getJson<{ guid: string; indexerId: number; approved: boolean; protocol: string }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const release = releases.find((r) => r.approved && r.protocol === "torrent");
    expect(release, "an approved torrent").toBeDefined();
    await sendJson(
      "POST",
      "/api/v3/release",
      { guid: release?.guid, indexerId: release?.indexerId, movieId: movie.id },
      200,
    );
    const [torrent] = await qbWebUi<{ hash: string; category: string }[]>(instance, "torrents/info");
    const files = await qbWebUi<{ name: string }[]>(instance, `torrents/files?hash=${torrent.hash}`);
    expect(
      files.every((f) => f.name.includes("/")),
      "files in a subfolder",
    ).toBe(true);
    expect(torrent.category).toBe("radarr");

    await runCommand("RefreshMonitoredDownloads");
    const [imported] = await qbWebUi<{ category: string }[]>(instance, "torrents/info");
    expect(imported.category).toBe("radarr-imported");
  }, 60_000);

  test("rejectBlocklistedTorrentHashesWhileGrabbing: a torrent whose file has a blocklisted hash is refused", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(ANT_MAN);
    await addClient(qbittorrentBody());
    const apiKey = uniqueKey();
    const indexer = await sendJson<Provider>(
      "POST",
      "/api/v3/indexer?forceSave=true",
      torznabBody(apiKey, { rejectBlocklistedTorrentHashesWhileGrabbing: true }),
      201,
    );
    const releases = await getJson<{ indexerId: number; downloadUrl?: string; infoHash?: string; title: string }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const torrent = releases.find(
      (r) => r.indexerId === indexer.id && r.downloadUrl?.includes(".torrent") && r.infoHash,
    );
    expect(torrent, "a release with a .torrent link").toBeDefined();
    // Blocklisted under another name: only the torrent's hash gives it away.
    await env.DB.prepare(
      `insert into blocklist (movie_id, source_title, indexer, protocol, info_hash, quality, custom_format_ids, languages, reason, date)
       values (?, 'Some.Other.Name.2015.1080p.WEB-DL-X', 'Elsewhere', 'torrent', ?, '{"quality":3,"revision":{"version":1,"real":0,"isRepack":false}}', '[]', '[]', 'manual', '2026-01-01T00:00:00Z')`,
    )
      .bind(movie.id, torrent?.infoHash?.toLowerCase())
      .run();
    const push = {
      title: "Ant-Man.2015.1080p.BluRay.x264-PUSHED",
      downloadUrl: torrent?.downloadUrl,
      protocol: "torrent",
      indexerId: indexer.id,
      size: 8_000_000_000,
      publishDate: "2026-01-01T00:00:00Z",
    };
    const refused = await call("POST", "/api/v3/release/push", { body: push });
    expect(refused.status).toBe(409);
    expect((await refused.json<ErrorBody>()).message).toContain("info hash");

    // Without the setting the hash is not looked at: the grab goes through.
    const settings = indexer.fields.map((f) =>
      f.name === "rejectBlocklistedTorrentHashesWhileGrabbing" ? { ...f, value: false } : f,
    );
    await sendJson("PUT", `/api/v3/indexer/${indexer.id}?forceSave=true`, { ...indexer, fields: settings }, 202);
    const [taken] = await sendJson<{ grabbed: boolean }[]>(
      "POST",
      "/api/v3/release/push",
      { ...push, title: `${push.title}2` },
      200,
    );
    expect(taken.grabbed).toBe(true);
  }, 60_000);

  test("failDownloads: a download holding an executable is failed (blocklisted) instead of imported", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(THOR_DARK_WORLD);
    const instance = unique("qb");
    await simClient("qbittorrent", instance).speed(0);
    await addClient(qbittorrentBody(instance));
    const indexer = await sendJson<Provider>(
      "POST",
      "/api/v3/indexer?forceSave=true",
      torznabBody(uniqueKey(), { failDownloads: [0] }),
      201,
    );
    const releases = await getJson<{ guid: string; indexerId: number; approved: boolean }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const release = releases.find((r) => r.approved && r.indexerId === indexer.id);
    expect(release, "an approved release").toBeDefined();
    await sendJson("POST", "/api/v3/release", { guid: release?.guid, indexerId: indexer.id, movieId: movie.id }, 200);
    const [torrent] = await qbWebUi<{ hash: string }[]>(instance, "torrents/info");
    const extra = await fetch(`${SIM}/qbittorrent/__files`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ instance, id: torrent.hash, path: "setup.exe", size: 4096 }),
    });
    expect(extra.status).toBe(200);

    await runCommand("RefreshMonitoredDownloads");
    const blocklist = await getJson<{ records: { movieId: number; message?: string }[] }>("/api/v3/blocklist");
    expect(blocklist.records.find((r) => r.movieId === movie.id)?.message).toContain("setup.exe");
    expect((await getJson<{ hasFile: boolean }>(`/api/v3/movie/${movie.id}`)).hasFile).toBe(false);
  }, 60_000);

  test("Transmission: movieImportedCategory replaces the category's label once imported", async () => {
    await addRootFolder("/movies");
    const movie = await addMovie(THOR_DARK_WORLD);
    const instance = unique("tr");
    await simClient("transmission", instance).speed(0);
    const body = transmissionBody(instance);
    await addClient({
      ...body,
      fields: [
        ...body.fields,
        { name: "movieCategory", value: "radarr" },
        { name: "movieImportedCategory", value: "radarr-imported" },
      ],
    });
    await sendJson("POST", "/api/v3/indexer?forceSave=true", torznabBody(uniqueKey()), 201);
    const releases = await getJson<{ guid: string; indexerId: number; approved: boolean }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const release = releases.find((r) => r.approved);
    expect(release, "an approved release").toBeDefined();
    await sendJson(
      "POST",
      "/api/v3/release",
      { guid: release?.guid, indexerId: release?.indexerId, movieId: movie.id },
      200,
    );
    type Torrents = { torrents: { labels: string[] }[] };
    const labels = async () =>
      (await transmissionRpc<Torrents>(instance, "torrent-get", { fields: ["labels"] })).torrents;
    expect((await labels())[0].labels).toEqual(["radarr"]);
    await runCommand("RefreshMonitoredDownloads");
    expect((await labels())[0].labels).toEqual(["radarr-imported"]);
  }, 60_000);
});
