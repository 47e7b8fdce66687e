import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, test } from "vitest";
import compatibility from "../../docs/compatibility.md?raw";
import worker from "../../src/index";
import { bulk } from "./conformance/bulk";
import { clientPriorities } from "./conformance/clientPriorities";
import { config } from "./conformance/config";
import { files } from "./conformance/files";
import {
  type Area,
  type Check,
  conformance,
  MATRIX,
  MATRIX_COLLECTION,
  RELOADED,
  type Resource,
  radarr,
} from "./conformance/harness";
import { library as libraryArea } from "./conformance/library";
import { mappings } from "./conformance/mappings";
import { profiles } from "./conformance/profiles";
import { system } from "./conformance/system";
import { qbittorrentBody, SIM, simClient, unique } from "./downloads-helpers";
import { APP, getJson } from "./helpers";
import { torznab } from "./indexerHelpers";
import { documentedStatuses, operationKey } from "./radarrContract";

/**
 * Radarr's clients read our responses with Radarr's schemas: every operation both Radarr's
 * OpenAPI and the app serve is called here on demo data, and its body must validate against
 * Radarr's schema for it (types, enums, nullability, the fields Radarr always sends). Added
 * fields are ours to add; a changed type never is.
 */

async function settings(check: Check) {
  await check("POST /login", "/login", { apiKey: env.API_KEY }, null);
  await check("GET /ping", "/ping", undefined, null);
  expect(await check("GET /api", "/api")).toEqual({ current: "v3", deprecated: [] });
  for (const path of ["/system/status", "/system/task", "/health", "/config/naming", "/config/naming/examples"]) {
    await check(`GET /api/v3${path}`, `/api/v3${path}`);
  }
  for (const path of ["/config/indexer", "/config/importlist"]) await check(`GET /api/v3${path}`, `/api/v3${path}`);
  const definitions = await check<Resource[]>("GET /api/v3/qualitydefinition", "/api/v3/qualitydefinition");
  const definition = await check(
    "GET /api/v3/qualitydefinition/{id}",
    `/api/v3/qualitydefinition/${definitions[3].id}`,
  );
  await check("PUT /api/v3/qualitydefinition/{id}", `/api/v3/qualitydefinition/${definition.id}`, definition);
  await check("PUT /api/v3/qualitydefinition/update", "/api/v3/qualitydefinition/update", definitions);

  const profiles = await check<Resource[]>("GET /api/v3/qualityprofile", "/api/v3/qualityprofile");
  await check("GET /api/v3/qualityprofile/schema", "/api/v3/qualityprofile/schema");
  const { id: _profileId, ...profile } = await check(
    "GET /api/v3/qualityprofile/{id}",
    `/api/v3/qualityprofile/${profiles[0].id}`,
  );
  const created = await check("POST /api/v3/qualityprofile", "/api/v3/qualityprofile", { ...profile, name: "Spare" });
  await check("PUT /api/v3/qualityprofile/{id}", `/api/v3/qualityprofile/${created.id}`, {
    ...created,
    name: "Spare 2",
  });

  await check("GET /api/v3/customformat", "/api/v3/customformat");
  await check("GET /api/v3/customformat/schema", "/api/v3/customformat/schema");
  const format = await check("POST /api/v3/customformat", "/api/v3/customformat", {
    name: "Criterion",
    includeCustomFormatWhenRenaming: false,
    specifications: [
      {
        name: "title",
        implementation: "ReleaseTitleSpecification",
        negate: false,
        required: true,
        fields: [{ name: "value", value: "\\bCriterion\\b" }],
      },
    ],
  });
  await check("GET /api/v3/customformat/{id}", `/api/v3/customformat/${format.id}`);
  await check("PUT /api/v3/customformat/{id}", `/api/v3/customformat/${format.id}`, { ...format, name: "Criterion 2" });
  return { profileId: created.id, formatId: format.id };
}

