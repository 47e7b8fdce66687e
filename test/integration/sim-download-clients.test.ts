import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";

/**
 * The simulator's download clients (sim/src/services/qbittorrent.ts, sabnzbd.ts, transmission.ts
 * over sim/src/downloads), spoken to directly as the app's clients will. Each test uses its own
 * client instance (qBittorrent/Transmission username, SABnzbd API key), so tests never share
 * downloads, files or faults.
 */

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const INDEXER_KEY = "sim-client-test-key";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds (or fails the test after `timeoutMs`). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = clock.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (clock.now() > deadline)
      throw new Error(`condition not reached; last value ${JSON.stringify(value).slice(0, 500)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

async function control(client: string, path: string, body: unknown, status = 200) {
  const res = await fetch(`${SIM}/${client}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

async function disk(client: string, instance: string, path = "/") {
  const res = await fetch(
    `${SIM}/${client}/__fs?instance=${encodeURIComponent(instance)}&path=${encodeURIComponent(path)}`,
  );
  return res.json<{ files: { path: string; size: number }[]; freeSpace: number }>();
}

interface IndexerRelease {
  title: string;
  url: string;
  infoHash: string;
  magnet: string;
  size: number;
}

const decode = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Torrent releases the simulated Torznab indexer lists for a movie. */
async function torrents(tmdbId: number, count = 10): Promise<IndexerRelease[]> {
  const res = await fetch(`${SIM}/torznab/api?t=movie&tmdbid=${tmdbId}&limit=${count}&apikey=${INDEXER_KEY}`);
  const xml = await res.text();
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
    title: decode(/<title>([^<]*)<\/title>/.exec(item)?.[1] ?? ""),
    url: decode(/<enclosure url="([^"]+)"/.exec(item)?.[1] ?? ""),
    infoHash: /name="infohash" value="([0-9a-f]{40})"/.exec(item)?.[1] ?? "",
    magnet: decode(/name="magneturl" value="([^"]+)"/.exec(item)?.[1] ?? ""),
    size: Number(/<size>(\d+)<\/size>/.exec(item)?.[1]),
  }));
}

/** NZB download URLs the simulated Newznab indexer lists for a movie. */
async function nzbs(tmdbId: number, count = 5): Promise<{ title: string; url: string; size: number }[]> {
  const res = await fetch(`${SIM}/newznab/api?t=movie&tmdbid=${tmdbId}&limit=${count}&apikey=${INDEXER_KEY}`);
  const xml = await res.text();
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
    title: decode(/<title>([^<]*)<\/title>/.exec(item)?.[1] ?? ""),
    url: decode(/<enclosure url="([^"]+)"/.exec(item)?.[1] ?? ""),
    size: Number(/name="size" value="(\d+)"/.exec(item)?.[1]),
  }));
}

// --- qBittorrent -------------------------------------------------------------------------------

const QB = `${SIM}/qbittorrent`;

interface QbTorrent {
  hash: string;
  name: string;
  state: string;
  progress: number;
  dlspeed: number;
  eta: number;
  size: number;
  amount_left: number;
  save_path: string;
  content_path: string;
  category: string;
  completion_on: number;
  num_seeds: number;
}

async function qbLogin(
  username: string,
  password = "adminadmin",
): Promise<{ text: string; status: number; sid?: string }> {
  const res = await fetch(`${QB}/api/v2/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  const sid = /SID=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return { text: await res.text(), status: res.status, sid };
}

/** A logged-in qBittorrent instance of its own. */
async function qbClient(username: string) {
  const login = await qbLogin(username);
  expect(login.text).toBe("Ok.");
  const sid = login.sid as string;
  const call = (path: string, init: { form?: Record<string, string> | FormData; method?: string } = {}) =>
    fetch(`${QB}/api/v2/${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers: {
        cookie: `SID=${sid}`,
        ...(init.form && !(init.form instanceof FormData)
          ? { "content-type": "application/x-www-form-urlencoded" }
          : {}),
      },
      body: init.form instanceof FormData ? init.form : init.form ? new URLSearchParams(init.form) : undefined,
    });
  const info = async (hash: string) => {
    const res = await call(`torrents/info?hashes=${hash}`);
    expect(res.status).toBe(200);
    return (await res.json<QbTorrent[]>())[0];
  };
  const add = async (form: Record<string, string> | FormData) => (await call("torrents/add", { form })).text();
  return { sid, call, info, add, username };
}

