import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import * as clock from "../../src/clock";
import worker from "../../src/index";
import type { DownloadJobMessage } from "../../src/services/downloads/jobQueue";
import { getJson, sendJson } from "./helpers";

/** Helpers the download tests share: clients and indexers on the simulator, commands, queue deliveries. */

export const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const simUrl = new URL(SIM);

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export interface DownloadClient {
  id: number;
  name: string;
  implementation: string;
  protocol: string;
  priority: number;
  enable: boolean;
  fields: { name: string; value: unknown; privacy: string }[];
}

const connection = (urlBase: string) => [
  { name: "host", value: simUrl.hostname },
  { name: "port", value: Number(simUrl.port) },
  { name: "useSsl", value: false },
  { name: "urlBase", value: urlBase },
];

/** A qBittorrent client body for the simulator; the username is the simulated instance. */
export function qbittorrentBody(username = unique("qb"), extra: Record<string, unknown> = {}) {
  return {
    name: `qBittorrent ${username}`,
    implementation: "QBittorrent",
    fields: [
      ...connection("/qbittorrent"),
      { name: "username", value: username },
      { name: "password", value: "secret-pass" },
      { name: "movieCategory", value: "radarr" },
    ],
    ...extra,
  };
}

/** A SABnzbd client body; the API key is the simulated instance. */
export function sabnzbdBody(apiKey = unique("sab"), extra: Record<string, unknown> = {}) {
  return {
    name: `SABnzbd ${apiKey}`,
    implementation: "Sabnzbd",
    fields: [...connection("/sabnzbd"), { name: "apiKey", value: apiKey }, { name: "movieCategory", value: "movies" }],
    ...extra,
  };
}

/** A Transmission client body; the username is the simulated instance. */
export function transmissionBody(username = unique("tr"), extra: Record<string, unknown> = {}) {
  return {
    name: `Transmission ${username}`,
    implementation: "Transmission",
    fields: [
      ...connection("/transmission/"),
      { name: "username", value: username },
      { name: "password", value: "secret-pass" },
    ],
    ...extra,
  };
}

interface ClientBody {
  implementation: string;
  fields: { name: string; value: unknown }[];
}

/** The simulated instance a client body talks to: SABnzbd's API key, the others' username. */
const instanceOf = (body: ClientBody) =>
  String(body.fields.find((f) => f.name === (body.implementation === "Sabnzbd" ? "apiKey" : "username"))?.value);

/** Saves a client; `sim` is its simulated instance (the saved resource masks the API key). */
export async function addClient(
  body: ClientBody & Record<string, unknown>,
): Promise<DownloadClient & { instance: string }> {
  const client = await sendJson<DownloadClient>("POST", "/api/v3/downloadclient", body, 201);
  return { ...client, instance: instanceOf(body) };
}

/** The simulated client's control API (speed, faults, disk) for one instance. */
export function simClient(
  service: "qbittorrent" | "sabnzbd" | "transmission" | "deluge" | "nzbget" | "rtorrent",
  instance: string,
) {
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${SIM}/${service}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${service}${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json<Record<string, unknown>>();
  };
  return {
    instance,
    /** Downloads complete this many seconds after they start (0: at once). */
    speed: (secondsToComplete: number) => control("POST", "/__speed", { secondsToComplete, instance }),
    fault: (kind: string, extra: Record<string, unknown> = {}) =>
      control("POST", "/__faults", { kind, instance, ...extra }),
    clearFaults: () => control("DELETE", `/__faults?instance=${encodeURIComponent(instance)}`),
    files: async (path: string) =>
      (await control("GET", `/__fs?instance=${encodeURIComponent(instance)}&path=${encodeURIComponent(path)}`)) as {
        files: { path: string; size: number }[];
      },
    downloads: async () =>
      (
        (await control("GET", `/__downloads?instance=${encodeURIComponent(instance)}`)) as {
          downloads: { id: string; name: string; progress: number; fault: unknown }[];
        }
      ).downloads,
  };
}

