import { describe, expect, test } from "vitest";
import { addMovie, addRootFolder, addTag, call, expectFieldError, getJson, type Movie, sendJson } from "./helpers";
import { torznab } from "./indexerHelpers";

// Radarr's ASP.NET routing as its clients rely on it. TMDb ids only this file adds: Alien (348), Aliens (679).
const ALIEN = 348;
const ALIENS = 679;

/** Parses a .NET `Version` ("5.28.0.10274") into numbers, as Prowlarr does with the header. */
const versionParts = (version: string | null) => (version ?? "").split(".").map(Number);

describe("paths match as Radarr's do", () => {
  test("in any casing, with the query string kept", async () => {
    const canonical = await getJson<unknown[]>("/api/v3/qualityprofile");
    expect(await getJson<unknown[]>("/api/v3/qualityProfile")).toEqual(canonical);
    expect(await getJson<unknown[]>("/API/V3/QualityProfile")).toEqual(canonical);
    const lookup = await getJson<{ tmdbId: number }[]>("/api/v3/Movie/Lookup?term=alien");
    expect(lookup.map((m) => m.tmdbId)).toContain(ALIEN);
  });

  test("with a trailing slash, on collections and on one resource", async () => {
    await addRootFolder();
    const movie = await addMovie(ALIEN);
    expect((await getJson<Movie>(`/api/v3/movie/${movie.id}/`)).tmdbId).toBe(ALIEN);
    expect((await getJson<Movie[]>("/api/v3/Movie/")).map((m) => m.id)).toContain(movie.id);
    expect(await getJson<unknown>("/api/v3/system/status/")).toMatchObject({ appName: expect.any(String) });
  });

  test("a literal segment wins over an id in any casing (/movie/Lookup is not /movie/{id})", async () => {
    const res = await call("GET", "/api/v3/movie/LOOKUP/tmdb?tmdbId=348");
    expect(res.status).toBe(200);
    expect((await res.json<{ tmdbId: number }>()).tmdbId).toBe(ALIEN);
  });

  test("an unknown API path in another casing still answers as the API: key required, JSON 404", async () => {
    expect((await call("GET", "/API/v3/nothing-here", { key: null })).status).toBe(401);
    const res = await call("GET", "/Api/V3/nothing-here/");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
  });
});

describe("Radarr's optional route id on PUT", () => {
  test("PUT /movie with the id in the body updates that movie", async () => {
    await addRootFolder();
    const movie = await addMovie(ALIENS, { monitored: true });
    const updated = await sendJson<Movie>("PUT", "/api/v3/movie", { ...movie, monitored: false }, 202);
    expect(updated).toMatchObject({ id: movie.id, monitored: false });
    expect((await getJson<Movie>(`/api/v3/movie/${movie.id}`)).monitored).toBe(false);
  });

  test("PUT /tag and PUT /qualityprofile take the id from the body", async () => {
    const tag = await addTag("routing-before");
    expect(await sendJson("PUT", "/api/v3/Tag", { id: tag.id, label: "routing-after" }, 202)).toMatchObject({
      id: tag.id,
      label: "routing-after",
    });
    const [profile] = await getJson<{ id: number; name: string }[]>("/api/v3/qualityprofile");
    if (!profile) throw new Error("no seeded quality profile");
    const renamed = await sendJson("PUT", "/api/v3/qualityprofile/", { ...profile, name: `${profile.name}` }, 202);
    expect(renamed).toMatchObject({ id: profile.id });
  });

  test("a provider (PUT /indexer) takes the id from the body", async () => {
    const added = await sendJson<{ id: number; name: string }>(
      "POST",
      "/api/v3/indexer?forceSave=true",
      torznab(),
      201,
    );
    const updated = await sendJson<{ id: number; name: string }>(
      "PUT",
      "/api/v3/indexer?forceSave=true",
      { ...added, name: "Routing Torznab" },
      202,
    );
    expect(updated).toMatchObject({ id: added.id, name: "Routing Torznab" });
  });

  test("a PUT without an id anywhere is refused naming id", async () => {
    await expectFieldError(await call("PUT", "/api/v3/tag", { body: { label: "no id" } }), "id");
  });

  test("a body id that is not the path's id is refused naming id; 0 or none means the path's", async () => {
    const tag = await addTag("routing-mismatch");
    const other = await addTag("routing-other");
    await expectFieldError(await call("PUT", `/api/v3/tag/${tag.id}`, { body: { id: other.id, label: "x" } }), "id");
    expect((await getJson<{ label: string }>(`/api/v3/tag/${other.id}`)).label).toBe("routing-other");
    await sendJson("PUT", `/api/v3/tag/${tag.id}`, { id: 0, label: "routing-zero" }, 202);
    await sendJson("PUT", `/api/v3/tag/${tag.id}`, { label: "routing-none" }, 202);
    expect((await getJson<{ label: string }>(`/api/v3/tag/${tag.id}`)).label).toBe("routing-none");
  });
});

describe("version handshake", () => {
  test("every API response carries X-Application-Version, errors included", async () => {
    const responses = [
      await call("GET", "/api/v3/system/status"),
      await call("GET", "/api/v3/system/status", { key: null }),
      await call("GET", "/api/v3/no-such-route"),
      await call("POST", "/api/v3/indexer/test", { body: { implementation: "Torznab", fields: [] } }),
    ];
    const status = await responses[0]?.json<{ version: string }>();
    for (const res of responses) expect(res.headers.get("X-Application-Version")).toBe(status?.version);
  });

  test("the header and status.version are a Radarr release Prowlarr accepts (≥ 4.0.4); appVersion is the app's", async () => {
    const res = await call("GET", "/api/v3/system/status");
    const status = await res.json<{ version: string; appVersion: string }>();
    const [major = 0, minor = 0, build = 0] = versionParts(res.headers.get("X-Application-Version"));
    expect(major).toBeGreaterThanOrEqual(5);
    expect(major * 1e6 + minor * 1e3 + build).toBeGreaterThanOrEqual(4_000_004);
    expect(status.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(status.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.appVersion).not.toBe(status.version);
  });

  test("the site's pages do not carry it", async () => {
    const res = await call("GET", "/ping");
    expect(res.headers.get("X-Application-Version")).toBeNull();
  });
});
