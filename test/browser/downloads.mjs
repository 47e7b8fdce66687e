/**
 * Arranging the download side for the browser tests through the API: an indexer and a download
 * client on the simulator, a library movie from its catalogue, and the simulator's download
 * controls. Each test file uses its own names, keys and qBittorrent instance (the username), so
 * files never see each other's downloads.
 */
import assert from "node:assert/strict";
import { api, environment } from "./harness.mjs";

/** Deletes what a previous run left under `name` at a provider API (`/indexer`, `/downloadclient`…). */
export async function removeNamed(path, name) {
  const { body } = await api(path);
  for (const item of body.filter((i) => i.name === name)) await api(`${path}/${item.id}`, { method: "DELETE" });
}

async function template(path, implementation) {
  const { body } = await api(`${path}/schema`);
  const found = body.find((t) => t.implementation === implementation);
  assert.ok(found, `the ${path} schema offers ${implementation}`);
  return found;
}

/**
 * A Torznab indexer on the simulator used for interactive search only (no RSS, no automatic
 * search), so nothing is grabbed behind the test's back.
 */
export async function simTorznab(name, apiKey) {
  const { simUrl } = await environment();
  await removeNamed("/indexer", name);
  const { status, body } = await api("/indexer", {
    method: "POST",
    body: {
      ...(await template("/indexer", "Torznab")),
      name,
      enableRss: false,
      enableAutomaticSearch: false,
      enableInteractiveSearch: true,
      fields: [
        { name: "baseUrl", value: `${simUrl}/torznab` },
        { name: "apiKey", value: apiKey },
      ],
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

/** A qBittorrent client on the simulator; the username is its own qBittorrent instance. */
export async function simQbittorrent(name, username) {
  const { simUrl } = await environment();
  const sim = new URL(simUrl);
  await removeNamed("/downloadclient", name);
  const { status, body } = await api("/downloadclient", {
    method: "POST",
    body: {
      ...(await template("/downloadclient", "QBittorrent")),
      name,
      priority: 1,
      fields: [
        { name: "host", value: sim.hostname },
        { name: "port", value: Number(sim.port) },
        { name: "urlBase", value: "/qbittorrent" },
        { name: "username", value: username },
        { name: "password", value: "browser-password" },
      ],
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

/** The catalogue movie in the library (added unmonitored with the HD-1080p profile when missing). */
export async function libraryMovie(tmdbId) {
  const { body: found } = await api(`/movie?tmdbId=${tmdbId}`);
  if (found.length) return found[0];
  const { body: profiles } = await api("/qualityprofile");
  const profile = profiles.find((p) => p.name === "HD-1080p");
  const { status, body } = await api("/movie", {
    method: "POST",
    body: {
      tmdbId,
      qualityProfileId: profile.id,
      rootFolderPath: "/movies",
      monitored: false,
      minimumAvailability: "released",
      tags: [],
      addOptions: { searchForMovie: false, monitor: "none", addMethod: "manual" },
    },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

/** Calls a simulator control (`/qbittorrent/__speed`, `/__sim/faults`…). */
export async function simControl(path, { method = "POST", body } = {}) {
  const { simUrl } = await environment();
  const res = await fetch(`${simUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Removes every queue item of a movie (and from its client), so a test starts with an empty queue. */
export async function clearQueue(movieId) {
  const { body } = await api(`/queue?movieId=${movieId}&pageSize=100`);
  for (const item of body.records)
    await api(`/queue/${item.id}?removeFromClient=true&blocklist=false`, { method: "DELETE" });
}

/** Unblocks every blocklisted release of a movie. */
export async function clearBlocklist(movieId) {
  const { body } = await api(`/blocklist/movie?movieId=${movieId}`);
  if (body.length) await api("/blocklist/bulk", { method: "DELETE", body: { ids: body.map((b) => b.id) } });
}
