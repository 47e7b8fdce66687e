import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import {
  addClient,
  addIndexer,
  type DownloadClient,
  qbittorrentBody,
  runCommand,
  SIM,
  sabnzbdBody,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, expectFieldError, getJson, type Movie, sendJson } from "./helpers";

/**
 * Radarr's recent/older movie priorities on qBittorrent, Transmission and SABnzbd: a grab of a
 * movie released lately (Radarr's IsRecentMovie) uses the recent priority, any other the older
 * one, and the simulated clients show where the download landed. SABnzbd's web login
 * (username/password) stands in for its API key.
 */

const MATRIX = 603;
const RELOADED = 604;
const DAY = 86_400_000;

/** Sets a library movie's release dates: recent (digital release 5 days ago) or long past. */
async function releaseDates(movie: Movie, recent: boolean) {
  const old = "2001-01-01T00:00:00Z";
  const digital = recent ? new Date(clock.now() - 5 * DAY).toISOString() : old;
  await env.DB.prepare("update movies set in_cinemas = ?, physical_release = ?, digital_release = ? where id = ?")
    .bind(old, old, digital, movie.id)
    .run();
}

/** An older movie, then a recent one, each searched (and grabbed) in turn. */
async function grabOlderThenRecent(): Promise<void> {
  await addRootFolder();
  const older = await addMovie(MATRIX, { monitored: true });
  const recent = await addMovie(RELOADED, { monitored: true });
  await releaseDates(older, false);
  await releaseDates(recent, true);
  await runCommand("MoviesSearch", { movieIds: [older.id] });
  await runCommand("MoviesSearch", { movieIds: [recent.id] });
}

const withFields = <T extends { fields: { name: string; value: unknown }[] }>(
  body: T,
  fields: Record<string, unknown>,
) => ({
  ...body,
  fields: [...body.fields, ...Object.entries(fields).map(([name, value]) => ({ name, value }))],
});

async function qbWebUi(instance: string, path: string, form?: Record<string, string>): Promise<Response> {
  const login = await fetch(`${SIM}/qbittorrent/api/v2/auth/login`, {
    method: "POST",
    body: new URLSearchParams({ username: instance, password: "secret-pass" }),
  });
  const sid = /SID=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  return fetch(`${SIM}/qbittorrent/api/v2/${path}`, {
    method: form ? "POST" : "GET",
    headers: { cookie: `SID=${sid}` },
    ...(form ? { body: new URLSearchParams(form) } : {}),
  });
}

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
  return (await res.json<{ arguments: T }>()).arguments;
}

async function sabQueue(auth: Record<string, string>) {
  const query = new URLSearchParams({ mode: "queue", output: "json", ...auth });
  const res = await fetch(`${SIM}/sabnzbd/api?${query}`);
  return (await res.json<{ queue: { slots: { filename: string; priority: string }[] } }>()).queue.slots;
}

/** The movie a download's name is for (The Matrix Reloaded names contain "Reloaded"). */
const isRecent = (name: string) => /reloaded/i.test(name);

describe("download client templates", () => {
  test("qBittorrent, Transmission and SABnzbd list Radarr's priority fields; SABnzbd its username and password", async () => {
    const templates = await getJson<DownloadClient[]>("/api/v3/downloadclient/schema");
    const fieldsOf = (implementation: string) =>
      templates.find((t) => t.implementation === implementation)?.fields ?? [];
    const value = (implementation: string, name: string) =>
      fieldsOf(implementation).find((f) => f.name === name)?.value;
    for (const implementation of ["QBittorrent", "Transmission", "Sabnzbd"]) {
      const names = fieldsOf(implementation).map((f) => f.name);
      expect(names).toEqual(expect.arrayContaining(["recentMoviePriority", "olderMoviePriority"]));
    }
    expect([value("QBittorrent", "recentMoviePriority"), value("Transmission", "olderMoviePriority")]).toEqual([0, 0]);
    expect([value("Sabnzbd", "recentMoviePriority"), value("Sabnzbd", "olderMoviePriority")]).toEqual([-100, -100]);
    expect(fieldsOf("Sabnzbd").find((f) => f.name === "password")).toMatchObject({ type: "password" });
    expect(fieldsOf("Sabnzbd").map((f) => f.name)).toContain("username");
  });

  test("a priority outside the client's choices is refused, naming the field", async () => {
    const body = withFields(qbittorrentBody(), { recentMoviePriority: 5 });
    await expectFieldError(
      await call("POST", "/api/v3/downloadclient?forceSave=true", { body }),
      "recentMoviePriority",
    );
  });
});

