import * as clock from "../clock";
import { notificationFailureRepository } from "../db/repositories/notificationFailures";
import type { NotificationRow } from "../db/repositories/notifications";
import { notificationRepository } from "../db/repositories/notifications";
import type { NotificationFailureSummary } from "../db/schema";
import { type Failure, resourceNotFound } from "../domain/failures/failure";
import { redactUrl } from "../observability/logger";
import type { NotificationEvent } from "../providers/notifications/events";
import type { ServiceContext } from "./context";
import { enqueueNotifications, type NotificationDeliveryMessage } from "./notifications";

/** What stands in for a secret in a dead letter's text. */
const SCRUBBED = "********";
/** Shorter values are not looked for: "1" would scrub every digit. */
const MIN_SECRET_LENGTH = 4;
const MAX_MESSAGE_LENGTH = 300;

/** The plain values of a target's secret settings (a key-value list's values included). */
export function secretValues(settings: Record<string, unknown>, secretFields: readonly string[]): string[] {
  return secretFields.flatMap((field) => {
    const value = settings[field];
    if (typeof value === "string") return [value];
    if (Array.isArray(value))
      return value.flatMap((pair) => (typeof pair?.value === "string" ? [pair.value as string] : []));
    return [];
  });
}

/**
 * Text fit to keep: every secret value of the target replaced, credential parameters redacted,
 * and every URL cut to its origin (a webhook URL's path can carry a token, as Discord's does).
 */
function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(SCRUBBED);
  out = redactUrl(out).replace(/\b(https?:\/\/[^\s/?#]+)[^\s]*/gi, "$1/…");
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : out;
}

/** The payload's movie (title, year, TMDb id), or for an event about no movie its message, scrubbed. */
function summaryOf(payload: Record<string, unknown>, secrets: string[]): NotificationFailureSummary {
  const movie = payload.movie as { title?: unknown; year?: unknown; tmdbId?: unknown } | undefined;
  if (movie && typeof movie.title === "string") {
    return {
      title: movie.title,
      ...(typeof movie.year === "number" ? { year: movie.year } : {}),
      ...(typeof movie.tmdbId === "number" ? { tmdbId: movie.tmdbId } : {}),
    };
  }
  return typeof payload.message === "string" ? { message: scrub(payload.message, secrets) } : {};
}

/** A delivery that failed: what the consumer decides on (retry or dead letter) and a dead letter records. */
export interface FailedDelivery {
  target: NotificationRow;
  message: NotificationDeliveryMessage;
  attempts: number;
  failure: Failure;
  /** The target's secret values (secretValues), scrubbed from what a dead letter keeps. */
  secrets: string[];
}

/** Writes the dead-letter row of a delivery that failed for good; returns its id. */
export function recordDeadLetter(ctx: Pick<ServiceContext, "db">, failed: FailedDelivery): Promise<number> {
  const { target, message, attempts, failure, secrets } = failed;
  return notificationFailureRepository(ctx.db).record({
    notificationId: target.id,
    notificationName: target.name,
    event: message.event,
    payload: message.payload,
    summary: summaryOf(message.payload, secrets),
    failureKind: failure.kind,
    failureMessage: scrub(failure.message, secrets),
    attempts,
    firstAttemptAt: message.queuedAt,
    lastAttemptAt: clock.nowIso(),
  });
}

/** Dead letters as the API lists them (newest first), without their payloads. */
export async function notificationFailurePage(ctx: Pick<ServiceContext, "db">, page: number, pageSize: number) {
  const { rows, totalRecords } = await notificationFailureRepository(ctx.db).page(page, pageSize);
  return { records: rows.map(({ payload: _payload, ...row }) => row), totalRecords };
}

/** Sends a dead-lettered event to its target again (a fresh set of attempts) and removes the row. */
export async function retryNotificationFailure(ctx: Pick<ServiceContext, "db" | "env">, id: number): Promise<void> {
  const failures = notificationFailureRepository(ctx.db);
  const row = await failures.get(id);
  // A deleted target takes its dead letters with it (cascade), so a row always has its target.
  const target = row && (await notificationRepository(ctx.db).get(row.notificationId));
  if (!row || !target) throw resourceNotFound(`Notification failure ${id}`);
  await enqueueNotifications(ctx, [
    {
      targetId: target.id,
      targetCreatedAt: target.createdAt,
      event: row.event as NotificationEvent,
      payload: row.payload,
      queuedAt: clock.nowIso(),
    },
  ]);
  await failures.delete(id);
}

export async function deleteNotificationFailure(ctx: Pick<ServiceContext, "db">, id: number): Promise<void> {
  if (!(await notificationFailureRepository(ctx.db).delete(id))) throw resourceNotFound(`Notification failure ${id}`);
}
