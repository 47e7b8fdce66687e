import { describe, expect, test } from "vitest";
import { call, getJson, sendJson } from "./helpers";

// Radarr's `/config/{name}/{id}` forms, as Radarr's OpenAPI lists them and its clients (Recyclarr,
// the migration from Radarr, SDKs generated from the OpenAPI) call them.

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
}

/** Every config resource the app serves with GET and PUT (`/api/v3/config/{name}`), from its own OpenAPI. */
async function configResources(): Promise<string[]> {
  const doc = await getJson<OpenApiDoc>("/api/v3/openapi.json");
  return Object.entries(doc.paths)
    .filter(([path, ops]) => /^\/api\/v3\/config\/[^/{]+\/?$/.test(path) && "get" in ops && "put" in ops)
    .map(([path]) => path.replace(/\/$/, ""));
}

describe("Radarr's /config/{name}/{id} forms", () => {
  test("every config resource answers GET and PUT by its id as by its path", async () => {
    const resources = await configResources();
    expect(resources).toEqual(
      expect.arrayContaining([
        "/api/v3/config/indexer",
        "/api/v3/config/naming",
        "/api/v3/config/importlist",
        "/api/v3/config/streaming",
      ]),
    );
    for (const path of resources) {
      const config = await getJson<{ id: number }>(path);
      expect(config.id, path).toBe(1);
      expect(await getJson(`${path}/1`), `GET ${path}/1`).toEqual(config);
      expect(await getJson(`${path.replace("/config/", "/Config/")}/1/`), `GET ${path}/1/`).toEqual(config);
      expect(await sendJson("PUT", `${path}/1`, config, 202), `PUT ${path}/1`).toEqual(config);
    }
  });

  test("a PUT by id saves the change", async () => {
    const before = await getJson<{ id: number; minimumAge: number }>("/api/v3/config/indexer");
    const saved = await sendJson(
      "PUT",
      "/api/v3/config/indexer/1",
      { ...before, minimumAge: before.minimumAge + 7 },
      202,
    );
    expect(saved).toMatchObject({ id: 1, minimumAge: before.minimumAge + 7 });
    expect(await getJson("/api/v3/config/indexer")).toMatchObject({ minimumAge: before.minimumAge + 7 });
    expect(await getJson("/api/v3/config/indexer/1")).toMatchObject({ minimumAge: before.minimumAge + 7 });
    await sendJson("PUT", "/api/v3/config/indexer/1", before, 202);
  });

  test("only a number is an id, and the literal /config/naming/examples still wins", async () => {
    expect((await call("GET", "/api/v3/config/indexer/one")).status).toBe(404);
    const examples = await call("GET", "/api/v3/config/naming/examples");
    expect(examples.status).toBe(200);
    expect(await examples.json()).not.toHaveProperty("renameMovies");
  });
});