describe("qBittorrent", () => {
  test("login sets a SID cookie; wrong passwords get Fails.; no session gets 403; 5 failures ban the username", async () => {
    const ok = await qbLogin("qb-login");
    expect(ok.text).toBe("Ok.");
    expect(ok.sid).toMatch(/^\w{20,}$/);
    const version = await fetch(`${QB}/api/v2/app/version`, { headers: { cookie: `SID=${ok.sid}` } });
    expect(await version.text()).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(await (await fetch(`${QB}/api/v2/app/webapiVersion`, { headers: { cookie: `SID=${ok.sid}` } })).text()).toBe(
      "2.9.3",
    );

    const anonymous = await fetch(`${QB}/api/v2/torrents/info`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toBe("Forbidden");
    expect((await fetch(`${QB}/api/v2/app/version`, { headers: { cookie: "SID=not-a-session" } })).status).toBe(403);

    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await qbLogin("qb-ban", "wrong-password");
      expect(failed).toMatchObject({ status: 200, text: "Fails." });
      expect(failed.sid).toBeUndefined();
    }
    const banned = await qbLogin("qb-ban");
    expect(banned.status).toBe(403);
    expect(banned.text).toMatch(/banned/);
    expect((await qbLogin("qb-login")).text).toBe("Ok.");
  });

  test("preferences and sync/maindata say where torrents go and how much space is free", async () => {
    const qb = await qbClient("qb-prefs");
    const prefs = await (await qb.call("app/preferences")).json<{ save_path: string; web_ui_username: string }>();
    expect(prefs.save_path).toBe("/downloads");
    expect(prefs.web_ui_username).toBe("qb-prefs");
    const main = await (await qb.call("sync/maindata")).json<{ server_state: { free_space_on_disk: number } }>();
    expect(main.server_state.free_space_on_disk).toBeGreaterThan(1e12);
    // Actions need POST.
    expect((await qb.call("torrents/delete?hashes=all")).status).toBe(405);
  });

  test("a torrent added by URL downloads with wall time, completes onto the disk, moves, is renamed and deleted", async () => {
    const qb = await qbClient("qb-flow");
    const [release] = await torrents(603, 1);
    await control("qbittorrent", "__speed", { secondsToComplete: 3, instance: qb.username });
    expect(await qb.add({ urls: release.url, category: "radarr" })).toBe("Ok.");

    const first = await qb.info(release.infoHash);
    expect(first).toMatchObject({
      hash: release.infoHash,
      category: "radarr",
      size: release.size,
      save_path: "/downloads",
    });
    expect(["queuedDL", "downloading"]).toContain(first.state);
    const midway = await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "downloading" && t.progress > 0.05,
    );
    expect(midway.progress).toBeLessThan(1);
    expect(midway.dlspeed).toBeGreaterThan(0);
    expect(midway.eta).toBeLessThan(10);
    await sleep(300);
    expect((await qb.info(release.infoHash)).progress).toBeGreaterThan(midway.progress);

    const done = await until(
      () => qb.info(release.infoHash),
      (t) => t.progress === 1,
    );
    expect(["uploading", "stalledUP"]).toContain(done.state);
    expect(done.amount_left).toBe(0);
    expect(done.completion_on).toBeGreaterThan(0);
    const files = await (await qb.call(`torrents/files?hash=${release.infoHash}`)).json<
      { name: string; size: number }[]
    >();
    expect(files.reduce((sum, file) => sum + file.size, 0)).toBe(release.size);
    const onDisk = await disk("qbittorrent", qb.username, "/downloads");
    expect(onDisk.files.map((file) => file.path).sort()).toEqual(files.map((file) => `/downloads/${file.name}`).sort());
    expect(done.content_path.startsWith(`/downloads/${files[0].name.split("/")[0]}`)).toBe(true);

    const folder = "/movies/The Matrix (1999)";
    const moved = await qb.call("torrents/setLocation", { form: { hashes: release.infoHash, location: folder } });
    expect(moved.status).toBe(200);
    const video = files.reduce((biggest, file) => (file.size > biggest.size ? file : biggest));
    const renamed = await qb.call("torrents/renameFile", {
      form: { hash: release.infoHash, oldPath: video.name, newPath: "The Matrix (1999) Bluray-1080p.mkv" },
    });
    expect(renamed.status).toBe(200);
    const after = await qb.info(release.infoHash);
    expect(after.save_path).toBe(folder);
    const movies = await disk("qbittorrent", qb.username, "/movies");
    expect(movies.files).toContainEqual({ path: `${folder}/The Matrix (1999) Bluray-1080p.mkv`, size: video.size });
    expect((await disk("qbittorrent", qb.username, "/downloads")).files).toEqual([]);
    // A taken name and a missing file are 409s.
    const clash = await qb.call("torrents/renameFile", {
      form: { hash: release.infoHash, oldPath: "nope.mkv", newPath: "x.mkv" },
    });
    expect(clash.status).toBe(409);

    const removed = await qb.call("torrents/delete", { form: { hashes: release.infoHash, deleteFiles: "true" } });
    expect(removed.status).toBe(200);
    expect(await (await qb.call(`torrents/info?hashes=${release.infoHash}`)).json()).toEqual([]);
    expect((await disk("qbittorrent", qb.username, "/")).files).toEqual([]);
  });

  test("setLocation refuses an empty path (400), a relative one (409) and a read-only one (403)", async () => {
    const qb = await qbClient("qb-location");
    const [release] = await torrents(603, 1);
    expect(await qb.add({ urls: release.url })).toBe("Ok.");
    const move = (location: string) =>
      qb.call("torrents/setLocation", { form: { hashes: release.infoHash, location } });
    expect((await move("")).status).toBe(400);
    expect((await move("movies/relative")).status).toBe(409);
    const readOnly = await move("/readonly/movies");
    expect(readOnly.status).toBe(403);
    expect(await readOnly.text()).toBe("Cannot write to directory");
  });

  test("magnets wait for metadata, then download; a magnet no indexer listed stays in metaDL", async () => {
    const qb = await qbClient("qb-magnet");
    const [, release] = await torrents(603, 2);
    await control("qbittorrent", "__speed", { secondsToComplete: 20, instance: qb.username });
    expect(await qb.add({ urls: release.magnet })).toBe("Ok.");
    expect((await qb.info(release.infoHash)).state).toBe("metaDL");
    const downloading = await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "downloading",
    );
    expect(downloading.size).toBe(release.size);

    const unknown = "0123456789abcdef0123456789abcdef01234567";
    expect(await qb.add({ urls: `magnet:?xt=urn:btih:${unknown}&dn=Unknown.Release` })).toBe("Ok.");
    await sleep(300);
    expect(await qb.info(unknown)).toMatchObject({ state: "metaDL", name: "Unknown.Release", progress: 0 });
  });

  test("a .torrent uploaded as a file is added with its hash; duplicates get Fails., a bad file 415", async () => {
    const qb = await qbClient("qb-file");
    const [, , release] = await torrents(603, 3);
    const bytes = await (await fetch(release.url)).arrayBuffer();
    const form = new FormData();
    form.append("torrents", new Blob([bytes], { type: "application/x-bittorrent" }), "release.torrent");
    form.append("category", "movies-upload");
    form.append("paused", "true");
    expect(await qb.add(form)).toBe("Ok.");
    expect(await qb.info(release.infoHash)).toMatchObject({ state: "pausedDL", category: "movies-upload" });
    const categories = await (await qb.call("torrents/categories")).json<Record<string, { savePath: string }>>();
    expect(Object.keys(categories)).toContain("movies-upload");
    expect(await qb.add({ urls: release.url })).toBe("Fails.");

    const junk = new FormData();
    junk.append("torrents", new Blob(["this is not bencode"]), "junk.torrent");
    const rejected = await qb.call("torrents/add", { form: junk });
    expect(rejected.status).toBe(415);
    expect(await qb.add({ urls: `${SIM}/torznab/download/603-0.torrent?apikey=invalid` })).toBe("Fails.");
    expect(await qb.add({ urls: "http://192.0.2.1/remote.torrent" })).toBe("Fails.");

    await qb.call("torrents/resume", { form: { hashes: release.infoHash } });
    expect((await qb.info(release.infoHash)).state).not.toBe("pausedDL");
  });

  test("categories: create, duplicate (409), invalid name (409); torrents/info filters by category", async () => {
    const qb = await qbClient("qb-categories");
    expect(
      (await qb.call("torrents/createCategory", { form: { category: "radarr", savePath: "/data/radarr" } })).status,
    ).toBe(200);
    expect((await qb.call("torrents/createCategory", { form: { category: "radarr" } })).status).toBe(409);
    expect((await qb.call("torrents/createCategory", { form: { category: "/bad/" } })).status).toBe(409);
    expect((await qb.call("torrents/createCategory", { form: { category: "" } })).status).toBe(400);
    const [a, b] = await torrents(603, 2);
    expect(await qb.add({ urls: a.url, category: "radarr", autoTMM: "true" })).toBe("Ok.");
    expect(await qb.add({ urls: b.url })).toBe("Ok.");
    const inCategory = await (await qb.call("torrents/info?category=radarr")).json<QbTorrent[]>();
    expect(inCategory.map((t) => t.hash)).toEqual([a.infoHash]);
    expect(inCategory[0].save_path).toBe("/data/radarr");
    expect((await qb.info(b.infoHash)).save_path).toBe("/downloads");
  });

  test("fault: a stalled download is stalledDL with no speed and no progress", async () => {
    const qb = await qbClient("qb-stall");
    const [release] = await torrents(603, 1);
    await control("qbittorrent", "__faults", { stall: true, instance: qb.username, match: release.infoHash }, 201);
    expect(await qb.add({ urls: release.url })).toBe("Ok.");
    const stalled = await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "stalledDL",
    );
    expect(stalled).toMatchObject({ dlspeed: 0, eta: 8_640_000, num_seeds: 0 });
    await sleep(400);
    expect((await qb.info(release.infoHash)).progress).toBe(stalled.progress);
    const cleared = await fetch(`${QB}/__faults?instance=${qb.username}`, { method: "DELETE" });
    expect((await cleared.json<{ cleared: number }>()).cleared).toBe(1);
    await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "downloading",
    );
  });

  test("fault: a full disk puts the torrent in error with no free space and a log line saying so", async () => {
    const qb = await qbClient("qb-disk");
    const [release] = await torrents(603, 1);
    await control("qbittorrent", "__faults", { kind: "diskFull", instance: qb.username, at: 0.3 }, 201);
    await control("qbittorrent", "__speed", { secondsToComplete: 1, instance: qb.username });
    expect(await qb.add({ urls: release.url })).toBe("Ok.");
    const failed = await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "error",
    );
    expect(failed.progress).toBeCloseTo(0.3, 2);
    const main = await (await qb.call("sync/maindata")).json<{ server_state: { free_space_on_disk: number } }>();
    expect(main.server_state.free_space_on_disk).toBe(0);
    const log = await (await qb.call("log/main?normal=false&info=false&warning=false")).json<
      { message: string; type: number }[]
    >();
    expect(log.some((entry) => entry.type === 8 && entry.message.includes("No space left on device"))).toBe(true);
  });

  test("fault: a hash mismatch completes, then shows missingFiles with pieces to re-download", async () => {
    const qb = await qbClient("qb-hash");
    const [release] = await torrents(603, 1);
    await control("qbittorrent", "__faults", { hashMismatch: true, instance: qb.username }, 201);
    await control("qbittorrent", "__speed", { secondsToComplete: 0, instance: qb.username });
    expect(await qb.add({ urls: release.url })).toBe("Ok.");
    const broken = await until(
      () => qb.info(release.infoHash),
      (t) => t.state === "missingFiles",
    );
    expect(broken.progress).toBeLessThan(1);
    expect(broken.amount_left).toBeGreaterThan(0);
    const properties = await (await qb.call(`torrents/properties?hash=${release.infoHash}`)).json<{
      total_wasted: number;
    }>();
    expect(properties.total_wasted).toBe(broken.amount_left);
    const log = await (await qb.call("log/main")).json<{ message: string }[]>();
    expect(log.some((entry) => /Piece #\d+ is corrupt/.test(entry.message))).toBe(true);
  });

  test("fault: missing files complete without content on disk and show missingFiles", async () => {
    const qb = await qbClient("qb-missing");
    const [release] = await torrents(603, 1);
    await control("qbittorrent", "__faults", { missingFiles: true, instance: qb.username, times: 1 }, 201);
    await control("qbittorrent", "__speed", { secondsToComplete: 0, instance: qb.username });
    expect(await qb.add({ urls: release.url })).toBe("Ok.");
    expect(await qb.info(release.infoHash)).toMatchObject({ state: "missingFiles", progress: 1 });
    expect((await disk("qbittorrent", qb.username)).files).toEqual([]);
    // `times: 1` spent it: the next download is healthy.
    const [, next] = await torrents(603, 2);
    expect(await qb.add({ urls: next.url })).toBe("Ok.");
    expect(["uploading", "stalledUP"]).toContain((await qb.info(next.infoHash)).state);
  });

  test("fault: auth failure refuses logins and ends sessions", async () => {
    const qb = await qbClient("qb-auth");
    expect((await qb.call("app/version")).status).toBe(200);
    await control("qbittorrent", "__faults", { authFailure: true, instance: qb.username, times: 1 }, 201);
    expect((await qb.call("app/version")).status).toBe(403);
    expect((await qbLogin(qb.username)).text).toBe("Fails.");
    expect((await qbLogin(qb.username)).text).toBe("Ok.");
  });

  test("__seed creates 500 active torrents in one instance", async () => {
    const seeded = await control("qbittorrent", "__seed", { count: 500, instance: "qb-seed", category: "radarr" });
    expect(seeded).toMatchObject({ created: 500, total: 500 });
    const qb = await qbClient("qb-seed");
    const all = await (await qb.call("torrents/info?category=radarr")).json<QbTorrent[]>();
    expect(all).toHaveLength(500);
    expect(new Set(all.map((t) => t.hash)).size).toBe(500);
    expect(all.every((t) => ["queuedDL", "downloading"].includes(t.state) && t.progress < 1)).toBe(true);
    const active = await (await qb.call("torrents/info?filter=downloading&limit=50&offset=450")).json<QbTorrent[]>();
    expect(active).toHaveLength(50);
  });

  test("controls reject bad bodies naming the field", async () => {
    const speed = await control("qbittorrent", "__speed", { secondsToComplete: -1 }, 400);
    expect(speed.errors.map((e: { path: string }) => e.path)).toContain("secondsToComplete");
    const fault = await control("qbittorrent", "__faults", { kind: "meteorStrike" }, 400);
    expect(fault.errors.map((e: { path: string }) => e.path)).toContain("kind");
    const seed = await control("qbittorrent", "__seed", { count: 0 }, 400);
    expect(seed.errors.map((e: { path: string }) => e.path)).toContain("count");
  });
});

