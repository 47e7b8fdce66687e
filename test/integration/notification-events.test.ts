import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { APP_VERSION } from "../../src/config";
import {
  addClient,
  addIndexer,
  allDownloads,
  deliver,
  qbittorrentBody,
  runCommand,
  SIM,
  simClient,
  unique,
} from "./downloads-helpers";
import { addMovie, addRootFolder, getJson, qualityProfileId, sendJson } from "./helpers";

/**
 * The events raised on a change of state (Radarr's HealthRestored, ApplicationUpdate,
 * ManualInteractionRequired, MovieFileDelete for an upgrade): each reaches a webhook subscribed
 * to it in Radarr's payload shape, once, and never one whose toggle for it is off.
 */

type Received = { body: Record<string, unknown> & { eventType: string } };

/** A webhook on the simulator's receiver with these event toggles; answers what it has received so far. */
async function hook(flags: Record<string, boolean>): Promise<() => Promise<Received["body"][]>> {
  const channel = unique("events");
  await sendJson(
    "POST",
    "/api/v3/notification",
    {
      name: `Hook ${channel}`,
      implementation: "Webhook",
      fields: [{ name: "url", value: `${SIM}/hooks/${channel}` }],
      onHealthIssue: false,
      ...flags,
    },
    201,
  );
  return async () =>
    (await (await fetch(`${SIM}/hooks/${channel}`)).json<{ received: Received[] }>()).received.map((r) => r.body);
}