/**
 * A Torznab or Newznab indexer on the simulator (part of the indexer API), saved untested so the
 * simulator's call counts are the download tests' own (the test on save is the indexer tests').
 */
export async function addIndexer(implementation: "Torznab" | "Newznab", apiKey = unique("idx")) {
  const path = implementation === "Torznab" ? "torznab" : "newznab";
  return sendJson<{ id: number; name: string }>(
    "POST",
    "/api/v3/indexer?forceSave=true",
    {
      name: unique(implementation),
      implementation,
      fields: [
        { name: "baseUrl", value: `${SIM}/${path}` },
        { name: "apiKey", value: apiKey },
      ],
    },
    201,
  );
}

interface CommandResource {
  id: number;
  name: string;
  status: string;
  message?: string;
  outcome?: Record<string, unknown>;
}

/** Runs a command through the API and waits for it to end; fails the test unless it completed. */
export async function runCommand(name: string, body: Record<string, unknown> = {}): Promise<CommandResource> {
  const queued = await sendJson<CommandResource>("POST", "/api/v3/command", { name, ...body }, 201);
  for (let i = 0; i < 400; i++) {
    const command = await getJson<CommandResource>(`/api/v3/command/${queued.id}`);
    if (command.status === "completed") return command;
    if (command.status === "failed") throw new Error(`${name} failed: ${command.message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${name} did not finish`);
}

type JobWithoutRef = DownloadJobMessage extends infer M ? (M extends unknown ? Omit<M, "grabbedAt"> : never) : never;

/**
 * Delivers one downloads-queue message to the Worker's queue consumer, as the queue would
 * (the item's grab time filled in from D1), and reports what it did.
 */
export async function deliver(job: JobWithoutRef, attempts = 1, queue = "radarr-edge-downloads") {
  const row = await env.DB.prepare("select grabbed_at as grabbedAt from downloads where id = ?")
    .bind(job.queueId)
    .first<{ grabbedAt: string }>();
  const body = { ...job, grabbedAt: row?.grabbedAt ?? "" } as DownloadJobMessage;
  const batch = createMessageBatch<DownloadJobMessage>(queue, [
    { id: "msg", timestamp: clock.nowDate(), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

export interface QueueRecord {
  id: number;
  movieId: number;
  title: string;
  status: string;
  trackedDownloadState: string;
  trackedDownloadStatus: string;
  statusMessages: { title: string; messages: string[] }[];
  downloadId?: string;
  downloadClient: string;
  indexer: string;
  protocol: string;
  quality: { quality: { id: number; name: string }; revision: { version: number; real: number; isRepack: boolean } };
  size: number;
  sizeleft: number;
  progress: number;
  failureKind?: string;
  retryCount: number;
  nextRetryAt?: string;
  errorMessage?: string;
}

export async function queueRecords(query = ""): Promise<QueueRecord[]> {
  return (await getJson<{ records: QueueRecord[] }>(`/api/v3/queue?pageSize=100${query}`)).records;
}

/** Every queue row in D1, the finished and failed ones too (the API shows only active ones). */
export async function allDownloads() {
  const { results } = await env.DB.prepare(
    "select id, movie_id as movieId, title, download_id as downloadId, tracked_download_state as state, failure_kind as failureKind, retry_count as retryCount, next_retry_at as nextRetryAt, status_messages as statusMessages from downloads order by id",
  ).all<{
    id: number;
    movieId: number;
    title: string;
    downloadId: string;
    state: string;
    failureKind: string | null;
    retryCount: number;
    nextRetryAt: string | null;
    statusMessages: string;
  }>();
  return results;
}

export interface HistoryRecord {
  eventType: string;
  sourceTitle: string;
  quality: { quality: { id: number; name: string } };
  fromQuality?: { quality: { id: number; name: string } };
  data: Record<string, string>;
}

export const movieHistory = (movieId: number) => getJson<HistoryRecord[]>(`/api/v3/history/movie?movieId=${movieId}`);

/** Seconds from now until an ISO time. */
export const secondsUntil = (iso: string | undefined | null) => (Date.parse(iso ?? "") - clock.now()) / 1000;
