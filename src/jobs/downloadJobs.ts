import type { Env } from "../config";
import { createDatabase } from "../db/client";
import { rootLogger } from "../observability/logger";
import { incrementCounter, jobD1Meter } from "../observability/metrics";
import { jobContext } from "../services/context";
import { recordDeadLetter } from "../services/downloads/deadLetters";
import type { DownloadJobMessage } from "../services/downloads/jobQueue";
import { runDownloadJob } from "../services/downloads/queueJobs";
import { downloadWork } from "../services/downloads/work";

// A message that failed unexpectedly (a bug, D1 unavailable) comes back after this long; the
// queue's max_retries then hands it to the dead-letter queue.
const UNEXPECTED_FAILURE_DELAY_SECONDS = 60;

/**
 * The downloads queue consumer: pending grabs, failing downloads checked again, imports retried,
 * re-searches. Each job either finishes (ack) or asks to come back after its failure kind's
 * policy delay (retry); a job whose retries ran out was sent to the dead-letter queue by the job.
 */
export async function consumeDownloadBatch(batch: MessageBatch<DownloadJobMessage>, env: Env): Promise<void> {
  const db = createDatabase(env.DB, jobD1Meter("downloads"));
  for (const message of batch.messages) {
    const logger = rootLogger.child({ ...message.body, attempt: message.attempts });
    try {
      const outcome = await runDownloadJob(downloadWork(jobContext(env, logger, db)), message.body, {
        attempts: message.attempts,
      });
      if (outcome.retry) {
        logger.info("download job will be retried", { delaySeconds: outcome.delaySeconds });
        message.retry({ delaySeconds: outcome.delaySeconds });
      } else {
        message.ack();
      }
    } catch (error) {
      logger.error("download job failed", { error: (error as Error).message });
      message.retry({ delaySeconds: UNEXPECTED_FAILURE_DELAY_SECONDS });
    }
  }
}

/** The dead-letter consumer: records what finally failed (history, health, notification). */
export async function consumeDownloadDeadLetters(batch: MessageBatch<DownloadJobMessage>, env: Env): Promise<void> {
  const db = createDatabase(env.DB, jobD1Meter("downloads"));
  for (const message of batch.messages) {
    const logger = rootLogger.child({ ...message.body, deadLetter: true });
    await recordDeadLetter(downloadWork(jobContext(env, logger, db)), message.body);
    incrementCounter("radarr_download_dead_letters_total", "Download jobs that failed after their last retry", {
      action: message.body.action,
    });
    logger.warn("download job dead-lettered");
    message.ack();
  }
}
