import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import { addMovie, addRootFolder, call, expectFieldError, getJson, sendJson, simFaults } from "./helpers";
import { callsWith, hdbits, newznab, SIM, torznab, uniqueKey } from "./indexerHelpers";

interface Field {
  name: string;
  value: unknown;
  privacy: string;
}
interface Indexer {
  id: number;
  name: string;
  implementation: string;
  protocol: string;
  priority: number;
  fields: Field[];
}
interface IndexerStatus {
  indexerId: number;
  escalationLevel: number;
  disabledTill: string;
  lastError: string;
  lastFailureKind: string;
}
const fieldValue = (indexer: Indexer, name: string) => indexer.fields.find((f) => f.name === name)?.value;

describe("/api/v3/indexer", () => {
  test("schema lists Torznab, Newznab and HDBits in the provider shape", async () => {
    const schema =
      await getJson<(Indexer & { configContract: string; implementationName: string })[]>("/api/v3/indexer/schema");
    expect(schema.map((s) => [s.implementation, s.protocol, s.configContract])).toEqual([
      ["Torznab", "torrent", "TorznabSettings"],
      ["Newznab", "usenet", "NewznabSettings"],
      ["HDBits", "torrent", "HDBitsSettings"],
    ]);
    const torznabFields = schema[0].fields;
    expect(torznabFields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["baseUrl", "apiPath", "apiKey", "categories", "minimumSeeders"]),
    );
    expect(torznabFields.find((f) => f.name === "apiKey")?.privacy).toBe("apiKey");
    expect(torznabFields.find((f) => f.name === "categories")?.value).toEqual([
      2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060,
    ]);
    expect(schema[2].fields.find((f) => f.name === "baseUrl")?.value).toBe(env.HDBITS_URL);
    expect(schema[2].fields.find((f) => f.name === "categories")?.value).toEqual([1]);
  });

  test("the routes are in the OpenAPI document", async () => {
    const doc = await getJson<{ paths: Record<string, object> }>("/api/v3/openapi.json");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v3/indexer",
        "/api/v3/indexer/schema",
        "/api/v3/indexer/test",
        "/api/v3/indexer/testall",
        "/api/v3/indexer/{id}",
        "/api/v3/indexerstatus",
        "/api/v3/release",
        "/api/v3/release/push",
        "/api/v3/analysis/groups",
        "/api/v3/analysis/groups.csv",
      ]),
    );
  });

  test("create, read, update and delete; the API key is stored encrypted and shown masked", async () => {
    const key = uniqueKey();
    const created = await sendJson<Indexer>("POST", "/api/v3/indexer", { ...torznab(key), priority: 10 }, 201);
    expect(created).toMatchObject({ implementation: "Torznab", protocol: "torrent", priority: 10 });
    expect(fieldValue(created, "apiKey")).toBe("********");
    expect(fieldValue(created, "baseUrl")).toBe(`${SIM}/torznab`);

    const { results } = await env.DB.prepare("select settings from indexers where id = ?").bind(created.id).all<{
      settings: string;
    }>();
    expect(results[0].settings).not.toContain(key);
    expect(JSON.parse(results[0].settings).apiKey).toMatch(/^enc:v1:/);

    // Sending the masked key back keeps the stored one: the indexer still answers.
    const renamed = await sendJson<Indexer>(
      "PUT",
      `/api/v3/indexer/${created.id}`,
      { ...created, name: "Renamed", enableRss: false },
      202,
    );
    expect(renamed).toMatchObject({ name: "Renamed", enableRss: false });
    await sendJson("POST", "/api/v3/indexer/test", renamed, 200);
    expect(await callsWith("torznab", key)).not.toHaveLength(0);

    expect((await getJson<Indexer[]>("/api/v3/indexer")).map((i) => i.name)).toEqual(["Renamed"]);
    expect((await call("DELETE", `/api/v3/indexer/${created.id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/indexer/${created.id}`)).status).toBe(404);
  });

  test("bad input is a 400 naming the field", async () => {
    await expectFieldError(await call("POST", "/api/v3/indexer", { body: { ...torznab(), priority: 0 } }), "priority");
    await expectFieldError(
      await call("POST", "/api/v3/indexer", {
        body: {
          ...torznab(),
          fields: [
            { name: "baseUrl", value: "not a url" },
            { name: "apiKey", value: "k" },
          ],
        },
      }),
      "baseUrl",
    );
    await expectFieldError(
      await call("POST", "/api/v3/indexer", { body: { ...torznab(), fields: [{ name: "baseUrl", value: SIM }] } }),
      "apiKey",
    );
    await expectFieldError(
      await call("POST", "/api/v3/indexer", { body: { ...torznab(), implementation: "Rarbg" } }),
      "implementation",
    );
    await expectFieldError(await call("POST", "/api/v3/indexer", { body: { ...torznab(), tags: [99] } }), "tags");
    await sendJson("POST", "/api/v3/indexer", { ...torznab(), name: "Same" }, 201);
    await expectFieldError(await call("POST", "/api/v3/indexer", { body: { ...torznab(), name: "Same" } }), "name");
    expect(await getJson<Indexer[]>("/api/v3/indexer")).toHaveLength(1);
  });

  test("test reads the capabilities with a good key", async () => {
    const result = await sendJson<{
      isValid: boolean;
      capabilities: { movieSearchParams: string[]; limitMax: number };
    }>("POST", "/api/v3/indexer/test", torznab(), 200);
    expect(result.isValid).toBe(true);
    expect(result.capabilities.movieSearchParams).toEqual(["q", "imdbid", "tmdbid"]);
    expect(result.capabilities.limitMax).toBe(100);
    await sendJson("POST", "/api/v3/indexer/test", newznab(), 200);
    await sendJson("POST", "/api/v3/indexer/test", hdbits(), 200);
  });

  test("a refused key fails the test naming apiKey with the indexer's message", async () => {
    // Torznab (Prowlarr) answers 401, Newznab answers 200 with the error document: same result.
    for (const body of [torznab("wrong-key"), newznab("wrong-key")]) {
      const error = await expectFieldError(await call("POST", "/api/v3/indexer/test", { body }), "apiKey");
      expect(error.message).toBe("Indexer test failed: apiKey: Incorrect user credentials");
    }
    const refused = await expectFieldError(
      await call("POST", "/api/v3/indexer/test", { body: hdbits("invalid-passkey") }),
      "apiKey",
    );
    expect(refused.errors?.map((e) => e.path)).toEqual(["body.fields.username", "body.fields.apiKey"]);
    expect(refused.message).toMatch(/HDBits refused the username or passkey/);
  });

  test("an unreachable indexer fails the test naming the URL", async () => {
    const body = {
      ...torznab(),
      fields: [
        { name: "baseUrl", value: "http://127.0.0.1:9" },
        { name: "apiKey", value: "k" },
      ],
    };
    const error = await expectFieldError(await call("POST", "/api/v3/indexer/test", { body }), "baseUrl");
    expect(error.message).toMatch(/Indexer test failed: baseUrl: /);
  });

  test("a save tests the indexer first: a dead address is refused naming baseUrl unless forceSave", async () => {
    const dead = {
      ...torznab(),
      fields: [
        { name: "baseUrl", value: "http://127.0.0.1:9" },
        { name: "apiKey", value: "k" },
      ],
    };
    const refused = await expectFieldError(await call("POST", "/api/v3/indexer", { body: dead }), "baseUrl");
    expect(refused.message).toMatch(/Indexer test failed: baseUrl: /);
    await expectFieldError(await call("POST", "/api/v3/indexer", { body: torznab("wrong-key") }), "apiKey");
    expect(await getJson<Indexer[]>("/api/v3/indexer")).toEqual([]);

    const forced = await sendJson<Indexer>("POST", "/api/v3/indexer?forceSave=true", dead, 201);
    // An edit is tested too; a disabled indexer (nothing uses it) is saved untested.
    await expectFieldError(await call("PUT", `/api/v3/indexer/${forced.id}`, { body: dead }), "baseUrl");
    const off = { ...dead, enableRss: false, enableAutomaticSearch: false, enableInteractiveSearch: false };
    await sendJson("PUT", `/api/v3/indexer/${forced.id}`, off, 202);
    await sendJson("PUT", `/api/v3/indexer/${forced.id}`, torznab(), 202);
  });

  test("testall reports each saved indexer", async () => {
    const good = await sendJson<Indexer>("POST", "/api/v3/indexer", torznab(), 201);
    const bad = await sendJson<Indexer>("POST", "/api/v3/indexer?forceSave=true", newznab("invalid-key"), 201);
    const results = await sendJson<{ id: number; isValid: boolean; validationFailures: unknown[] }[]>(
      "POST",
      "/api/v3/indexer/testall",
      {},
      200,
    );
    expect(results).toEqual(
      expect.arrayContaining([
        { id: good.id, isValid: true, validationFailures: [] },
        {
          id: bad.id,
          isValid: false,
          validationFailures: [{ propertyName: "apiKey", errorMessage: "Incorrect user credentials" }],
        },
      ]),
    );
  });
});

