import type { ListSyncResult } from "../../durable-objects/ListSync";
import * as clock from "../clock";
import type { Env } from "../config";
import { createDatabase, type Database } from "../db/client";
import { importListName } from "../db/repositories/importLists";
import { listSyncJobRepository } from "../db/repositories/listSyncJobs";
import { retryDelaySeconds } from "../domain/failures/policies";
import { type Logger, rootLogger } from "../observability/logger";
import { incrementCounter, jobD1Meter } from "../observability/metrics";
import { jobContext } from "../services/context";
import { evaluateHealth } from "../services/healthEvents";

/** A list sync job on the queue. */
export interface ListSyncMessage {
  jobId: number;
  listId: number;
  trigger: "scheduled" | "manual" | "retry";
}

export function listSyncStub(env: Env, listId: number) {
  return env.LIST_SYNC.get(env.LIST_SYNC.idFromName(`list-${listId}`));
}

/** Records a job and puts it on the queue. */
export async function enqueueListSync(env: Env, db: Database, listId: number, trigger: ListSyncMessage["trigger"]) {
  const jobId = await listSyncJobRepository(db).record(listId, clock.nowIso());
  await env.LIST_SYNC_QUEUE.send({ jobId, listId, trigger } satisfies ListSyncMessage);
  return jobId;
}

/**
 * Seconds until a failed sync's next attempt (`attempt` 1 = the first retry), or null when its
 * kind's policy allows no more or no retry can succeed (a list too large to ever reserve).
 */
export function listSyncRetryDelay(result: Extract<ListSyncResult, { ok: false }>, attempt: number): number | null {
  return result.final ? null : retryDelaySeconds(result.kind, attempt, result.retryAfterSeconds);
}

/**
 * The queue consumer: runs each job through the list's ListSync object. A failure is retried on
 * the queue after its kind's policy delay; when the policy allows no more, the job goes to the
 * dead-letter queue, whose consumer records it (health and a notification follow).
 */
export async function consumeListSyncBatch(batch: MessageBatch<ListSyncMessage>, env: Env): Promise<void> {
  const jobs = listSyncJobRepository(createDatabase(env.DB, jobD1Meter("list-sync")));
  for (const message of batch.messages) {
    const { jobId, listId } = message.body;
    const logger = rootLogger.child({ listId, jobId, attempt: message.attempts });
    await jobs.markRunning(jobId, message.attempts);
    const result: ListSyncResult = await listSyncStub(env, listId).sync(
      listId,
      message.attempts > 1 ? "retry" : message.body.trigger,
    );
    if (result.ok) {
      await jobs.markSucceeded(jobId);
      message.ack();
      continue;
    }
    const delay = listSyncRetryDelay(result, message.attempts);
    await jobs.markFailed(jobId, {
      lastError: result.message,
      failureKind: result.kind,
      nextAttemptAt: delay === null ? null : new Date(clock.now() + delay * 1000).toISOString(),
    });
    if (delay === null) {
      await env.LIST_SYNC_DLQ.send(message.body);
      message.ack();
      logger.warn("list sync gave up; sent to the dead-letter queue", { kind: result.kind });
    } else {
      message.retry({ delaySeconds: delay });
      logger.info("list sync will be retried", { kind: result.kind, delaySeconds: delay });
    }
  }
}

/**
 * The dead-letter consumer: records what finally failed, then tells the user through the health
 * evaluation (ImportListJobCheck), which keeps the failing checks: one incident, one health notice.
 */
export async function consumeListSyncDeadLetters(
  batch: MessageBatch<ListSyncMessage>,
  env: Env,
  logger: Logger = rootLogger,
) {
  const db = createDatabase(env.DB, jobD1Meter("list-sync"));
  for (const message of batch.messages) {
    const { jobId, listId } = message.body;
    const jobs = listSyncJobRepository(db);
    const job = await jobs.get(jobId);
    await jobs.markDeadLettered(jobId, job?.lastError ?? "gave up after the last retry");
    const listName = await importListName(db, listId);
    incrementCounter("radarr_list_sync_dead_letters_total", "List sync jobs that failed after their last retry", {});
    logger.warn(`Import list '${listName ?? listId}' failed to sync: ${job?.lastError ?? "unknown error"}`, {
      listId,
      failureKind: job?.failureKind ?? "unknown",
    });
    message.ack();
  }
  // Recorded and acked first: a failed evaluation leaves the notice to the next scheduled CheckHealth.
  await evaluateHealth(jobContext(env, logger, db)).catch((error) =>
    logger.error("health evaluation failed", { error: (error as Error).message }),
  );
}
