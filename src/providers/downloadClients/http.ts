import { z } from "zod";
import type { UpstreamPolicy } from "../../config";
import { Failure, type UpstreamFailure } from "../../domain/failures/failure";
import type { FailureKind } from "../../domain/failures/kinds";
import type { FailureSignal } from "../../domain/failures/signals";
import { hostSetting, portSetting } from "../../domain/validation/addresses";
import type { SelectOption } from "../../domain/validation/choices";
import { parseRequestHeaders } from "../../domain/validation/headers";
import type { ClientDownload } from "../../integrations/downloadClient";
import { upstreamFetch } from "../../integrations/http";
import type { Logger } from "../../observability/logger";
import type { ProviderField } from "../definition";
import { requestHeadersField, requestHeadersSettings } from "../requestHeaders";

/** Connection settings every download client shares (Radarr's host/port/useSsl/urlBase). */
export const connectionSettings = {
  host: hostSetting,
  port: portSetting,
  useSsl: z.boolean().default(false),
  urlBase: z
    .string()
    .trim()
    .max(200)
    .regex(/^(\/[\w.~-]+)*\/?$/, "urlBase must be a path such as /qbittorrent")
    .default(""),
  ...requestHeadersSettings,
};

export interface ConnectionSettings {
  host: string;
  port: number;
  useSsl: boolean;
  urlBase: string;
  requestHeaders: string;
}

/** The client's base URL without a trailing slash: scheme://host:port/urlBase. */
export function baseUrl(settings: ConnectionSettings): string {
  const base = settings.urlBase.replace(/\/+$/, "");
  const host = settings.host.includes(":") && !settings.host.startsWith("[") ? `[${settings.host}]` : settings.host;
  return `${settings.useSsl ? "https" : "http"}://${host}:${settings.port}${base && !base.startsWith("/") ? `/${base}` : base}`;
}

/** What a client needs beside its settings. */
export interface ClientContext {
  policy: UpstreamPolicy;
  logger?: Logger;
}

/**
 * Adding a release is one attempt with a long timeout: a client may fetch the .nzb/.torrent
 * before it answers (a multi-megabyte NZB takes a while), and a retry after a timeout could add
 * the release twice.
 */
const ADD_TIMEOUT_MS = 30_000;

function addPolicy(policy: UpstreamPolicy): UpstreamPolicy {
  return { ...policy, timeoutMs: Math.max(policy.timeoutMs, ADD_TIMEOUT_MS) };
}

/** What every call to a download client shares; `adding` marks the call that adds a release. */
export interface ClientCall {
  url: string;
  init?: RequestInit;
  adding?: boolean;
  /** Error statuses the client reads itself (e.g. Transmission's 409 session handshake). */
  passStatuses?: number[];
}

/**
 * One call to a download client through the upstream policy, with the Request Headers the user
 * set; an add is one attempt with a long timeout (see addPolicy).
 */
export function clientFetch(
  service: string,
  settings: { requestHeaders: string },
  context: ClientContext,
  call: ClientCall,
): Promise<Response> {
  return upstreamFetch({
    service,
    extraHeaders: parseRequestHeaders(settings.requestHeaders),
    url: call.url,
    init: call.init,
    policy: call.adding ? addPolicy(context.policy) : context.policy,
    logger: context.logger,
    ...(call.passStatuses ? { passStatuses: call.passStatuses } : {}),
    ...(call.adding ? { attempts: 1 } : {}),
  });
}

/** HTTP basic authentication when a username or password is set, else no header. */
export function basicAuth(settings: { username: string; password: string }): Record<string, string> {
  const { username, password } = settings;
  return username || password ? { authorization: `Basic ${btoa(`${username}:${password}`)}` } : {};
}

export function clientError(service: string, kind: FailureKind, message: string, status?: number): UpstreamFailure {
  return new Failure(kind, message, { service, status });
}

/** Joins a folder and a name with one slash, whichever separator the folder uses. */
export function joinPath(folder: string, name: string): string {
  const separator = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return `${folder.replace(/[\\/]+$/, "")}${separator}${name.replace(/^[\\/]+/, "")}`;
}

/** The connection fields every download client shows first. */
export const connectionFields: ProviderField[] = [
  { name: "host", label: "Host", type: "textbox" },
  { name: "port", label: "Port", type: "number" },
  { name: "useSsl", label: "Use SSL", type: "checkbox" },
  { name: "urlBase", label: "URL Base", type: "textbox", advanced: true },
  requestHeadersField,
];

/** Bytes as base64 (a .torrent sent inside a JSON or XML-RPC call). */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The priority a grab is sent with: the recent one for a recent movie (AddDownload.recentMovie), else the older one. */
export function moviePriority<P>(
  settings: { recentMoviePriority: P; olderMoviePriority: P },
  download: { recentMovie?: boolean },
): P {
  return download.recentMovie ? settings.recentMoviePriority : settings.olderMoviePriority;
}

/** Radarr's recent/older movie priority fields (a recent movie: released in the last 21 days, in cinemas 120). */
export function queuePriorityFields(options: readonly SelectOption<number>[]): ProviderField[] {
  return [
    {
      name: "recentMoviePriority",
      label: "Recent Priority",
      type: "select",
      selectOptions: options,
      helpText: "Priority for movies released within the last 21 days (in cinemas: 120)",
    },
    {
      name: "olderMoviePriority",
      label: "Older Priority",
      type: "select",
      selectOptions: options,
      helpText: "Priority for movies released longer ago",
    },
  ];
}

/**
 * A usenet client's history item (SABnzbd, NZBGet): downloaded in full, so nothing is left to
 * fetch; failed with the failure the client reports, else completed.
 */
export function finishedDownload(
  item: Pick<ClientDownload, "downloadId" | "title" | "size" | "outputPath">,
  failure?: FailureSignal,
): ClientDownload {
  const base = { ...item, sizeleft: 0, progress: 1, eta: 0 };
  return failure ? { ...base, status: "failed", failure, message: failure.message } : { ...base, status: "completed" };
}
