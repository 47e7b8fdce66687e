import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { addClient, qbittorrentBody, SIM, simClient, unique } from "./downloads-helpers";
import { addMovie, addRootFolder, getJson, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

/**
 * Providers saved before the select settings became Radarr's integer codes hold the old names in
 * D1 (a webhook's method "POST"/"PUT", qBittorrent's initial state "start"/"forceStart"/"pause").
 * They read back as the codes those names mean, and the clients still act on them.
 */

interface Saved {
  id: number;
  fields: { name: string; value: unknown }[];
}
const fieldValue = (saved: Saved, name: string) => saved.fields.find((f) => f.name === name)?.value;

/** Rewrites one stored setting to what an older version saved. */
async function storeOldValue(table: "notifications" | "download_clients", id: number, name: string, value: string) {
  await env.DB.prepare(`UPDATE ${table} SET settings = json_set(settings, ?, ?) WHERE id = ?`)
    .bind(`$.${name}`, value, id)
    .run();
  const row = await env.DB.prepare(`SELECT json_extract(settings, ?) AS value FROM ${table} WHERE id = ?`)
    .bind(`$.${name}`, id)
    .first<{ value: unknown }>();
  expect(row?.value, "the old value is what D1 holds").toBe(value);
}

/** A webhook target subscribed to grabs, posting to the simulator's channel. */
function webhookBody(channel: string) {
  return {
    name: `Hook ${channel}`,
    implementation: "Webhook",
    fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
    onGrab: true,
  };
}

/** The simulated qBittorrent's torrents as its own API lists them (logged in as the instance). */
async function qbittorrentTorrents(instance: string): Promise<{ state: string }[]> {
  const login = await fetch(`${SIM}/qbittorrent/api/v2/auth/login`, {
    method: "POST",
    body: new URLSearchParams({ username: instance, password: "secret-pass" }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const res = await fetch(`${SIM}/qbittorrent/api/v2/torrents/info`, { headers: { cookie } });
  return res.json();
}

async function hookCalls(channel: string): Promise<{ method: string; body: { eventType: string } }[]> {
  for (let i = 0; i < 50; i++) {
    const { received } = await (await fetch(`${SIM}/hooks/${channel}`)).json<{
      received: { method: string; body: { eventType: string } }[];
    }>();
    if (received.length > 0) return received;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

describe("select settings stored under their old names", () => {
  test("a webhook's method and qBittorrent's initial state read back as Radarr's codes", async () => {
    const hook = await sendJson<Saved>("POST", "/api/v3/notification", webhookBody(unique("old-get")), 201);
    for (const [old, code] of [
      ["POST", 1],
      ["PUT", 2],
    ] as const) {
      await storeOldValue("notifications", hook.id, "method", old);
      expect(fieldValue(await getJson<Saved>(`/api/v3/notification/${hook.id}`), "method")).toBe(code);
    }
    const client = await addClient(qbittorrentBody());
    for (const [old, code] of [
      ["start", 0],
      ["forceStart", 1],
      ["pause", 2],
    ] as const) {
      await storeOldValue("download_clients", client.id, "initialState", old);
      expect(fieldValue(await getJson<Saved>(`/api/v3/downloadclient/${client.id}`), "initialState")).toBe(code);
      const listed = await getJson<Saved[]>("/api/v3/downloadclient");
      expect(fieldValue(listed.find((c) => c.id === client.id) as Saved, "initialState")).toBe(code);
    }
  });

  test("a grab still adds the torrent stopped and calls the webhook with PUT", async () => {
    const channel = unique("old-grab");
    const hook = await sendJson<Saved>("POST", "/api/v3/notification", webhookBody(channel), 201);
    await storeOldValue("notifications", hook.id, "method", "PUT");
    const client = await addClient(qbittorrentBody());
    await storeOldValue("download_clients", client.id, "initialState", "pause");
    await simClient("qbittorrent", client.instance).speed(3600);

    const indexer = await sendJson<{ id: number }>("POST", "/api/v3/indexer?forceSave=true", torznab(), 201);
    await addRootFolder();
    const movie = await addMovie(603);
    const releases = await getJson<{ guid: string; indexerId: number; approved: boolean }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const release = releases.find((r) => r.approved && r.indexerId === indexer.id);
    expect(release, "an approved release").toBeDefined();
    await sendJson("POST", "/api/v3/release", { guid: release?.guid, indexerId: indexer.id, movieId: movie.id }, 200);

    const torrents = await qbittorrentTorrents(client.instance);
    expect(torrents).toHaveLength(1);
    expect(torrents[0].state).toMatch(/^(paused|stopped)/);
    const calls = await hookCalls(channel);
    expect(calls.map((c) => [c.method, c.body.eventType])).toEqual([["PUT", "Grab"]]);
  });
});