describe("indexer failures", () => {
  const fault = simFaults("torznab");

  test("a timing-out indexer is marked failed, backed off, skipped by the next search and shown in health", async () => {
    await addRootFolder();
    const movie = await addMovie(1891);
    const key = uniqueKey();
    // Saved untested (the test on save has its own test): this one is about the search's failure.
    const indexer = await sendJson<Indexer>("POST", "/api/v3/indexer?forceSave=true", torznab(key), 201);
    await fault({ match: key, kind: "timeout", ms: 2_000 });

    const started = clock.now();
    const res = await call("GET", `/api/v3/release?movieId=${movie.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect(res.headers.get("X-Indexer-Failures")).toMatch(/did not answer within/);

    const [status] = await getJson<IndexerStatus[]>("/api/v3/indexerstatus");
    expect(status).toMatchObject({ indexerId: indexer.id, escalationLevel: 1, lastFailureKind: "connectionTimeout" });
    // Said with the indexer's name, not its internal key ("indexer:1").
    expect(status.lastError).toContain(indexer.name);
    expect(status.lastError).not.toMatch(/indexer:\d/);
    const backedOffFor = Date.parse(status.disabledTill) - started;
    expect(backedOffFor).toBeGreaterThan(4 * 60_000);
    expect(backedOffFor).toBeLessThan(6 * 60_000);

    const health = await getJson<{ source: string; message: string }[]>("/api/v3/health");
    expect(health).toContainEqual(
      expect.objectContaining({ source: "IndexerStatusCheck", message: expect.stringContaining(indexer.name) }),
    );

    // Backed off: the next search does not call it at all.
    const before = (await callsWith("torznab", key)).length;
    const again = await call("GET", `/api/v3/release?movieId=${movie.id}`);
    expect(again.headers.get("X-Indexer-Failures")).toMatch(/disabled until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC after/);
    expect((await callsWith("torznab", key)).length).toBe(before);
  });

  test("429 with a long Retry-After backs off at least that long", async () => {
    await addRootFolder();
    const movie = await addMovie(1892);
    const key = uniqueKey();
    // Saved untested: the calls counted below are the search's alone.
    await sendJson<Indexer>("POST", "/api/v3/indexer?forceSave=true", torznab(key), 201);
    await fault({ match: key, kind: "rateLimit", retryAfter: 3600 });
    const started = clock.now();
    await call("GET", `/api/v3/release?movieId=${movie.id}`);
    const [status] = await getJson<IndexerStatus[]>("/api/v3/indexerstatus");
    expect(status).toMatchObject({ escalationLevel: 1, lastFailureKind: "rateLimited" });
    expect(Date.parse(status.disabledTill) - started).toBeGreaterThanOrEqual(3600_000 - 1000);
    // One request: a Retry-After longer than the app waits inside a request is not retried.
    expect(await callsWith("torznab", key)).toHaveLength(1);
  });

  test("a success after the back-off resets the status", async () => {
    await addRootFolder();
    const movie = await addMovie(1893);
    const key = uniqueKey();
    const indexer = await sendJson<Indexer>("POST", "/api/v3/indexer", torznab(key), 201);
    await fault({ match: key, kind: "status", status: 500, times: 2 });
    await call("GET", `/api/v3/release?movieId=${movie.id}`);
    expect(await getJson<IndexerStatus[]>("/api/v3/indexerstatus")).toHaveLength(1);
    // The back-off has passed (moved back in time here).
    await env.DB.prepare("update indexer_status set disabled_until = ? where indexer_id = ?")
      .bind(new Date(clock.now() - 1000).toISOString(), indexer.id)
      .run();
    const releases = await getJson<unknown[]>(`/api/v3/release?movieId=${movie.id}`);
    expect(releases.length).toBeGreaterThan(0);
    expect(await getJson<IndexerStatus[]>("/api/v3/indexerstatus")).toEqual([]);
  });
});
