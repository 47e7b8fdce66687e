import { FAILURE_KINDS, type FailureKind } from "./kinds";

/**
 * What went wrong with a request itself, as opposed to an upstream or a download (FailureKind):
 * the caller's input, a resource that is not there, a state the request cannot change.
 */
export const REQUEST_FAILURE_KINDS = [
  /** The input breaks a rule; `fields` names each field. */
  "invalidInput",
  /** The resource asked for does not exist. */
  "resourceNotFound",
  /** The request conflicts with the current state (a duplicate, a record in use). */
  "conflict",
  /** No valid credentials (API key, session, login). */
  "unauthenticated",
  /** Valid credentials, but this is not allowed. */
  "forbidden",
  /** The caller is sending too much (login throttle); `retryAfter` says when to try again. */
  "throttled",
  /** The request is larger than the route accepts. */
  "payloadTooLarge",
] as const;

export type RequestFailureKind = (typeof REQUEST_FAILURE_KINDS)[number];

/** One field the caller must fix, by its path in the request (`body.downloadUrl`, `query.movieIds`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface FailureDetails {
  /** The upstream that failed (`tmdb`, `qbittorrent`, an indexer's name); absent for a request failure. */
  service?: string;
  /** Seconds until another attempt may succeed (an upstream's Retry-After, a throttle). */
  retryAfter?: number;
  /** The fields to fix, for `invalidInput` and for upstream answers that name a setting. */
  fields?: FieldIssue[];
  /** The upstream's HTTP status, where one was received. */
  status?: number;
  /** The upstream's own error code (e.g. Newznab's 100), where it sent one. */
  code?: number;
  cause?: unknown;
}

/**
 * The one failure type: every layer throws it, the error middleware alone turns it into an HTTP
 * status. Decisions read `kind`, never the message.
 */
export class Failure<K extends FailureKind | RequestFailureKind = FailureKind | RequestFailureKind> extends Error {
  readonly kind: K;
  readonly service?: string;
  readonly retryAfter?: number;
  readonly fields: FieldIssue[];
  readonly status?: number;
  readonly code?: number;

  constructor(kind: K, message: string, details: FailureDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "Failure";
    this.kind = kind;
    this.service = details.service;
    this.retryAfter = details.retryAfter;
    this.fields = details.fields ?? [];
    this.status = details.status;
    this.code = details.code;
  }
}

/** A failure of an upstream or a download: its kind is in the taxonomy, so it has a retry policy. */
export type UpstreamFailure = Failure<FailureKind>;

const TAXONOMY: ReadonlySet<string> = new Set(FAILURE_KINDS);

/** Whether `error` is an upstream's or a download's failure (not a request's). */
export function isUpstreamFailure(error: unknown): error is UpstreamFailure {
  return error instanceof Failure && TAXONOMY.has(error.kind);
}

/** A failure of the caller's input naming one field, for rules a schema cannot see. */
export function invalidInput(path: string, message: string): Failure {
  return new Failure("invalidInput", `Validation failed: ${path}: ${message}`, { fields: [{ path, message }] });
}

/** The resource asked for is not there (`Movie not found`). */
export function resourceNotFound(what: string): Failure {
  return new Failure("resourceNotFound", `${what} not found`);
}