// --- SABnzbd -----------------------------------------------------------------------------------

const SAB = `${SIM}/sabnzbd/api`;

interface SabQueueSlot {
  nzo_id: string;
  filename: string;
  status: string;
  percentage: string;
  mb: string;
  mbleft: string;
  timeleft: string;
  cat: string;
}

interface SabHistorySlot {
  nzo_id: string;
  name: string;
  status: string;
  fail_message: string;
  storage: string;
  category: string;
  bytes: number;
  completed: number;
}

function sabClient(apiKey: string) {
  const call = async <T>(params: Record<string, string>) => {
    const res = await fetch(`${SAB}?${new URLSearchParams({ ...params, apikey: apiKey, output: "json" })}`);
    expect(res.status).toBe(200);
    return res.json<T>();
  };
  const queue = async () =>
    (await call<{ queue: { slots: SabQueueSlot[]; diskspace1: string } }>({ mode: "queue" })).queue;
  const history = async () => (await call<{ history: { slots: SabHistorySlot[] } }>({ mode: "history" })).history;
  const addUrl = async (url: string, cat = "movies") => {
    const body = await call<{ status: boolean; nzo_ids: string[] }>({ mode: "addurl", name: url, cat });
    expect(body.status).toBe(true);
    expect(body.nzo_ids).toHaveLength(1);
    return body.nzo_ids[0];
  };
  const finished = (id: string) =>
    until(history, (h) =>
      h.slots.some((slot) => slot.nzo_id === id && (slot.status === "Completed" || slot.status === "Failed")),
    ).then((h) => h.slots.find((slot) => slot.nzo_id === id) as SabHistorySlot);
  return { apiKey, call, queue, history, addUrl, finished };
}