describe("recent and older movie priorities reach the client", () => {
  test("qBittorrent: First moves a recent movie's torrent to the top of the queue; Last leaves an older one at the bottom", async () => {
    const body = withFields(qbittorrentBody(), { recentMoviePriority: 1, olderMoviePriority: 0 });
    const client = await addClient(body);
    const enabled = await qbWebUi(client.instance, "app/setPreferences", {
      json: JSON.stringify({ queueing_enabled: true }),
    });
    expect(enabled.status).toBe(200);
    await addIndexer("Torznab");
    await grabOlderThenRecent();
    const torrents = await (await qbWebUi(client.instance, "torrents/info")).json<
      { name: string; priority: number }[]
    >();
    expect(torrents).toHaveLength(2);
    const byPlace = torrents.sort((a, b) => a.priority - b.priority).map((t) => isRecent(t.name));
    // Added second, yet first in the queue.
    expect(byPlace).toEqual([true, false]);
    expect(torrents.map((t) => t.priority)).toEqual([1, 2]);
  }, 60_000);

  test("qBittorrent: with queueing off there is no queue to place it in, and the grab stands", async () => {
    const client = await addClient(withFields(qbittorrentBody(), { recentMoviePriority: 1, olderMoviePriority: 1 }));
    await addIndexer("Torznab");
    await grabOlderThenRecent();
    const torrents = await (await qbWebUi(client.instance, "torrents/info")).json<{ priority: number }[]>();
    expect(torrents.map((t) => t.priority)).toEqual([-1, -1]);
    expect(await getJson<{ totalRecords: number }>("/api/v3/queue")).toMatchObject({ totalRecords: 2 });
  }, 60_000);

  test("Transmission: queue-move-top for the recent movie's torrent", async () => {
    const client = await addClient(withFields(transmissionBody(), { recentMoviePriority: 1, olderMoviePriority: 0 }));
    await addIndexer("Torznab");
    await grabOlderThenRecent();
    const { torrents } = await transmissionRpc<{ torrents: { name: string; queuePosition: number }[] }>(
      client.instance,
      "torrent-get",
      { fields: ["name", "queuePosition"] },
    );
    expect(torrents).toHaveLength(2);
    const byPlace = torrents.sort((a, b) => a.queuePosition - b.queuePosition).map((t) => isRecent(t.name));
    expect(byPlace).toEqual([true, false]);
  }, 60_000);

  test("SABnzbd: the recent priority for the recent movie, the older one for the other", async () => {
    const client = await addClient(withFields(sabnzbdBody(), { recentMoviePriority: 1, olderMoviePriority: -1 }));
    await addIndexer("Newznab");
    await grabOlderThenRecent();
    const slots = await sabQueue({ apikey: client.instance });
    expect(slots).toHaveLength(2);
    expect(slots.map((s) => [isRecent(s.filename), s.priority]).sort()).toEqual([
      [false, "Low"],
      [true, "High"],
    ]);
  }, 60_000);
});

/** A simulated NZBGet/rTorrent client as download-clients-more.test.ts adds them, with the two priorities. */
function rpcClientBody(implementation: "Nzbget" | "RTorrent", instance: string, recent: number, older: number) {
  const sim = new URL(SIM);
  const nzbget = implementation === "Nzbget";
  return {
    name: `${implementation} ${instance}`,
    implementation,
    fields: [
      { name: "host", value: sim.hostname },
      { name: "port", value: Number(sim.port) },
      { name: "useSsl", value: false },
      { name: "urlBase", value: nzbget ? "/nzbget" : "/rtorrent/RPC2" },
      { name: "username", value: instance },
      { name: "password", value: `${instance}-pass` },
      ...(nzbget ? [{ name: "movieCategory", value: "Movies" }] : []),
      { name: "recentMoviePriority", value: recent },
      { name: "olderMoviePriority", value: older },
    ],
  };
}