/** Polls a webhook until one received body matches (delivery may go through a queue), failing after 15 s. */
async function waitFor(received: () => Promise<Received["body"][]>, match: (body: Received["body"]) => boolean) {
  for (let i = 0; i < 300; i++) {
    const found = (await received()).filter(match);
    if (found.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the notification never arrived");
}

/** Gives a delivery that should not happen the time a queued one would take (the queue's batch wait is 1 s). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

const ofType = (type: string) => (body: Received["body"]) => body.type === type;

describe("health events", () => {
  test("a check that starts failing is a health issue once; when it clears, a health restored with the check it had", async () => {
    const on = await hook({ onHealthIssue: true, onHealthRestored: true });
    const off = await hook({ onHealthIssue: false, onHealthRestored: false, onGrab: true });
    // No root folder yet: RootFolderCheck fails.
    await runCommand("CheckHealth");
    const [issue] = await waitFor(on, ofType("RootFolderCheck"));
    expect(issue).toMatchObject({
      eventType: "Health",
      instanceName: "Radarr Edge",
      level: "warning",
      type: "RootFolderCheck",
      message: "No root folder is configured: movies cannot be added",
      wikiUrl: "/settings",
    });
    // Still failing at the next evaluation: no second issue.
    await runCommand("CheckHealth");
    await settle();
    expect((await on()).filter(ofType("RootFolderCheck"))).toHaveLength(1);

    await addRootFolder("/movies");
    await runCommand("CheckHealth");
    const restored = await waitFor(on, (b) => b.eventType === "HealthRestored");
    expect(restored).toEqual([
      expect.objectContaining({
        eventType: "HealthRestored",
        level: "warning",
        type: "RootFolderCheck",
        message: "No root folder is configured: movies cannot be added",
        wikiUrl: "/settings",
      }),
    ]);
    await runCommand("CheckHealth");
    await settle();
    expect((await on()).filter((b) => b.eventType === "HealthRestored")).toHaveLength(1);
    expect(await off()).toEqual([]);
  });
});

describe("application update", () => {
  test("a new version deployed is announced once, with the previous and the new version", async () => {
    const on = await hook({ onApplicationUpdate: true });
    const off = await hook({ onApplicationUpdate: false, onHealthIssue: true });
    const before = { version: "0.0.9", versionId: "", tag: "", releaseDate: "2026-01-01T00:00:00.000Z" };
    await env.DB.prepare("insert into settings (key, value, updated_at) values ('deployHistory', ?, ?)")
      .bind(JSON.stringify({ deployments: [{ ...before, installedOn: before.releaseDate }] }), clock.nowIso())
      .run();
    await runCommand("Housekeeping");
    const [update] = await waitFor(on, (b) => b.eventType === "ApplicationUpdate");
    expect(update).toMatchObject({
      eventType: "ApplicationUpdate",
      instanceName: "Radarr Edge",
      message: `Radarr Edge updated from 0.0.9 to ${APP_VERSION}`,
      previousVersion: "0.0.9",
      newVersion: APP_VERSION,
    });
    await runCommand("Housekeeping");
    await runCommand("CheckHealth");
    await settle();
    expect((await on()).filter((b) => b.eventType === "ApplicationUpdate")).toHaveLength(1);
    expect((await off()).filter((b) => b.eventType === "ApplicationUpdate")).toEqual([]);
  });

  test("the same version deployed again is no update", async () => {
    const on = await hook({ onApplicationUpdate: true });
    const same = { version: APP_VERSION, versionId: "older", tag: "", releaseDate: "2026-01-01T00:00:00.000Z" };
    await env.DB.prepare("insert into settings (key, value, updated_at) values ('deployHistory', ?, ?)")
      .bind(JSON.stringify({ deployments: [{ ...same, installedOn: same.releaseDate }] }), clock.nowIso())
      .run();
    await runCommand("Housekeeping");
    await settle();
    expect(await on()).toEqual([]);
  });
});

describe("events raised once", () => {
  test("Housekeeping deletes the claims that cannot be made again and keeps the others", async () => {
    const claim = (key: string, at: string) =>
      env.DB.prepare("insert into announced_events (key, announced_at) values (?, ?)").bind(key, at).run();
    await claim("applicationUpdate:0.0.7@2026-01-01T00:00:00.000Z->0.0.8", "2026-02-01T00:00:00.000Z");
    await claim("applicationUpdate:0.0.8@2026-02-01T00:00:00.000Z->0.0.9", "2026-03-01T00:00:00.000Z");
    // A download that is gone (no queue item 999 at that grab).
    await claim("manualInteractionRequired:999:2026-02-02T00:00:00.000Z", "2026-02-03T00:00:00.000Z");
    await claim("someFutureEvent:1", "2026-01-01T00:00:00.000Z");
    const done = await runCommand("Housekeeping");
    expect(done.outcome).toMatchObject({ claims: 2 });
    const { results } = await env.DB.prepare("select key from announced_events order by key").all<{ key: string }>();
    expect(results.map((r) => r.key)).toEqual([
      "applicationUpdate:0.0.8@2026-02-01T00:00:00.000Z->0.0.9",
      "someFutureEvent:1",
    ]);
  });
});

describe("manual interaction required", () => {
  test("a finished download whose import ran out of retries on our side needs the user: notified once", async () => {
    const on = await hook({ onManualInteractionRequired: true });
    const off = await hook({ onManualInteractionRequired: false, onDownloadFailure: true });
    // A read-only root folder: every import is refused (permissionDenied, ours: retried, never blocklisted).
    await addRootFolder("/readonly/movies");
    const movie = await addMovie(603, { monitored: true, rootFolderPath: "/readonly/movies" });
    const client = await addClient(qbittorrentBody());
    await simClient("qbittorrent", client.instance).speed(0);
    await addIndexer("Torznab");
    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");
    const [denied] = await allDownloads();
    expect(denied).toMatchObject({ failureKind: "permissionDenied", state: "importPending" });
    await deliver({ action: "import", queueId: denied.id });
    expect(await on()).toEqual([]);
    // The last retry fails too: nothing will import it now.
    await deliver({ action: "import", queueId: denied.id }, 2);
    const [needed] = await waitFor(on, (b) => b.eventType === "ManualInteractionRequired");
    expect(needed).toMatchObject({
      eventType: "ManualInteractionRequired",
      instanceName: "Radarr Edge",
      movie: { id: movie.id, title: "The Matrix", year: 1999, tmdbId: 603, folderPath: movie.path },
      downloadInfo: { title: denied.title, quality: expect.any(String), qualityVersion: 1, size: expect.any(Number) },
      downloadClient: client.name,
      downloadClientType: "QBittorrent",
      downloadId: denied.downloadId,
      downloadStatus: "Error",
      downloadStatusMessages: [{ title: denied.title, messages: [expect.any(String), "Retries exhausted"] }],
      customFormatInfo: { customFormats: expect.any(Array), customFormatScore: expect.any(Number) },
      release: { releaseTitle: denied.title, indexer: expect.any(String), size: expect.any(Number) },
    });
    expect(needed.message).toMatch(/^The Matrix \(1999\) \[.+\]: /);
    // The queue delivers the last job again, after a Housekeeping (which keeps the claim of a
    // download still there): still one notification.
    await runCommand("Housekeeping");
    await deliver({ action: "import", queueId: denied.id }, 2);
    await settle();
    expect((await on()).filter((b) => b.eventType === "ManualInteractionRequired")).toHaveLength(1);
    expect((await off()).filter((b) => b.eventType === "ManualInteractionRequired")).toEqual([]);
  });
});

describe("movie file deleted for upgrade", () => {
  test("an import that replaces a file raises MovieFileDelete with deleteReason upgrade and the old file", async () => {
    // Radarr sends it to a target only with both toggles on: On Movie File Delete and its For Upgrade.
    const on = await hook({ onMovieFileDelete: true, onMovieFileDeleteForUpgrade: true });
    const off = await hook({ onMovieFileDeleteForUpgrade: false, onMovieFileDelete: true, onDownload: true });
    const upgradeOnly = await hook({ onMovieFileDeleteForUpgrade: true, onDownload: true });
    await addRootFolder("/movies");
    const movie = await addMovie(603, { monitored: true });
    const profileId = await qualityProfileId();
    const profile = await getJson<Record<string, unknown>>(`/api/v3/qualityprofile/${profileId}`);
    await sendJson("PUT", `/api/v3/qualityprofile/${profileId}`, { ...profile, upgradeAllowed: true }, 202);
    const client = await addClient(qbittorrentBody());
    await simClient("qbittorrent", client.instance).speed(0);
    const indexer = await addIndexer("Torznab");
    const releases = await getJson<{ guid: string; approved: boolean; quality: { quality: { name: string } } }[]>(
      `/api/v3/release?movieId=${movie.id}`,
    );
    const lower = releases.find(
      (r) => r.approved && ["WEBDL-1080p", "WEBRip-1080p", "HDTV-1080p"].includes(r.quality.quality.name),
    );
    expect(lower, "an accepted release below the cutoff").toBeDefined();
    await sendJson("POST", "/api/v3/release", { guid: lower?.guid, indexerId: indexer.id, movieId: movie.id }, 200);
    await runCommand("RefreshMonitoredDownloads");
    const first = await env.DB.prepare(
      "select id, relative_path as relativePath, path from movie_files where movie_id = ?",
    )
      .bind(movie.id)
      .first<{ id: number; relativePath: string; path: string }>();
    // A first import replaces nothing.
    await waitFor(off, (b) => b.eventType === "Download");
    expect(await on()).toEqual([]);

    await runCommand("MoviesSearch", { movieIds: [movie.id] });
    await runCommand("RefreshMonitoredDownloads");
    const [deleted] = await waitFor(on, (b) => b.eventType === "MovieFileDelete");
    expect(deleted).toMatchObject({
      eventType: "MovieFileDelete",
      instanceName: "Radarr Edge",
      deleteReason: "upgrade",
      movie: { id: movie.id, title: "The Matrix", year: 1999, tmdbId: 603, folderPath: movie.path },
      movieFile: {
        id: first?.id,
        relativePath: first?.relativePath,
        path: first?.path,
        quality: lower?.quality.quality.name,
        qualityVersion: 1,
        size: expect.any(Number),
        dateAdded: expect.any(String),
      },
    });
    for (const without of [off, upgradeOnly]) {
      await waitFor(without, (b) => b.eventType === "Download" && b.isUpgrade === true);
      expect((await without()).filter((b) => b.eventType === "MovieFileDelete")).toEqual([]);
    }
  });
});