describe("SABnzbd", () => {
  test("version needs no key; a missing key is 'API Key Required', a refused one 'API Key Incorrect'", async () => {
    expect(await (await fetch(`${SAB}?mode=version&output=json`)).json()).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(await (await fetch(`${SAB}?mode=queue&output=json`)).json()).toEqual({
      status: false,
      error: "API Key Required",
    });
    expect(await (await fetch(`${SAB}?mode=queue&output=json&apikey=invalid`)).json()).toEqual({
      status: false,
      error: "API Key Incorrect",
    });
    expect(await (await fetch(`${SAB}?mode=queue&apikey=wrong-key`)).text()).toBe("error: API Key Incorrect\n");
  });

  test("addurl: queued, downloading with rising percentage, then history Completed with the files at storage", async () => {
    const sab = sabClient("sab-flow");
    const [release] = await nzbs(603, 1);
    await control("sabnzbd", "__speed", { secondsToComplete: 3, instance: sab.apiKey });
    const id = await sab.addUrl(release.url);
    const slot = await until(sab.queue, (q) =>
      q.slots.some((s) => s.nzo_id === id && s.status === "Downloading" && Number(s.percentage) > 5),
    ).then((q) => q.slots.find((s) => s.nzo_id === id) as SabQueueSlot);
    expect(slot).toMatchObject({ filename: release.title, cat: "movies" });
    expect(Number(slot.mb)).toBeCloseTo(release.size / 1024 / 1024, 0);
    expect(Number(slot.mbleft)).toBeLessThan(Number(slot.mb));
    expect(slot.timeleft).toMatch(/^\d+:\d\d:\d\d$/);

    const done = await sab.finished(id);
    expect(done).toMatchObject({
      status: "Completed",
      fail_message: "",
      name: release.title,
      category: "movies",
      bytes: release.size,
      storage: `/downloads/complete/movies/${release.title}`,
    });
    expect((await sab.queue()).slots).toEqual([]);
    const files = (await disk("sabnzbd", sab.apiKey, done.storage)).files;
    expect(files).toHaveLength(1);
    expect(files[0].path).toMatch(/\.(mkv|avi)$/);

    expect(
      (await sab.call<{ status: boolean }>({ mode: "history", name: "delete", value: id, del_files: "1" })).status,
    ).toBe(true);
    expect((await sab.history()).slots).toEqual([]);
    expect((await disk("sabnzbd", sab.apiKey)).files).toEqual([]);
  });

  test("addfile takes an uploaded NZB; queue delete removes a job", async () => {
    const sab = sabClient("sab-file");
    const [release] = await nzbs(603, 1);
    const nzb = await (await fetch(release.url)).arrayBuffer();
    const form = new FormData();
    form.append("name", new Blob([nzb], { type: "application/x-nzb" }), `${release.title}.nzb`);
    const res = await fetch(`${SAB}?mode=addfile&cat=movies&output=json&apikey=${sab.apiKey}`, {
      method: "POST",
      body: form,
    });
    const added = await res.json<{ status: boolean; nzo_ids: string[] }>();
    expect(added.status).toBe(true);
    const queue = await sab.queue();
    expect(queue.slots.map((slot) => slot.filename)).toEqual([release.title]);
    const removed = await sab.call<{ status: boolean; nzo_ids: string[] }>({
      mode: "queue",
      name: "delete",
      value: added.nzo_ids[0],
    });
    expect(removed).toEqual({ status: true, nzo_ids: added.nzo_ids });
    expect((await sab.queue()).slots).toEqual([]);
  });

  test("get_config lists categories and the complete folder; fullstatus and get_cats answer", async () => {
    const sab = sabClient("sab-config");
    const config = await sab.call<{
      config: { misc: { complete_dir: string }; categories: { name: string; dir: string }[] };
    }>({
      mode: "get_config",
    });
    expect(config.config.misc.complete_dir).toBe("/downloads/complete");
    expect(config.config.categories).toContainEqual(expect.objectContaining({ name: "movies", dir: "movies" }));
    expect((await sab.call<{ categories: string[] }>({ mode: "get_cats" })).categories).toContain("movies");
    expect((await sab.call<{ status: { completedir: string } }>({ mode: "fullstatus" })).status.completedir).toBe(
      "/downloads/complete",
    );
  });

  test("faults: stall stays Downloading without progress; disk full, hash mismatch and missing articles fail with SABnzbd's messages", async () => {
    const sab = sabClient("sab-faults");
    const releases = await nzbs(603, 4);
    const [stall, full, corrupt, missing] = releases;
    await control("sabnzbd", "__speed", { secondsToComplete: 0, instance: sab.apiKey });
    await control("sabnzbd", "__faults", { stall: true, instance: sab.apiKey, match: stall.title }, 201);
    await control("sabnzbd", "__faults", { diskFull: true, instance: sab.apiKey, match: full.title }, 201);
    await control("sabnzbd", "__faults", { hashMismatch: true, instance: sab.apiKey, match: corrupt.title }, 201);
    await control("sabnzbd", "__faults", { missingFiles: true, instance: sab.apiKey, match: missing.title }, 201);

    const stalledId = await sab.addUrl(stall.url);
    const stalled = (await sab.queue()).slots.find((slot) => slot.nzo_id === stalledId);
    expect(stalled).toMatchObject({ status: "Downloading", percentage: "0", timeleft: "0:00:00" });
    await sleep(300);
    expect((await sab.queue()).slots.find((slot) => slot.nzo_id === stalledId)?.percentage).toBe("0");

    const fullSlot = await sab.finished(await sab.addUrl(full.url));
    expect(fullSlot).toMatchObject({
      status: "Failed",
      fail_message: "Unpacking failed, write error or disk is full?",
    });
    expect((await sab.queue()).diskspace1).toBe("0.00");
    const corruptSlot = await sab.finished(await sab.addUrl(corrupt.url));
    expect(corruptSlot.status).toBe("Failed");
    expect(corruptSlot.fail_message).toMatch(/^Repair failed, not enough repair blocks \(\d+ short\)$/);
    const missingSlot = await sab.finished(await sab.addUrl(missing.url));
    expect(missingSlot).toMatchObject({
      status: "Failed",
      fail_message: "Aborted, cannot be completed - https://sabnzbd.org/not-complete",
    });
    // An indexer's error instead of an NZB, and a URL that is not there.
    const notNzb = await sab.finished(
      await sab.addUrl(`${SIM}/newznab/api?t=get&id=999999999-0&apikey=${INDEXER_KEY}`),
    );
    expect(notNzb).toMatchObject({ status: "Failed", fail_message: "Invalid NZB file" });
    const unfetchable = await sab.finished(await sab.addUrl(`${SIM}/newznab/getnzb/nothing-here.nzb`));
    expect(unfetchable).toMatchObject({ status: "Failed", fail_message: "URL Fetching failed; Server returned 404" });
    // Failed jobs leave nothing in the complete folder.
    expect((await disk("sabnzbd", sab.apiKey, "/downloads/complete")).files).toEqual([]);
    const failedOnly = await sab.call<{ history: { slots: SabHistorySlot[] } }>({ mode: "history", failed_only: "1" });
    expect(failedOnly.history.slots).toHaveLength(5);
  });

  test("fault: auth failure makes a good key incorrect", async () => {
    const sab = sabClient("sab-auth");
    await control("sabnzbd", "__faults", { authFailure: true, instance: sab.apiKey, times: 1 }, 201);
    expect(await (await fetch(`${SAB}?mode=queue&output=json&apikey=${sab.apiKey}`)).json()).toEqual({
      status: false,
      error: "API Key Incorrect",
    });
    expect((await sab.queue()).slots).toEqual([]);
  });
});

