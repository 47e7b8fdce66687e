import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import * as clock from "../../src/clock";
import worker from "../../src/index";
import { addMovie, addRootFolder, call, expectFieldError, getJson, type Movie, waitForCommands } from "./helpers";

// TMDb id only this file adds: The Empire Strikes Back.
const EMPIRE = 1891;
const REFRESH_CRON = "0 */6 * * *";

interface HealthCheck {
  source: string;
  type: string;
  message: string;
}

interface Command {
  id: number;
  name: string;
  status: string;
  trigger: string;
  message?: string;
  outcome?: Record<string, unknown>;
}

/** Fires the Worker's scheduled handler as a Cron Trigger would, and waits for its work (its queued commands). */
async function fireCron(cron: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: clock.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
  await waitForCommands();
}

const lastInfoSync = async (id: number) =>
  (await env.DB.prepare("select last_info_sync from movies where id = ?").bind(id).first<string>("last_info_sync")) ??
  "";

describe("system status", () => {
  test("describes the app as Radarr's status endpoint does", async () => {
    const status = await getJson<Record<string, unknown>>("/api/v3/system/status");
    expect(status).toMatchObject({
      appName: "Radarr",
      application: "Radarr Edge",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      isProduction: false,
      runtimeName: "Cloudflare Workers",
      demoMode: true,
      authentication: "forms",
      authenticationMethod: "apiKey",
      databaseType: "sqLite",
      databaseEngine: "d1",
    });
    expect(Date.parse(status.buildTime as string)).not.toBeNaN();
    expect(Date.parse(status.startTime as string)).toBeLessThanOrEqual(clock.now());
    expect(status.migrationVersion).toBe(env.TEST_MIGRATIONS.length);
  });
});

describe("health", () => {
  test("warns that no root folder exists until one is added", async () => {
    const before = await getJson<HealthCheck[]>("/api/v3/health");
    expect(before).toContainEqual(
      expect.objectContaining({
        source: "RootFolderCheck",
        type: "warning",
        message: expect.stringMatching(/root folder/),
      }),
    );
    await addRootFolder();
    const after = await getJson<HealthCheck[]>("/api/v3/health");
    expect(after.map((c) => c.source)).not.toContain("RootFolderCheck");
  });

  test("does not complain about TMDb when a key is configured", async () => {
    const checks = await getJson<HealthCheck[]>("/api/v3/health");
    expect(checks.map((c) => c.source)).not.toContain("TmdbCheck");
  });
});

describe("the API documentation", () => {
  test("is an OpenAPI 3.1 document listing the routes", async () => {
    const doc = await getJson<{ openapi: string; info: { title: string }; paths: Record<string, object> }>(
      "/api/v3/openapi.json",
    );
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Radarr Edge API");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v3/movie", "/api/v3/movie/paged", "/api/v3/movie/{id}", "/api/v3/qualityprofile"]),
    );
    expect(doc.paths["/api/v3/movie/paged"]).toHaveProperty("get");
  });

  test("has a viewer page", async () => {
    const res = await call("GET", "/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("/api/v3/openapi.json");
  });
});

describe("the scheduled handler", () => {
  test("the refresh cron re-reads movie metadata from TMDb", async () => {
    await addRootFolder();
    const movie = await addMovie(EMPIRE);
    await env.DB.prepare("update movies set title = 'Stale Title', last_info_sync = ? where id = ?")
      .bind("2000-01-01T00:00:00.000Z", movie.id)
      .run();
    const started = clock.now();
    await fireCron(REFRESH_CRON);
    expect(Date.parse(await lastInfoSync(movie.id))).toBeGreaterThanOrEqual(started);
    expect((await getJson<Movie>(`/api/v3/movie/${movie.id}`)).title).toBe("The Empire Strikes Back");
  });

  test("the refresh run is recorded as a scheduled command", async () => {
    await addRootFolder();
    const movie = await addMovie(EMPIRE);
    // Due for a refresh: a movie refreshed on adding is current and the run would skip it.
    await env.DB.prepare("update movies set last_info_sync = ? where id = ?")
      .bind("2000-01-01T00:00:00.000Z", movie.id)
      .run();
    await fireCron(REFRESH_CRON);
    // The same cron runs several tasks; find this one's run among them.
    const refresh = (await getJson<Command[]>("/api/v3/command")).find((c) => c.name === "RefreshMovie");
    expect(refresh).toMatchObject({ name: "RefreshMovie", status: "completed", trigger: "scheduled" });
    expect(refresh?.outcome).toMatchObject({ refreshed: 1, failed: 0 });
    const tasks = await getJson<{ taskName: string; lastStatus?: string }[]>("/api/v3/system/task");
    expect(tasks.find((t) => t.taskName === "RefreshMovie")?.lastStatus).toBe("completed");
  });

  test("an unknown cron does nothing", async () => {
    await addRootFolder();
    const movie = await addMovie(EMPIRE);
    const synced = await lastInfoSync(movie.id);
    await fireCron("1 2 3 4 5");
    expect(await lastInfoSync(movie.id)).toBe(synced);
    expect(await getJson("/api/v3/command")).toEqual([]);
    expect(await getJson<Movie>(`/api/v3/movie/${movie.id}`)).toEqual(movie);
  });
});

describe("commands", () => {
  test("POST /command runs a command and reports it completed", async () => {
    await addRootFolder();
    const movie = await addMovie(EMPIRE);
    const queued = await call("POST", "/api/v3/command", { body: { name: "RefreshMovie", movieIds: [movie.id] } });
    expect(queued.status).toBe(201);
    const { id } = await queued.json<Command>();
    let command = await getJson<Command>(`/api/v3/command/${id}`);
    for (let i = 0; i < 50 && (command.status === "queued" || command.status === "started"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      command = await getJson<Command>(`/api/v3/command/${id}`);
    }
    expect(command).toMatchObject({ name: "RefreshMovie", status: "completed", trigger: "manual" });
  });

  test("POST /command rejects an unknown command, naming name", async () => {
    await expectFieldError(await call("POST", "/api/v3/command", { body: { name: "MakeCoffee" } }), "name");
  });
});
