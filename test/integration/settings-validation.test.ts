import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { qbittorrentBody, SIM, sabnzbdBody } from "./downloads-helpers";
import { addRootFolder, call, expectFieldError, getJson, type Movie, qualityProfileId, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

/**
 * Addresses, folders and fixed choices in settings: one validator each, whatever the kind. A bad
 * value is a 400 naming the field, and nothing is stored.
 */

const MATRIX = 603;

async function rows(table: string): Promise<number> {
  return (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())?.n ?? 0;
}

/** `body` with one provider field's value replaced (or added). */
function withField<T extends { fields: { name: string; value?: unknown }[] }>(
  body: T,
  name: string,
  value: unknown,
): T {
  return { ...body, fields: [...body.fields.filter((f) => f.name !== name), { name, value }] };
}

/** POSTs `body` and expects a 400 naming `field`, with no row added to `table`. */
async function expectRefused(path: string, body: unknown, field: string, table: string) {
  const before = await rows(table);
  const refused = await expectFieldError(await call("POST", path, { body }), field);
  expect(await rows(table)).toBe(before);
  return refused;
}

describe("indexer URLs", () => {
  test.each([
    ["file:///etc/passwd", "file: is not allowed"],
    ["javascript:alert(1)", "javascript: is not allowed"],
    ["http://admin:pw@127.0.0.1:9696", "user name or password"],
    ["http://127.0.0.1:99999/torznab", "port must be 1-65535"],
    ["http://127.0.0.1/torznab?apikey=x", "query"],
  ])("refuses %j, naming fields.baseUrl", async (baseUrl, message) => {
    const refused = await expectRefused(
      "/api/v3/indexer",
      withField(torznab(), "baseUrl", baseUrl),
      "fields.baseUrl",
      "indexers",
    );
    expect(refused.errors?.find((e) => e.path === "body.fields.baseUrl")?.message).toContain(message);
  });

  test("accepts the simulator's address with a trailing slash, stored as sent (Prowlarr compares it)", async () => {
    const body = withField(torznab(), "baseUrl", `${SIM}/torznab/`);
    const saved = await sendJson<{ fields: { name: string; value: unknown }[] }>("POST", "/api/v3/indexer", body, 201);
    expect(saved.fields.find((f) => f.name === "baseUrl")?.value).toBe(`${SIM}/torznab/`);
  });
});

describe("download client hosts and choices", () => {
  test.each([
    ["http://127.0.0.1", "not a URL"],
    ["127.0.0.1/qbittorrent", "path"],
    ["127.0.0.1:8080", "port"],
    ["admin@127.0.0.1", "user name or password"],
    ["local host", "spaces"],
    ["gopher:70", "port"],
  ])("refuses host %j, naming fields.host", async (host, message) => {
    const refused = await expectRefused(
      "/api/v3/downloadclient?forceSave=true",
      withField(qbittorrentBody(), "host", host),
      "fields.host",
      "download_clients",
    );
    expect(refused.errors?.[0].message).toContain(message);
  });

  test("refuses a choice outside the select's options and a relative save path", async () => {
    const path = "/api/v3/downloadclient?forceSave=true";
    const refused = await expectRefused(
      path,
      withField(qbittorrentBody(), "initialState", "sideways"),
      "fields.initialState",
      "download_clients",
    );
    expect(refused.errors?.[0].message).toBe("must be one of 0, 1, 2");
    await expectRefused(
      path,
      withField(sabnzbdBody(), "recentMoviePriority", 5),
      "fields.recentMoviePriority",
      "download_clients",
    );
    await expectRefused(
      path,
      withField(qbittorrentBody(), "savePath", "downloads/../etc"),
      "fields.savePath",
      "download_clients",
    );
  });

  test("the schema offers the choices as selects; a good host, choice and path are saved", async () => {
    const templates = await getJson<
      { implementation: string; fields: { name: string; type: string; selectOptions?: unknown[] }[] }[]
    >("/api/v3/downloadclient/schema");
    const fieldOf = (implementation: string, name: string) =>
      templates.find((t) => t.implementation === implementation)?.fields.find((f) => f.name === name);
    expect(fieldOf("QBittorrent", "initialState")).toMatchObject({
      type: "select",
      // Radarr's QBittorrentState codes.
      selectOptions: [
        { value: 0, name: "Started", order: 0, dividerAfter: false },
        { value: 1, name: "Force Started", order: 1, dividerAfter: false },
        { value: 2, name: "Stopped", order: 2, dividerAfter: false },
      ],
    });
    expect(fieldOf("Sabnzbd", "recentMoviePriority")?.selectOptions).toContainEqual(
      expect.objectContaining({ value: -100, name: "Default" }),
    );

    const body = withField(withField(qbittorrentBody(), "initialState", "pause"), "savePath", "/downloads//radarr/");
    const saved = await sendJson<{ fields: { name: string; value: unknown }[] }>(
      "POST",
      "/api/v3/downloadclient",
      body,
      201,
    );
    // The name older versions stored is still read, and saved as Radarr's code.
    expect(saved.fields.find((f) => f.name === "initialState")?.value).toBe(2);
    expect(saved.fields.find((f) => f.name === "savePath")?.value).toBe("/downloads/radarr");
  });
});

describe("notification URLs and methods", () => {
  const webhook = (url: string, method = "POST") => ({
    name: "Hook",
    implementation: "Webhook",
    fields: [
      { name: "url", value: url },
      { name: "method", value: method },
    ],
  });

  test("refuses a non-http URL and a method that is not a choice", async () => {
    for (const url of ["javascript:alert(1)", "data:text/plain,hi", "file:///etc/passwd", "http://exa mple.org/hook"])
      await expectRefused("/api/v3/notification", webhook(url), "fields.url", "notifications");
    const discord = {
      name: "Discord",
      implementation: "Discord",
      fields: [{ name: "webHookUrl", value: "gopher://x" }],
    };
    await expectRefused("/api/v3/notification", discord, "fields.webHookUrl", "notifications");
    const refused = await expectRefused(
      "/api/v3/notification",
      webhook(`${SIM}/hooks/x`, "GET"),
      "fields.method",
      "notifications",
    );
    expect(refused.errors?.[0].message).toBe("must be one of 1, 2");
  });

  test("the method is a select; a webhook URL with a query token is saved", async () => {
    const [template] =
      await getJson<{ fields: { name: string; type: string; value: unknown; selectOptions?: unknown[] }[] }[]>(
        "/api/v3/notification/schema",
      );
    expect(template.fields.find((f) => f.name === "method")).toMatchObject({
      type: "select",
      // Radarr's WebhookMethod codes.
      value: 1,
      selectOptions: [
        { value: 1, name: "POST", order: 0, dividerAfter: false },
        { value: 2, name: "PUT", order: 1, dividerAfter: false },
      ],
    });
    // Saved (the URL itself may be shown masked: a webhook address can hold a token).
    await sendJson("POST", "/api/v3/notification", webhook(`${SIM}/hooks/token?token=abc`, "PUT"), 201);
    expect(await rows("notifications")).toBe(1);
  });
});

describe("import list URLs and root folders", () => {
  async function csvList(csvUrl: string, rootFolderPath = "/movies") {
    return {
      name: "CSV",
      implementation: "IMDbCsvImport",
      fields: [{ name: "csvUrl", value: csvUrl }],
      qualityProfileId: await qualityProfileId(),
      rootFolderPath,
      enableAuto: false,
    };
  }

  test("refuses a non-http list URL and a root folder path with '..' or a NUL byte", async () => {
    await addRootFolder();
    await expectRefused("/api/v3/importlist", await csvList("file:///etc/passwd"), "fields.csvUrl", "import_lists");
    await expectRefused(
      "/api/v3/importlist",
      await csvList(`${SIM}/x.csv`, "/movies/../etc"),
      "rootFolderPath",
      "import_lists",
    );
    await expectRefused(
      "/api/v3/importlist",
      await csvList(`${SIM}/x.csv`, "/movies\u0000"),
      "rootFolderPath",
      "import_lists",
    );
  });

  test("accepts an http(s) URL and a root folder written with a trailing slash", async () => {
    await addRootFolder();
    const saved = await sendJson<{ rootFolderPath: string }>(
      "POST",
      "/api/v3/importlist",
      await csvList(`${SIM}/x.csv?dl=1`, "/movies/"),
      201,
    );
    expect(saved.rootFolderPath).toBe("/movies");
  });
});

describe("root folders", () => {
  test.each([["movies"], ["/movies/../etc"], ["/movies\u0000/x"], ["D:Movies"]])(
    "refuses %j, naming path",
    async (path) => {
      await expectRefused("/api/v3/rootfolder", { path }, "path", "root_folders");
    },
  );

  test("stores POSIX and Windows folders normalised", async () => {
    expect(
      (await sendJson<{ path: string }>("POST", "/api/v3/rootfolder", { path: "//media//films/" }, 201)).path,
    ).toBe("/media/films");
    expect((await sendJson<{ path: string }>("POST", "/api/v3/rootfolder", { path: "D:/Movies/" }, 201)).path).toBe(
      "D:\\Movies",
    );
    expect((await sendJson<{ path: string }>("POST", "/api/v3/rootfolder", { path: "D:\\" }, 201)).path).toBe("D:\\");
    await expectFieldError(await call("POST", "/api/v3/rootfolder", { body: { path: "/media/films/" } }), "path");
  });
});

describe("movie folders", () => {
  const add = async (choices: Record<string, unknown>) => ({
    tmdbId: MATRIX,
    qualityProfileId: await qualityProfileId(),
    ...choices,
  });

  test("a new movie's folder must lie inside a configured root folder", async () => {
    await addRootFolder("/movies");
    await addRootFolder("/archive");
    for (const path of ["/etc/Matrix", "/movies", "/movies/../etc/Matrix", "relative/Matrix", "/movies/Ma\u0000trix"])
      await expectRefused("/api/v3/movie", await add({ path }), "path", "movies");
    await expectRefused(
      "/api/v3/movie",
      await add({ rootFolderPath: "/movies", path: "/archive/Matrix" }),
      "path",
      "movies",
    );

    const movie = await sendJson<Movie>(
      "POST",
      "/api/v3/movie",
      await add({ path: "/archive//sci-fi/The Matrix/" }),
      201,
    );
    expect(movie).toMatchObject({ path: "/archive/sci-fi/The Matrix", rootFolderPath: "/archive" });
  });

  test("an edited folder must lie inside a root folder; moving it there moves its root folder too", async () => {
    await addRootFolder("/movies");
    await addRootFolder("/archive");
    const movie = await sendJson<Movie>("POST", "/api/v3/movie", await add({ rootFolderPath: "/movies" }), 201);
    await expectFieldError(await call("PUT", `/api/v3/movie/${movie.id}`, { body: { path: "/tmp/Matrix" } }), "path");
    await expectFieldError(
      await call("PUT", `/api/v3/movie/${movie.id}`, { body: { path: "/archive/../tmp/Matrix" } }),
      "path",
    );
    expect(await getJson<Movie>(`/api/v3/movie/${movie.id}`)).toMatchObject({
      path: movie.path,
      rootFolderPath: "/movies",
    });

    // The whole resource sent back unchanged is no move.
    expect(
      await sendJson<Movie>("PUT", `/api/v3/movie/${movie.id}`, { ...movie, monitored: false }, 202),
    ).toMatchObject({
      path: movie.path,
      rootFolderPath: "/movies",
    });
    const moved = await sendJson<Movie>(
      "PUT",
      `/api/v3/movie/${movie.id}`,
      { ...movie, path: "/archive/Matrix/" },
      202,
    );
    expect(moved).toMatchObject({ path: "/archive/Matrix", rootFolderPath: "/archive" });
  });
});

describe("the OpenAPI document", () => {
  test("lists each provider's fixed choices as enums", async () => {
    type Schema = { properties: Record<string, { enum?: unknown[] }> };
    const { components } = await getJson<{ components: { schemas: Record<string, Schema> } }>("/api/v3/openapi.json");
    const choices = (component: string, property: string) => components.schemas[component]?.properties[property]?.enum;
    expect(choices("QBittorrentSettings", "initialState")).toEqual([0, 1, 2]);
    expect(choices("SabnzbdSettings", "recentMoviePriority")).toEqual([-100, -2, -1, 0, 1, 2]);
    expect(choices("WebhookSettings", "method")).toEqual([1, 2]);
  });
});