async function library(check: Check) {
  const tag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "conformance" });
  await check("PUT /api/v3/tag/{id}", `/api/v3/tag/${tag.id}`, { ...tag, label: "conformance-2" });
  await check("GET /api/v3/tag/{id}", `/api/v3/tag/${tag.id}`);
  const spareTag = await check("POST /api/v3/tag", "/api/v3/tag", { label: "spare" });
  await check("POST /api/v3/rootfolder", "/api/v3/rootfolder", { path: "/movies" });
  const spareFolder = await check("POST /api/v3/rootfolder", "/api/v3/rootfolder", { path: "/films" });
  await check("GET /api/v3/rootfolder", "/api/v3/rootfolder");
  await check("GET /api/v3/rootfolder/{id}", `/api/v3/rootfolder/${spareFolder.id}`);

  await check("GET /api/v3/movie/lookup", "/api/v3/movie/lookup?term=matrix");
  await check("GET /api/v3/movie/lookup/tmdb", `/api/v3/movie/lookup/tmdb?tmdbId=${MATRIX}`);
  await check("GET /api/v3/movie/lookup/imdb", "/api/v3/movie/lookup/imdb?imdbId=tt0133093");
  const profiles = await getJson<Resource[]>("/api/v3/qualityprofile");
  const add = (tmdbId: number) => ({
    tmdbId,
    qualityProfileId: profiles[0].id,
    rootFolderPath: "/movies",
    monitored: true,
    tags: [tag.id],
    addOptions: { searchForMovie: false },
  });
  const movie = await check("POST /api/v3/movie", "/api/v3/movie", add(MATRIX));
  const spareMovie = await check("POST /api/v3/movie", "/api/v3/movie", add(RELOADED));
  await check("GET /api/v3/movie", "/api/v3/movie");
  const got = await check("GET /api/v3/movie/{id}", `/api/v3/movie/${movie.id}`);
  await check("PUT /api/v3/movie/{id}", `/api/v3/movie/${movie.id}`, { ...got, monitored: true });
  const editor = { movieIds: [movie.id], tags: [tag.id], applyTags: "add" };
  await check("PUT /api/v3/movie/editor", "/api/v3/movie/editor", editor);
  await check("POST /api/v3/exclusions", "/api/v3/exclusions", { tmdbId: 605, movieTitle: "The Matrix Revolutions" });
  const exclusions = await check<Resource[]>("GET /api/v3/exclusions", "/api/v3/exclusions");
  await check("GET /api/v3/exclusions/{id}", `/api/v3/exclusions/${exclusions[0].id}`);
  await check("GET /api/v3/parse", "/api/v3/parse?title=The.Matrix.1999.1080p.BluRay.x264-GRP");
  return { movieId: movie.id, spareMovieId: spareMovie.id, spareTagId: spareTag.id, spareFolderId: spareFolder.id };
}

/** list, schema, create, get, update, test, testall: the provider routes Radarr shares by kind. */
async function provider(check: Check, kind: string, body: Record<string, unknown>, query = "") {
  const base = `/api/v3/${kind}`;
  await check(`GET ${base}/schema`, `${base}/schema`);
  const created = await check(`POST ${base}`, `${base}${query}`, body);
  await check(`GET ${base}`, base);
  const got = await check(`GET ${base}/{id}`, `${base}/${created.id}`);
  await check(`PUT ${base}/{id}`, `${base}/${created.id}${query}`, { ...got, name: `${got.name} 2` });
  await check(`POST ${base}/test`, `${base}/test`, body);
  await check(`POST ${base}/testall`, `${base}/testall`);
  return created.id;
}

async function providers(check: Check) {
  const client = qbittorrentBody();
  // Downloads stay in the queue for the queue and blocklist routes.
  await simClient("qbittorrent", String(client.fields.find((f) => f.name === "username")?.value)).speed(3600);
  const downloadClientId = await provider(check, "downloadclient", client);
  const indexerId = await provider(check, "indexer", torznab(), "?forceSave=true");
  const hook = {
    name: "Hook",
    implementation: "Webhook",
    fields: [{ name: "url", value: `${SIM}/hooks/${unique("c")}` }],
  };
  const notificationId = await provider(check, "notification", { ...hook, onGrab: true });
  const profiles = await getJson<Resource[]>("/api/v3/qualityprofile");
  const importListId = await provider(check, "importlist", {
    name: "Matrix collection",
    implementation: "TMDbCollectionImport",
    fields: [{ name: "collectionId", value: MATRIX_COLLECTION }],
    qualityProfileId: profiles[0].id,
    rootFolderPath: "/movies",
  });
  return { downloadClientId, indexerId, notificationId, importListId };
}

