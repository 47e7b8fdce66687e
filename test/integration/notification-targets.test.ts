import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { createDatabase } from "../../src/db/client";
import { rootLogger } from "../../src/observability/logger";
import { jobContext } from "../../src/services/context";
import { notify } from "../../src/services/notifications";
import { addMovie, addRootFolder, addTag, call, expectFieldError, getJson, sendJson, waitForReceived } from "./helpers";

/**
 * Every notification target against its simulator: Test really sends (the simulator keeps what it
 * got), a refused credential fails the test, media servers refresh the movie's folder on library
 * events only, and a target with tags hears only of movies sharing one.
 */
const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const simPort = Number(new URL(SIM).port);
const db = createDatabase(env.DB);

interface ReceivedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}
/** What a simulated target got, once `until` holds (queued notifications arrive after notify returns). */
const received = (
  service: string,
  match: string,
  until: number | ((r: ReceivedCall[]) => boolean) = 0,
): Promise<ReceivedCall[]> =>
  waitForReceived<ReceivedCall>(`${SIM}/${service}/__received?match=${encodeURIComponent(match)}`, until);

const server = (service: string, key: string, value: string) => [
  { name: "host", value: "127.0.0.1" },
  { name: "port", value: simPort },
  { name: "urlBase", value: `/${service}` },
  { name: key, value },
];
const body = (implementation: string, fields: { name: string; value: unknown }[], extra = {}) => ({
  name: `${implementation} ${crypto.randomUUID()}`,
  implementation,
  fields,
  ...extra,
});
const testTarget = (b: unknown) => call("POST", "/api/v3/notification/test", { body: b });

