import * as clock from "../clock";
import { upstreamPolicy } from "../config";
import { notificationStatusRepository } from "../db/repositories/notificationStatus";
import { type NotificationRow, notificationRepository } from "../db/repositories/notifications";
import { Failure } from "../domain/failures/failure";
import { upstreamFetch } from "../integrations/http";
import { NOTIFICATIONS, type NotificationDefinition } from "../providers/notifications";
import type { NotificationRequest } from "../providers/notifications/definition";
import {
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type NotificationMessage,
  notificationMessage,
} from "../providers/notifications/events";
import { notificationInstance } from "./configResources";
import type { ServiceContext } from "./context";
import { openSettings } from "./secrets";

/** The most calls one message may take (ntfy topics, Pushbullet devices, Plex's follow-up). */
const MAX_CALLS = 20;

async function send({ env }: Pick<ServiceContext, "env">, request: NotificationRequest): Promise<unknown> {
  const response = await upstreamFetch({
    service: request.service,
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
): Promise<number> {
  const notifier = definition.open(settings, undefined);
  const requests = notifier.requests(message).slice(0, MAX_CALLS);
  let answer: unknown;
  for (const request of requests) answer = await send(ctx, request);
  const next = requests.length && notifier.followUp ? notifier.followUp(message, answer) : null;
  if (next) await send(ctx, next);
  return requests.length + (next ? 1 : 0);
}

/**
 * Delivers one event (or `test`) to one target (its settings plain, as validated or opened);
 * throws the upstream Failure when the target refuses or is unreachable.
 */
export async function deliverNotification(
  ctx: Pick<ServiceContext, "env" | "db">,
  definition: NotificationDefinition,
  settings: Record<string, unknown>,
  event: NotificationEvent | "test",
  payload: Record<string, unknown>,
): Promise<number> {
  const instance = await notificationInstance(ctx.db);
  return sendMessage(ctx, definition, settings, notificationMessage(event, payload, instance));
}

/** Radarr's tag rule: a target with tags hears only of movies sharing one; events about no movie reach all. */
async function targetsFor(
  ctx: ServiceContext,
  event: NotificationEvent,
  payload: Record<string, unknown>,
): Promise<NotificationRow[]> {
  const repository = notificationRepository(ctx.db);
  const targets = await repository.subscribedTo(NOTIFICATION_EVENTS[event]);
  const movieId = (payload.movie as { id?: unknown } | undefined)?.id;
  if (typeof movieId !== "number" || !targets.some((t) => t.tags.length)) return targets;
  const movieTags = new Set(await repository.movieTagIds(movieId));
  return targets.filter((t) => t.tags.length === 0 || t.tags.some((tag) => movieTags.has(tag)));
}

/** Delivers an event to one saved target, its secrets opened, and records how it went. */
async function deliverToTarget(
  ctx: Pick<ServiceContext, "env" | "db">,
  target: NotificationRow,
  event: NotificationEvent,
  payload: Record<string, unknown>,
) {
  const status = notificationStatusRepository(ctx.db);
  try {
    const definition = NOTIFICATIONS.get(target.implementation);
    const settings = await openSettings(ctx.env, target.settings, definition.secretFields);
    await deliverNotification(ctx, definition, settings, event, payload);
  } catch (error) {
    await status.recordFailure(target.id, error instanceof Failure ? error.kind : "unknown", clock.nowIso());
    throw error;
  }
  await status.recordSuccess(target.id, clock.nowIso());
}

/** A target whose last this many deliveries all failed shows in health (NotificationStatusCheck). */
const FAILURES_BEFORE_UNAVAILABLE = 3;

/** The names of the targets failing lately: their last few deliveries all failed, none succeeded since. */
export function failingNotificationTargets(ctx: Pick<ServiceContext, "db">): Promise<string[]> {
  return notificationStatusRepository(ctx.db).failing(FAILURES_BEFORE_UNAVAILABLE);
}

/** Sends an event to every target subscribed to it; failures of one target do not stop others. */
export async function notify(ctx: ServiceContext, event: NotificationEvent, payload: Record<string, unknown>) {
  const targets = await targetsFor(ctx, event, payload);
  const results = await Promise.allSettled(targets.map((target) => deliverToTarget(ctx, target, event, payload)));
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length)
    throw new Error(
      `${failed.length} of ${targets.length} notifications failed: ${(failed[0] as PromiseRejectedResult).reason}`,
    );
  return targets.length;
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

/** notify for a caller that must not fail because a target did: a failed target is logged. */
export async function notifyQuietly(ctx: ServiceContext, event: NotificationEvent, payload: Record<string, unknown>) {
  await notify(ctx, event, payload).catch((error) =>
    ctx.logger.warn("notification failed", { event, error: (error as Error).message }),
  );
}