// --- Transmission ------------------------------------------------------------------------------

const RPC = `${SIM}/transmission/rpc`;

interface TrTorrent {
  id: number;
  hashString: string;
  name: string;
  status: number;
  percentDone: number;
  leftUntilDone: number;
  downloadDir: string;
  error: number;
  errorString: string;
  totalSize: number;
  eta: number;
  isFinished: boolean;
  rateDownload: number;
  isStalled: boolean;
  files: { name: string; length: number; bytesCompleted: number }[];
}

const TR_FIELDS = [
  "id",
  "hashString",
  "name",
  "status",
  "percentDone",
  "leftUntilDone",
  "downloadDir",
  "error",
  "errorString",
  "totalSize",
  "eta",
  "isFinished",
  "rateDownload",
  "isStalled",
  "files",
];

function transmissionClient(username: string) {
  let sessionId = "";
  const authorization = `Basic ${btoa(`${username}:secret`)}`;
  const rpc = async <T = Record<string, unknown>>(method: string, args: Record<string, unknown> = {}) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(RPC, {
        method: "POST",
        headers: { authorization, "X-Transmission-Session-Id": sessionId, "content-type": "application/json" },
        body: JSON.stringify({ method, arguments: args, tag: 7 }),
      });
      if (res.status === 409) {
        sessionId = res.headers.get("X-Transmission-Session-Id") ?? "";
        await res.body?.cancel();
        continue;
      }
      expect(res.status).toBe(200);
      const body = await res.json<{ result: string; arguments: T; tag: number }>();
      expect(body.tag).toBe(7);
      return body;
    }
    throw new Error("no session id after a 409");
  };
  const get = async (hash: string) =>
    (await rpc<{ torrents: TrTorrent[] }>("torrent-get", { ids: [hash], fields: TR_FIELDS })).arguments.torrents[0];
  return { username, rpc, get };
}

