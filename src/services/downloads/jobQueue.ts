import type { Env } from "../../config";

/**
 * Download work on the downloads queue (retries travel here with their policy's delay). Every
 * message names its queue item by id and by when it was grabbed, so a message that outlives its
 * item (deleted, or the id reused after a restore) is recognised and dropped.
 */
interface QueueItemRef {
  queueId: number;
  grabbedAt: string;
}

export type DownloadJobMessage =
  /** Send a grab its client could not take yet. */
  | ({ action: "grab" } & QueueItemRef)
  /** Check a failing download again (after a re-announce or re-check) and retry or give up. */
  | ({ action: "recheck" } & QueueItemRef)
  /** Import a finished download again (after disk full, permission denied…). */
  | ({ action: "import" } & QueueItemRef)
  /** Search for and grab the next-best release after the queue item failed. */
  | ({ action: "redownload"; movieId: number } & QueueItemRef);

export async function enqueueDownloadJob(env: Env, message: DownloadJobMessage, delaySeconds: number) {
  await env.DOWNLOAD_QUEUE.send(message, delaySeconds > 0 ? { delaySeconds: Math.round(delaySeconds) } : undefined);
}
