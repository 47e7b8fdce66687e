import * as clock from "../clock";
import { NOTIFICATION_DELIVERY_ATTEMPTS } from "../config";
import { notificationStatusRepository } from "../db/repositories/notificationStatus";
import { notificationRepository } from "../db/repositories/notifications";
import { Failure, isUpstreamFailure } from "../domain/failures/failure";
import { retryDelaySeconds } from "../domain/failures/policies";
import { NOTIFICATIONS } from "../providers/notifications";
import type { ServiceContext } from "./context";
import { deliverNotification, type NotificationDeliveryMessage } from "./notifications";
import { type FailedDelivery, recordDeadLetter, secretValues } from "./notificationsDeadLetters";
import { openSettings } from "./secrets";

/** What became of one queued delivery: the consumer acks, retries after the delay, or has dead-lettered it. */
type DeliveryOutcome =
  | { outcome: "delivered" }
  /** The target was deleted (or its id now names another target): nothing to send. */
  | { outcome: "dropped" }
  | { outcome: "retry"; delaySeconds: number; kind: string }
  | { outcome: "deadLettered"; failureId: number; kind: string };

/** The target a message names, when it still exists (same id and creation time). */
async function targetOf(ctx: Pick<ServiceContext, "db">, message: NotificationDeliveryMessage) {
  const target = await notificationRepository(ctx.db).get(message.targetId);
  return target && target.createdAt === message.targetCreatedAt ? target : undefined;
}

/**
 * Delivers one queued event to its target, settings read fresh (an edit is honoured), and records
 * the outcome in notification_status (health). A failure is retried on its kind's policy until
 * the last attempt; one no retry can fix, or the last, is dead-lettered.
 */
export async function deliverQueuedNotification(
  ctx: Pick<ServiceContext, "env" | "db">,
  message: NotificationDeliveryMessage,
  attempts: number,
): Promise<DeliveryOutcome> {
  const target = await targetOf(ctx, message);
  if (!target) return { outcome: "dropped" };
  const status = notificationStatusRepository(ctx.db);
  let secrets: string[] = [];
  try {
    const definition = NOTIFICATIONS.get(target.implementation);
    const settings = await openSettings(ctx.env, target.settings, definition.secretFields);
    secrets = secretValues(settings, definition.secretFields);
    await deliverNotification(ctx, definition, settings, message.event, message.payload, target.id);
  } catch (error) {
    // Anything else thrown (the runtime's own trouble) is treated as the upstream's, and retried.
    const failure = error instanceof Failure ? error : new Failure("upstreamError", String(error));
    await status.recordFailure(target.id, failure.kind, clock.nowIso());
    return afterFailure(ctx, { target, message, attempts, failure, secrets });
  }
  await status.recordSuccess(target.id, clock.nowIso());
  return { outcome: "delivered" };
}

async function afterFailure(ctx: Pick<ServiceContext, "db">, failed: FailedDelivery): Promise<DeliveryOutcome> {
  const { failure, attempts } = failed;
  // A failure outside the taxonomy (a setting refused before any call) has no retry policy: no retry fixes it.
  const delay =
    isUpstreamFailure(failure) && attempts < NOTIFICATION_DELIVERY_ATTEMPTS
      ? retryDelaySeconds(failure.kind, attempts, failure.retryAfter)
      : null;
  if (delay !== null) return { outcome: "retry", delaySeconds: delay, kind: failure.kind };
  const failureId = await recordDeadLetter(ctx, failed);
  return { outcome: "deadLettered", failureId, kind: failure.kind };
}

/**
 * Records, for a message the queue gave up on because our own side kept failing (it never got a
 * delivery verdict), a dead letter the user can retry; the message's target must still exist.
 * Returns the dead letter's id, or undefined when the target is gone.
 */
export async function recordUndeliverable(
  ctx: Pick<ServiceContext, "env" | "db">,
  message: NotificationDeliveryMessage,
  attempts: number,
): Promise<number | undefined> {
  const target = await targetOf(ctx, message);
  if (!target) return undefined;
  const definition = NOTIFICATIONS.get(target.implementation);
  const settings = await openSettings(ctx.env, target.settings, definition.secretFields).catch(() => ({}));
  const failure = new Failure(
    "upstreamError",
    "Not delivered: this app's own storage or runtime failed on every attempt the queue made (see System › Logs)",
    { service: "radarr-edge" },
  );
  return recordDeadLetter(ctx, {
    target,
    message,
    attempts,
    failure,
    secrets: secretValues(settings, definition.secretFields),
  });
}