describe("Transmission", () => {
  test("the session-id handshake: 409 with the id, success with it, 409 again once it is stale", async () => {
    const first = await fetch(RPC, { method: "POST", body: JSON.stringify({ method: "session-get" }) });
    expect(first.status).toBe(409);
    const sessionId = first.headers.get("X-Transmission-Session-Id") ?? "";
    expect(sessionId).toMatch(/^\w{20,}$/);
    expect(await first.text()).toContain("409: Conflict");
    const ok = await fetch(RPC, {
      method: "POST",
      headers: { "X-Transmission-Session-Id": sessionId },
      body: JSON.stringify({
        method: "session-get",
        arguments: { fields: ["version", "rpc-version", "download-dir"] },
      }),
    });
    expect(ok.status).toBe(200);
    const session = await ok.json<{ result: string; arguments: Record<string, unknown> }>();
    expect(session.result).toBe("success");
    expect(session.arguments).toEqual({
      version: expect.stringMatching(/^4\./),
      "rpc-version": 17,
      "download-dir": "/downloads/complete",
    });

    await control("transmission", "__session", { instance: "tr-handshake" });
    const client = transmissionClient("tr-handshake");
    expect((await client.rpc("session-get")).result).toBe("success");
    await control("transmission", "__session", { instance: "tr-handshake" });
    // The client's id went stale: it is told again (409) and succeeds on the retry.
    expect((await client.rpc("session-stats")).result).toBe("success");
  });

  test("basic auth: a refused password gets 401", async () => {
    const res = await fetch(RPC, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("tr-user:wrong-password")}` },
      body: JSON.stringify({ method: "session-get" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toContain("Basic");
  });

  test("torrent-add by URL downloads to completion; set-location moves it, rename-path renames it, remove deletes it", async () => {
    const tr = transmissionClient("tr-flow");
    const [release] = await torrents(603, 1);
    await control("transmission", "__speed", { secondsToComplete: 2, instance: tr.username });
    const added = await tr.rpc<{ "torrent-added": { id: number; hashString: string; name: string } }>("torrent-add", {
      filename: release.url,
      "download-dir": "/downloads/radarr",
    });
    expect(added.result).toBe("success");
    expect(added.arguments["torrent-added"].hashString).toBe(release.infoHash);
    const duplicate = await tr.rpc<Record<string, unknown>>("torrent-add", { filename: release.url });
    expect(duplicate.arguments["torrent-duplicate"]).toMatchObject({ hashString: release.infoHash });

    const downloading = await until(
      () => tr.get(release.infoHash),
      (t) => t.status === 4 && t.percentDone > 0,
    );
    expect(downloading.rateDownload).toBeGreaterThan(0);
    expect(downloading.leftUntilDone).toBeLessThan(release.size);
    const done = await until(
      () => tr.get(release.infoHash),
      (t) => t.percentDone === 1,
    );
    expect(done).toMatchObject({
      status: 6,
      leftUntilDone: 0,
      error: 0,
      errorString: "",
      downloadDir: "/downloads/radarr",
    });
    expect(done.files.every((file) => file.bytesCompleted === file.length)).toBe(true);

    const folder = "/movies/The Matrix (1999)";
    expect((await tr.rpc("torrent-set-location", { ids: [done.id], location: folder, move: true })).result).toBe(
      "success",
    );
    const video = done.files.reduce((biggest, file) => (file.length > biggest.length ? file : biggest));
    const renamed = await tr.rpc<{ path: string; name: string; id: number }>("torrent-rename-path", {
      ids: [done.id],
      path: video.name,
      name: "The Matrix (1999) Bluray-1080p.mkv",
    });
    expect(renamed.arguments).toEqual({ path: video.name, name: "The Matrix (1999) Bluray-1080p.mkv", id: done.id });
    const parent = video.name.includes("/") ? `${video.name.slice(0, video.name.lastIndexOf("/"))}/` : "";
    const movies = await disk("transmission", tr.username, "/movies");
    expect(movies.files).toContainEqual({
      path: `${folder}/${parent}The Matrix (1999) Bluray-1080p.mkv`,
      size: video.length,
    });
    expect((await tr.get(release.infoHash)).error).toBe(0);

    expect((await tr.rpc("torrent-remove", { ids: [done.id], "delete-local-data": true })).result).toBe("success");
    expect((await tr.rpc<{ torrents: TrTorrent[] }>("torrent-get", { fields: ["id"] })).arguments.torrents).toEqual([]);
    expect((await disk("transmission", tr.username)).files).toEqual([]);
  });

  test("torrent-add takes base64 metainfo; unknown methods and bad torrents get Transmission's results", async () => {
    const tr = transmissionClient("tr-metainfo");
    const [, release] = await torrents(603, 2);
    const bytes = new Uint8Array(await (await fetch(release.url)).arrayBuffer());
    const metainfo = btoa(String.fromCharCode(...bytes));
    const added = await tr.rpc<{ "torrent-added": { hashString: string } }>("torrent-add", { metainfo, paused: true });
    expect(added.arguments["torrent-added"].hashString).toBe(release.infoHash);
    expect((await tr.get(release.infoHash)).status).toBe(0);
    expect((await tr.rpc("torrent-add", { metainfo: btoa("not a torrent") })).result).toBe(
      "invalid or corrupt torrent file",
    );
    expect((await tr.rpc("no-such-method")).result).toBe("method name not recognized");
  });

  test("faults: stall (status 4, no rate), disk full (error 3), corrupt piece (error 3 after completing), read-only move", async () => {
    const tr = transmissionClient("tr-faults");
    const [stall, full, corrupt, moved] = await torrents(603, 4);
    await control("transmission", "__speed", { secondsToComplete: 0, instance: tr.username });
    await control("transmission", "__faults", { stall: true, instance: tr.username, match: stall.infoHash }, 201);
    await control("transmission", "__faults", { diskFull: true, instance: tr.username, match: full.infoHash }, 201);
    await control(
      "transmission",
      "__faults",
      { hashMismatch: true, instance: tr.username, match: corrupt.infoHash },
      201,
    );
    for (const release of [stall, full, corrupt, moved]) {
      expect((await tr.rpc("torrent-add", { filename: release.url })).result).toBe("success");
    }
    expect(await tr.get(stall.infoHash)).toMatchObject({
      status: 4,
      rateDownload: 0,
      isStalled: true,
      eta: -2,
      error: 0,
    });
    expect(await tr.get(full.infoHash)).toMatchObject({ status: 0, error: 3, errorString: "No space left on device" });
    const broken = await tr.get(corrupt.infoHash);
    expect(broken).toMatchObject({ status: 0, error: 3 });
    expect(broken.errorString).toMatch(/^Piece #\d+ is corrupt$/);
    expect(broken.leftUntilDone).toBeGreaterThan(0);

    const healthy = await tr.get(moved.infoHash);
    expect(healthy.status).toBe(6);
    await tr.rpc("torrent-set-location", { ids: [healthy.id], location: "/readonly/movies", move: true });
    expect(await tr.get(moved.infoHash)).toMatchObject({
      error: 3,
      errorString: "Permission denied (/readonly/movies)",
    });
    // Pointing it at a folder without its data (move: false) is Transmission's "No data found!".
    await tr.rpc("torrent-set-location", { ids: [healthy.id], location: "/elsewhere", move: false });
    expect((await tr.get(moved.infoHash)).errorString).toMatch(/^No data found!/);
  });
});
