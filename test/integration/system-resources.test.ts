import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import {
  addMovie,
  addRootFolder,
  addTag,
  call,
  expectFieldError,
  getJson,
  sendJson,
  tmdbFaults,
  waitForCommands,
} from "./helpers";

// TMDb ids only this file uses: Alien (library), Aliens (a fault), Alien 3 (added after a backup).
const ALIEN = 348;
const ALIENS_FAULTED = 679;
const ALIEN_3 = 8077;

interface Command {
  id: number;
  name: string;
  status: string;
  message?: string;
}

interface LogPage {
  page: number;
  pageSize: number;
  sortKey: string;
  sortDirection: string;
  totalRecords: number;
  records: { id: number; time: string; level: string; logger: string; message: string; exception: string | null }[];
}

interface Backup {
  id: number;
  name: string;
  path: string;
  type: string;
  size: number;
  time: string;
}

const addFault = tmdbFaults();

async function runCommand(name: string): Promise<Command> {
  const queued = await sendJson<Command>("POST", "/api/v3/command", { name }, 201);
  await waitForCommands();
  return getJson<Command>(`/api/v3/command/${queued.id}`);
}

/** Polls until `ready` holds: records reach the store after the response (waitUntil). */
async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ready(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("routes, tasks, restart and shutdown", () => {
  test("GET /system/routes draws the route table; /routes/duplicate finds none", async () => {
    const res = await call("GET", "/api/v3/system/routes");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const graph = await res.text();
    expect(graph).toMatch(/^digraph DFA \{/);
    expect(graph).toContain('[label="/api/v3/movie/{…} HTTP: DELETE, GET, PUT"]');
    expect(graph).toMatch(/\d+ -> \d+ \[label="qualityprofile"\]/);
    expect(await getJson("/api/v3/system/routes/duplicate")).toEqual({});
  });

  test("GET /system/task/{id} is the listed task; an unknown id is 404", async () => {
    const tasks = await getJson<{ id: number; taskName: string }[]>("/api/v3/system/task");
    expect(tasks.map((t) => t.taskName)).toEqual(expect.arrayContaining(["Backup", "Housekeeping"]));
    const backupTask = tasks.find((t) => t.taskName === "Backup");
    expect(await getJson(`/api/v3/system/task/${backupTask?.id}`)).toEqual(backupTask);
    expect((await call("GET", `/api/v3/system/task/${tasks.length + 1}`)).status).toBe(404);
  });

  test("restart drops this isolate's caches and answers as Radarr does; shutdown is not applicable", async () => {
    expect(await sendJson("POST", "/api/v3/system/restart", undefined, 200)).toEqual({ restarting: true });
    const shutdown = await call("POST", "/api/v3/system/shutdown");
    expect(shutdown.status).toBe(409);
    expect((await shutdown.json<{ message: string }>()).message).toMatch(/not applicable/);
  });
});

describe("tag details", () => {
  test("GET /tag/detail/{id} lists the movies and providers carrying the tag", async () => {
    await addRootFolder();
    const tag = await addTag("sys-detail");
    const movie = await addMovie(ALIEN, { tags: [tag.id] });
    const detail = await getJson<Record<string, unknown>>(`/api/v3/tag/detail/${tag.id}`);
    expect(detail).toEqual({
      id: tag.id,
      label: "sys-detail",
      movieIds: [movie.id],
      delayProfileIds: [],
      importListIds: [],
      notificationIds: [],
      releaseProfileIds: [],
      indexerIds: [],
      downloadClientIds: [],
      autoTagIds: [],
    });
    const all = await getJson<{ id: number }[]>("/api/v3/tag/detail");
    expect(all.find((t) => t.id === tag.id)).toEqual(detail);
    expect((await call("GET", "/api/v3/tag/detail/99999")).status).toBe(404);
  });
});

describe("cancelling commands", () => {
  /** A command row as the runner leaves it, without a queue message (so nothing runs it meanwhile). */
  async function commandRow(status: "queued" | "started", chunks: number): Promise<number> {
    const row = await env.DB.prepare(
      "insert into commands (name, body, status, trigger, queued, chunks, heartbeat) values ('MissingMoviesSearch', '{}', ?, 'manual', ?, ?, ?) returning id",
    )
      .bind(status, new Date().toISOString(), chunks, new Date().toISOString())
      .first<{ id: number }>();
    return row?.id ?? 0;
  }

  test("a queued command is cancelled and never runs; a running one stops at its next chunk", async () => {
    for (const [status, chunks] of [
      ["queued", 0],
      ["started", 2],
    ] as const) {
      const id = await commandRow(status, chunks);
      expect(await sendJson("DELETE", `/api/v3/command/${id}`, undefined, 200)).toEqual({});
      // Its (next) chunk arrives: the runner leaves a cancelled command alone.
      await env.COMMAND_QUEUE.send({ commandId: id, chunk: chunks });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await waitForCommands();
      const command = await getJson<Command & { result: string; ended?: string }>(`/api/v3/command/${id}`);
      expect(command).toMatchObject({ status: "cancelled", result: "unknown", message: "Cancelled" });
      expect(command.ended).toEqual(expect.any(String));
    }
  });

  test("an ended command cannot be cancelled (409, as in Radarr); an unknown one is 404", async () => {
    const done = await runCommand("CheckHealth");
    expect(done.status).toBe("completed");
    const res = await call("DELETE", `/api/v3/command/${done.id}`);
    expect(res.status).toBe(409);
    expect((await res.json<{ message: string }>()).message).toBe("Unable to cancel task");
    expect((await call("DELETE", "/api/v3/command/999999")).status).toBe(404);
  });
});

describe("the log store", () => {
  test("GET /log pages warnings, errors and commands' records, filtered by level", async () => {
    await addFault({ match: `/3/movie/${ALIENS_FAULTED}?`, kind: "status", status: 503 });
    const failed = await call("GET", `/api/v3/movie/lookup/tmdb?tmdbId=${ALIENS_FAULTED}`);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    await runCommand("CheckHealth");

    const warnings = await eventually(
      () => getJson<LogPage>("/api/v3/log?level=warn&pageSize=50"),
      (page) => page.records.some((r) => r.logger === "Api"),
    );
    expect(warnings).toMatchObject({ page: 1, pageSize: 50, sortKey: "time", sortDirection: "descending" });
    expect(warnings.records.every((r) => r.level === "warn" || r.level === "error")).toBe(true);
    const surfaced = warnings.records.find((r) => r.logger === "Api");
    expect(surfaced?.message).toMatch(/upstream failure surfaced/);

    const all = await eventually(
      () => getJson<LogPage>("/api/v3/log?pageSize=200"),
      (page) => page.records.some((r) => r.logger === "CheckHealth"),
    );
    expect(all.totalRecords).toBeGreaterThan(warnings.totalRecords - 1);
    expect(all.records.find((r) => r.logger === "CheckHealth")).toMatchObject({
      level: "info",
      message: expect.stringMatching(/^command completed/),
    });
    const ids = all.records.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const ascending = await getJson<LogPage>("/api/v3/log?pageSize=2&sortDirection=ascending&page=2");
    expect(ascending.records.map((r) => r.id)).toEqual([...ids].sort((a, b) => a - b).slice(2, 4));
    expect(JSON.stringify(all)).not.toContain(env.API_KEY);
    await expectFieldError(await call("GET", "/api/v3/log?level=loud"), "level");
  }, 60_000);

  test("log files: one per UTC day, as Radarr's log lines; unknown names are 404", async () => {
    await runCommand("CheckHealth");
    const files = await eventually(
      () => getJson<{ id: number; filename: string; lastWriteTime: string; contentsUrl: string }[]>("/api/v3/log/file"),
      (list) => list.length > 0,
    );
    const today = files[0];
    expect(today).toMatchObject({ id: 1, filename: expect.stringMatching(/^radarr\.\d{4}-\d{2}-\d{2}\.txt$/) });
    const res = await call("GET", today.contentsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d\|(Info|Warn|Error)\|\w+\|/);
    expect(text).toMatch(/\|Info\|CheckHealth\|command completed/);
    expect((await call("GET", "/api/v3/log/file/radarr.1999-01-01.txt")).status).toBe(404);
    await expectFieldError(await call("GET", "/api/v3/log/file/passwd"), "filename");
  });

  test("GET /log?filter= keeps the records whose message or logger contains the text, wildcards literal", async () => {
    await env.DB.prepare(
      `insert into log_entries (time, level, logger, message) values
       ('2026-01-01T00:00:00.000Z', 'warn', 'Filter', 'correlation abc_123 went 50% wrong'),
       ('2026-01-01T00:00:01.000Z', 'info', 'Filter', 'correlation abcx123 fine'),
       ('2026-01-01T00:00:02.000Z', 'error', 'OtherLogger', 'unrelated')`,
    ).run();
    const byText = await getJson<LogPage>("/api/v3/log?filter=ABC_123&pageSize=50");
    expect(byText.records.map((r) => r.message)).toEqual(["correlation abc_123 went 50% wrong"]);
    expect(byText.totalRecords).toBe(1);
    const percent = await getJson<LogPage>("/api/v3/log?filter=50%25&pageSize=50");
    expect(percent.records.map((r) => r.message)).toEqual(["correlation abc_123 went 50% wrong"]);
    const byLogger = await getJson<LogPage>("/api/v3/log?filter=OtherLog&level=error&pageSize=50");
    expect(byLogger.records.map((r) => r.message)).toEqual(["unrelated"]);
    const levelled = await getJson<LogPage>("/api/v3/log?filter=correlation&level=warn&pageSize=50");
    expect(levelled.records.map((r) => r.level)).toEqual(["warn"]);
    // Up to the 200-character limit (D1 refuses LIKE patterns over 50 bytes: the fuzz test found a 70-character one).
    const long = await getJson<LogPage>(`/api/v3/log?filter=${"correlation abc_123 ".repeat(10)}&pageSize=50`);
    expect(long.totalRecords).toBe(0);
    await expectFieldError(await call("GET", `/api/v3/log?filter=${"x".repeat(201)}`), "filter");
  });

  test("Housekeeping keeps the newest 10,000 records", async () => {
    await env.DB.prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < 10050)
       insert into log_entries (time, level, logger, message) select '2020-01-01T00:00:00.000Z', 'warn', 'Filler', 'filler ' || i from n`,
    ).run();
    const done = await runCommand("Housekeeping");
    expect(done.status).toBe("completed");
    const count = await env.DB.prepare("select count(*) as n from log_entries").first<number>("n");
    // The newest 10,000, plus what the Housekeeping command itself logged after pruning.
    expect(count).toBeGreaterThanOrEqual(10_000);
    expect(count).toBeLessThan(10_010);
    const oldest = await getJson<LogPage>("/api/v3/log?pageSize=1&sortDirection=ascending");
    // The oldest 50 fillers (and anything older) went.
    expect(Number(/^filler (\d+)$/.exec(oldest.records[0].message)?.[1])).toBeGreaterThanOrEqual(51);
  }, 60_000);
});

describe("updates", () => {
  test("GET /update: the deployed version, installed and latest; its update log file", async () => {
    const updates = await getJson<Record<string, unknown>[]>("/api/v3/update");
    expect(updates[0]).toMatchObject({
      id: 1,
      version: "0.1.0",
      installed: true,
      latest: true,
      installable: false,
      changes: { new: [], fixed: [] },
    });
    const files = await getJson<{ filename: string; contentsUrl: string }[]>("/api/v3/log/file/update");
    expect(files).toHaveLength(updates.length);
    const text = await (await call("GET", files[0].contentsUrl)).text();
    expect(text).toMatch(/\|Info\|UpdateHistory\|Version 0\.1\.0 /);
    expect((await call("GET", "/api/v3/log/file/update/radarr.update.nope.txt")).status).toBe(404);
  });
});

describe("backups", () => {
  const tagLabels = async () => (await getJson<{ label: string }[]>("/api/v3/tag")).map((t) => t.label).sort();

  test("Backup exports the library; restore puts it back, all at once", async () => {
    await addRootFolder();
    await addTag("sys-kept");
    const made = await runCommand("Backup");
    expect(made).toMatchObject({
      status: "completed",
      message: expect.stringMatching(/^Backed up to radarr_backup_v/),
    });
    const [backup] = await getJson<Backup[]>("/api/v3/system/backup");
    expect(backup).toMatchObject({ type: "manual", name: expect.stringMatching(/\.json$/), size: expect.any(Number) });
    const file = await call("GET", backup.path);
    expect(file.status).toBe(200);
    const document = await file.json<{ format: string; tables: Record<string, Record<string, unknown>[]> }>();
    expect(document.format).toBe("radarr-edge-backup");
    expect(document.tables.tags.map((t) => t.label)).toContain("sys-kept");
    expect(document.tables).not.toHaveProperty("sessions");
    const before = await tagLabels();

    // The library moves on: a tag goes, another comes, a movie is added.
    const kept = (await getJson<{ id: number; label: string }[]>("/api/v3/tag")).find((t) => t.label === "sys-kept");
    await sendJson("DELETE", `/api/v3/tag/${kept?.id}`, undefined, 200);
    await addTag("sys-later");
    const later = await addMovie(ALIEN_3);

    const restored = await sendJson<{ restartRequired: boolean; rows: number }>(
      "POST",
      `/api/v3/system/backup/restore/${backup.id}`,
      undefined,
      200,
    );
    expect(restored.restartRequired).toBe(false);
    expect(restored.rows).toBeGreaterThan(0);
    expect(await tagLabels()).toEqual(before);
    expect((await call("GET", `/api/v3/movie/${later.id}`)).status).toBe(404);
    // The backups themselves are not part of the library.
    expect((await getJson<Backup[]>("/api/v3/system/backup")).map((b) => b.id)).toContain(backup.id);
  }, 60_000);

  test("restore/upload takes the file (multipart or JSON) and names what is wrong with a bad one", async () => {
    await runCommand("Backup");
    const [backup] = await getJson<Backup[]>("/api/v3/system/backup");
    const text = await (await call("GET", backup.path)).text();
    const labels = await tagLabels();

    await addTag("sys-upload");
    const form = new FormData();
    form.append("file", new File([text], backup.name, { type: "application/json" }));
    const uploaded = await call("POST", "/api/v3/system/backup/restore/upload", { body: undefined, headers: {} });
    expect(uploaded.status).toBe(400);
    const multipart = await fetchForm(form);
    expect(multipart.status, await multipart.clone().text()).toBe(200);
    expect(await tagLabels()).toEqual(labels);

    await addTag("sys-upload-json");
    await sendJson("POST", "/api/v3/system/backup/restore/upload", text, 200);
    expect(await tagLabels()).toEqual(labels);

    const wrongName = new FormData();
    wrongName.append("file", new File([text], "radarr_backup.zip"));
    await expectFieldError(await fetchForm(wrongName), "file");
    await expectFieldError(await call("POST", "/api/v3/system/backup/restore/upload", { body: "{not json" }), "file");
    const document = JSON.parse(text);
    await expectFieldError(
      await call("POST", "/api/v3/system/backup/restore/upload", { body: { ...document, format: "other" } }),
      "file.format",
    );
    await expectFieldError(
      await call("POST", "/api/v3/system/backup/restore/upload", {
        body: { ...document, tables: { ...document.tables, nope: [] } },
      }),
      "file.tables.nope",
    );
    // A row the library cannot take (a tag without its label): 400, and nothing of it applied.
    await addTag("sys-untouched");
    const before = await tagLabels();
    await expectFieldError(
      await call("POST", "/api/v3/system/backup/restore/upload", {
        body: { ...document, tables: { ...document.tables, tags: [{ id: 1 }] } },
      }),
      "file",
    );
    expect(await tagLabels()).toEqual(before);
  }, 60_000);

  test("DELETE /system/backup/{id} removes it; unknown ids are 404", async () => {
    await runCommand("Backup");
    const [backup] = await getJson<Backup[]>("/api/v3/system/backup");
    expect(await sendJson("DELETE", `/api/v3/system/backup/${backup.id}`, undefined, 200)).toEqual({});
    expect((await getJson<Backup[]>("/api/v3/system/backup")).map((b) => b.id)).not.toContain(backup.id);
    expect((await call("DELETE", `/api/v3/system/backup/${backup.id}`)).status).toBe(404);
    expect((await call("POST", `/api/v3/system/backup/restore/${backup.id}`)).status).toBe(404);
  }, 60_000);
});

/** Posts a multipart form (the browser's upload) to restore/upload. */
function fetchForm(form: FormData): Promise<Response> {
  return fetchApp("/api/v3/system/backup/restore/upload", { method: "POST", body: form });
}

async function fetchApp(path: string, init: RequestInit): Promise<Response> {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(`http://app.test${path}`, {
    ...init,
    headers: { "X-Api-Key": env.API_KEY },
  });
}