describe("notification targets", () => {
  test("the schema lists every target with its fields and help link", async () => {
    const schema =
      await getJson<{ implementation: string; infoLink: string; fields: { name: string }[] }[]>(
        "/api/v3/notification/schema",
      );
    expect(schema.map((s) => s.implementation)).toEqual([
      "Webhook",
      "Discord",
      "PlexServer",
      "MediaBrowser",
      "Jellyfin",
      "Telegram",
      "Pushover",
      "Ntfy",
      "Gotify",
      "Slack",
      "Apprise",
      "PushBullet",
    ]);
    for (const s of schema) expect(s.infoLink).toMatch(/^https:\/\//);
    expect(schema.find((s) => s.implementation === "Telegram")?.fields.map((f) => f.name)).toContain("botToken");
  });

  test("Test sends a real message to each chat and push target", async () => {
    const id = crypto.randomUUID();
    const cases: [string, { name: string; value: unknown }[], string][] = [
      [
        "Telegram",
        [
          { name: "botToken", value: `123456:${id}` },
          { name: "chatId", value: "-1001" },
          { name: "apiUrl", value: `${SIM}/telegram` },
        ],
        "telegram",
      ],
      [
        "Pushover",
        [
          { name: "apiKey", value: "a".repeat(30) },
          { name: "userKey", value: "u".repeat(30) },
          { name: "devices", value: `phone-${id.slice(0, 8)}` },
          { name: "apiUrl", value: `${SIM}/pushover` },
        ],
        "pushover",
      ],
      [
        "Ntfy",
        [
          { name: "serverUrl", value: `${SIM}/ntfy` },
          { name: "topics", value: `movies-${id}, other-${id}` },
          { name: "priority", value: 4 },
        ],
        "ntfy",
      ],
      [
        "Gotify",
        [
          { name: "server", value: `${SIM}/gotify` },
          { name: "appToken", value: `tok-${id}` },
        ],
        "gotify",
      ],
      [
        "Slack",
        [
          { name: "webHookUrl", value: `${SIM}/slack/services/T0/B0/${id}` },
          { name: "channel", value: "#movies" },
        ],
        "slack",
      ],
      [
        "Apprise",
        [
          { name: "serverUrl", value: `${SIM}/apprise` },
          { name: "configurationKey", value: `key-${id.slice(0, 8)}` },
        ],
        "apprise",
      ],
      [
        "PushBullet",
        [
          { name: "apiKey", value: `o.${id.replace(/-/g, "")}` },
          { name: "apiUrl", value: `${SIM}/pushbullet` },
        ],
        "pushbullet",
      ],
    ];
    for (const [implementation, fields, service] of cases) {
      const res = await testTarget(body(implementation, fields));
      expect(res.status, implementation).toBe(200);
      const match =
        implementation === "Pushover"
          ? `phone-${id.slice(0, 8)}`
          : implementation === "Apprise"
            ? id.slice(0, 8)
            : id.replace(/-/g, implementation === "PushBullet" ? "" : "-");
      const calls = await received(service, match);
      expect(calls.length, implementation).toBeGreaterThan(0);
      expect(JSON.stringify(calls[0].body), implementation).toContain("Test message from Radarr Edge");
    }
    const ntfy = await received("ntfy", id);
    expect(ntfy.map((c) => c.body.topic).sort()).toEqual([`movies-${id}`, `other-${id}`]);
    expect(ntfy[0].body).toMatchObject({ title: "Test Notification", priority: 4 });
    const [telegram] = await received("telegram", id);
    expect(telegram).toMatchObject({
      path: `/bot123456:${id}/sendMessage`,
      body: { chat_id: "-1001", parse_mode: "HTML" },
    });
    const [gotify] = await received("gotify", id);
    expect(gotify.headers["x-gotify-key"]).toBe(`tok-${id}`);
  });

  test("a refused credential makes the test a 400; a bad address is a 400 naming the field", async () => {
    const refused = await testTarget(
      body("Gotify", [
        { name: "server", value: `${SIM}/gotify` },
        { name: "appToken", value: "invalid" },
      ]),
    );
    expect(refused.status).toBe(400);
    const badServer = await call("POST", "/api/v3/notification", {
      body: body("Gotify", [
        { name: "server", value: "ftp://gotify" },
        { name: "appToken", value: "x" },
      ]),
    });
    await expectFieldError(badServer, "server");
    const badHost = await call("POST", "/api/v3/notification", {
      body: body(
        "PlexServer",
        server("plex-server", "authToken", "t").map((f) => (f.name === "host" ? { ...f, value: "bad host" } : f)),
      ),
    });
    await expectFieldError(badHost, "host");
  });

  test("media servers: Test reads the server; a library event refreshes the movie's folder, a grab does nothing", async () => {
    const token = `plex-${crypto.randomUUID()}`;
    expect((await testTarget(body("PlexServer", server("plex-server", "authToken", token)))).status).toBe(200);
    expect((await received("plex-server", token)).map((c) => c.path)).toEqual(["/library/sections"]);
    const embyKey = `emby-${crypto.randomUUID()}`;
    expect((await testTarget(body("MediaBrowser", server("emby", "apiKey", embyKey)))).status).toBe(200);
    expect((await received("emby", embyKey)).map((c) => c.path)).toEqual(["/System/Info"]);

    const jellyKey = `jelly-${crypto.randomUUID()}`;
    for (const b of [
      body("PlexServer", server("plex-server", "authToken", token), { onDownload: true, onGrab: true }),
      body("Jellyfin", server("jellyfin", "apiKey", jellyKey), { onDownload: true, onGrab: true }),
    ])
      await sendJson("POST", "/api/v3/notification", b, 201);
    const ctx = jobContext(env, rootLogger, db);
    const movie = { id: 999_001, title: "The Matrix", year: 1999, folderPath: "/movies/The Matrix (1999)" };
    await notify(ctx, "grab", { movie });
    await notify(ctx, "download", { movie });
    // A target's messages are delivered in order: once the download's refresh arrived, the grab
    // was handled before it, and refreshed nothing (one refresh in all).
    const isRefresh = (c: ReceivedCall) => c.path.includes("refresh");
    const refresh = (await received("plex-server", token, (r) => r.some(isRefresh))).filter(isRefresh);
    expect(refresh.map((c) => c.path)).toEqual([
      `/library/sections/1/refresh?path=${encodeURIComponent(movie.folderPath)}`,
    ]);
    const isUpdate = (c: ReceivedCall) => c.path === "/Library/Media/Updated";
    const [updated] = (await received("jellyfin", jellyKey, (r) => r.some(isUpdate))).filter(isUpdate);
    expect(updated.body).toEqual({ Updates: [{ Path: movie.folderPath, UpdateType: "Created" }] });
  });

  test("a target with tags hears only of movies sharing one; events about no movie reach it", async () => {
    const tag = await addTag(`notify-${crypto.randomUUID().slice(0, 8)}`);
    const key = `tagged-${crypto.randomUUID()}`;
    await sendJson(
      "POST",
      "/api/v3/notification",
      body(
        "Gotify",
        [
          { name: "server", value: `${SIM}/gotify` },
          { name: "appToken", value: key },
        ],
        { onGrab: true, onHealthIssue: true, tags: [tag.id] },
      ),
      201,
    );
    await addRootFolder();
    const tagged = await addMovie(603, { tags: [tag.id] });
    const untagged = await addMovie(550);
    const ctx = jobContext(env, rootLogger, db);
    await notify(ctx, "grab", { message: "untagged grab", movie: { id: untagged.id } });
    await notify(ctx, "grab", { message: "tagged grab", movie: { id: tagged.id } });
    await notify(ctx, "healthIssue", { message: "health issue" });
    expect((await received("gotify", key, 2)).map((c) => c.body.message)).toEqual(["tagged grab", "health issue"]);
    const badTag = await call("POST", "/api/v3/notification", {
      body: body(
        "Gotify",
        [
          { name: "server", value: `${SIM}/gotify` },
          { name: "appToken", value: "x" },
        ],
        { tags: [987_654] },
      ),
    });
    expect(badTag.status).toBe(400);
  });

  test("a deleted movie's MovieDelete reaches a target sharing its tag, not one with another tag", async () => {
    const [shared, other] = await Promise.all(
      ["shared", "other"].map((label) => addTag(`${label}-${crypto.randomUUID().slice(0, 8)}`)),
    );
    const hookFor = async (tagId: number) => {
      const channel = `deleted-${crypto.randomUUID()}`;
      const target = body("Webhook", [{ name: "url", value: `${SIM}/hooks/${channel}` }], {
        onMovieDelete: true,
        onMovieAdded: true,
        tags: [tagId],
      });
      await sendJson("POST", "/api/v3/notification", target, 201);
      return `${SIM}/hooks/${channel}`;
    };
    const sharing = await hookFor(shared.id);
    const notSharing = await hookFor(other.id);
    await addRootFolder();
    const movie = await addMovie(27205, { tags: [shared.id] });
    expect((await call("DELETE", `/api/v3/movie/${movie.id}`)).status).toBe(200);
    const got = await waitForReceived<{ body: { eventType: string } }>(sharing, 2);
    expect(got.map((r) => r.body.eventType)).toEqual(["MovieAdded", "MovieDelete"]);
    // The other tag's target heard of neither (a delivery it should not get would have come by now).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await waitForReceived(notSharing, 0)).toEqual([]);
  });

  test("every event flag is stored and served", async () => {
    const flags = {
      onRename: true,
      onMovieDelete: true,
      onMovieFileDelete: true,
      onMovieFileDeleteForUpgrade: true,
      onHealthRestored: true,
      onApplicationUpdate: true,
      onManualInteractionRequired: true,
    };
    const created = await sendJson<{ id: number }>(
      "POST",
      "/api/v3/notification",
      body(
        "Gotify",
        [
          { name: "server", value: `${SIM}/gotify` },
          { name: "appToken", value: "x" },
        ],
        flags,
      ),
      201,
    );
    const read = await getJson<Record<string, unknown>>(`/api/v3/notification/${created.id}`);
    expect(read).toMatchObject({
      ...flags,
      supportsOnRename: true,
      supportsOnManualInteractionRequired: true,
      onGrab: false,
    });
  });

  test("adding and deleting a movie fire MovieAdded and MovieDelete in Radarr's webhook shape", async () => {
    await addRootFolder();
    const channel = `library-${crypto.randomUUID()}`;
    await sendJson(
      "POST",
      "/api/v3/notification",
      body("Webhook", [{ name: "url", value: `${SIM}/hooks/${channel}` }], { onMovieAdded: true, onMovieDelete: true }),
      201,
    );
    const movie = await addMovie(27205);
    expect((await call("DELETE", `/api/v3/movie/${movie.id}`)).status).toBe(200);
    const got = await waitForReceived(`${SIM}/hooks/${channel}`, 2);
    // What a consumer of Radarr's webhooks reads: eventType, instanceName, movie {id, title, year, tmdbId, folderPath}.
    const radarrMovie = expect.objectContaining({
      id: movie.id,
      title: "Inception",
      year: 2010,
      tmdbId: 27205,
      folderPath: "/movies/Inception (2010)",
    });
    expect(got.map((r) => r.body)).toEqual([
      expect.objectContaining({
        eventType: "MovieAdded",
        instanceName: expect.any(String),
        movie: radarrMovie,
        addMethod: "manual",
      }),
      expect.objectContaining({ eventType: "MovieDelete", movie: radarrMovie, deletedFiles: false }),
    ]);
  });
});
