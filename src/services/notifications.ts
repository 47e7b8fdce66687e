import * as clock from "../clock";
import { upstreamPolicy } from "../config";
import { notificationStatusRepository } from "../db/repositories/notificationStatus";
import { type NotificationRow, notificationRepository } from "../db/repositories/notifications";
import { upstreamFetch } from "../integrations/http";
import type { NotificationDefinition } from "../providers/notifications";
import type { NotificationRequest } from "../providers/notifications/definition";
import {
  type NotificationEvent,
  type NotificationMessage,
  notificationMessage,
  subscriptionFlags,
} from "../providers/notifications/events";
import { notificationInstance } from "./configResources";
import type { ServiceContext } from "./context";

/** The most calls one message may take (ntfy topics, Pushbullet devices, Plex's follow-up). */
const MAX_CALLS = 20;

/**
 * One call through the upstream layer. A saved target's calls go through its own circuit breaker
 * ("webhook:3"), so one failing webhook never pauses the other webhooks.
 */
async function send(
  { env }: Pick<ServiceContext, "env">,
  request: NotificationRequest,
  targetId: number | undefined,
): Promise<unknown> {
  const response = await upstreamFetch({
    service: targetId === undefined ? request.service : `${request.service}:${targetId}`,
    url: request.url,
    init: { method: request.method, headers: request.headers, body: request.body },
    policy: upstreamPolicy(env),
    attempts: 2,
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends one message to one target: its calls in order, then its follow-up on the last answer. */
async function sendMessage(
  ctx: Pick<ServiceContext, "env">,
  definition: NotificationDefinition,
  settings: Record<string, unknown>,
  message: NotificationMessage,
  targetId: number | undefined,
): Promise<number> {
  const notifier = definition.open(settings, undefined);
  const requests = notifier.requests(message).slice(0, MAX_CALLS);
  let answer: unknown;
  for (const request of requests) answer = await send(ctx, request, targetId);
  const next = requests.length && notifier.followUp ? notifier.followUp(message, answer) : null;
  if (next) await send(ctx, next, targetId);
  return requests.length + (next ? 1 : 0);
}

/**
 * Delivers one event (or `test`) to one target (its settings plain, as validated or opened);
 * throws the upstream Failure when the target refuses or is unreachable. `targetId`, for a saved
 * target's queued delivery, gives its calls the target's own circuit breaker.
 */
export async function deliverNotification(
  ctx: Pick<ServiceContext, "env" | "db">,
  definition: NotificationDefinition,
  settings: Record<string, unknown>,
  event: NotificationEvent | "test",
  payload: Record<string, unknown>,
  targetId?: number,
): Promise<number> {
  const instance = await notificationInstance(ctx.db);
  return sendMessage(ctx, definition, settings, notificationMessage(event, payload, instance), targetId);
}

/** Radarr's tag rule: a target with tags hears only of movies sharing one. */
const hearsOf = (target: NotificationRow, movieTags: readonly number[]) =>
  target.tags.length === 0 || target.tags.some((tag) => movieTags.includes(tag));

/** The targets subscribed to an event, after the tag rule; events about no movie reach all. */
async function targetsFor(
  ctx: ServiceContext,
  event: NotificationEvent,
  payload: Record<string, unknown>,
): Promise<NotificationRow[]> {
  const repository = notificationRepository(ctx.db);
  const targets = await repository.subscribedTo(subscriptionFlags(event));
  const movieId = (payload.movie as { id?: unknown } | undefined)?.id;
  if (typeof movieId !== "number" || !targets.some((t) => t.tags.length)) return targets;
  const movieTags = await repository.movieTagIds(movieId);
  return targets.filter((t) => hearsOf(t, movieTags));
}

/**
 * One event for one target on the notifications queue. The target is named by id and by when it
 * was created, so a message that outlives its target (deleted, or the id reused after a restore)
 * is recognised and dropped; its settings are read at delivery, so an edit is honoured.
 */
export interface NotificationDeliveryMessage {
  targetId: number;
  targetCreatedAt: string;
  event: NotificationEvent;
  payload: Record<string, unknown>;
  /** When the event was queued: the first attempt follows at once. */
  queuedAt: string;
}

/** Cloudflare Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

/** Puts deliveries on the notifications queue. */
export async function enqueueNotifications(
  { env }: Pick<ServiceContext, "env">,
  messages: NotificationDeliveryMessage[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH)
    await env.NOTIFICATION_QUEUE.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
}

/** A target whose last this many deliveries all failed shows in health (NotificationStatusCheck). */
const FAILURES_BEFORE_UNAVAILABLE = 3;

/** The names of the targets failing lately: their last few deliveries all failed, none succeeded since. */
export function failingNotificationTargets(ctx: Pick<ServiceContext, "db">): Promise<string[]> {
  return notificationStatusRepository(ctx.db).failing(FAILURES_BEFORE_UNAVAILABLE);
}

/**
 * Queues an event for every target subscribed to it (after the event and tag filters): one
 * message per target, delivered by the notifications queue's consumer with retries, so a slow or
 * failing target never delays the caller or the other targets. Returns the number of targets.
 */
export async function notify(ctx: ServiceContext, event: NotificationEvent, payload: Record<string, unknown>) {
  const targets = await targetsFor(ctx, event, payload);
  const queuedAt = clock.nowIso();
  await enqueueNotifications(
    ctx,
    targets.map((target) => ({ targetId: target.id, targetCreatedAt: target.createdAt, event, payload, queuedAt })),
  );
  return targets.length;
}

/**
 * notify for movies whose tags the caller holds (a deleted movie's, read before it was deleted):
 * the subscribed targets are read once, so the mass editor's thousand movies cost one read, not a
 * thousand. A failure to queue is logged, as notifyQuietly does.
 */
export async function notifyEachQuietly(
  ctx: ServiceContext,
  event: NotificationEvent,
  items: { payload: Record<string, unknown>; tags: readonly number[] }[],
) {
  try {
    const targets = await notificationRepository(ctx.db).subscribedTo(subscriptionFlags(event));
    const queuedAt = clock.nowIso();
    const messages = items.flatMap(({ payload, tags }) =>
      targets
        .filter((target) => hearsOf(target, tags))
        .map((target) => ({ targetId: target.id, targetCreatedAt: target.createdAt, event, payload, queuedAt })),
    );
    await enqueueNotifications(ctx, messages);
  } catch (error) {
    ctx.logger.warn("notification failed", { event, error: (error as Error).message });
  }
}

/** Radarr's webhook `movie` of a library movie (the fields known here). */
export function webhookMovie(movie: {
  id: number;
  title: string;
  year?: number | null;
  tmdbId: number;
  imdbId?: string | null;
  path: string;
}) {
  return {
    id: movie.id,
    title: movie.title,
    year: movie.year ?? 0,
    tmdbId: movie.tmdbId,
    imdbId: movie.imdbId ?? "",
    folderPath: movie.path,
  };
}

/** notify for a caller that must not fail because notifying did: a failure to queue is logged. */
export async function notifyQuietly(ctx: ServiceContext, event: NotificationEvent, payload: Record<string, unknown>) {
  await notify(ctx, event, payload).catch((error) =>
    ctx.logger.warn("notification failed", { event, error: (error as Error).message }),
  );
}
