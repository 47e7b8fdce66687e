import type { Env } from "../config";
import { createDatabase } from "../db/client";
import { type Logger, rootLogger } from "../observability/logger";
import { incrementCounter } from "../observability/metrics";
import type { NotificationDeliveryMessage } from "../services/notifications";
import { deliverQueuedNotification, recordUndeliverable } from "../services/notificationsDelivery";

/** Seconds before a delivery our own trouble interrupted is tried again: longer each attempt, at most 5 minutes. */
const interruptedRetryDelay = (attempts: number) => Math.min(300, 15 * 2 ** Math.max(0, attempts - 1));

const countDeadLetter = () =>
  incrementCounter("radarr_notification_dead_letters_total", "Notification deliveries that failed for good", {});

/** A batch's messages by target, in the order they were sent. */
function byTarget(messages: readonly Message<NotificationDeliveryMessage>[]) {
  const groups = new Map<number, Message<NotificationDeliveryMessage>[]>();
  for (const message of messages) {
    const group = groups.get(message.body.targetId);
    if (group) group.push(message);
    else groups.set(message.body.targetId, [message]);
  }
  return [...groups.values()];
}

async function deliverOne(env: Env, message: Message<NotificationDeliveryMessage>, logger: Logger): Promise<void> {
  const { targetId, event } = message.body;
  const log = logger.child({ notificationId: targetId, event, attempt: message.attempts });
  try {
    const result = await deliverQueuedNotification({ env, db: createDatabase(env.DB) }, message.body, message.attempts);
    if (result.outcome === "retry") {
      message.retry({ delaySeconds: result.delaySeconds });
      log.info("notification will be retried", { kind: result.kind, delaySeconds: result.delaySeconds });
      return;
    }
    if (result.outcome === "deadLettered") {
      countDeadLetter();
      log.warn("notification gave up; dead-lettered", { kind: result.kind, failureId: result.failureId });
    }
    message.ack();
  } catch (error) {
    // Our own trouble (D1 unavailable): the queue tries again, up to its max_retries; after the
    // last, the message goes to the dead-letter queue (consumeNotificationDeadLetters).
    log.error("notification delivery failed unexpectedly", { error: (error as Error).message });
    message.retry({ delaySeconds: interruptedRetryDelay(message.attempts) });
  }
}

/**
 * The notifications queue's consumer: each target's messages one at a time, in order; the targets
 * side by side, so a slow target holds up only its own messages.
 */
export async function consumeNotificationBatch(
  batch: MessageBatch<NotificationDeliveryMessage>,
  env: Env,
  logger: Logger = rootLogger,
): Promise<void> {
  await Promise.all(
    byTarget(batch.messages).map(async (messages) => {
      for (const message of messages) await deliverOne(env, message, logger);
    }),
  );
}

/**
 * The notifications dead-letter queue's consumer: a message whose every delivery our own trouble
 * interrupted (it never reached a verdict) becomes a dead-letter row the user can retry, so no
 * event is lost silently. If D1 still fails, the dead-letter queue tries again.
 */
export async function consumeNotificationDeadLetters(
  batch: MessageBatch<NotificationDeliveryMessage>,
  env: Env,
  logger: Logger = rootLogger,
): Promise<void> {
  const db = createDatabase(env.DB);
  for (const message of batch.messages) {
    const { targetId, event } = message.body;
    const log = logger.child({ notificationId: targetId, event, deadLetter: true });
    const failureId = await recordUndeliverable({ env, db }, message.body, message.attempts);
    if (failureId === undefined) log.info("notification's target is gone; dead letter dropped");
    else {
      countDeadLetter();
      log.warn("notification could not be delivered; dead-lettered", { failureId });
    }
    message.ack();
  }
}
