import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import {
  addClient,
  addIndexer,
  allDownloads,
  movieHistory,
  queueRecords,
  runCommand,
  SIM,
  simClient,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, call, expectFieldError, getJson, sendJson } from "./helpers";

/**
 * Deluge, NZBGet and rTorrent end to end against their simulators, as the other clients are:
 * the Test button, grab, progress, stall, the failure each reports, import, removal and free space.
 */

const simUrl = new URL(SIM);
const connection = (urlBase: string) => [
  { name: "host", value: simUrl.hostname },
  { name: "port", value: Number(simUrl.port) },
  { name: "useSsl", value: false },
  { name: "urlBase", value: urlBase },
];

interface ClientCase {
  implementation: string;
  service: "deluge" | "nzbget" | "rtorrent";
  indexer: "Torznab" | "Newznab";
  /** A body for a simulated instance; `secret` replaces its password (a wrong one). */
  body(
    instance: string,
    secret?: string,
  ): { name: string; implementation: string; fields: { name: string; value: unknown }[] };
  secretField: string;
  /** Whether the client moves and renames on import (torrents) or only reports where it is. */
  renames: boolean;
  /** The fault that fails a download and the kind it is mapped to. */
  failure: { fault: string; kind: string; message: RegExp };
  /** The fault that stalls a download, when the client reports stalls. */
  stalls: boolean;
}

