import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { Failure, type FieldIssue } from "../../domain/failures/failure";
import type { AppEnv } from "../context";

export function zodFieldErrors(error: ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
}

export function validationResponse(c: Context, errors: FieldIssue[]) {
  const first = errors[0];
  return c.json(
    { message: first ? `Validation failed: ${first.path || "body"}: ${first.message}` : "Validation failed", errors },
    400,
  );
}

const UPSTREAM_STATUS: Record<string, ContentfulStatusCode> = {
  connectionTimeout: 504,
  rateLimited: 503,
  authenticationFailed: 502,
  parseError: 502,
  upstreamError: 502,
  connectionFailed: 502,
  notFound: 502,
};

/** The HTTP status a request failure answers with; upstream kinds use UPSTREAM_STATUS. */
const REQUEST_STATUS: Record<string, ContentfulStatusCode> = {
  invalidInput: 400,
  resourceNotFound: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  throttled: 429,
  payloadTooLarge: 413,
};

/** The one place a failure's kind becomes an HTTP status. */
export function statusForFailure(failure: Failure): ContentfulStatusCode {
  return REQUEST_STATUS[failure.kind] ?? UPSTREAM_STATUS[failure.kind] ?? 502;
}

function failureResponse(failure: Failure, c: Context<AppEnv>) {
  const status = statusForFailure(failure);
  if (failure.retryAfter !== undefined) c.header("Retry-After", String(Math.ceil(failure.retryAfter)));
  if (status < 500) return c.json({ message: failure.message, errors: failure.fields }, status);
  c.get("logger")?.warn("upstream failure surfaced", {
    service: failure.service,
    kind: failure.kind,
    status: failure.status,
  });
  return c.json(
    {
      message: failure.message,
      service: failure.service,
      kind: failure.kind,
      ...(failure.fields.length ? { errors: failure.fields } : {}),
      correlationId: c.get("correlationId"),
    },
    status,
  );
}

/** The one error handler: callers see a status and a message, never a stack. */
export function handleError(error: Error, c: Context<AppEnv>) {
  const correlationId = c.get("correlationId");
  if (error instanceof Failure) return failureResponse(error, c);
  if (error instanceof ZodError) return validationResponse(c, zodFieldErrors(error));
  if (error instanceof HTTPException) {
    // Hono's validators throw these for a body they cannot read (malformed JSON, wrong media type).
    const message = error.message || "Request failed";
    const errors = error.status === 400 || error.status === 415 ? [{ path: "body", message }] : [];
    return c.json({ message, errors }, error.status as ContentfulStatusCode);
  }
  c.get("logger")?.error("unhandled error", { error: error.message, stack: error.stack });
  return c.json({ message: "Internal server error", correlationId }, 500);
}
