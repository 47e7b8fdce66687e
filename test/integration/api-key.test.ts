import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Env } from "../../src/config";
import { createDatabase } from "../../src/db/client";
import worker from "../../src/index";
import { currentApiKey } from "../../src/services/apiKeys";
import { APP, addMovie, addRootFolder, call, expectFieldError } from "./helpers";

/**
 * Settings › General's API key: Show (POST /config/host/apikey) and Regenerate
 * (POST /config/host/apikey/regenerate), which retires the key in use everywhere a key is taken,
 * ends every site session but the caller's (re-issued), and never lets the key reach a log; Radarr's
 * ResetApiKey command does the same. A new API_KEY secret is the key again.
 */
const SECRET = env.API_KEY ?? "";
const SHOW = "/api/v3/config/host/apikey";
const REGENERATE = "/api/v3/config/host/apikey/regenerate";

interface ApiKeyBody {
  apiKey: string;
  regeneratedAt: string | null;
}

async function regenerate(options: Parameters<typeof call>[2] = {}): Promise<{ res: Response; body: ApiKeyBody }> {
  const res = await call("POST", REGENERATE, options);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { res, body: JSON.parse(text) as ApiKeyBody };
}

/** The status of one request of each kind that takes the key, presented as `key`. */
async function statusesWith(key: string): Promise<Record<string, number>> {
  const status = async (path: string, init: { headers?: Record<string, string> } = {}) =>
    (await call("GET", path, { key: null, ...init })).status;
  return {
    header: await status("/api/v3/system/status", { headers: { "X-Api-Key": key } }),
    query: await status(`/api/v3/movie?apikey=${encodeURIComponent(key)}`),
    bearer: await status("/api/v3/tag", { headers: { Authorization: `Bearer ${key}` } }),
    metrics: await status("/metrics", { headers: { "X-Api-Key": key } }),
    ical: await status(`/feed/v3/calendar/Radarr.ics?apikey=${encodeURIComponent(key)}`),
    login: (await call("POST", "/login", { key: null, body: { apiKey: key } })).status,
  };
}

const allOk = { header: 200, query: 200, bearer: 200, metrics: 200, ical: 200, login: 200 };
const allRefused = { header: 401, query: 401, bearer: 401, metrics: 401, ical: 401, login: 401 };

function cookiePair(res: Response): string {
  const pair = res.headers.get("set-cookie")?.split(";")[0];
  if (!pair) throw new Error("no Set-Cookie header");
  return pair;
}

async function login(key: string): Promise<string> {
  const res = await call("POST", "/login", { key: null, body: { apiKey: key } });
  expect(res.status).toBe(200);
  return cookiePair(res);
}

const withCookie = (cookie: string) => ({ key: null, headers: { Cookie: cookie } });