const CASES: ClientCase[] = [
  {
    implementation: "Deluge",
    service: "deluge",
    indexer: "Torznab",
    // Deluge has no username: the Web UI password is the instance.
    body: (instance, secret) => ({
      name: `Deluge ${unique("dl")}`,
      implementation: "Deluge",
      fields: [
        ...connection("/deluge"),
        { name: "password", value: secret ?? instance },
        { name: "movieCategory", value: "radarr" },
      ],
    }),
    secretField: "password",
    renames: true,
    failure: { fault: "hashMismatch", kind: "hashMismatch", message: /Piece #\d+ is corrupt/ },
    stalls: true,
  },
  {
    implementation: "Nzbget",
    service: "nzbget",
    indexer: "Newznab",
    body: (instance, secret) => ({
      name: `NZBGet ${unique("nz")}`,
      implementation: "Nzbget",
      fields: [
        ...connection("/nzbget"),
        { name: "username", value: instance },
        { name: "password", value: secret ?? `${instance}-pass` },
        { name: "movieCategory", value: "Movies" },
      ],
    }),
    secretField: "password",
    renames: false,
    failure: { fault: "hashMismatch", kind: "hashMismatch", message: /par-repair failed/ },
    // Usenet downloads do not stall for want of peers: dead servers fail articles (the health check).
    stalls: false,
  },
  {
    implementation: "RTorrent",
    service: "rtorrent",
    indexer: "Torznab",
    body: (instance, secret) => ({
      name: `rTorrent ${unique("rt")}`,
      implementation: "RTorrent",
      fields: [
        ...connection("/rtorrent/RPC2"),
        { name: "username", value: instance },
        { name: "password", value: secret ?? `${instance}-pass` },
      ],
    }),
    secretField: "password",
    renames: true,
    failure: { fault: "hashMismatch", kind: "hashMismatch", message: /found bad chunks/ },
    stalls: true,
  },
];

async function setUp(client: ClientCase, speed: number) {
  await addRootFolder("/movies");
  const movie = await addMovie(603, { monitored: true });
  const instance = unique(client.service);
  const saved = await addClient(client.body(instance));
  const sim = simClient(client.service, instance);
  await sim.speed(speed);
  await addIndexer(client.indexer);
  return { movie, saved, sim };
}

async function pollUntil(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 40; i++) {
    await runCommand("RefreshMonitoredDownloads");
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never: ${what}`);
}

describe.each(CASES)("$implementation", (client) => {
  test("the schema lists it; Test connects, and a wrong secret is named", async () => {
    const templates = await getJson<{ implementation: string; fields: { name: string; privacy: string }[] }[]>(
      "/api/v3/downloadclient/schema",
    );
    const template = templates.find((t) => t.implementation === client.implementation);
    expect(template?.fields.find((f) => f.name === client.secretField)?.privacy).toBe("password");
    const ok = await sendJson<{ isValid: boolean; version: string }>(
      "POST",
      "/api/v3/downloadclient/test",
      client.body(unique("ok")),
      200,
    );
    expect(ok.version).toMatch(/\d+\.\d+/);
    const wrong = await call("POST", "/api/v3/downloadclient/test", {
      body: client.body(unique("bad"), "wrong-secret"),
    });
    expect((await expectFieldError(wrong, `fields.${client.secretField}`)).message).toMatch(/authenticationFailed/);
    const bad = client.body(unique("x"));
    bad.fields = bad.fields.map((f) => (f.name === "urlBase" ? { ...f, value: "no spaces allowed" } : f));
    await expectFieldError(await call("POST", "/api/v3/downloadclient", { body: bad }), "fields.urlBase");
  });

  test("secrets are stored encrypted and shown masked", async () => {
    const saved = await addClient(client.body(unique("enc"), "secret-instance-value"));
    expect(saved.fields.find((f) => f.name === client.secretField)?.value).toBe("********");
    const row = await env.DB.prepare("select settings from download_clients where id = ?")
      .bind(saved.id)
      .first<{ settings: string }>();
    expect(row?.settings).not.toContain("secret-instance-value");
  });

  test("grab, progress on the queue, then import", async () => {
    const { movie, saved, sim } = await setUp(client, 2);
    expect((await runCommand("MoviesSearch", { movieIds: [movie.id] })).outcome).toMatchObject({ grabbed: 1 });
    const [queued] = await queueRecords();
    expect(queued).toMatchObject({ downloadClient: saved.name, trackedDownloadState: "downloading" });
    const [inClient] = await sim.downloads();
    expect(inClient.id.toLowerCase()).toBe(queued.downloadId?.toLowerCase());
    await pollUntil(async () => (await allDownloads())[0].state === "imported", "imported");
    const file = await env.DB.prepare("select path from movie_files where movie_id = ?")
      .bind(movie.id)
      .first<{ path: string }>();
    expect(file?.path).toMatch(/^\/movies\/The Matrix \(1999\)\/(.+\/)?The Matrix \(1999\) /);
    const imported = (await movieHistory(movie.id)).find((h) => h.eventType === "downloadFolderImported");
    expect(imported?.data.renamedByClient).toBe(String(client.renames));
    if (client.renames)
      expect((await sim.files("/movies/The Matrix (1999)")).files.map((f) => f.path)).toContain(file?.path);
  }, 60_000);

  test("a failed download is mapped onto the taxonomy", async () => {
    const { movie, sim } = await setUp(client, 0);
    await sim.fault(client.failure.fault, { times: 3 });
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await pollUntil(async () => Boolean((await allDownloads())[0]?.failureKind), "a failure");
    const [row] = await allDownloads();
    expect(row.failureKind).toBe(client.failure.kind);
    expect(row.statusMessages).toMatch(client.failure.message);
  }, 60_000);

  test.runIf(client.stalls)(
    "a stalled download is reported stalled",
    async () => {
      const { movie, sim } = await setUp(client, 600);
      await sim.fault("stall", { times: 1 });
      await runCommand("MoviesSearch", { movieIds: [movie.id] });
      await pollUntil(async () => Boolean((await allDownloads())[0]?.failureKind), "a stall");
      expect((await allDownloads())[0]).toMatchObject({ failureKind: "downloadStalled", state: "downloading" });
    },
    60_000,
  );

  test("removal from the queue removes it from the client; free space is the client's", async () => {
    const { movie, saved, sim } = await setUp(client, 3600);
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");
    const [queued] = await queueRecords();
    // The poll read the client: its size and what is left, on the queue.
    expect(queued.size).toBeGreaterThan(0);
    expect(queued.sizeleft).toBeGreaterThan(0);
    expect(queued.sizeleft).toBeLessThanOrEqual(queued.size);
    expect(await sim.downloads()).toHaveLength(1);
    const res = await call("DELETE", `/api/v3/queue/${queued.id}?removeFromClient=true&blocklist=false`);
    expect(res.status).toBe(200);
    expect(await sim.downloads()).toEqual([]);
    const spaces = await getJson<{ id: number; freeSpace: number }[]>("/api/v3/diskspace");
    expect(spaces.find((s) => s.id === saved.id)?.freeSpace).toBeGreaterThan(0);
    await sim.fault("diskFull");
    const full = await getJson<{ id: number; freeSpace: number }[]>("/api/v3/diskspace");
    expect(full.find((s) => s.id === saved.id)?.freeSpace).toBe(0);
  }, 60_000);
});