async function activity(check: Check, movieId: number) {
  const releases = await check<(Resource & { guid: string; indexerId: number; approved: boolean })[]>(
    "GET /api/v3/release",
    `/api/v3/release?movieId=${movieId}`,
  );
  const approved = releases.filter((r) => r.approved);
  expect(approved.length, "approved releases").toBeGreaterThan(1);
  const grab = (r: (typeof approved)[number]) => ({ guid: r.guid, indexerId: r.indexerId, movieId });
  await check("POST /api/v3/release", "/api/v3/release", grab(approved[0]));
  await check("POST /api/v3/release", "/api/v3/release", grab(approved[1]));
  await check("POST /api/v3/release/push", "/api/v3/release/push", {
    title: "The.Matrix.1999.2160p.UHD.BluRay.x265-PUSHED",
    magnetUrl: `magnet:?xt=urn:btih:${"c".repeat(40)}&dn=x`,
    protocol: "torrent",
    size: 20_000_000_000,
    publishDate: "2026-01-01T00:00:00Z",
  });
  const command = await check("POST /api/v3/command", "/api/v3/command", { name: "RefreshMonitoredDownloads" });
  await check("GET /api/v3/command/{id}", `/api/v3/command/${command.id}`);
  await check("GET /api/v3/command", "/api/v3/command");
  const queue = await check<{ records: Resource[] }>("GET /api/v3/queue", "/api/v3/queue");
  await check("GET /api/v3/queue/status", "/api/v3/queue/status");
  expect(queue.records.length, "queued downloads").toBeGreaterThan(1);
  await check("DELETE /api/v3/queue/{id}", `/api/v3/queue/${queue.records[0].id}?blocklist=true`);
  await check("DELETE /api/v3/queue/bulk", "/api/v3/queue/bulk?blocklist=true", { ids: [queue.records[1].id] });
  await check("GET /api/v3/history", "/api/v3/history");
  await check("GET /api/v3/history/movie", `/api/v3/history/movie?movieId=${movieId}`);
  const blocklist = await check<{ records: Resource[] }>("GET /api/v3/blocklist", "/api/v3/blocklist");
  await check("GET /api/v3/blocklist/movie", `/api/v3/blocklist/movie?movieId=${movieId}`);
  expect(blocklist.records.length, "blocklisted releases").toBeGreaterThan(1);
  await check("DELETE /api/v3/blocklist/{id}", `/api/v3/blocklist/${blocklist.records[0].id}`);
  await check("DELETE /api/v3/blocklist/bulk", "/api/v3/blocklist/bulk", { ids: [blocklist.records[1].id] });
  await check("GET /api/v3/tag", "/api/v3/tag");
  await check("GET /api/v3/tag/detail", "/api/v3/tag/detail");
}

/**
 * The further areas of Radarr's API, one file each under ./conformance/, called in this order
 * after the settings, library, provider and activity areas above and before the deletes.
 */
const AREAS: Area[] = [bulk, mappings, config, libraryArea, profiles, files, system, clientPriorities];

test("every operation Radarr and the app both serve answers in Radarr's schema", async () => {
  const { check, called, validated, mismatches } = conformance();
  const { profileId, formatId } = await settings(check);
  const { movieId, spareMovieId, spareTagId, spareFolderId } = await library(check);
  const ids = await providers(check);
  await activity(check, movieId);
  const context = { movieId, profileId, downloadClientId: ids.downloadClientId, indexerId: ids.indexerId };
  for (const area of AREAS) await area(check, context);

  for (const [kind, id] of [
    ["downloadclient", ids.downloadClientId],
    ["indexer", ids.indexerId],
    ["notification", ids.notificationId],
    ["importlist", ids.importListId],
    ["customformat", formatId],
    ["qualityprofile", profileId],
    ["tag", spareTagId],
    ["rootfolder", spareFolderId],
    ["exclusions", (await getJson<Resource[]>("/api/v3/exclusions"))[0].id],
  ] as const) {
    await check(`DELETE /api/v3/${kind}/{id}`, `/api/v3/${kind}/${id}`);
  }
  await check("DELETE /api/v3/movie/editor", "/api/v3/movie/editor", { movieIds: [spareMovieId] });
  await check("DELETE /api/v3/movie/{id}", `/api/v3/movie/${movieId}`);

  // Radarr's GET /logout ends the session and sends the browser to the start page. Asked of the
  // Worker itself: the test runner's static assets answer a GET outside /api before it.
  const logout = await worker.fetch(new Request(`${APP}/logout`), env, createExecutionContext());
  expect([logout.status, logout.headers.get("location")]).toEqual([302, "/"]);
  called.add(operationKey("GET", "/logout"));

  const ours = await getJson<{ paths: Record<string, Record<string, unknown>> }>("/api/v3/openapi.json");
  const shared = Object.entries(ours.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => operationKey(method, path)))
    .filter((key) => radarr.has(key));
  expect(
    shared.filter((key) => !called.has(key)),
    "operations both serve that this test does not call yet",
  ).toEqual([]);
  console.info(
    `Radarr conformance: ${called.size} of Radarr's ${radarr.size} operations called, ${validated.size} bodies validated against Radarr's schemas`,
  );
  expect(mismatches).toEqual([]);

  // docs/compatibility.md lists every Radarr operation with its status, and agrees with this run.
  const documented = documentedStatuses(compatibility);
  expect(
    [...radarr.keys()].filter((key) => !documented.has(key)),
    "Radarr operations docs/compatibility.md does not list",
  ).toEqual([]);
  const served = [...documented].filter(([, status]) => status === "served" || status === "reinterpreted");
  expect(
    served.filter(([key]) => !called.has(key)).map(([key]) => key),
    "served according to docs/compatibility.md, but not called here",
  ).toEqual([]);
  expect(
    [...called].filter((key) => radarr.has(key) && !served.some(([doc]) => doc === key)),
    "called here, but not served according to docs/compatibility.md",
  ).toEqual([]);
  // Issue 11: at least 90% of Radarr's operations.
  expect(served.length).toBeGreaterThanOrEqual(214);
}, 300_000);