/** A request to the Worker with its bindings but another API_KEY secret (`wrangler secret put`). */
async function callWithSecret(secret: string, path: string, key: string): Promise<Response> {
  const ctx = createExecutionContext();
  const bindings = { ...env, API_KEY: secret } as Env;
  const res = await worker.fetch(new Request(`${APP}${path}`, { headers: { "X-Api-Key": key } }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("Show", () => {
  test("answers the API_KEY secret while nothing was regenerated, never stored by a cache", async () => {
    const res = await call("POST", SHOW);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ apiKey: SECRET, regeneratedAt: null });
  });

  test("needs the key like every API route", async () => {
    expect((await call("POST", SHOW, { key: null })).status).toBe(401);
    expect((await call("POST", REGENERATE, { key: "wrong-key" })).status).toBe(401);
  });

  test("GET /config/host keeps the key masked", async () => {
    const host = await (await call("GET", "/api/v3/config/host")).json<{ apiKey: string }>();
    expect(host.apiKey).toBe("********");
  });
});

describe("Regenerate", () => {
  test("retires the secret everywhere a key is taken and the new key works there", async () => {
    await addRootFolder();
    await addMovie(11);
    expect(await statusesWith(SECRET)).toEqual(allOk);
    const { res, body } = await regenerate();
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body.apiKey).toMatch(/^[0-9a-f]{32}$/);
    expect(body.apiKey).not.toBe(SECRET);
    expect(body.regeneratedAt).toEqual(expect.any(String));
    expect(await statusesWith(SECRET)).toEqual(allRefused);
    expect(await statusesWith(body.apiKey)).toEqual(allOk);
    const shown = await call("POST", SHOW, { key: body.apiKey });
    expect(shown.headers.get("cache-control")).toBe("no-store");
    expect(await shown.json()).toEqual(body);
  });

  test("twice: the first regenerated key is retired as well", async () => {
    const first = (await regenerate()).body.apiKey;
    const second = (await regenerate({ key: first })).body.apiKey;
    expect(second).not.toBe(first);
    expect(await statusesWith(first)).toEqual(allRefused);
    expect(await statusesWith(SECRET)).toEqual(allRefused);
    expect(await statusesWith(second)).toEqual(allOk);
    expect(((await (await call("POST", SHOW, { key: second })).json()) as ApiKeyBody).apiKey).toBe(second);
  });

  test("ends every site session and re-issues the caller's, signed with the new key", async () => {
    const mine = await login(SECRET);
    const other = await login(SECRET);
    const { res, body } = await regenerate(withCookie(mine));
    const reissued = cookiePair(res);
    expect(reissued).not.toBe(mine);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    for (const old of [mine, other]) expect((await call("GET", "/api/v3/tag", withCookie(old))).status).toBe(401);
    expect((await call("GET", "/api/v3/tag", withCookie(reissued))).status).toBe(200);
    const sessions = await (await call("GET", "/api/v3/system/session", { key: body.apiKey })).json<unknown[]>();
    expect(sessions).toHaveLength(1);
  });

  test("with the key, not a session, sets no cookie", async () => {
    const { res } = await regenerate();
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("two at once: one wins, the other answers 409 and changes nothing", async () => {
    const [a, b] = await Promise.all([call("POST", REGENERATE), call("POST", REGENERATE)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = (await (a.status === 200 ? a : b).json()) as ApiKeyBody;
    await (a.status === 200 ? b : a).text();
    expect((await call("GET", "/api/v3/tag", { key: winner.apiKey })).status).toBe(200);
  });
});

describe("the ResetApiKey command (Radarr's)", () => {
  interface CommandBody {
    id: number;
    name: string;
    status: string;
    message?: string;
  }

  /** The key in use once the command has replaced the secret (read as Show reads it, from D1). */
  async function keyOnceReset(): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const current = await currentApiKey(createDatabase(env.DB), env);
      if (current.regeneratedAt) return current.apiKey;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the API key was never reset");
  }

  test("does what Regenerate does: the old key retired everywhere, every session ended", async () => {
    const cookie = await login(SECRET);
    const res = await call("POST", "/api/v3/command", { body: { name: "ResetApiKey" } });
    expect(res.status).toBe(201);
    const queued = await res.json<CommandBody>();
    expect(queued.name).toBe("ResetApiKey");
    const key = await keyOnceReset();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    let command = queued;
    for (let i = 0; i < 200 && command.status !== "completed" && command.status !== "failed"; i++) {
      command = await (await call("GET", `/api/v3/command/${queued.id}`, { key })).json<CommandBody>();
    }
    expect(command).toMatchObject({ status: "completed", message: expect.stringContaining("API key reset") });
    expect(await statusesWith(SECRET)).toEqual(allRefused);
    expect(await statusesWith(key)).toEqual(allOk);
    expect((await call("GET", "/api/v3/tag", withCookie(cookie))).status).toBe(401);
    // The command's record is listed and stored: it never holds the new key.
    const listed = await (await call("GET", "/api/v3/command", { key })).text();
    expect(listed).toContain("ResetApiKey");
    expect(listed).not.toContain(key);
  });
});

describe("recovery", () => {
  test("a new API_KEY secret is the key again; the regenerated key and the retired secret stop working", async () => {
    const regenerated = (await regenerate()).body.apiKey;
    const recovered = "recovered-secret-0123456789";
    expect((await callWithSecret(recovered, "/api/v3/system/status", recovered)).status).toBe(200);
    expect((await callWithSecret(recovered, "/api/v3/system/status", regenerated)).status).toBe(401);
    expect((await callWithSecret(recovered, "/api/v3/system/status", SECRET)).status).toBe(401);
    // Putting back the retired secret does not bring it back: the regenerated key still rules it.
    expect((await callWithSecret(SECRET, "/api/v3/system/status", SECRET)).status).toBe(401);
    expect((await callWithSecret(SECRET, "/api/v3/system/status", regenerated)).status).toBe(200);
  });
});

describe("PUT /config/host", () => {
  test("rejects another apiKey with 400 naming it, accepts the masked value and the key in use", async () => {
    await expectFieldError(await call("PUT", "/api/v3/config/host", { body: { apiKey: "my-own-key" } }), "apiKey");
    expect((await call("PUT", "/api/v3/config/host", { body: { apiKey: "********" } })).status).toBe(202);
    expect((await call("PUT", "/api/v3/config/host", { body: { apiKey: SECRET } })).status).toBe(202);
    const regenerated = (await regenerate()).body.apiKey;
    const put = (apiKey: string) => call("PUT", "/api/v3/config/host", { key: regenerated, body: { apiKey } });
    await expectFieldError(await put(SECRET), "apiKey");
    expect((await put(regenerated)).status).toBe(202);
  });
});

describe("the key never reaches a log", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("neither a console line nor a stored log record holds the old or the new key", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }
    const cookie = await login(SECRET);
    const { res, body } = await regenerate(withCookie(cookie));
    await statusesWith(SECRET);
    await statusesWith(body.apiKey);
    await call("POST", SHOW, { key: body.apiKey });
    await call("PUT", "/api/v3/config/host", { key: body.apiKey, body: { apiKey: SECRET } });
    await call("POST", REGENERATE, withCookie(cookiePair(res)));
    const { results } = await env.DB.prepare("SELECT * FROM log_entries").all();
    const stored = JSON.stringify(results);
    expect(stored).toContain("API key regenerated");
    expect(lines.length).toBeGreaterThan(5);
    for (const key of [SECRET, body.apiKey]) {
      expect(stored.includes(key), "a stored log record holds a key").toBe(false);
      for (const line of lines) expect(line.includes(key), line).toBe(false);
    }
  });

  test("D1 holds only the new key's hash and the key sealed under ENCRYPTION_KEY", async () => {
    const { body } = await regenerate();
    const row = await env.DB.prepare("SELECT * FROM api_key_state").first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(body.apiKey);
    expect(row?.sealed_key).toMatch(/^enc:v1:/);
  });
});
