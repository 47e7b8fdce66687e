import { env, exports } from "cloudflare:workers";
import { afterEach, expect } from "vitest";
import type { MovieResource } from "../../src/api/schemas/movie";
import { Failure } from "../../src/domain/failures/failure";

/** The app as a client sees it: the Worker's real fetch handler with the real bindings. */
export const APP = "http://app.test";

export interface ErrorBody {
  message: string;
  errors?: { path: string; message: string }[];
}

export type Movie = MovieResource & { id: number };

interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The API key to send in X-Api-Key; null sends none. Defaults to the configured key. */
  key?: string | null;
}

export function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? env.API_KEY : options.key;
  if (key !== null && key !== undefined) headers["X-Api-Key"] = key;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return exports.default.fetch(`${APP}${path}`, { method, headers, body });
}

/** GETs a path with the key and returns its JSON, failing the test on any status but 200. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await call("GET", path);
  expect(res.status, `GET ${path}`).toBe(200);
  return res.json<T>();
}

/** Sends JSON with the key and returns its JSON, failing the test unless the status is `status`. */
export async function sendJson<T>(method: string, path: string, body: unknown, status: number): Promise<T> {
  const res = await call(method, path, { body });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

/** Asserts a 400 whose errors name `field` (alone or under its body./query./path. prefix). */
export async function expectFieldError(res: Response, field: string): Promise<ErrorBody> {
  const body = await res.json<ErrorBody>();
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  expect(body.message).toEqual(expect.any(String));
  const paths = (body.errors ?? []).map((e) => e.path);
  expect(
    paths.some((p) => p === field || p.endsWith(`.${field}`)),
    `errors ${JSON.stringify(body.errors)}`,
  ).toBe(true);
  return body;
}

export async function addRootFolder(path = "/movies"): Promise<{ id: number; path: string }> {
  return sendJson("POST", "/api/v3/rootfolder", { path }, 201);
}

export async function qualityProfileId(name = "HD-1080p"): Promise<number> {
  const profiles = await getJson<{ id: number; name: string }[]>("/api/v3/qualityprofile");
  const profile = profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`no seeded profile ${name}`);
  return profile.id;
}

export async function addTag(label: string): Promise<{ id: number; label: string }> {
  return sendJson("POST", "/api/v3/tag", { label }, 201);
}

/** Adds a movie the way Radarr's UI does (root folder /movies must exist). */
export async function addMovie(tmdbId: number, choices: Record<string, unknown> = {}): Promise<Movie> {
  return sendJson(
    "POST",
    "/api/v3/movie",
    { tmdbId, qualityProfileId: await qualityProfileId(), rootFolderPath: "/movies", ...choices },
    201,
  );
}

// The upstream simulator's control API (shared by every test file running in parallel).
const simBase = () => env.TMDB_API_URL.replace(/\/tmdb$/, "");

export interface FaultRule {
  match: string;
  kind: "timeout" | "status" | "rateLimit" | "malformed" | "truncate" | "latency";
  ms?: number;
  status?: number;
  retryAfter?: number;
  times?: number;
}

/**
 * Fault switches for one simulated service in this file's tests: each rule is removed after the
 * test that added it. Scope `match` to an id no other test file uses, e.g. "/3/movie/157336?".
 */
export function simFaults(service: string) {
  const added: string[] = [];
  afterEach(async () => {
    await Promise.all(added.splice(0).map((id) => fetch(`${simBase()}/__sim/faults/${id}`, { method: "DELETE" })));
  });
  return async (rule: FaultRule): Promise<void> => {
    const res = await fetch(`${simBase()}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service, ...rule }),
    });
    expect(res.status).toBe(201);
    added.push((await res.json<{ id: string }>()).id);
  };
}

export const tmdbFaults = () => simFaults("tmdb");

/** How many requests a simulated service has received for one exact path (since the run began). */
export async function simCalls(service: string, path: string): Promise<number> {
  const res = await fetch(`${simBase()}/__sim/calls?service=${service}&path=${encodeURIComponent(path)}`);
  return (await res.json<{ count: number }>()).count;
}

export const tmdbCalls = (path: string) => simCalls("tmdb", path);

/** Runs `action` and counts the requests it made to one path of a simulated service. */
export async function callsDuring<T>(
  service: string,
  path: string,
  action: () => Promise<T>,
): Promise<{ result: T; calls: number }> {
  const before = await simCalls(service, path);
  const result = await action();
  return { result, calls: (await simCalls(service, path)) - before };
}

/** The Failure a list read fails with (the test fails if it does not fail that way). */
export async function listError(reading: Promise<unknown>): Promise<Failure> {
  const error = await reading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Failure);
  return error as Failure;
}

/**
 * Sends a command (`{ name, ...body }`) and polls it every 50 ms, at most `polls` times, until it
 * completes or fails; returns its last state either way (the caller asserts which it expects).
 */
export async function commandToEnd<T extends { id: number; status: string }>(
  body: Record<string, unknown>,
  polls = 200,
): Promise<T> {
  const queued = await sendJson<T>("POST", "/api/v3/command", body, 201);
  for (let i = 0; i < polls; i++) {
    const command = await getJson<T>(`/api/v3/command/${queued.id}`);
    if (command.status === "completed" || command.status === "failed") return command;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`command ${queued.id} did not finish`);
}

/**
 * Waits until no command is queued or started: commands run on the commands queue in chunks, so
 * a cron's or a POST's work has ended only when its command has. Fails the test after `ms`.
 */
export async function waitForCommands(ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const commands = await getJson<{ status: string }[]>("/api/v3/command");
    if (!commands.some((c) => c.status === "queued" || c.status === "started")) return;
    if (Date.now() > deadline) throw new Error(`commands still running: ${JSON.stringify(commands)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * What a simulator recorder (`{ received: [...] }`: /hooks/<channel>, /<service>/__received)
 * holds once `until` holds: a count reached, or a predicate. Notifications travel on the
 * notifications queue, so they arrive after the request that raised them. Fails after `ms`.
 */
export async function waitForReceived<T = { body: Record<string, unknown> }>(
  url: string,
  until: number | ((received: T[]) => boolean) = 1,
  ms = 15_000,
): Promise<T[]> {
  const done = typeof until === "number" ? (r: T[]) => r.length >= until : until;
  const deadline = Date.now() + ms;
  for (;;) {
    const { received } = await (await fetch(url)).json<{ received: T[] }>();
    if (done(received)) return received;
    if (Date.now() > deadline) throw new Error(`${url} never received what was awaited: ${JSON.stringify(received)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