describe("recent and older movie priorities on NZBGet and rTorrent", () => {
  test("NZBGet: each NZB is appended with its movie's priority", async () => {
    const instance = unique("nzprio");
    await addClient(rpcClientBody("Nzbget", instance, 100, -100));
    await addIndexer("Newznab");
    await grabOlderThenRecent();
    const res = await fetch(`${SIM}/nzbget/jsonrpc`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${instance}:${instance}-pass`)}` },
      body: JSON.stringify({ method: "listgroups", params: [] }),
    });
    const { result } = await res.json<{ result: { NZBName: string; MaxPriority: number }[] }>();
    expect(result.map((g) => [isRecent(g.NZBName), g.MaxPriority]).sort()).toEqual([
      [false, -100],
      [true, 100],
    ]);
  }, 60_000);

  test("rTorrent: each torrent is loaded with its movie's d.priority", async () => {
    const instance = unique("rtprio");
    await addClient(rpcClientBody("RTorrent", instance, 3, 1));
    await addIndexer("Torznab");
    await grabOlderThenRecent();
    const args = ["", "main", "d.name=", "d.priority="];
    const body = `<?xml version="1.0"?><methodCall><methodName>d.multicall2</methodName><params>${args
      .map((a) => `<param><value><string>${a}</string></value></param>`)
      .join("")}</params></methodCall>`;
    const res = await fetch(`${SIM}/rtorrent/RPC2`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${instance}:${instance}-pass`)}`, "content-type": "text/xml" },
      body,
    });
    const xml = await res.text();
    // Each row is an array of [name, priority]: read the pairs in order.
    const rows = [...xml.matchAll(/<string>([^<]*)<\/string><\/value>\s*<value><(?:i4|i8|int)>(-?\d+)</g)].map((m) => [
      isRecent(m[1]),
      Number(m[2]),
    ]);
    expect(rows.sort()).toEqual([
      [false, 1],
      [true, 3],
    ]);
  }, 60_000);
});

describe("SABnzbd username and password", () => {
  const login = (username: string, password: string, extra: Record<string, unknown> = {}) => ({
    name: `SABnzbd ${username}`,
    implementation: "Sabnzbd",
    fields: [
      ...sabnzbdBody().fields.filter((f) => f.name !== "apiKey"),
      { name: "username", value: username },
      { name: "password", value: password },
    ],
    ...extra,
  });

  test("without an API key the login is used, the password is sealed at rest and masked in responses", async () => {
    const username = unique("sabuser");
    const password = unique("sab-password");
    const saved = await sendJson<DownloadClient>("POST", "/api/v3/downloadclient", login(username, password), 201);
    expect(saved.fields.find((f) => f.name === "password")?.value).not.toBe(password);
    expect(JSON.stringify(await getJson(`/api/v3/downloadclient/${saved.id}`))).not.toContain(password);
    const row = await env.DB.prepare("select settings from download_clients where id = ?")
      .bind(saved.id)
      .first<{ settings: string }>();
    expect(row?.settings).not.toContain(password);
    await addIndexer("Newznab");
    await addRootFolder();
    const movie = await addMovie(MATRIX, { monitored: true });
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    const slots = await sabQueue({ ma_username: username, ma_password: password });
    expect(slots).toHaveLength(1);
  }, 60_000);

  test("a login SABnzbd refuses fails the test on save; a missing password or key is a 400 naming the field", async () => {
    const refused = await call("POST", "/api/v3/downloadclient", { body: login(unique("sabuser"), "wrong-password") });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/SABnzbd/i);
    await expectFieldError(
      await call("POST", "/api/v3/downloadclient?forceSave=true", { body: login(unique("sabuser"), "") }),
      "password",
    );
    const noKey = { ...sabnzbdBody(), fields: sabnzbdBody().fields.filter((f) => f.name !== "apiKey") };
    await expectFieldError(await call("POST", "/api/v3/downloadclient?forceSave=true", { body: noKey }), "apiKey");
  });
});
